import { formatDebugString } from './internal/debug-string.js';
import { redactUrl, withoutSensitiveHeaders } from './internal/redact.js';
import { formatStatus } from './internal/status-reason.js';

const MARKER: unique symbol = Symbol.for('@codex/client.TransportError') as never;
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** The failure classes of the transport, as in the upstream `TransportError` enum. */
export type TransportErrorKind = 'http' | 'retryLimit' | 'timeout' | 'network' | 'build';

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
      readonly cause?: unknown;
    }
  | {
      readonly kind: 'network' | 'build';
      /** What went wrong, without the `network error: ` / `request build error: ` prefix. */
      readonly detail: string;
      readonly cause?: unknown;
    }
  | { readonly kind: 'timeout' | 'retryLimit'; readonly cause?: unknown };

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
 *
 * It never holds the request: no request header (so no `authorization`), and URL credentials
 * are redacted. `toJSON()` and `util.inspect` show only the fields below.
 *
 * @example
 * if (TransportError.isInstance(error) && error.kind === 'http' && error.status === 401) { … }
 */
export class TransportError extends Error {
  /** Which failure this is. */
  readonly kind: TransportErrorKind;
  /** `http` only: the response status. */
  readonly status: number | undefined;
  /** `http` only: the URL actually sent (credentials redacted). */
  readonly url: string | undefined;
  /** `http` only: the response headers without credential-bearing ones. */
  readonly headers: Headers | undefined;
  /** `http` only: the response body text, absent when unreadable or (for `execute`) not UTF-8. */
  readonly body: string | undefined;
  /** `network` and `build` only: the message without its prefix. */
  readonly detail: string | undefined;

  constructor(options: TransportErrorOptions) {
    super(
      renderMessage(options),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'TransportError';
    this.kind = options.kind;
    this.status = options.kind === 'http' ? options.status : undefined;
    this.url =
      options.kind === 'http' && options.url !== undefined ? redactUrl(options.url) : undefined;
    this.headers =
      options.kind === 'http' && options.headers !== undefined
        ? withoutSensitiveHeaders(options.headers)
        : undefined;
    this.body = options.kind === 'http' ? options.body : undefined;
    this.detail =
      options.kind === 'network' || options.kind === 'build' ? options.detail : undefined;
    Object.defineProperty(this, MARKER, { value: true });
  }

  /**
   * Whether `value` is a `TransportError`, also one created by another installed copy of this
   * package (where `instanceof` fails).
   */
  static isInstance(value: unknown): value is TransportError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[MARKER] === true
    );
  }

  /** A plain, secret-free view: kind, message and the kind's fields (headers as an object). */
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
    return json;
  }
}

// Node's `util.inspect` hook (also used by console.log): the stack plus `toJSON()`, and the cause by
// name and message only. Installed on the prototype because isolated declarations cannot type a
// computed symbol method.
Object.defineProperty(TransportError.prototype, INSPECT, {
  value: function inspectTransportError(
    this: TransportError,
    _depth: number,
    options: unknown,
    inspect: (value: unknown, options: unknown) => string,
  ): string {
    const fields: Record<string, unknown> = this.toJSON();
    delete fields.name;
    delete fields.message;
    if (this.cause !== undefined) fields.cause = describeCause(this.cause);
    const head = this.stack ?? `${this.name}: ${this.message}`;
    return `${head} ${inspect(fields, options)}`;
  },
});

function renderMessage(options: TransportErrorOptions): string {
  switch (options.kind) {
    case 'http':
      return `http ${formatStatus(options.status)}: ${
        options.body === undefined ? 'None' : `Some(${formatDebugString(options.body)})`
      }`;
    case 'retryLimit':
      return 'retry limit reached';
    case 'timeout':
      return 'timeout';
    case 'network':
      return `network error: ${options.detail}`;
    case 'build':
      return `request build error: ${options.detail}`;
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) return redactUrl(`${cause.name}: ${cause.message}`);
  return typeof cause;
}
