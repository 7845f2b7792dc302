import { CodexError, type CodexErrorOptions, isMarked, markErrorClass } from './codex-error.js';
import type { CodexErrorInfo } from './codex-error-info.js';

/** Named arguments of {@link FatalError}. */
export interface FatalErrorOptions extends CodexErrorOptions {
  /** What went wrong. */
  detail: string;
}

/**
 * An error nothing can recover from, such as an unsupported configuration.
 *
 * Message: `Fatal error: {detail}`. Not retryable.
 */
export class FatalError extends CodexError {
  override readonly name: string = 'FatalError';
  readonly kind: 'fatal' = 'fatal';
  readonly isRetryable: boolean = false;
  /** What went wrong. */
  readonly detail: string;

  constructor(options: FatalErrorOptions) {
    super(`Fatal error: ${options.detail}`, options);
    markErrorClass(this, 'FatalError');
    this.detail = options.detail;
  }

  get errorInfo(): CodexErrorInfo {
    return 'other';
  }

  /** Whether `value` is a `FatalError`, from any installed copy of this package. */
  static override isInstance(value: unknown): value is FatalError {
    return isMarked(value, 'FatalError');
  }
}
