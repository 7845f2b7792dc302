/**
 * How one exchange ended:
 * - `completed`: the whole response was sent;
 * - `client-disconnected`: the client closed its connection before the response was complete;
 * - `dropped`: the script destroyed the socket (`dropAfter*`, `garbage`, `closeWithoutResponse`);
 * - `server-closed`: the server was closed while the response was still open.
 */
export type ExchangeOutcome = 'completed' | 'client-disconnected' | 'dropped' | 'server-closed';

/** One request the test server received, recorded before the response was chosen. */
export interface RecordedRequest {
  /** 0-based position among all requests this server received. */
  readonly index: number;
  /** Upper-case method, e.g. `POST`. */
  readonly method: string;
  /** The request target as sent: path plus query string, e.g. `/v1/models?client_version=1.0`. */
  readonly url: string;
  /** The path without the query string, e.g. `/v1/models`. */
  readonly path: string;
  /** The parsed query string. */
  readonly query: URLSearchParams;
  /** Headers with lower-cased names; repeated headers are joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** The exact body bytes received (empty when there was no body). */
  readonly body: Uint8Array;
  /** The body decoded as UTF-8. */
  text(): string;
  /** The body parsed as JSON; throws `SyntaxError` when it is not JSON. */
  json<T = unknown>(): T;
  /**
   * Settles when the exchange is over, telling how it ended. Use it to assert that a client
   * that stopped reading a stream closed its connection (`client-disconnected`).
   */
  readonly outcome: Promise<ExchangeOutcome>;
}
