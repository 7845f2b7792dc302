import { TransportError } from '@codex/client';

const MARKER = Symbol.for('codex.api.auth-error');

/** `build`: the request cannot be authenticated (never retried); `transient`: try again. */
export type AuthErrorKind = 'build' | 'transient';

/**
 * A failure to authenticate a request. `build` errors (bad configuration, a missing credential)
 * are never retried; `transient` ones (a credential provider timed out) are retried like
 * network errors. Messages must never contain the credential itself.
 */
export class AuthError extends Error {
  /** Whether retrying can help. */
  readonly kind: AuthErrorKind;
  /** The message without the Display prefix. */
  readonly detail: string;

  constructor(options: {
    readonly kind: AuthErrorKind;
    readonly message: string;
    readonly cause?: unknown;
  }) {
    super(
      options.kind === 'build'
        ? `request auth build error: ${options.message}`
        : `transient auth error: ${options.message}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'AuthError';
    this.kind = options.kind;
    this.detail = options.message;
    Object.defineProperty(this, MARKER, { value: true });
  }

  /** True for an `AuthError` from any copy of this package. */
  static isInstance(value: unknown): value is AuthError {
    return typeof value === 'object' && value !== null && MARKER in value;
  }

  /** The transport error the retry loop sees: `build` → `build`, `transient` → `network`. */
  toTransportError(): TransportError {
    return new TransportError({
      kind: this.kind === 'build' ? 'build' : 'network',
      detail: this.detail,
      cause: this,
    });
  }
}
