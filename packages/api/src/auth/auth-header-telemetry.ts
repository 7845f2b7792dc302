import type { AuthProvider } from './auth-provider.js';

/** Whether an auth provider attaches an `Authorization` header (for telemetry). */
export interface AuthHeaderTelemetry {
  /** `true` when authenticating set `Authorization`. */
  readonly attached: boolean;
  /** `'authorization'` when attached. */
  readonly name?: 'authorization' | undefined;
}

/**
 * Authenticates an empty request with `auth` and reports whether it attached an `Authorization`
 * header (never its value), as upstream `auth_header_telemetry`. A provider that fails reports
 * `{ attached: false }`.
 *
 * @example
 * await authHeaderTelemetry(createBearerAuth({ token })); // { attached: true, name: 'authorization' }
 */
export async function authHeaderTelemetry(auth: AuthProvider): Promise<AuthHeaderTelemetry> {
  try {
    const request = await auth.authenticate(
      { method: 'GET', url: 'http://localhost/', headers: new Headers() },
      { attempt: 0, signal: new AbortController().signal },
    );
    if (request.headers.has('authorization')) return { attached: true, name: 'authorization' };
  } catch {
    // A provider that cannot authenticate attaches nothing.
  }
  return { attached: false };
}
