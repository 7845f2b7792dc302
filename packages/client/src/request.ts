/**
 * A request body.
 *
 * - `json`: a JSON value, serialised (compactly, once) when the request is prepared;
 * - `encodedJson`: JSON already serialised to bytes (compressed and given `content-type` when
 *   the request is prepared);
 * - `raw`: opaque bytes, sent as they are, never compressed, no `content-type` added.
 *
 * A request is prepared exactly once per call (see `prepareRequest`): every attempt sends the
 * same bytes.
 */
export type RequestBody =
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'encodedJson'; readonly bytes: Uint8Array }
  | { readonly kind: 'raw'; readonly bytes: Uint8Array };

/** Request body compression. `'zstd'` applies to JSON bodies only. */
export type RequestCompression = 'none' | 'zstd';

/**
 * One HTTP request, transport-neutral. Treat it as immutable: preparation and per-attempt hooks
 * return new requests (copy `headers` with `new Headers(request.headers)` before changing them).
 */
export interface Request {
  /** HTTP method, e.g. `'POST'`. */
  readonly method: string;
  /** Absolute URL, query string included. */
  readonly url: string;
  /** Request headers (case-insensitive). */
  readonly headers: Headers;
  /** Optional body. */
  readonly body?: RequestBody | undefined;
  /** Body compression. @default 'none' */
  readonly compression?: RequestCompression | undefined;
  /**
   * Overall deadline of the call in milliseconds: every attempt, the backoff sleeps between them
   * and reading the body (for `stream`: until the byte stream ends or is cancelled). Expiry fails
   * the call with a `timeout` that is not retried. No limit when absent.
   */
  readonly timeoutMs?: number | undefined;
  /**
   * Longest wait of one attempt for its response, in milliseconds: the head (status line and
   * headers) of a stream, the whole response of `execute`. Expiry fails the attempt with a
   * `timeout`, retried like a network failure. Once a stream's head arrived the limit no longer
   * applies (a stream has its own idle timeout). No limit when absent.
   */
  readonly responseTimeoutMs?: number | undefined;
  /** Cancels the request at any stage; the failure is the signal's reason. */
  readonly signal?: AbortSignal | undefined;
}

/** Named arguments of {@link createRequest}. */
export interface CreateRequestOptions {
  /** HTTP method (an RFC 9110 token). @default 'GET' */
  readonly method?: string | undefined;
  /** Absolute URL, query string included. */
  readonly url: string;
  /** Headers as a `Headers`, a record or a list of pairs. */
  readonly headers?: Headers | Record<string, string> | ReadonlyArray<readonly [string, string]>;
  /** Optional body; see {@link jsonBody}, {@link encodedJsonBody}, {@link rawBody}. */
  readonly body?: RequestBody | undefined;
  /** @default 'none' */
  readonly compression?: RequestCompression | undefined;
  /** Overall deadline of the call in milliseconds (positive). */
  readonly timeoutMs?: number | undefined;
  /** Per-attempt response timeout in milliseconds (positive). */
  readonly responseTimeoutMs?: number | undefined;
  /** Cancels the request. */
  readonly signal?: AbortSignal | undefined;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Builds a {@link Request}, validating its inputs.
 *
 * @throws TypeError naming the option when `method`, `url` or a header is invalid (a header's
 * value is never repeated in the message), RangeError when `timeoutMs` is not positive.
 * @example
 * const request = createRequest({
 *   method: 'POST',
 *   url: 'https://example.com/v1/responses',
 *   headers: { accept: 'text/event-stream' },
 *   body: jsonBody({ model: 'test-model' }),
 * });
 */
export function createRequest(options: CreateRequestOptions): Request {
  const method = options.method ?? 'GET';
  if (typeof method !== 'string' || !TOKEN.test(method)) {
    throw new TypeError('createRequest: `method` must be an HTTP token such as "POST"');
  }
  if (typeof options.url !== 'string' || !URL.canParse(options.url)) {
    throw new TypeError('createRequest: `url` must be an absolute URL string');
  }
  if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) {
    throw new RangeError('createRequest: `timeoutMs` must be a positive number of milliseconds');
  }
  if (options.responseTimeoutMs !== undefined && !(options.responseTimeoutMs > 0)) {
    throw new RangeError(
      'createRequest: `responseTimeoutMs` must be a positive number of milliseconds',
    );
  }
  if (
    options.compression !== undefined &&
    options.compression !== 'none' &&
    options.compression !== 'zstd'
  ) {
    throw new TypeError("createRequest: `compression` must be 'none' or 'zstd'");
  }
  return {
    method,
    url: options.url,
    headers: toHeaders(options.headers),
    body: options.body,
    compression: options.compression ?? 'none',
    timeoutMs: options.timeoutMs,
    responseTimeoutMs: options.responseTimeoutMs,
    signal: options.signal,
  };
}

/** A JSON body: serialised compactly, once, when the request is prepared. */
export function jsonBody(value: unknown): RequestBody {
  return { kind: 'json', value };
}

/** A body of JSON that is already serialised (a string is UTF-8 encoded). */
export function encodedJsonBody(json: Uint8Array | string): RequestBody {
  const bytes = typeof json === 'string' ? new TextEncoder().encode(json) : json;
  return { kind: 'encodedJson', bytes };
}

/** Opaque bytes, sent as they are (no `content-type` is added, compression is refused). */
export function rawBody(bytes: Uint8Array): RequestBody {
  return { kind: 'raw', bytes };
}

function toHeaders(init: CreateRequestOptions['headers']): Headers {
  if (init instanceof Headers) return new Headers(init);
  const headers = new Headers();
  const entries = init === undefined ? [] : Array.isArray(init) ? init : Object.entries(init);
  for (const [name, value] of entries as Iterable<readonly [string, string]>) {
    try {
      headers.append(name, value);
    } catch {
      // The runtime's own message quotes the value, which may be a credential.
      throw new TypeError(
        `createRequest: \`headers\` has an invalid name or value for "${safeName(name)}"`,
      );
    }
  }
  return headers;
}

function safeName(name: string): string {
  return TOKEN.test(name) ? name : '<invalid header name>';
}
