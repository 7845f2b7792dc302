import { CodexError, type CodexErrorOptions, isMarked, markErrorClass } from './codex-error.js';
import type { CodexErrorInfo } from './codex-error-info.js';

/**
 * The ChatGPT plan does not include Codex.
 *
 * Message: `To use Codex with your ChatGPT plan, upgrade to Plus: https://chatgpt.com/explore/plus.`. Not retryable.
 */
export class UsageNotIncludedError extends CodexError {
  override readonly name: string = 'UsageNotIncludedError';
  readonly kind: 'usage_not_included' = 'usage_not_included';
  readonly isRetryable: boolean = false;

  constructor(options: CodexErrorOptions = {}) {
    super(
      'To use Codex with your ChatGPT plan, upgrade to Plus: https://chatgpt.com/explore/plus.',
      options,
    );
    markErrorClass(this, 'UsageNotIncludedError');
  }

  get errorInfo(): CodexErrorInfo {
    return 'usage_limit_exceeded';
  }

  /** Whether `value` is a `UsageNotIncludedError`, from any installed copy of this package. */
  static override isInstance(value: unknown): value is UsageNotIncludedError {
    return isMarked(value, 'UsageNotIncludedError');
  }
}
