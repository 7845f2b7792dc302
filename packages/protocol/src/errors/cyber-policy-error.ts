import { CodexError, type CodexErrorOptions, isMarked, markErrorClass } from './codex-error.js';
import type { CodexErrorInfo } from './codex-error-info.js';

/** Named arguments of {@link CyberPolicyError}. */
export interface CyberPolicyErrorOptions extends CodexErrorOptions {
  /** The text shown to the user (the server's `error.message`, or the fallback `This request has been flagged for possible cybersecurity risk.`). */
  message: string;
}

/**
 * The request was flagged by the cybersecurity policy.
 *
 * Message: the given message, verbatim. Not retryable.
 */
export class CyberPolicyError extends CodexError {
  override readonly name: string = 'CyberPolicyError';
  readonly kind: 'cyber_policy' = 'cyber_policy';
  readonly isRetryable: boolean = false;

  constructor(options: CyberPolicyErrorOptions) {
    super(options.message, options);
    markErrorClass(this, 'CyberPolicyError');
  }

  get errorInfo(): CodexErrorInfo {
    return 'cyber_policy';
  }

  /** Whether `value` is a `CyberPolicyError`, from any installed copy of this package. */
  static override isInstance(value: unknown): value is CyberPolicyError {
    return isMarked(value, 'CyberPolicyError');
  }
}
