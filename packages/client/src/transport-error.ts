import { formatDebugString } from './errors/debug-string.js';
import {
  describeCause,
  installInspect,
  installLazyMessage,
  isMarkedError,
  markError,
} from './errors/error-shape.js';
import { redactUrl, withoutSensitiveHeaders } from './errors/redact.js';
import { formatStatus } from './errors/status-reason.js';

/**
 * The failure classes of the transport. The first five are the upstream `TransportError` enum;
 * `stream` and `idleTimeout` are the upstream SSE `StreamError` (a byte stream that failed, no
 * event within the idle timeout); `redirect` is a redirect this transport refuses to follow.
 */
export type TransportErrorKind =
  | 'http'
  | 'retryLimit'
  | 'timeout'
  | 'network'
  | 'build'
  | 'stream'
  | 'idleTimeout'
  | 'redirect';

/** Named arguments of the {@link TransportError} constructor, one shape per kind. */
export type TransportErrorOptions =
  | {
      readonly kind: 'http';
      /** HTTP status of the response, e.g. `503`. */
      readonly status: number;
      /** The URL actually sent (after per-attempt preparation, with its query string). */
      readonly url?: string | undefined;
      /** Response headers; credential-bearing ones (`set-cookie`, …) are dropped. */
      readonly headers?: Headers | undefined;
      /** Response body text; absent when it could not be read or decoded. */
      readonly body?: string | undefined;
      /** The underlying error, if any. */
      readonly cause?: unknown;
    }
  | {
      readonly kind: 'redirect';
      /** The redirect status, e.g. `302`. */
      readonly status: number;
      /** The redirect target (credentials redacted). */
      readonly url?: string | undefined;
      /** Response headers of the redirect, without credential-bearing ones. */
      readonly headers?: Headers | undefined;
      /** Why the redirect was refused, e.g. `to another origin (https://other.example)`. */
      readonly detail: string;
      /** The underlying error, if any. */
      readonly cause?: unknown;
    }
  | {
      readonly kind: 'network' | 'build' | 'stream';
      /** What went wrong, without the kind's prefix (`network error: `, …). */
      readonly detail: string;
      /** The underlying error, if any. */
      readonly cause?: unknown;
    }
  | {
      readonly kind: 'timeout' | 'retryLimit' | 'idleTimeout';
      /** The underlying error, if any. */
      readonly cause?: unknown;
    };

/**
 * The one error type of `@codex/client`.
 *
 * `message` is the upstream Display string of the kind:
 *
 * | kind | message |
 * |---|---|
 * | `http` | `http 503 Service Unavailable: Some("busy")` (body absent → `None`) |
 * | `retryLimit` | `retry limit reached` |
 * | `timeout` | `timeout` |
 * | `network` | `network error: {detail}` |
 * | `build` | `request build error: {detail}` |
 * | `stream` | `stream failed: {detail}` |
 * | `idleTimeout` | `timeout` |
 * | `redirect` | `redirect refused: {status} {reason} {detail}` |
 *
 * The message is rendered when first read, not when the error is created. The error never
 * holds the request: no request header (so no `authorization`), URL credentials redacted, and
 * response headers without credential-bearing ones. `toJSON()` and `util.inspect` show only the
 * fields below and a cause's name and message.
 *
 * @example
 * if (TransportError.isInstance(error) && error.kind === 'http' && error.status === 401) {
 *   console.error(error.url, error.headers?.get('x-request-id'));
 * }
 */
export class TransportError extends Error {
  /** Which failure this is. */
  readonly kind: TransportErrorKind;
  /** `http` and `redirect`: the response status. */
  readonly status: number | undefined;
  /** `http`: the URL actually sent; `redirect`: the target. Credentials redacted. */
  readonly url: string | undefined;
  /** `http` and `redirect`: the response headers without credential-bearing ones. */
  readonly headers: Headers | undefined;
  /** `http`: the response body text, absent when unreadable or (for `execute`) not UTF-8. */
  readonly body: string | undefined;
  /** `network`, `build`, `stream` and `redirect`: the message without its prefix. */
  readonly detail: string | undefined;

  constructor(options: TransportErrorOptions) {
    super(undefined, options.cause === undefined ? undefined : { cause: options.cause });
    markError(this, 'TransportError');
    this.name = 'TransportError';
    this.kind = options.kind;
    const withStatus = options.kind === 'http' || options.kind === 'redirect';
    this.status = withStatus ? options.status : undefined;
    this.url = withStatus && options.url !== undefined ? redactUrl(options.url) : undefined;
    this.headers =
      withStatus && options.headers !== undefined
        ? withoutSensitiveHeaders(options.headers)
        : undefined;
    this.body = options.kind === 'http' ? options.body : undefined;
    this.detail =
      options.kind === 'network' ||
      options.kind === 'build' ||
      options.kind === 'stream' ||
      options.kind === 'redirect'
        ? options.detail
        : undefined;
  }

  /**
   * Whether `value` is a `TransportError`, also one created by another installed copy of this
   * package (where `instanceof` fails).
   */
  static isInstance(value: unknown): value is TransportError {
    return isMarkedError(value, 'TransportError');
  }

  /** A plain, secret-free view: name, kind, message, the kind's fields and the cause's name and message. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {
      name: this.name,
      kind: this.kind,
      message: this.message,
    };
    if (this.status !== undefined) json.status = this.status;
    if (this.url !== undefined) json.url = this.url;
    if (this.headers !== undefined) json.headers = Object.fromEntries(this.headers);
    if (this.body !== undefined) json.body = this.body;
    if (this.detail !== undefined) json.detail = this.detail;
    const cause = describeCause(this.cause);
    if (cause !== undefined) json.cause = cause;
    return json;
  }
}

installLazyMessage(TransportError.prototype, renderMessage);
installInspect(TransportError.prototype);

function renderMessage(error: TransportError): string {
  switch (error.kind) {
    case 'http':
      return `http ${formatStatus(error.status ?? 0)}: ${
        error.body === undefined ? 'None' : `Some(${formatDebugString(error.body)})`
      }`;
    case 'retryLimit':
      return 'retry limit reached';
    case 'timeout':
    case 'idleTimeout':
      return 'timeout';
    case 'network':
      return `network error: ${error.detail}`;
    case 'build':
      return `request build error: ${error.detail}`;
    case 'stream':
      return `stream failed: ${error.detail}`;
    case 'redirect':
      return `redirect refused: ${formatStatus(error.status ?? 0)} ${error.detail}`;
  }
}
