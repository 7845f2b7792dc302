import type { Request } from '@codex/client';

/**
 * Adds credentials to requests. Called on every attempt, retries included, so a signature is
 * always fresh and a rotated token is picked up.
 */
export interface AuthProvider {
  /**
   * Adds whatever auth headers are available without looking at the body (for example
   * `Authorization: Bearer …`). Must not throw for a missing credential: add nothing instead.
   */
  addAuthHeaders(headers: Headers): void;
  /**
   * Optional: authenticates a prepared request (its body bytes are final). Request-signing
   * providers (AWS SigV4) implement this; the returned request is sent as it is. Throw an
   * `AuthError` to fail the attempt. When absent, {@link applyAuth} uses `addAuthHeaders`.
   */
  applyAuth?(request: Request): Promise<Request>;
  /**
   * Optional: called once when a request failed with 401. Resolve `true` when the credential was
   * refreshed and the request should be sent again, `false` when there is nothing left to try.
   */
  recoverUnauthorized?(options: { readonly signal?: AbortSignal | undefined }): Promise<boolean>;
}

/** An auth provider that adds nothing (local servers without auth). */
export const noAuth: AuthProvider = Object.freeze({
  addAuthHeaders(): void {},
});

/**
 * Authenticates `request` with `auth`: its `applyAuth` when it has one, otherwise a copy of the
 * request with `addAuthHeaders` applied on top of the existing headers (auth wins).
 */
export async function applyAuth(auth: AuthProvider, request: Request): Promise<Request> {
  if (auth.applyAuth !== undefined) return auth.applyAuth(request);
  const headers = new Headers(request.headers);
  auth.addAuthHeaders(headers);
  return { ...request, headers };
}
