import { CodexError, type CodexErrorOptions, isMarked, markErrorClass } from './codex-error.js';
import type { CodexErrorInfo } from './codex-error-info.js';

/** Why refreshing a token failed. */
export type RefreshTokenFailedReason = 'expired' | 'exhausted' | 'revoked' | 'other';

/** Named arguments of {@link RefreshTokenFailedError}. */
export interface RefreshTokenFailedErrorOptions extends CodexErrorOptions {
  /** The text shown to the user. */
  message: string;
  /** @default 'other' */
  reason?: RefreshTokenFailedReason | undefined;
}

/**
 * Refreshing the sign-in token failed; the user must sign in again.
 *
 * Message: the given message. Not retryable.
 */
export class RefreshTokenFailedError extends CodexError {
  override readonly name: string = 'RefreshTokenFailedError';
  readonly kind: 'refresh_token_failed' = 'refresh_token_failed';
  readonly isRetryable: boolean = false;
  /** Why refreshing failed. */
  readonly reason: RefreshTokenFailedReason;

  constructor(options: RefreshTokenFailedErrorOptions) {
    super(options.message, options);
    markErrorClass(this, 'RefreshTokenFailedError');
    this.reason = options.reason ?? 'other';
  }

  get errorInfo(): CodexErrorInfo {
    return 'unauthorized';
  }

  /** Whether `value` is a `RefreshTokenFailedError`, from any installed copy of this package. */
  static override isInstance(value: unknown): value is RefreshTokenFailedError {
    return isMarked(value, 'RefreshTokenFailedError');
  }
}
