import type { RecordedRequest } from './recorded-request.js';

/**
 * Response header values as a record. A `readonly string[]` value sends the header several times
 * (e.g. `set-cookie`).
 */
export type HeaderRecord = Readonly<Record<string, string | number | readonly string[]>>;

/** One piece of a chunked response body, written after an optional delay. */
export interface ResponseChunk {
  /** The bytes to write (strings are encoded as UTF-8). */
  readonly data: string | Uint8Array;
  /**
   * Milliseconds to wait before writing this chunk.
   * @default 0
   */
  readonly delayMs?: number;
}

/**
 * A response body: one string or byte array, or chunks written one after another. The chunks are
 * a list or any iterable, read lazily as the response is written, so a generator can produce an
 * endless stream (it ends when the client goes away or the server closes). A generator object
 * serves one response only: for a standing route, give a handler that creates one per request.
 */
export type ResponseBody = string | Uint8Array | Iterable<ResponseChunk>;

/** Settings of a slow response: the whole body is re-cut into small pieces sent at an interval. */
export interface DripOptions {
  /** Bytes per piece (at least 1). */
  readonly bytesPerChunk: number;
  /** Milliseconds between pieces. */
  readonly intervalMs: number;
}

/**
 * What the test server does with one request: a status, headers and a body, plus optional faults.
 *
 * Faults, in the order they take effect:
 * - `closeWithoutResponse`: the socket is destroyed at once (the client sees a connection error);
 * - `garbage`: raw bytes that are not HTTP are written to the socket, which is then closed;
 * - `delayMs`: wait before anything is sent;
 * - `stallBeforeHeaders`: send nothing and keep the connection open until the client leaves or
 *   the server closes;
 * - `drip`: the body is sent in `bytesPerChunk` pieces every `intervalMs`;
 * - `dropAfterBytes` / `dropAfterChunks`: the socket is destroyed once that much body was sent
 *   (before the response is complete, so the client sees a truncated body);
 * - `stall`: headers and the body are sent, then the response is never ended; the connection
 *   stays open and silent until the client leaves or the server closes.
 *
 * @example
 * ```ts
 * server.enqueue({ status: 503, body: 'overloaded' });
 * server.enqueue({ body: [{ data: 'data: 1\n\n' }, { data: 'data: 2\n\n', delayMs: 50 }], stall: true });
 * ```
 */
export interface ResponseScript {
  /**
   * HTTP status code.
   * @default 200
   */
  readonly status?: number;
  /** Response headers. Names are sent as given. */
  readonly headers?: HeaderRecord;
  /**
   * The body. A single string or byte array is sent with `content-length` when the response has
   * no fault; chunks (a list or an iterable) are sent with chunked transfer encoding, each written
   * after the previous one was accepted by the socket (back-pressure).
   * @default empty
   */
  readonly body?: ResponseBody;
  /**
   * Milliseconds to wait before sending the status line.
   * @default 0
   */
  readonly delayMs?: number;
  /** Send the headers and body, then keep the response open and silent. */
  readonly stall?: boolean;
  /** Send nothing at all and keep the connection open. */
  readonly stallBeforeHeaders?: boolean;
  /** Destroy the socket after this many body bytes were sent (0: right after the headers). */
  readonly dropAfterBytes?: number;
  /** Destroy the socket after this many body chunks were sent (0: right after the headers). */
  readonly dropAfterChunks?: number;
  /** Send the body slowly. */
  readonly drip?: DripOptions;
  /**
   * Write these raw bytes (or, with `true`, a fixed line of invalid bytes) instead of an HTTP
   * response, then close the connection.
   */
  readonly garbage?: true | string | Uint8Array;
  /** Destroy the socket without writing anything: a connection error for the client. */
  readonly closeWithoutResponse?: boolean;
}

/** Computes the script for one request; may be async (e.g. to wait for a test's signal). */
export type RouteHandler = (request: RecordedRequest) => ResponseScript | Promise<ResponseScript>;

/** A fixed script, or a handler that computes one per request. */
export type RouteResponse = ResponseScript | RouteHandler;
