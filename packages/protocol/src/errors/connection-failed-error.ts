import { assertStatus } from './assert-status.js';
import { CodexError, type CodexErrorOptions, isMarked, markErrorClass } from './codex-error.js';
import type { CodexErrorInfo } from './codex-error-info.js';

/** Named arguments of {@link ConnectionFailedError}. */
export interface ConnectionFailedErrorOptions extends CodexErrorOptions {
  /** The transport's description of the failure. */
  detail: string;
  /** The HTTP status involved, if any. */
  httpStatus?: number | undefined;
}

/**
 * Connecting to the server failed.
 *
 * Message: `Connection failed: {detail}`. Retryable.
 */
export class ConnectionFailedError extends CodexError {
  override readonly name: string = 'ConnectionFailedError';
  readonly kind: 'connection_failed' = 'connection_failed';
  readonly isRetryable: boolean = true;
  /** The transport's description of the failure. */
  readonly detail: string;
  readonly #httpStatus: number | undefined;

  constructor(options: ConnectionFailedErrorOptions) {
    if (options.httpStatus !== undefined) assertStatus(options.httpStatus, 'httpStatus');
    super(`Connection failed: ${options.detail}`, options);
    markErrorClass(this, 'ConnectionFailedError');
    this.detail = options.detail;
    this.#httpStatus = options.httpStatus;
  }

  override get httpStatus(): number | undefined {
    return this.#httpStatus;
  }

  get errorInfo(): CodexErrorInfo {
    return { http_connection_failed: { http_status_code: this.#httpStatus ?? null } };
  }

  /** Whether `value` is a `ConnectionFailedError`, from any installed copy of this package. */
  static override isInstance(value: unknown): value is ConnectionFailedError {
    return isMarked(value, 'ConnectionFailedError');
  }
}
