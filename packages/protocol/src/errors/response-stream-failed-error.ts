import { assertStatus } from './assert-status.js';
import { CodexError, type CodexErrorOptions, isMarked, markErrorClass } from './codex-error.js';
import type { CodexErrorInfo } from './codex-error-info.js';

/** Named arguments of {@link ResponseStreamFailedError}. */
export interface ResponseStreamFailedErrorOptions extends CodexErrorOptions {
  /** The transport's description of the failure. */
  detail: string;
  /** The HTTP status involved, if any. */
  httpStatus?: number | undefined;
  requestId?: string | undefined;
}

/**
 * Reading the server's response failed.
 *
 * Message: `Error while reading the server response: {detail}[, request id: {id}]`. Retryable.
 */
export class ResponseStreamFailedError extends CodexError {
  override readonly name: string = 'ResponseStreamFailedError';
  readonly kind: 'response_stream_failed' = 'response_stream_failed';
  readonly isRetryable: boolean = true;
  /** The transport's description of the failure. */
  readonly detail: string;
  readonly requestId?: string;
  readonly #httpStatus: number | undefined;

  constructor(options: ResponseStreamFailedErrorOptions) {
    if (options.httpStatus !== undefined) assertStatus(options.httpStatus, 'httpStatus');
    const requestId = options.requestId === undefined ? '' : `, request id: ${options.requestId}`;
    super(`Error while reading the server response: ${options.detail}${requestId}`, options);
    markErrorClass(this, 'ResponseStreamFailedError');
    this.detail = options.detail;
    if (options.requestId !== undefined) this.requestId = options.requestId;
    this.#httpStatus = options.httpStatus;
  }

  override get httpStatus(): number | undefined {
    return this.#httpStatus;
  }

  get errorInfo(): CodexErrorInfo {
    return { response_stream_connection_failed: { http_status_code: this.#httpStatus ?? null } };
  }

  /** Whether `value` is a `ResponseStreamFailedError`, from any installed copy of this package. */
  static override isInstance(value: unknown): value is ResponseStreamFailedError {
    return isMarked(value, 'ResponseStreamFailedError');
  }
}
