import { formatStatus } from '../status-text.js';
import { assertStatus } from './assert-status.js';
import { CodexError, type CodexErrorOptions, isMarked, markErrorClass } from './codex-error.js';
import type { CodexErrorInfo } from './codex-error-info.js';

/** Named arguments of {@link RetryLimitError}. */
export interface RetryLimitErrorOptions extends CodexErrorOptions {
  /** The last HTTP status seen. */
  status: number;
  requestId?: string | undefined;
}

/**
 * Retries were exhausted (also how a plain HTTP 429 is reported).
 *
 * Message: `exceeded retry limit, last status: {code} {reason}[, request id: {id}]`. Not retryable.
 */
export class RetryLimitError extends CodexError {
  override readonly name: string = 'RetryLimitError';
  readonly kind: 'retry_limit' = 'retry_limit';
  readonly isRetryable: boolean = false;
  /** The last HTTP status seen. */
  readonly status: number;
  readonly requestId?: string;

  constructor(options: RetryLimitErrorOptions) {
    assertStatus(options.status, 'status');
    const requestId = options.requestId === undefined ? '' : `, request id: ${options.requestId}`;
    super(
      `exceeded retry limit, last status: ${formatStatus(options.status)}${requestId}`,
      options,
    );
    markErrorClass(this, 'RetryLimitError');
    this.status = options.status;
    if (options.requestId !== undefined) this.requestId = options.requestId;
  }

  override get httpStatus(): number {
    return this.status;
  }

  get errorInfo(): CodexErrorInfo {
    return { response_too_many_failed_attempts: { http_status_code: this.status } };
  }

  /** Whether `value` is a `RetryLimitError`, from any installed copy of this package. */
  static override isInstance(value: unknown): value is RetryLimitError {
    return isMarked(value, 'RetryLimitError');
  }
}
