import { TransportError } from '@codex/client';

/** `build`: the request cannot be authenticated (never retried); `transient`: try again. */
export type AuthErrorKind = 'build' | 'transient';

/** Named arguments of {@link createAuthError}. */
export interface AuthErrorOptions {
  /** Whether retrying can help. */
  readonly kind: AuthErrorKind;
  /** What went wrong. Must never contain the credential itself. */
  readonly message: string;
  /** The underlying error (kept as `cause`; never shown beyond its name and message). */
  readonly cause?: unknown;
}

/**
 * The error an `AuthProvider` throws when it cannot authenticate an attempt, as the transport sees
 * it (upstream `AuthError` converted to `TransportError`): `build` becomes a `build` error that is
 * never retried (`request build error: {message}`); `transient` becomes a `network` error, retried
 * like one (`network error: {message}`).
 *
 * @example
 * throw createAuthError({ kind: 'transient', message: 'credentials provider timed out' });
 */
export function createAuthError(options: AuthErrorOptions): TransportError {
  return new TransportError({
    kind: options.kind === 'build' ? 'build' : 'network',
    detail: options.message,
    cause: options.cause,
  });
}
