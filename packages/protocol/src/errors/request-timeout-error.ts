import { CodexError, type CodexErrorOptions, isMarked, markErrorClass } from './codex-error.js';
import type { CodexErrorInfo } from './codex-error-info.js';

/**
 * The request timed out.
 *
 * Message: `request timed out`. Retryable.
 */
export class RequestTimeoutError extends CodexError {
  override readonly name: string = 'RequestTimeoutError';
  readonly kind: 'request_timeout' = 'request_timeout';
  readonly isRetryable: boolean = true;

  constructor(options: CodexErrorOptions = {}) {
    super('request timed out', options);
    markErrorClass(this, 'RequestTimeoutError');
  }

  get errorInfo(): CodexErrorInfo {
    return 'other';
  }

  /** Whether `value` is a `RequestTimeoutError`, from any installed copy of this package. */
  static override isInstance(value: unknown): value is RequestTimeoutError {
    return isMarked(value, 'RequestTimeoutError');
  }
}
