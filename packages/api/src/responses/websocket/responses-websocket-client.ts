import { type PreparedRequest, Secrets, TransportError } from '@codex/client';
import type { AuthProvider } from '../../auth/auth-provider.js';
import { ApiError } from '../../errors/api-error.js';
import { toApiError } from '../../errors/to-api-error.js';
import type { HeadersInput } from '../../headers-input.js';
import { type EndpointSettings, endpointWebsocketUrl } from '../../settings/endpoint-settings.js';
import { conversationRequestHeaders } from '../open-response-stream.js';
import type { SessionSource } from '../session-source.js';
import type { TurnState } from '../turn-state.js';
import {
  loadWebSocket,
  type WebSocketConstructor,
  type WebSocketHandshakeResponse,
  type WebSocketLike,
} from './load-websocket.js';
import { ResponsesWebsocketConnection } from './responses-websocket-connection.js';
import { websocketHandshakeHeaders } from './websocket-handshake-headers.js';

/** Default {@link ResponsesWebsocketClientOptions.connectTimeoutMs}: 15 000 ms (upstream's). */
export const DEFAULT_WEBSOCKET_CONNECT_TIMEOUT_MS = 15_000;
// setTimeout fires at once for larger delays.
const MAX_TIMER_MS = 2_147_483_647;
// Most bytes of a refused handshake's body kept for the error.
const MAX_ERROR_BODY_BYTES = 1024 * 1024;

/** Named arguments of {@link ResponsesWebsocketClient}. */
export interface ResponsesWebsocketClientOptions {
  /** Where to connect (`websocketUrlForPath(baseUrl, 'responses')`), headers and idle timeout. */
  readonly settings: EndpointSettings;
  /** Authenticates the handshake (once per connection). */
  readonly auth: AuthProvider;
  /**
   * The `WebSocket` implementation: a `ws`-compatible constructor.
   * @default the `ws` package, loaded with `import('ws')` on the first connect
   */
  readonly webSocket?: WebSocketConstructor | undefined;
  /**
   * Longest time the handshake may take, in milliseconds; expiry fails `connect` with a
   * transport `timeout`.
   * @default 15000
   */
  readonly connectTimeoutMs?: number | undefined;
}

/** Per-connection options of {@link ResponsesWebsocketClient.connect}. */
export interface WebsocketConnectOptions {
  /** Sent as `x-client-request-id` and `session_id` handshake headers. */
  readonly conversationId?: string | undefined;
  /** A sub-agent source adds `x-openai-subagent: <label>`. */
  readonly sessionSource?: SessionSource | undefined;
  /** Headers over the settings' headers (invalid ones are skipped). */
  readonly extraHeaders?: HeadersInput | undefined;
  /** Headers sent only where no other header of the same name is (e.g. `originator`). */
  readonly defaultHeaders?: HeadersInput | undefined;
  /** Receives `x-codex-turn-state` from the handshake response when still empty. */
  readonly turnState?: TurnState | undefined;
  /** Cancels the handshake; its reason is thrown as it is. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Opens Responses WebSockets (upstream `ResponsesWebsocketClient`): `GET
 * {ws(s) baseUrl}/responses` upgraded to a WebSocket with permessage-deflate. Handshake headers,
 * later ones winning: the settings' headers, `extraHeaders`, the conversation and sub-agent
 * headers, `OpenAI-Beta: responses_websockets=2026-02-06`, then `defaultHeaders` only where a
 * name is still absent, then auth (applied once, to the handshake).
 *
 * Needs the `ws` package (an optional peer dependency: `npm install ws`), loaded only when the
 * first connection is opened; browsers are refused (their WebSocket cannot send headers).
 *
 * Failures of `connect` are `ApiError`s: a refused handshake is a `transport` error of kind
 * `http` with the status, URL, response headers and body (a 426 included); a connection failure
 * a `network` one; a handshake past `connectTimeoutMs` a `timeout`; auth failures as over HTTP;
 * a missing `ws` a `build` one naming `npm install ws`. Nothing is retried.
 *
 * @example
 * const client = new ResponsesWebsocketClient({ settings, auth: createBearerAuth({ token }) });
 * const connection = await client.connect({ conversationId: 'conv_1' });
 * const stream = await connection.streamRequest({ model: 'gpt-5.1-codex', input });
 * for await (const event of stream) if (event.type === 'outputTextDelta') process.stdout.write(event.delta);
 */
export class ResponsesWebsocketClient {
  /** The endpoint settings in use. */
  readonly settings: EndpointSettings;
  readonly #auth: AuthProvider;
  readonly #webSocket: WebSocketConstructor | undefined;
  readonly #connectTimeoutMs: number;

  constructor(options: ResponsesWebsocketClientOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError('ResponsesWebsocketClient: options must be an object');
    }
    const { settings, auth, webSocket } = options;
    if (typeof settings?.baseUrl !== 'string') {
      throw new TypeError(
        'ResponsesWebsocketClient: `settings` must be EndpointSettings (see createEndpointSettings)',
      );
    }
    if (typeof auth?.authenticate !== 'function') {
      throw new TypeError('ResponsesWebsocketClient: `auth` must be an AuthProvider');
    }
    if (webSocket !== undefined && typeof webSocket !== 'function') {
      throw new TypeError('ResponsesWebsocketClient: `webSocket` must be a WebSocket constructor');
    }
    const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_WEBSOCKET_CONNECT_TIMEOUT_MS;
    if (!(connectTimeoutMs > 0)) {
      throw new RangeError(
        'ResponsesWebsocketClient: `connectTimeoutMs` must be a positive number',
      );
    }
    this.settings = settings;
    this.#auth = auth;
    this.#webSocket = webSocket;
    this.#connectTimeoutMs = Math.min(connectTimeoutMs, MAX_TIMER_MS);
  }

  /**
   * Opens a connection. Resolves once the handshake succeeded; `turnState` then holds the
   * handshake's `x-codex-turn-state` (when it was empty).
   *
   * @throws ApiError (see the class); the signal's reason on abort.
   */
  async connect(options: WebsocketConnectOptions = {}): Promise<ResponsesWebsocketConnection> {
    const { signal } = options;
    try {
      signal?.throwIfAborted();
      const settings = this.settings;
      let url: string;
      try {
        url = endpointWebsocketUrl(settings, 'responses');
      } catch (error) {
        throw new TransportError({ kind: 'build', detail: (error as Error).message, cause: error });
      }
      const WebSocket = this.#webSocket ?? (await loadWebSocket());
      const headers = websocketHandshakeHeaders({
        settingsHeaders: settings.headers,
        extraHeaders: conversationRequestHeaders(options),
        defaultHeaders: options.defaultHeaders,
      });
      const request = await authenticate({
        auth: this.#auth,
        request: { method: 'GET', url, headers },
        timeoutMs: Math.min(settings.authTimeoutMs, MAX_TIMER_MS),
        signal,
      });
      const connection = await open({
        WebSocket,
        request,
        timeoutMs: this.#connectTimeoutMs,
        maxPayload: settings.maxEventSize,
        idleTimeoutMs: settings.streamIdleTimeoutMs,
        signal,
      });
      const turnState = connection.responseHeaders.get('x-codex-turn-state');
      if (turnState !== null) options.turnState?.set(turnState);
      return connection;
    } catch (error) {
      throw toApiError(error, signal);
    }
  }
}

/** Runs the auth provider once for the handshake, within its timeout and the caller's signal. */
async function authenticate(input: {
  readonly auth: AuthProvider;
  readonly request: PreparedRequest;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
}): Promise<PreparedRequest> {
  const { signal } = input;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const timeout = new TransportError({ kind: 'timeout' });
      controller.abort(timeout);
      reject(timeout);
    }, input.timeoutMs);
    onAbort = () => {
      controller.abort(signal?.reason);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([
      Promise.resolve().then(() =>
        input.auth.authenticate(input.request, { attempt: 0, signal: controller.signal }),
      ),
      stopped,
    ]);
  } catch (error) {
    if (signal?.aborted && error === signal.reason) throw error;
    if (TransportError.isInstance(error)) throw error;
    const secrets = new Secrets().addRequest(input.request);
    throw new TransportError({
      kind: 'build',
      detail: secrets.redact(error instanceof Error ? error.message : String(error)),
      cause: secrets.sanitize(error),
    });
  } finally {
    clearTimeout(timer);
    if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
  }
}

/** Opens the socket and resolves with the connection once the handshake succeeded. */
function open(input: {
  readonly WebSocket: WebSocketConstructor;
  readonly request: PreparedRequest;
  readonly timeoutMs: number;
  readonly maxPayload: number;
  readonly idleTimeoutMs: number;
  readonly signal: AbortSignal | undefined;
}): Promise<ResponsesWebsocketConnection> {
  const { request, signal } = input;
  const secrets = new Secrets().addRequest(request);
  const url = secrets.redact(request.url);
  return new Promise((resolve, reject) => {
    let socket: WebSocketLike;
    try {
      socket = new input.WebSocket(request.url, {
        headers: Object.fromEntries(request.headers),
        perMessageDeflate: true,
        followRedirects: false,
        maxPayload: input.maxPayload,
        autoPong: true,
      });
    } catch (error) {
      reject(
        new TransportError({
          kind: 'build',
          detail: secrets.redact(error instanceof Error ? error.message : String(error)),
          cause: secrets.sanitize(error),
        }),
      );
      return;
    }
    let settled = false;
    let upgrade: WebSocketHandshakeResponse | undefined;
    const finish = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      return true;
    };
    const fail = (error: unknown): void => {
      if (!finish()) return;
      socket.terminate();
      reject(error);
    };
    const timer = setTimeout(() => fail(new TransportError({ kind: 'timeout' })), input.timeoutMs);
    const onAbort = (): void => fail(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });

    socket.on('upgrade', (response: WebSocketHandshakeResponse) => {
      upgrade = response;
    });
    socket.on('unexpected-response', (_request: unknown, response: WebSocketHandshakeResponse) => {
      readBody(response).then((body) => {
        const headers = scrub(toHeaders(response.headers), secrets);
        fail(
          new TransportError({
            kind: 'http',
            status: response.statusCode ?? 0,
            url,
            headers,
            body: body === undefined ? undefined : secrets.redact(body),
          }),
        );
      });
    });
    socket.on('open', () => {
      if (!finish()) return;
      resolve(
        new ResponsesWebsocketConnection({
          socket,
          url,
          responseHeaders: upgrade === undefined ? new Headers() : toHeaders(upgrade.headers),
          idleTimeoutMs: input.idleTimeoutMs,
          transport: upgrade?.socket ?? undefined,
        }),
      );
    });
    // Always listened to: an `error` event without a listener would crash the process.
    socket.on('error', (error: Error) => {
      fail(
        new TransportError({
          kind: 'network',
          detail: secrets.redact(error.message),
          cause: secrets.sanitize(error),
        }),
      );
    });
    socket.on('close', () => fail(ApiError.stream('websocket closed')));
  });
}

/** The body of a refused handshake (lossy UTF-8, at most 1 MiB); `undefined` if unreadable. */
function readBody(response: WebSocketHandshakeResponse): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const encoder = new TextEncoder();
    const done = (): void => {
      const bytes = new Uint8Array(Math.min(size, MAX_ERROR_BODY_BYTES));
      let offset = 0;
      for (const chunk of chunks) {
        const part = chunk.subarray(0, bytes.length - offset);
        bytes.set(part, offset);
        offset += part.length;
        if (offset >= bytes.length) break;
      }
      resolve(new TextDecoder().decode(bytes));
    };
    response.on('data', (chunk) => {
      if (size >= MAX_ERROR_BODY_BYTES) return;
      const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
      chunks.push(bytes);
      size += bytes.length;
    });
    response.on('end', done);
    response.on('error', () => resolve(undefined));
  });
}

function toHeaders(record: WebSocketHandshakeResponse['headers']): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(record)) {
    if (value === undefined) continue;
    try {
      if (typeof value === 'string') headers.append(name, value);
      else for (const item of value) headers.append(name, item);
    } catch {
      // A value `Headers` refuses is skipped.
    }
  }
  return headers;
}

// Response headers kept on an error, with any value that echoes a request secret scrubbed.
function scrub(headers: Headers, secrets: Secrets): Headers {
  for (const [name, value] of headers) {
    if (secrets.appearsIn(value)) headers.set(name, secrets.redact(value));
  }
  return headers;
}
