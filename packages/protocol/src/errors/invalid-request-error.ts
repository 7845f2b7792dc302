import { CodexError, type CodexErrorOptions, isMarked, markErrorClass } from './codex-error.js';
import type { CodexErrorInfo } from './codex-error-info.js';

/** Named arguments of {@link InvalidRequestError}. */
export interface InvalidRequestErrorOptions extends CodexErrorOptions {
  /** The text shown to the user: for an HTTP 400 the raw response body, verbatim. */
  message: string;
}

/**
 * The server rejected the request as invalid.
 *
 * Message: the given message, verbatim. Not retryable.
 */
export class InvalidRequestError extends CodexError {
  override readonly name: string = 'InvalidRequestError';
  readonly kind: 'invalid_request' = 'invalid_request';
  readonly isRetryable: boolean = false;

  constructor(options: InvalidRequestErrorOptions) {
    super(options.message, options);
    markErrorClass(this, 'InvalidRequestError');
  }

  get errorInfo(): CodexErrorInfo {
    return 'other';
  }

  /** Whether `value` is an `InvalidRequestError`, from any installed copy of this package. */
  static override isInstance(value: unknown): value is InvalidRequestError {
    return isMarked(value, 'InvalidRequestError');
  }
}
