import { CodexError, type CodexErrorOptions, isMarked, markErrorClass } from './codex-error.js';
import type { CodexErrorInfo } from './codex-error-info.js';

/** Named arguments of {@link StreamDisconnectedError}. */
export interface StreamDisconnectedErrorOptions extends CodexErrorOptions {
  /** What went wrong, e.g. `stream closed before response.completed`. */
  detail: string;
  /** How long the server asked to wait before retrying, in milliseconds. */
  retryDelayMs?: number | undefined;
}

/**
 * The response stream ended before `response.completed` (upstream `CodexErr::Stream`).
 *
 * Message: `stream disconnected before completion: {detail}`. Retryable.
 */
export class StreamDisconnectedError extends CodexError {
  override readonly name: string = 'StreamDisconnectedError';
  readonly kind: 'stream_disconnected' = 'stream_disconnected';
  readonly isRetryable: boolean = true;
  /** What went wrong. */
  readonly detail: string;
  /** How long the server asked to wait before retrying, in milliseconds. */
  readonly retryDelayMs?: number;

  constructor(options: StreamDisconnectedErrorOptions) {
    super(`stream disconnected before completion: ${options.detail}`, options);
    markErrorClass(this, 'StreamDisconnectedError');
    this.detail = options.detail;
    if (options.retryDelayMs !== undefined) {
      if (!(options.retryDelayMs >= 0)) {
        throw new RangeError('retryDelayMs must be a non-negative number of milliseconds');
      }
      this.retryDelayMs = options.retryDelayMs;
    }
  }

  // The PR-era snapshot reports `other`; retry notices build `response_stream_disconnected`
  // themselves from `httpStatus`.
  get errorInfo(): CodexErrorInfo {
    return 'other';
  }

  /** Whether `value` is a `StreamDisconnectedError`, from any installed copy of this package. */
  static override isInstance(value: unknown): value is StreamDisconnectedError {
    return isMarked(value, 'StreamDisconnectedError');
  }
}
