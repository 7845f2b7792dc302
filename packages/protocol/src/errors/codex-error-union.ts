import { CodexError as CodexErrorClass } from './codex-error.js';
import type { ConnectionFailedError } from './connection-failed-error.js';
import type { ContextWindowExceededError } from './context-window-exceeded-error.js';
import type { CyberPolicyError } from './cyber-policy-error.js';
import type { EnvVarError } from './env-var-error.js';
import type { FatalError } from './fatal-error.js';
import type { InternalServerError } from './internal-server-error.js';
import type { InvalidImageRequestError } from './invalid-image-request-error.js';
import type { InvalidRequestError } from './invalid-request-error.js';
import type { QuotaExceededError } from './quota-exceeded-error.js';
import type { RefreshTokenFailedError } from './refresh-token-failed-error.js';
import type { RequestTimeoutError } from './request-timeout-error.js';
import type { ResponseStreamFailedError } from './response-stream-failed-error.js';
import type { RetryLimitError } from './retry-limit-error.js';
import type { ServerOverloadedError } from './server-overloaded-error.js';
import type { StreamDisconnectedError } from './stream-disconnected-error.js';
import type { UnexpectedStatusError } from './unexpected-status-error.js';
import type { UsageLimitReachedError } from './usage-limit-reached-error.js';
import type { UsageNotIncludedError } from './usage-not-included-error.js';

/**
 * Any error of the Codex family: the union of its concrete classes, discriminated by `kind`.
 * After `CodexError.isInstance(error)`, a `switch (error.kind)` narrows to one class, so that
 * e.g. `error.status` type-checks under `case 'unexpected_status'`.
 *
 * As a value, `CodexError` is the abstract base class of the family: `CodexError.isInstance(value)`
 * (which recognises errors from any installed copy of the package) and `instanceof CodexError` both
 * work.
 *
 * @example
 * ```ts
 * function describe(error: CodexError): string {
 *   switch (error.kind) {
 *     case 'unexpected_status':
 *       return `HTTP ${error.status}`;
 *     case 'usage_limit_reached':
 *       return `limit reached, resets ${error.resetsAt?.toISOString() ?? 'later'}`;
 *     default:
 *       return error.message;
 *   }
 * }
 * ```
 */
export type CodexError =
  | StreamDisconnectedError
  | ContextWindowExceededError
  | RequestTimeoutError
  | UnexpectedStatusError
  | InvalidRequestError
  | InvalidImageRequestError
  | UsageLimitReachedError
  | ServerOverloadedError
  | CyberPolicyError
  | ResponseStreamFailedError
  | ConnectionFailedError
  | QuotaExceededError
  | UsageNotIncludedError
  | InternalServerError
  | RetryLimitError
  | RefreshTokenFailedError
  | FatalError
  | EnvVarError;

/**
 * The abstract base class of the Codex error family (upstream `CodexErr`), also exported as
 * `CodexErrorBase`; see the type `CodexError` for the union of its concrete classes. Use
 * `CodexError.isInstance(value)` to recognise an error of the family, from any installed copy of
 * this package.
 */
export const CodexError: typeof CodexErrorClass = CodexErrorClass;
