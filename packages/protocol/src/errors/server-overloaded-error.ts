import { CodexError, type CodexErrorOptions, isMarked, markErrorClass } from './codex-error.js';
import type { CodexErrorInfo } from './codex-error-info.js';

/**
 * The selected model is at capacity.
 *
 * Message: `Selected model is at capacity. Please try a different model.`. Not retryable.
 */
export class ServerOverloadedError extends CodexError {
  override readonly name: string = 'ServerOverloadedError';
  readonly kind: 'server_overloaded' = 'server_overloaded';
  readonly isRetryable: boolean = false;

  constructor(options: CodexErrorOptions = {}) {
    super('Selected model is at capacity. Please try a different model.', options);
    markErrorClass(this, 'ServerOverloadedError');
  }

  get errorInfo(): CodexErrorInfo {
    return 'server_overloaded';
  }

  /** Whether `value` is a `ServerOverloadedError`, from any installed copy of this package. */
  static override isInstance(value: unknown): value is ServerOverloadedError {
    return isMarked(value, 'ServerOverloadedError');
  }
}
