import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ExchangeOutcome, RecordedRequest } from './recorded-request.js';
import type { ResponseScript, RouteHandler, RouteResponse } from './response-script.js';
import { serveScript } from './serve-script.js';

/** The loopback address every test server binds to. */
export const TESTKIT_HOST = '127.0.0.1';

/** Options of {@link startTestServer}. */
export interface TestServerOptions {
  /**
   * What to answer when neither the queue nor a route applies.
   * @default a 404 with a JSON body naming the method and path
   */
  readonly fallback?: RouteResponse;
  /**
   * Keep every request in `server.requests`. Turn it off for long benchmark runs.
   * @default true
   */
  readonly recordRequests?: boolean;
  /**
   * How long an idle keep-alive connection stays open, in milliseconds (Node's
   * `server.keepAliveTimeout`; clients learn it from the `keep-alive: timeout=<s>` header). Raise
   * it for long benchmark runs, so that a client reuses its connections between rounds.
   * @default 5000
   */
  readonly keepAliveTimeoutMs?: number;
}

/**
 * Handles one HTTP Upgrade request (e.g. a WebSocket handshake): the raw socket is the handler's
 * to answer (a refusal written as HTTP, or an accepted upgrade) and to close.
 */
export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** A method and path answered by the test server; returned by `server.route(...)`. */
export interface Route {
  /** Upper-case method, or `*` for any method. */
  readonly method: string;
  /** The exact path (no query string) this route answers. */
  readonly path: string;
  /** Requests this route answered, in order (also recorded in `server.requests`). */
  readonly requests: readonly RecordedRequest[];
  /** Replaces the route's standing response. Returns the route. */
  respondWith(response: RouteResponse): Route;
  /**
   * Queues one-shot responses for this route: each request takes the next one, and the standing
   * response applies once the queue is empty. Returns the route.
   */
  enqueue(...responses: readonly RouteResponse[]): Route;
  /** Removes the route from the server. */
  remove(): void;
}

/** Options of {@link TestServer.waitForOpenConnections}. */
export interface WaitForConnectionsOptions {
  /**
   * Give up (reject) after this many milliseconds.
   * @default 5000
   */
  readonly timeoutMs?: number;
}

/** A running loopback HTTP server for tests; see {@link startTestServer}. */
export interface TestServer extends AsyncDisposable {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  /** The ephemeral port. */
  readonly port: number;
  /** Every request received so far, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /**
   * The number of TCP connections currently open, idle keep-alive ones included. Note that
   * Node's fetch (undici) may open a spare connection after a cancelled one; to check that a
   * client closed a stream, prefer `request.outcome` or `activeResponses`.
   */
  readonly openConnections: number;
  /** The number of responses still in progress (including stalled ones). */
  readonly activeResponses: number;
  /**
   * Registers (or replaces) the standing response for `method` and exact `path`.
   * `method` is case-insensitive; `*` matches any method.
   */
  route(method: string, path: string, response: RouteResponse): Route;
  /**
   * Queues one-shot responses for the next requests, whatever their path. The queue is consulted
   * before any route.
   */
  enqueue(...responses: readonly RouteResponse[]): void;
  /** Forgets recorded requests and queued responses (routes stay). */
  reset(): void;
  /**
   * Sets the handler of HTTP Upgrade requests (see `serveResponsesWebsocket`). Upgrade requests
   * are not recorded in `requests`; `undefined` refuses them with a 404 again.
   */
  upgrade(handler: UpgradeHandler | undefined): void;
  /** Resolves once at most `count` connections are open; rejects after the timeout. */
  waitForOpenConnections(count: number, options?: WaitForConnectionsOptions): Promise<void>;
  /**
   * Stops the server: ends stalled and paced responses, destroys every connection and resolves
   * when the listening socket is closed. Leaves no timers or sockets behind. Safe to call twice.
   */
  close(): Promise<void>;
}

interface RouteEntry {
  readonly method: string;
  readonly path: string;
  standing: RouteResponse;
  readonly queue: RouteResponse[];
  readonly requests: RecordedRequest[];
}

const textDecoder = new TextDecoder();

function defaultFallback(request: RecordedRequest): ResponseScript {
  return {
    status: 404,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      error: {
        message: `testkit: no response scripted for ${request.method} ${request.path}`,
        type: 'not_found',
      },
    }),
  };
}

function recordHeaders(message: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

async function readBody(message: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

async function resolveScript(
  response: RouteResponse,
  request: RecordedRequest,
): Promise<ResponseScript> {
  return typeof response === 'function' ? (response as RouteHandler)(request) : response;
}

/**
 * Starts a real HTTP server on 127.0.0.1 with an ephemeral port. Each request is recorded, then
 * answered by, in order: the server-wide queue (`enqueue`), the matching route's queue, the
 * route's standing response, and finally the fallback (a 404).
 *
 * @example
 * ```ts
 * await using server = await startTestServer();
 * server.route('GET', '/ping', { body: 'pong' });
 * server.enqueue({ status: 500 }); // the first request of any path fails once
 * const response = await fetch(`${server.url}/ping`);
 * ```
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  if (
    options.fallback !== undefined &&
    typeof options.fallback !== 'function' &&
    typeof options.fallback !== 'object'
  ) {
    throw new TypeError('`fallback` must be a response script or a handler function');
  }
  const keepAliveTimeoutMs = options.keepAliveTimeoutMs ?? 5_000;
  if (!Number.isInteger(keepAliveTimeoutMs) || keepAliveTimeoutMs < 1)
    throw new RangeError(
      `\`keepAliveTimeoutMs\` must be a positive integer, got ${String(options.keepAliveTimeoutMs)}`,
    );
  const fallback = options.fallback ?? defaultFallback;
  const recordRequests = options.recordRequests ?? true;
  const requests: RecordedRequest[] = [];
  const queue: RouteResponse[] = [];
  const routes: RouteEntry[] = [];
  const sockets = new Set<Socket>();
  const exchanges = new Set<AbortController>();
  const connectionWaiters = new Set<() => void>();
  let requestCount = 0;
  let closing = false;
  let closed: Promise<void> | undefined;

  const notifyConnectionWaiters = (): void => {
    for (const waiter of connectionWaiters) waiter();
  };

  const findRoute = (method: string, path: string): RouteEntry | undefined =>
    routes.find((entry) => entry.path === path && entry.method === method) ??
    routes.find((entry) => entry.path === path && entry.method === '*');

  const handle = async (message: IncomingMessage, response: ServerResponse): Promise<void> => {
    const exchange = new AbortController();
    exchanges.add(exchange);
    let dropped = false;
    let resolveOutcome!: (outcome: ExchangeOutcome) => void;
    const outcome = new Promise<ExchangeOutcome>((resolve) => {
      resolveOutcome = resolve;
    });
    const socket = message.socket;
    response.once('close', () => {
      exchanges.delete(exchange);
      // A response that did not finish leaves the connection unusable; close it now rather than
      // waiting for Node's half-open handling, so `openConnections` reflects the client at once.
      if (!response.writableFinished) socket.destroy();
      if (response.writableFinished) resolveOutcome('completed');
      else if (dropped) resolveOutcome('dropped');
      else if (closing) resolveOutcome('server-closed');
      else resolveOutcome('client-disconnected');
      exchange.abort();
    });

    const body = await readBody(message);
    const target = message.url ?? '/';
    const parsed = new URL(target, 'http://testkit.invalid');
    const method = (message.method ?? 'GET').toUpperCase();
    const request: RecordedRequest = {
      index: requestCount++,
      method,
      url: target,
      path: parsed.pathname,
      query: parsed.searchParams,
      headers: recordHeaders(message),
      body,
      text: () => textDecoder.decode(body),
      json: <T = unknown>(): T => JSON.parse(textDecoder.decode(body)) as T,
      outcome,
    };
    if (recordRequests) requests.push(request);

    let chosen: RouteResponse;
    const queued = queue.shift();
    const route = findRoute(method, request.path);
    if (queued !== undefined) chosen = queued;
    else if (route !== undefined) {
      if (recordRequests) route.requests.push(request);
      chosen = route.queue.shift() ?? route.standing;
    } else chosen = fallback;

    let script: ResponseScript;
    try {
      script = await resolveScript(chosen, request);
    } catch (error) {
      // A throwing handler is a bug in the test; answer 500 so it shows up as a failure there.
      script = {
        status: 500,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: `testkit: route handler threw: ${error instanceof Error ? error.stack : String(error)}`,
      };
    }
    await serveScript(script, response, {
      signal: exchange.signal,
      markDropped: () => {
        dropped = true;
      },
    });
  };

  const server = createServer({ keepAliveTimeout: keepAliveTimeoutMs }, (message, response) => {
    handle(message, response).catch(() => {
      // Only reading the request body can fail here (the client went away mid-upload); there is
      // nobody left to answer, and an error event would surface as an unrelated uncaught error.
      response.destroy();
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      notifyConnectionWaiters();
    });
  });
  let upgradeHandler: UpgradeHandler | undefined;
  server.on('upgrade', (message: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (upgradeHandler !== undefined) {
      upgradeHandler(message, socket, head);
      return;
    }
    socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
  });
  // A client resetting a connection is normal in fault tests; it must not become an uncaught error.
  server.on('clientError', (_error, socket: Socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: TESTKIT_HOST, port: 0, backlog: 4096 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const close = (): Promise<void> => {
    if (closed !== undefined) return closed;
    closing = true;
    closed = new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const exchange of exchanges) exchange.abort();
      for (const socket of sockets) socket.destroy();
    });
    return closed;
  };

  const createRoute = (entry: RouteEntry): Route => {
    const handleRoute: Route = {
      method: entry.method,
      path: entry.path,
      requests: entry.requests,
      respondWith(response) {
        entry.standing = response;
        return handleRoute;
      },
      enqueue(...responses) {
        entry.queue.push(...responses);
        return handleRoute;
      },
      remove() {
        const index = routes.indexOf(entry);
        if (index !== -1) routes.splice(index, 1);
      },
    };
    return handleRoute;
  };

  return {
    url: `http://${TESTKIT_HOST}:${port}`,
    port,
    requests,
    get openConnections() {
      return sockets.size;
    },
    get activeResponses() {
      return exchanges.size;
    },
    route(method, path, response) {
      if (typeof method !== 'string' || method.length === 0)
        throw new TypeError('`method` must be a non-empty string');
      if (typeof path !== 'string' || !path.startsWith('/'))
        throw new TypeError('`path` must be a string starting with "/"');
      const upper = method.toUpperCase();
      const existing = routes.findIndex((entry) => entry.method === upper && entry.path === path);
      if (existing !== -1) routes.splice(existing, 1);
      const entry: RouteEntry = {
        method: upper,
        path,
        standing: response,
        queue: [],
        requests: [],
      };
      routes.push(entry);
      return createRoute(entry);
    },
    enqueue(...responses) {
      queue.push(...responses);
    },
    reset() {
      requests.length = 0;
      queue.length = 0;
      for (const entry of routes) {
        entry.queue.length = 0;
        entry.requests.length = 0;
      }
    },
    upgrade(handler) {
      if (handler !== undefined && typeof handler !== 'function')
        throw new TypeError('`handler` must be a function or undefined');
      upgradeHandler = handler;
    },
    waitForOpenConnections(count, waitOptions = {}) {
      const timeoutMs = waitOptions.timeoutMs ?? 5_000;
      if (sockets.size <= count) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (sockets.size > count) return;
          finish();
          resolve();
        };
        const timer = setTimeout(() => {
          finish();
          reject(
            new Error(
              `testkit: ${sockets.size} connections still open after ${timeoutMs} ms (expected at most ${count})`,
            ),
          );
        }, timeoutMs);
        const finish = (): void => {
          clearTimeout(timer);
          connectionWaiters.delete(check);
        };
        connectionWaiters.add(check);
      });
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
