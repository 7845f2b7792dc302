import { CodexError, type CodexErrorOptions, isMarked, markErrorClass } from './codex-error.js';
import type { CodexErrorInfo } from './codex-error-info.js';

/**
 * The server failed with HTTP 500.
 *
 * Message: `We're currently experiencing high demand, which may cause temporary errors.`. Retryable.
 */
export class InternalServerError extends CodexError {
  override readonly name: string = 'InternalServerError';
  readonly kind: 'internal_server_error' = 'internal_server_error';
  readonly isRetryable: boolean = true;

  constructor(options: CodexErrorOptions = {}) {
    super("We're currently experiencing high demand, which may cause temporary errors.", options);
    markErrorClass(this, 'InternalServerError');
  }

  get errorInfo(): CodexErrorInfo {
    return 'internal_server_error';
  }

  /** Whether `value` is a `InternalServerError`, from any installed copy of this package. */
  static override isInstance(value: unknown): value is InternalServerError {
    return isMarked(value, 'InternalServerError');
  }
}
