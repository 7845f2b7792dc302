import type { PreparedRequest } from './prepare-request.js';
import type { Request } from './request.js';
import type { RetryPolicy } from './retry-policy.js';

/** A fully buffered 2xx response. */
export interface Response {
  /** HTTP status (2xx). */
  readonly status: number;
  /** Response headers. */
  readonly headers: Headers;
  /** The whole body. */
  readonly body: Uint8Array;
  /** The URL that answered (after a followed redirect), or the URL sent. */
  readonly url: string;
}

/** A 2xx response whose body is read as it arrives. */
export interface StreamResponse {
  /** HTTP status (2xx). */
  readonly status: number;
  /** Response headers. */
  readonly headers: Headers;
  /** The URL that answered (after a followed redirect), or the URL sent. */
  readonly url: string;
  /**
   * The body bytes, as the runtime's `fetch` delivers them. A read fails with the abort reason of
   * the request's signal, a `TransportError` `timeout` when the call's deadline (`timeoutMs`)
   * passes, or the runtime's error for a dropped connection (from a custom `fetch`: its error
   * with the call's secrets removed). A reader that maps read failures itself takes the body
   * with `streamBodySource(response)` instead, which spares a custom `fetch`'s body that guard.
   */
  readonly body: ReadableStream<Uint8Array>;
  /**
   * Ends the exchange: cancels the body if it is still open and releases the call's deadline
   * timer and abort listener. Call it when you are done with the body, read to the end or not
   * (`sseStream` and the streams of `@codex/api` do). Safe to call more than once.
   */
  close(): void;
}

/** What a per-attempt hook learns about the attempt it prepares. */
export interface AttemptContext {
  /** 0-based number of the attempt. */
  readonly attempt: number;
  /** Aborts when the call is aborted or its deadline passes; pass it on to slow work. */
  readonly signal: AbortSignal;
}

/**
 * Runs before every attempt — after any backoff sleep, immediately before the bytes go out — with
 * the prepared request (final headers and body bytes), and returns the request to send: the place
 * for auth headers, or a signature over the exact bytes. A thrown `TransportError` fails the
 * attempt as it is (`network` is retried, `build` is not); anything else is a `build` error.
 */
export type AttemptHook = (
  request: PreparedRequest,
  context: AttemptContext,
) => PreparedRequest | Promise<PreparedRequest>;

/** What `onAttempt` learns about one attempt. */
export interface AttemptTelemetry {
  /** 0-based number of the attempt. */
  readonly attempt: number;
  /** Response status: of the response on success, of the HTTP failure otherwise. */
  readonly status?: number | undefined;
  /** The failure of the attempt (a `TransportError`, or the abort reason). */
  readonly error?: unknown;
  /** Time from the start of the attempt (before its hook) to its outcome, in milliseconds. */
  readonly durationMs: number;
}

/** How one call is sent: retries, the per-attempt hook and telemetry. */
export interface SendOptions {
  /**
   * When and how often to retry obtaining a response.
   * @default no retry
   */
  readonly retry?: RetryPolicy | undefined;
  /** Per-attempt hook, see {@link AttemptHook}. */
  readonly beforeAttempt?: AttemptHook | undefined;
  /**
   * Longest time the per-attempt hook may take, in milliseconds; expiry fails the attempt with a
   * `timeout` (retried like a network failure).
   * @default 60000
   */
  readonly beforeAttemptTimeoutMs?: number | undefined;
  /** Called once per attempt with its outcome and duration. */
  readonly onAttempt?: ((telemetry: AttemptTelemetry) => void) | undefined;
}

/**
 * Sends {@link Request}s. Both operations prepare the request once (so every attempt sends the
 * same bytes), retry per `options.retry` while obtaining the response, and turn every non-2xx
 * status into a `TransportError` of kind `http`.
 */
export interface HttpTransport {
  /** Sends `request` and buffers the whole response body. */
  execute(request: Request, options?: SendOptions): Promise<Response>;
  /** Sends `request` and resolves once a 2xx response head has arrived. */
  stream(request: Request, options?: SendOptions): Promise<StreamResponse>;
}
