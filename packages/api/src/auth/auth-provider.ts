import type { AttemptContext, PreparedRequest } from '@codex/client';

/**
 * Adds credentials to requests. `authenticate` runs before every attempt — retries included,
 * after the backoff sleep, immediately before the bytes go out — with the request exactly as it
 * will be sent (final headers and body bytes), so a rotated token is picked up and a signature
 * never ages. It returns the request to send: usually a copy with auth headers added; a signing
 * provider (AWS SigV4) signs method, URL, headers and bytes.
 *
 * Throw `createAuthError({ kind: 'transient' | 'build', … })` to fail the attempt: transient
 * failures are retried like network errors, build failures are not. Anything else thrown is a
 * build failure. The call's abort and deadline reach the provider through `context.signal`.
 */
export interface AuthProvider {
  /** Authenticates one attempt; returns the request to send. */
  authenticate(
    request: PreparedRequest,
    context: AttemptContext,
  ): PreparedRequest | Promise<PreparedRequest>;
}

/** An auth provider that adds nothing (local servers without auth). */
export const noAuth: AuthProvider = Object.freeze({
  authenticate: (request: PreparedRequest): PreparedRequest => request,
});
