import ky from 'ky';
import type { Compressor } from './compression.js';
import type { HttpTransport, Response, StreamResponse } from './http-transport.js';
import { AttemptScope } from './internal/attempt-scope.js';
import { redactMessage } from './internal/redact.js';
import { prepareBodyForSend } from './prepare-body-for-send.js';
import { prepareRequest } from './prepare-request.js';
import type { Request } from './request.js';
import { TransportError } from './transport-error.js';

/** A WHATWG `fetch`-compatible function. */
export type FetchFunction = (
  input: string | URL | globalThis.Request,
  init?: RequestInit,
) => Promise<globalThis.Response>;

/**
 * Runs on every send, after body preparation and immediately before the bytes go out: the
 * place for auth headers or a signature over the exact body bytes (`request.body.bytes`, already
 * encoded and compressed). Return a new request (copy `headers` before changing them). A thrown
 * `TransportError` is surfaced as is (so `network` stays retryable); anything else becomes a
 * `build` error.
 */
export type PrepareHook = (request: Request) => Request | Promise<Request>;

/** Settings of {@link createKyTransport}. */
export interface KyTransportOptions {
  /**
   * The `fetch` to send with, e.g. one bound to a proxy agent.
   * @default `globalThis.fetch`, read at each send (so a later polyfill is honoured)
   */
  readonly fetch?: FetchFunction | undefined;
  /** Per-send preparation hook, see {@link PrepareHook}. */
  readonly prepare?: PrepareHook | undefined;
  /** zstd compressor for runtimes without `node:zlib` zstd. */
  readonly compressor?: Compressor | undefined;
  /**
   * Total timeout in milliseconds for requests that set none.
   * @default undefined (no limit)
   */
  readonly timeoutMs?: number | undefined;
  /**
   * Most bytes of a non-2xx body kept for the error; the rest is discarded unread.
   * @default 1048576 (1 MiB)
   */
  readonly maxErrorBodyBytes?: number | undefined;
}

const DEFAULT_MAX_ERROR_BODY_BYTES = 1024 * 1024;

interface Exchange {
  readonly response: globalThis.Response;
  readonly scope: AttemptScope;
  readonly url: string;
  readonly headers: Headers;
}

/**
 * The default {@link HttpTransport}, on ky 1.x with ky's retry and timeout turned off: retries
 * belong to `runWithRetry`, the total timeout is the request's `timeoutMs`. No ky error or fetch
 * `Request` object ever leaves this function; every failure is a `TransportError` or the abort
 * reason of the request's signal.
 *
 * @example
 * const transport = createKyTransport();
 * const response = await transport.execute(createRequest({ url: 'https://example.com/v1/models' }));
 */
export function createKyTransport(options: KyTransportOptions = {}): HttpTransport {
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new TypeError('createKyTransport: `fetch` must be a function');
  }
  if (options.prepare !== undefined && typeof options.prepare !== 'function') {
    throw new TypeError('createKyTransport: `prepare` must be a function');
  }
  if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) {
    throw new RangeError('createKyTransport: `timeoutMs` must be a positive number');
  }
  const maxErrorBodyBytes = options.maxErrorBodyBytes ?? DEFAULT_MAX_ERROR_BODY_BYTES;
  if (!Number.isInteger(maxErrorBodyBytes) || maxErrorBodyBytes < 0) {
    throw new RangeError('createKyTransport: `maxErrorBodyBytes` must be an integer >= 0');
  }

  async function send(request: Request): Promise<Exchange> {
    throwIfAborted(request.signal);
    let prepared = prepareRequest(request, { compressor: options.compressor });
    if (options.prepare !== undefined) {
      try {
        prepared = await options.prepare(prepared);
      } catch (error) {
        throwIfAborted(request.signal);
        if (TransportError.isInstance(error)) throw error;
        throw new TransportError({
          kind: 'build',
          detail: redactMessage(describe(error), prepared),
          cause: error,
        });
      }
    }
    const signal = prepared.signal ?? request.signal;
    const { headers, body } = prepareBodyForSend(prepared, { compressor: options.compressor });
    throwIfAborted(signal);

    const scope = new AttemptScope(
      signal,
      prepared.timeoutMs ?? options.timeoutMs,
      prepared.responseTimeoutMs,
    );
    let fetchCalled = false;
    const fetchFunction: FetchFunction = (input, init) => {
      fetchCalled = true;
      return (options.fetch ?? globalThis.fetch)(input, init);
    };
    try {
      const response = await ky(prepared.url, {
        method: prepared.method,
        headers,
        ...(body === undefined ? {} : { body: body as Uint8Array<ArrayBuffer> }),
        fetch: fetchFunction,
        signal: scope.controller.signal,
        retry: 0,
        timeout: false,
        throwHttpErrors: false,
      });
      scope.headReceived();
      return { response, scope, url: prepared.url, headers };
    } catch (error) {
      scope.dispose();
      throw scope.mapError(error, (cause) =>
        fetchCalled
          ? new TransportError({
              kind: 'network',
              detail: redactMessage(describe(cause), { url: prepared.url, headers }),
              cause,
            })
          : // Thrown while building the fetch Request (bad method/body combination, URL, …).
            // The runtime's message may quote the URL or a header value, so it is redacted and
            // the original error is not kept.
            new TransportError({
              kind: 'build',
              detail: redactMessage(describe(cause), { url: prepared.url, headers }),
            }),
      );
    }
  }

  function readFailure(exchange: Exchange): (cause: unknown) => TransportError {
    return (cause) =>
      new TransportError({
        kind: 'network',
        detail: redactMessage(describe(cause), exchange),
        cause,
      });
  }

  async function httpError(exchange: Exchange, decode: 'strict' | 'lossy'): Promise<never> {
    const { response, scope } = exchange;
    let text: string | undefined;
    try {
      const bytes = await readBody(response.body, maxErrorBodyBytes);
      text = decodeText(bytes.data, decode, bytes.truncated);
    } catch (error) {
      const mapped = scope.mapError(error, readFailure(exchange));
      // `stream` keeps the status when the error body cannot be read; `execute` reports the read
      // failure, as upstream does. An abort always wins.
      if (decode === 'strict' || scope.userAborted) {
        scope.dispose();
        throw mapped;
      }
      text = undefined;
    }
    scope.dispose();
    throw new TransportError({
      kind: 'http',
      status: response.status,
      url: exchange.url,
      headers: response.headers,
      body: text,
    });
  }

  return {
    async execute(request: Request): Promise<Response> {
      const exchange = await send(request);
      const { response, scope } = exchange;
      if (!response.ok) return httpError(exchange, 'strict');
      try {
        const { data } = await readBody(response.body, Number.POSITIVE_INFINITY);
        return {
          status: response.status,
          headers: response.headers,
          body: data,
          url: response.url || exchange.url,
        };
      } catch (error) {
        throw scope.mapError(error, readFailure(exchange));
      } finally {
        scope.dispose();
      }
    },

    async stream(request: Request): Promise<StreamResponse> {
      const exchange = await send(request);
      const { response, scope } = exchange;
      if (!response.ok) return httpError(exchange, 'lossy');
      return {
        status: response.status,
        headers: response.headers,
        url: response.url || exchange.url,
        body: wrapBody(response.body, scope, readFailure(exchange)),
      };
    },
  };
}

function wrapBody(
  source: ReadableStream<Uint8Array> | null,
  scope: AttemptScope,
  readFailure: (cause: unknown) => TransportError,
): ReadableStream<Uint8Array> {
  if (source === null) {
    scope.dispose();
    return new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });
  }
  const reader = source.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            scope.dispose();
            controller.close();
          } else {
            controller.enqueue(value);
          }
        } catch (error) {
          const mapped = scope.mapError(error, readFailure);
          scope.dispose();
          controller.error(mapped);
        }
      },
      async cancel(reason) {
        scope.dispose();
        await reader.cancel(reason).catch(() => undefined);
      },
    },
    // Read only on demand, so that backpressure reaches the socket.
    { highWaterMark: 0 },
  );
}

async function readBody(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<{ data: Uint8Array; truncated: boolean }> {
  if (body === null) return { data: new Uint8Array(0), truncated: false };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
      if (size > limit) {
        truncated = true;
        break;
      }
    }
  } finally {
    if (truncated) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  const data = new Uint8Array(Math.min(size, limit));
  let offset = 0;
  for (const chunk of chunks) {
    if (offset >= data.byteLength) break;
    const part = chunk.subarray(0, data.byteLength - offset);
    data.set(part, offset);
    offset += part.byteLength;
  }
  return { data, truncated };
}

function decodeText(
  bytes: Uint8Array,
  mode: 'strict' | 'lossy',
  truncated: boolean,
): string | undefined {
  // A cut at the size cap may split a character: drop the incomplete tail before strict decoding.
  const data = truncated ? bytes.subarray(0, utf8Boundary(bytes)) : bytes;
  if (mode === 'lossy') return new TextDecoder().decode(data);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(data);
  } catch {
    return undefined;
  }
}

function utf8Boundary(bytes: Uint8Array): number {
  const end = bytes.byteLength;
  // Step back over at most three continuation bytes to the lead byte of the last character.
  for (let back = 1; back <= 4 && end - back >= 0; back++) {
    const byte = bytes[end - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? end - back : end;
  }
  return end;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  // Node's fetch reports every failure as `fetch failed`; the useful part is the cause.
  if (cause instanceof Error && cause.message && cause.message !== error.message) {
    return `${error.message}: ${cause.message}`;
  }
  return error.message;
}
