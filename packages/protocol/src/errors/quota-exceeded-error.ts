import { CodexError, type CodexErrorOptions, isMarked, markErrorClass } from './codex-error.js';
import type { CodexErrorInfo } from './codex-error-info.js';

/**
 * The account's quota is used up.
 *
 * Message: `Quota exceeded. Check your plan and billing details.`. Not retryable.
 */
export class QuotaExceededError extends CodexError {
  override readonly name: string = 'QuotaExceededError';
  readonly kind: 'quota_exceeded' = 'quota_exceeded';
  readonly isRetryable: boolean = false;

  constructor(options: CodexErrorOptions = {}) {
    super('Quota exceeded. Check your plan and billing details.', options);
    markErrorClass(this, 'QuotaExceededError');
  }

  get errorInfo(): CodexErrorInfo {
    return 'usage_limit_exceeded';
  }

  /** Whether `value` is a `QuotaExceededError`, from any installed copy of this package. */
  static override isInstance(value: unknown): value is QuotaExceededError {
    return isMarked(value, 'QuotaExceededError');
  }
}
