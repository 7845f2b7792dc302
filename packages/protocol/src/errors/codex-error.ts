import type { CodexErrorInfo, ErrorEvent } from './codex-error-info.js';
import type { CodexError as AnyCodexError } from './codex-error-union.js';
import {
  describeCause,
  installInspect,
  installLazyMessage,
  isMarkedError,
  markError,
} from './error-shape.js';

/** The kind of a {@link CodexError}, one per class of the family. */
export type CodexErrorKind =
  | 'stream_disconnected'
  | 'context_window_exceeded'
  | 'request_timeout'
  | 'unexpected_status'
  | 'invalid_request'
  | 'invalid_image_request'
  | 'usage_limit_reached'
  | 'server_overloaded'
  | 'cyber_policy'
  | 'response_stream_failed'
  | 'connection_failed'
  | 'quota_exceeded'
  | 'usage_not_included'
  | 'internal_server_error'
  | 'retry_limit'
  | 'refresh_token_failed'
  | 'fatal'
  | 'env_var';

/** Options every error of the family accepts. */
export interface CodexErrorOptions {
  /** The error that caused this one; kept as `cause`, never shown in `toJSON` beyond its name and message. */
  cause?: unknown;
}

// The message of each error, rendered when first read (see `installLazyMessage`).
const renderers = new WeakMap<object, () => string>();

/**
 * Base class of the Codex error family (upstream `CodexErr`). `message` is the exact text a user
 * sees; `isRetryable` says whether a turn may be retried; `errorInfo` is the client-facing
 * classification.
 *
 * Checks survive two installed copies of this package: use the static `isInstance` of a class
 * rather than `instanceof`.
 */
export abstract class CodexError extends Error {
  /**
   * Which error this is. On the type `CodexError` (the union of the concrete classes) it is the
   * discriminant: `switch (error.kind)` narrows to one class.
   */
  abstract readonly kind: CodexErrorKind;
  /** Whether upstream Codex retries a turn that failed with this error. */
  abstract readonly isRetryable: boolean;

  /**
   * @param message - the text a user sees, or a function that renders it (called once, when the
   * message is first read)
   */
  constructor(message: string | (() => string), options: CodexErrorOptions = {}) {
    super(undefined, options.cause === undefined ? undefined : { cause: options.cause });
    markError(this, 'CodexError');
    renderers.set(this, typeof message === 'string' ? () => message : message);
  }

  /** The HTTP status behind the error, where there is one (upstream `http_status_code_value`). */
  get httpStatus(): number | undefined {
    return undefined;
  }

  /** The client-facing classification (upstream `to_codex_protocol_error`). */
  abstract get errorInfo(): CodexErrorInfo;

  /**
   * The event a turn reports for this error: the message (prefixed with `"{prefix}: "` when a
   * prefix is given) and the error info.
   */
  toErrorEvent(prefix?: string): ErrorEvent {
    return {
      message: prefix === undefined ? this.message : `${prefix}: ${this.message}`,
      codexErrorInfo: this.errorInfo,
    };
  }

  /**
   * A JSON view of the error: name, kind, message, retryability, error info, the class's own data
   * fields, and the cause reduced to its name and message. It never includes request or response
   * headers beyond the diagnostics the message already shows.
   */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {
      name: this.name,
      kind: this.kind,
      message: this.message,
      isRetryable: this.isRetryable,
      errorInfo: this.errorInfo,
    };
    if (this.httpStatus !== undefined) json.httpStatus = this.httpStatus;
    for (const [key, value] of Object.entries(this)) {
      if (!(key in json) && value !== undefined) json[key] = value;
    }
    const cause = describeCause(this.cause);
    if (cause !== undefined) json.cause = cause;
    return json;
  }

  /**
   * Whether `value` is an error of the Codex family, from any installed copy of this package. It
   * narrows to the union of the concrete classes, so `switch (value.kind)` narrows further.
   */
  static isInstance(value: unknown): value is AnyCodexError {
    return isMarkedError(value, 'CodexError');
  }
}

installLazyMessage(CodexError.prototype, (error) => renderers.get(error)?.() ?? '');
installInspect(CodexError.prototype);

/**
 * Marks an error of a class of the family so that `isInstance` recognises it across copies.
 * @internal
 */
export function markErrorClass(error: object, name: string): void {
  markError(error, name);
}

/** @internal */
export function isMarked(value: unknown, name: string): boolean {
  return isMarkedError(value, name);
}
