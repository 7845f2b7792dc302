import type { AuthProvider } from './auth-provider.js';

/** Whether an auth provider attaches an `Authorization` header (for telemetry). */
export interface AuthHeaderTelemetry {
  /** `true` when `addAuthHeaders` set `Authorization`. */
  readonly attached: boolean;
  /** `'authorization'` when attached. */
  readonly name?: 'authorization' | undefined;
}

/**
 * Calls `auth.addAuthHeaders` on an empty header set and reports whether it attached an
 * `Authorization` header (never its value).
 *
 * @example
 * authHeaderTelemetry(createBearerAuth({ token })); // { attached: true, name: 'authorization' }
 */
export function authHeaderTelemetry(auth: AuthProvider): AuthHeaderTelemetry {
  const headers = new Headers();
  auth.addAuthHeaders(headers);
  return headers.has('authorization')
    ? { attached: true, name: 'authorization' }
    : { attached: false };
}
