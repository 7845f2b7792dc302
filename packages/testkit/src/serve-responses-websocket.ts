import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { loadTranscript } from './fixture-path.js';
import type { HeaderRecord } from './response-script.js';
import type { Transcript } from './sse-response.js';
import type { TestServer } from './start-test-server.js';
import { transcriptPayloads } from './transcript-payloads.js';

/** How the endpoint answers one WebSocket handshake. */
export interface WebsocketHandshakeScript {
  /**
   * Refuse the handshake with this HTTP status (e.g. `401`, `426`); absent or `101` accepts it.
   * @default 101
   */
  readonly status?: number;
  /** Headers of the answer: extra headers of the `101`, or the refusal's headers. */
  readonly headers?: HeaderRecord;
  /** Body of a refusal. */
  readonly body?: string;
  /** Never answer the handshake (the connection stays open and silent). */
  readonly stall?: boolean;
}

/**
 * One step of the answer to a `response.create` frame:
 * - `text` / `json`: a text frame (`json` is encoded with `JSON.stringify`);
 * - `binary`: a binary frame; `ping`: a ping frame;
 * - `close`: a close frame (the server closes the connection);
 * - `drop`: the TCP connection is destroyed without a close frame;
 * - `stall`: nothing more is sent for this turn (the connection stays open);
 * - `delayMs`: wait before the next step.
 */
export type WebsocketFrameScript =
  | { readonly text: string }
  | { readonly json: unknown }
  | { readonly binary: Uint8Array }
  | { readonly ping: true }
  | { readonly close: { readonly code?: number; readonly reason?: string } }
  | { readonly drop: true }
  | { readonly stall: true }
  | { readonly delayMs: number };

/** The answer to one `response.create` frame. */
export interface WebsocketTurnScript {
  /** The steps, in order. */
  readonly frames: readonly WebsocketFrameScript[];
}

/** A fixed turn, or a handler computing one from the request frame. */
export type WebsocketTurnResponse =
  | WebsocketTurnScript
  | ((request: RecordedWebsocketRequest) => WebsocketTurnScript | Promise<WebsocketTurnScript>);

/** One handshake the endpoint received. */
export interface RecordedWebsocketHandshake {
  /** 0-based, in arrival order. */
  readonly index: number;
  /** Path and query as sent. */
  readonly url: string;
  /** The path without the query. */
  readonly path: string;
  /** The query parameters. */
  readonly query: URLSearchParams;
  /** Request headers, lower-cased names, repeated values joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** Whether the handshake was accepted (`101`). */
  readonly accepted: boolean;
}

/** One text frame a client sent on an accepted connection. */
export interface RecordedWebsocketRequest {
  /** 0-based, in arrival order over all connections. */
  readonly index: number;
  /** The `index` of the handshake of its connection. */
  readonly connection: number;
  /** 0-based number of this request on its connection. */
  readonly turn: number;
  /** The frame's text. */
  readonly text: string;
  /** The frame parsed as JSON. */
  json<T = unknown>(): T;
}

/** Options of {@link serveResponsesWebsocket}. */
export interface ResponsesWebsocketEndpointOptions {
  /**
   * The path upgraded to a WebSocket.
   * @default '/v1/responses'
   */
  readonly path?: string;
  /**
   * What each `response.create` is answered with when nothing is queued: every event payload of
   * the transcript as one text frame, the connection kept open.
   * @default the `turn` transcript
   */
  readonly transcript?: Transcript;
  /**
   * Milliseconds between the frames of the default answer.
   * @default 0
   */
  readonly eventDelayMs?: number;
  /** Extra headers of every accepted handshake (`openai-model`, `x-codex-turn-state`, …). */
  readonly handshakeHeaders?: HeaderRecord;
  /**
   * The connection limit: after this many requests on one connection, the next one is answered
   * with the `websocket_connection_limit_reached` wrapped error (see
   * {@link connectionLimitFrame}).
   * @default no limit
   */
  readonly requestsPerConnection?: number;
}

/** A Responses WebSocket endpoint on a test server; see {@link serveResponsesWebsocket}. */
export interface ResponsesWebsocketEndpoint {
  /** `ws://127.0.0.1:<port><path>`. */
  readonly url: string;
  /** Every handshake, in arrival order (refused ones included). */
  readonly handshakes: readonly RecordedWebsocketHandshake[];
  /** Every request frame, in arrival order. */
  readonly requests: readonly RecordedWebsocketRequest[];
  /** Accepted connections still open. */
  readonly openConnections: number;
  /** Pong frames received (answers to `{ ping: true }` steps). */
  readonly pongs: number;
  /** Queues one-shot handshake answers (consulted before the standing one). */
  enqueueHandshake(...scripts: readonly WebsocketHandshakeScript[]): ResponsesWebsocketEndpoint;
  /** Replaces the standing handshake answer (default: accept). */
  respondToHandshakesWith(script: WebsocketHandshakeScript): ResponsesWebsocketEndpoint;
  /** Queues one-shot turn answers, taken by the next requests of any connection. */
  enqueue(...turns: readonly WebsocketTurnResponse[]): ResponsesWebsocketEndpoint;
  /** Replaces the standing turn answer. */
  respondWith(turn: WebsocketTurnResponse): ResponsesWebsocketEndpoint;
  /** Closes every open connection from the server side with a close frame (code 1001). */
  closeConnections(): void;
  /** Stops answering upgrades and destroys every connection. Idempotent. */
  close(): Promise<void>;
}

/**
 * A turn answering with every event payload of `transcript` as one text frame. Faults cut it:
 * after `stallAfterEvents` nothing more is sent, after `dropAfterEvents` the TCP connection is
 * destroyed, after `closeAfterEvents` a close frame is sent, after `binaryAfterEvents` a binary
 * frame is sent; `end` says what happens after the last frame (default `'keep-open'`).
 *
 * @example
 * endpoint.enqueue(websocketTurn(loadTranscript('turn'), { closeAfterEvents: 3 }));
 */
export function websocketTurn(
  transcript: Transcript,
  options: {
    readonly eventDelayMs?: number;
    readonly stallAfterEvents?: number;
    readonly dropAfterEvents?: number;
    readonly closeAfterEvents?: number;
    readonly binaryAfterEvents?: number;
    readonly end?: 'keep-open' | 'drop' | 'close';
  } = {},
): WebsocketTurnScript {
  const cuts = [
    options.stallAfterEvents,
    options.dropAfterEvents,
    options.closeAfterEvents,
    options.binaryAfterEvents,
  ].filter((cut) => cut !== undefined);
  if (cuts.length > 1)
    throw new TypeError('websocketTurn: give at most one of the *AfterEvents faults');
  for (const cut of cuts) {
    if (!Number.isInteger(cut) || (cut as number) < 0)
      throw new RangeError(
        `websocketTurn: a fault count must be a non-negative integer, got ${cut}`,
      );
  }
  let payloads = transcriptPayloads(transcript);
  if (cuts.length === 1) payloads = payloads.slice(0, cuts[0]);
  const delayMs = options.eventDelayMs ?? 0;
  const frames: WebsocketFrameScript[] = [];
  payloads.forEach((text, index) => {
    if (delayMs > 0 && index > 0) frames.push({ delayMs });
    frames.push({ text });
  });
  if (options.stallAfterEvents !== undefined) frames.push({ stall: true });
  else if (options.dropAfterEvents !== undefined) frames.push({ drop: true });
  else if (options.closeAfterEvents !== undefined)
    frames.push({ close: { code: 1011, reason: 'testkit' } });
  else if (options.binaryAfterEvents !== undefined)
    frames.push({ binary: new Uint8Array([0xde, 0xad, 0xbe, 0xef]) });
  else if (options.end === 'drop') frames.push({ drop: true });
  else if (options.end === 'close') frames.push({ close: { code: 1000, reason: 'done' } });
  return { frames };
}

/**
 * A wrapped error frame as the Responses WebSocket sends it instead of an HTTP status:
 * `{"type":"error","status":…,"error":{…},"headers":{…}}`.
 *
 * @example wrappedErrorFrame({ status: 429, error: { type: 'usage_limit_reached', message: 'limit' } })
 */
export function wrappedErrorFrame(options: {
  readonly status?: number;
  readonly error?: unknown;
  readonly headers?: Readonly<Record<string, string | number | boolean>>;
}): WebsocketFrameScript {
  const frame: Record<string, unknown> = { type: 'error' };
  if (options.status !== undefined) frame.status = options.status;
  if (options.error !== undefined) frame.error = options.error;
  if (options.headers !== undefined) frame.headers = options.headers;
  return { json: frame };
}

/** The wrapped error a connection gets once it reached the server's connection limit. */
export function connectionLimitFrame(
  message = 'Responses websocket connection limit reached (60 minutes). Create a new websocket connection to continue.',
): WebsocketFrameScript {
  return wrappedErrorFrame({
    status: 400,
    error: { type: 'invalid_request_error', code: 'websocket_connection_limit_reached', message },
  });
}

function recordHeaders(message: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function headerLines(headers: HeaderRecord | undefined): string[] {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    const values = Array.isArray(value) ? value : [String(value)];
    for (const item of values) lines.push(`${name}: ${item}`);
  }
  return lines;
}

/**
 * Serves a Responses WebSocket on a test server (`server.upgrade(...)`): handshakes on `path`
 * are answered per script (accepted with permessage-deflate by default; refused with any status,
 * e.g. `426`), and each `response.create` text frame is answered with a turn script — by default
 * every payload of the transcript as a text frame, the connection kept open for the next request.
 * Other upgrade paths are refused with a 404. Everything is recorded: handshakes (headers) and
 * request frames. The test server's `close()` also ends every connection.
 *
 * @example
 * ```ts
 * await using server = await startResponsesServer();
 * const endpoint = serveResponsesWebsocket(server, { handshakeHeaders: { 'openai-model': 'gpt-5.1-codex' } });
 * endpoint.enqueueHandshake({ status: 426 });            // the first handshake is refused
 * endpoint.enqueue(websocketTurn(loadTranscript('turn'), { dropAfterEvents: 5 }));
 * ```
 */
export function serveResponsesWebsocket(
  server: TestServer,
  options: ResponsesWebsocketEndpointOptions = {},
): ResponsesWebsocketEndpoint {
  const path = options.path ?? '/v1/responses';
  if (typeof path !== 'string' || !path.startsWith('/'))
    throw new TypeError('`path` must be a string starting with "/"');
  const limit = options.requestsPerConnection;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0))
    throw new RangeError(`\`requestsPerConnection\` must be a non-negative integer, got ${limit}`);
  const defaultTurn = websocketTurn(options.transcript ?? loadTranscript('turn'), {
    eventDelayMs: options.eventDelayMs ?? 0,
  });
  const handshakes: RecordedWebsocketHandshake[] = [];
  const requests: RecordedWebsocketRequest[] = [];
  const handshakeQueue: WebsocketHandshakeScript[] = [];
  let standingHandshake: WebsocketHandshakeScript = {};
  const turnQueue: WebsocketTurnResponse[] = [];
  let standingTurn: WebsocketTurnResponse = defaultTurn;
  const sockets = new Set<WebSocket>();
  const stalled = new Set<Duplex>();
  const pendingHeaders = new WeakMap<IncomingMessage, HeaderRecord>();
  let closed = false;
  let pongs = 0;

  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: true });
  wss.on('headers', (headers: string[], request: IncomingMessage) => {
    headers.push(...headerLines(pendingHeaders.get(request)));
  });

  const serveConnection = (socket: WebSocket, connection: number): void => {
    sockets.add(socket);
    const timers = new Set<ReturnType<typeof setTimeout>>();
    let turns = 0;
    let chain: Promise<void> = Promise.resolve();
    let open = true;
    socket.once('close', () => {
      open = false;
      sockets.delete(socket);
      for (const timer of timers) clearTimeout(timer);
    });
    socket.on('pong', () => {
      pongs += 1;
    });
    // A client that resets the connection is normal in fault tests.
    socket.on('error', () => socket.terminate());
    const wait = (ms: number): Promise<void> =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, ms);
        timers.add(timer);
      });
    const send = (data: string | Uint8Array, binary: boolean): Promise<void> =>
      new Promise((resolve) => socket.send(data, { binary }, () => resolve()));

    const play = async (script: WebsocketTurnScript): Promise<void> => {
      for (const step of script.frames) {
        if (!open) return;
        if ('delayMs' in step) await wait(step.delayMs);
        else if ('text' in step) await send(step.text, false);
        else if ('json' in step) await send(JSON.stringify(step.json), false);
        else if ('binary' in step) await send(step.binary, true);
        else if ('ping' in step) socket.ping();
        else if ('close' in step) {
          socket.close(step.close.code ?? 1000, step.close.reason ?? '');
          return;
        } else if ('drop' in step) {
          socket.terminate();
          return;
        } else if ('stall' in step) return;
      }
    };

    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const text = data.toString();
      const turn = turns++;
      const request: RecordedWebsocketRequest = {
        index: requests.length,
        connection,
        turn,
        text,
        json: <T = unknown>(): T => JSON.parse(text) as T,
      };
      requests.push(request);
      const answer: WebsocketTurnResponse =
        limit !== undefined && turn >= limit
          ? { frames: [connectionLimitFrame()] }
          : (turnQueue.shift() ?? standingTurn);
      chain = chain.then(async () => {
        const script = typeof answer === 'function' ? await answer(request) : answer;
        await play(script);
      });
    });
  };

  const refuse = (
    socket: Duplex,
    status: number,
    headers: HeaderRecord | undefined,
    body = '',
  ): void => {
    const bytes = Buffer.from(body, 'utf8');
    const lines = [
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}`,
      ...headerLines({ 'content-type': 'text/plain; charset=utf-8', ...headers }),
      `content-length: ${bytes.length}`,
      'connection: close',
      '',
      '',
    ];
    socket.end(Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), bytes]));
  };

  server.upgrade((message, socket, head) => {
    socket.on('error', () => socket.destroy());
    const target = message.url ?? '/';
    const parsed = new URL(target, 'http://testkit.invalid');
    if (closed || parsed.pathname !== path) {
      refuse(socket, 404, undefined, `testkit: no WebSocket endpoint at ${parsed.pathname}`);
      return;
    }
    const script = handshakeQueue.shift() ?? standingHandshake;
    const accepted =
      script.stall !== true && (script.status === undefined || script.status === 101);
    const index = handshakes.length;
    handshakes.push({
      index,
      url: target,
      path: parsed.pathname,
      query: parsed.searchParams,
      headers: recordHeaders(message),
      accepted,
    });
    if (script.stall === true) {
      stalled.add(socket);
      socket.once('close', () => stalled.delete(socket));
      return;
    }
    if (!accepted) {
      refuse(socket, script.status as number, script.headers, script.body ?? '');
      return;
    }
    pendingHeaders.set(message, { ...options.handshakeHeaders, ...script.headers });
    wss.handleUpgrade(message, socket, head, (webSocket) => serveConnection(webSocket, index));
  });

  const endpoint: ResponsesWebsocketEndpoint = {
    url: `${server.url.replace(/^http/, 'ws')}${path}`,
    handshakes,
    requests,
    get openConnections() {
      return sockets.size;
    },
    get pongs() {
      return pongs;
    },
    enqueueHandshake(...scripts) {
      handshakeQueue.push(...scripts);
      return endpoint;
    },
    respondToHandshakesWith(script) {
      standingHandshake = script;
      return endpoint;
    },
    enqueue(...turns) {
      turnQueue.push(...turns);
      return endpoint;
    },
    respondWith(turn) {
      standingTurn = turn;
      return endpoint;
    },
    closeConnections() {
      for (const socket of sockets) socket.close(1001, 'testkit: server closing');
    },
    async close() {
      closed = true;
      for (const socket of sockets) socket.terminate();
      for (const socket of stalled) socket.destroy();
      wss.close();
    },
  };
  return endpoint;
}
