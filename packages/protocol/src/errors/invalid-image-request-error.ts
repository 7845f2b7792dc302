import { CodexError, type CodexErrorOptions, isMarked, markErrorClass } from './codex-error.js';
import type { CodexErrorInfo } from './codex-error-info.js';

/**
 * The server rejected an image in the request as invalid.
 *
 * Message: `Image poisoning`. Not retryable.
 */
export class InvalidImageRequestError extends CodexError {
  override readonly name: string = 'InvalidImageRequestError';
  readonly kind: 'invalid_image_request' = 'invalid_image_request';
  readonly isRetryable: boolean = false;

  constructor(options: CodexErrorOptions = {}) {
    super('Image poisoning', options);
    markErrorClass(this, 'InvalidImageRequestError');
  }

  get errorInfo(): CodexErrorInfo {
    return 'other';
  }

  /** Whether `value` is a `InvalidImageRequestError`, from any installed copy of this package. */
  static override isInstance(value: unknown): value is InvalidImageRequestError {
    return isMarked(value, 'InvalidImageRequestError');
  }
}
