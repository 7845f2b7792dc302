import { CodexError, type CodexErrorOptions, isMarked, markErrorClass } from './codex-error.js';
import type { CodexErrorInfo } from './codex-error-info.js';

/** Named arguments of {@link EnvVarError}. */
export interface EnvVarErrorOptions extends CodexErrorOptions {
  /** Name of the missing environment variable. */
  variable: string;
  /** How to get a valid value and set it. */
  instructions?: string | undefined;
}

/**
 * A required environment variable is missing.
 *
 * Message: ``Missing environment variable: `{variable}`.`` followed by ` {instructions}` when
 * given. Not retryable.
 */
export class EnvVarError extends CodexError {
  override readonly name: string = 'EnvVarError';
  readonly kind: 'env_var' = 'env_var';
  readonly isRetryable: boolean = false;
  /** Name of the missing environment variable. */
  readonly variable: string;
  /** How to get a valid value and set it. */
  readonly instructions?: string;

  constructor(options: EnvVarErrorOptions) {
    const suffix = options.instructions === undefined ? '' : ` ${options.instructions}`;
    super(`Missing environment variable: \`${options.variable}\`.${suffix}`, options);
    markErrorClass(this, 'EnvVarError');
    this.variable = options.variable;
    if (options.instructions !== undefined) this.instructions = options.instructions;
  }

  get errorInfo(): CodexErrorInfo {
    return 'other';
  }

  /** Whether `value` is an `EnvVarError`, from any installed copy of this package. */
  static override isInstance(value: unknown): value is EnvVarError {
    return isMarked(value, 'EnvVarError');
  }
}
