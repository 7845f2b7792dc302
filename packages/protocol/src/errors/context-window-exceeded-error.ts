import { CodexError, type CodexErrorOptions, isMarked, markErrorClass } from './codex-error.js';
import type { CodexErrorInfo } from './codex-error-info.js';

/**
 * The conversation no longer fits the model's context window.
 *
 * Message: `Codex ran out of room in the model's context window. Start a new thread or clear earlier history before retrying.`. Not retryable.
 */
export class ContextWindowExceededError extends CodexError {
  override readonly name: string = 'ContextWindowExceededError';
  readonly kind: 'context_window_exceeded' = 'context_window_exceeded';
  readonly isRetryable: boolean = false;

  constructor(options: CodexErrorOptions = {}) {
    super(
      "Codex ran out of room in the model's context window. Start a new thread or clear earlier history before retrying.",
      options,
    );
    markErrorClass(this, 'ContextWindowExceededError');
  }

  get errorInfo(): CodexErrorInfo {
    return 'context_window_exceeded';
  }

  /** Whether `value` is a `ContextWindowExceededError`, from any installed copy of this package. */
  static override isInstance(value: unknown): value is ContextWindowExceededError {
    return isMarked(value, 'ContextWindowExceededError');
  }
}
