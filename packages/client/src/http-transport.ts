import type { Request } from './request.js';

/** A fully buffered 2xx response. */
export interface Response {
  /** HTTP status (2xx). */
  readonly status: number;
  /** Response headers. */
  readonly headers: Headers;
  /** The whole body. */
  readonly body: Uint8Array;
  /** The response URL (after redirects), or the URL sent. */
  readonly url: string;
}

/** A 2xx response whose body is read as it arrives. */
export interface StreamResponse {
  /** HTTP status (2xx). */
  readonly status: number;
  /** Response headers. */
  readonly headers: Headers;
  /** The response URL (after redirects), or the URL sent. */
  readonly url: string;
  /**
   * The body bytes. A read fails with a `TransportError` (`network` for a dropped connection,
   * `timeout` when the request's total timeout elapses) or with the abort reason of the
   * request's signal. Cancel it (`body.cancel()`, or `break` out of `for await`) when you stop
   * reading early: that releases the connection.
   */
  readonly body: ReadableStream<Uint8Array>;
}

/**
 * Sends {@link Request}s. Both operations turn every non-2xx status into a `TransportError` of
 * kind `http`; they never retry (see `runWithRetry`).
 */
export interface HttpTransport {
  /** Sends `request` and buffers the whole response body. */
  execute(request: Request): Promise<Response>;
  /** Sends `request` and resolves once the response head has arrived. */
  stream(request: Request): Promise<StreamResponse>;
}
