import { type ResponseItem, serializeResponseItem } from '@codex/protocol';
import type { ApiError } from '../errors/api-error.js';
import { toHeadersLenient } from '../headers-input.js';
import type { ResolvedProvider } from '../provider/model-provider.js';
import type { ResponseStream, ResponseStreamOptions } from '../responses/response-stream.js';
import {
  type ResponsesApiRequest,
  responsesRequestBody,
} from '../responses/responses-api-request.js';
import type { ResponsesOptions } from '../responses/responses-options.js';
import { subAgentLabel } from '../responses/session-source.js';
import type { WebSocketConstructor } from '../responses/websocket/load-websocket.js';
import type { TraceContext } from '../responses/websocket/response-create-request.js';
import { ResponsesWebsocketClient } from '../responses/websocket/responses-websocket-client.js';
import type { ResponsesWebsocketConnection } from '../responses/websocket/responses-websocket-connection.js';
import type { WebsocketFrame } from '../responses/websocket/websocket-frame.js';
import { isAzureResponsesProvider } from '../settings/endpoint-settings.js';

/** What the last completed request of a connection leaves behind for an incremental next one. */
interface LastExchange {
  /** The request without its input, encoded: the next one must match it. */
  readonly requestKey: string;
  /** The request's input items, encoded. */
  readonly input: readonly string[];
  /** The response's id (`previous_response_id` of the next request). */
  readonly responseId: string;
  /** The items the response added (`outputItemDone`), encoded. */
  readonly output: readonly string[];
}

/** A connection waiting for its next request. */
interface IdleConnection {
  readonly connection: ResponsesWebsocketConnection;
  /** The handshake it was opened with (conversation, sub-agent and extra headers). */
  readonly handshakeKey: string;
  last?: LastExchange | undefined;
}

interface ProviderSockets {
  readonly client: ResponsesWebsocketClient;
  idle?: IdleConnection | undefined;
}

/** @internal Named arguments of {@link WebsocketSessions.stream}. */
export interface WebsocketSessionRequest {
  readonly resolved: ResolvedProvider;
  readonly request: ResponsesApiRequest;
  readonly options: ResponsesOptions & { readonly traceContext?: TraceContext | undefined };
  /** `false` for a prewarm. */
  readonly generate?: boolean | undefined;
  readonly metadataPassthrough: boolean;
  readonly mapError: (error: ApiError) => unknown;
  readonly onStreamEvent?: ResponseStreamOptions<unknown>['onStreamEvent'];
}

/** Named arguments of {@link WebsocketSessions}. */
export interface WebsocketSessionsOptions {
  /**
   * The WebSocket implementation (a `ws`-compatible constructor).
   * @default the `ws` package, loaded with `import('ws')` the first time a WebSocket is opened
   */
  readonly webSocket?: WebSocketConstructor | undefined;
  /**
   * Longest time a WebSocket handshake may take, in milliseconds (upstream
   * `websocket_connect_timeout_ms`). Expiry fails the call with the provider's mapping of a
   * transport `timeout`.
   * @default 15000
   */
  readonly connectTimeoutMs?: number | undefined;
}

/**
 * Responses over WebSocket for a `ModelClient` (its `webSockets` option): one
 * `ResponsesWebsocketClient` per resolved provider and the connection kept for the next turn.
 * Kept out of `ModelClient` itself so that an application that streams over HTTPS only bundles
 * none of it (nor the `ws` package it loads); give each client its own instance.
 *
 * A request reuses the kept connection when its handshake would be the same (conversation id,
 * sub-agent, extra headers); it is then sent incrementally, as upstream's `ModelClientSession`
 * does: when everything but the input equals the previous request and the input starts with the
 * previous input plus the items the previous response added, only the new items are sent, with
 * `previous_response_id`. Otherwise the whole request is sent. The most recently completed
 * connection is kept; any other is closed.
 *
 * @example
 * const client = new ModelClient({
 *   provider: createOpenAIProvider(),
 *   webSockets: new WebsocketSessions(), // needs `npm install ws` on Node
 * });
 */
export class WebsocketSessions {
  readonly #webSocket: WebSocketConstructor | undefined;
  readonly #connectTimeoutMs: number | undefined;
  readonly #providers = new WeakMap<ResolvedProvider, ProviderSockets>();
  // Every connection still open, for close().
  readonly #open = new Set<ResponsesWebsocketConnection>();

  constructor(options: WebsocketSessionsOptions = {}) {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError('WebsocketSessions: options must be an object');
    }
    const { webSocket, connectTimeoutMs } = options;
    if (webSocket !== undefined && typeof webSocket !== 'function') {
      throw new TypeError('WebsocketSessions: `webSocket` must be a WebSocket constructor');
    }
    if (
      connectTimeoutMs !== undefined &&
      !(typeof connectTimeoutMs === 'number' && connectTimeoutMs > 0)
    ) {
      throw new RangeError('WebsocketSessions: `connectTimeoutMs` must be a positive number');
    }
    this.#webSocket = webSocket;
    this.#connectTimeoutMs = connectTimeoutMs;
  }

  /**
   * @internal Opens (or reuses) a connection and sends `request` on it (`ModelClient.stream`).
   * @throws ApiError from the handshake (a 426 included; the caller falls back).
   */
  async stream(input: WebsocketSessionRequest): Promise<ResponseStream<readonly WebsocketFrame[]>> {
    const { resolved, request, options } = input;
    const sockets = this.#sockets(resolved);
    const handshakeKey = handshakeKeyOf(options);
    let slot = sockets.idle;
    sockets.idle = undefined;
    if (slot !== undefined && (slot.connection.isClosed || slot.handshakeKey !== handshakeKey)) {
      this.#close(slot.connection);
      slot = undefined;
    }
    if (slot === undefined) {
      const connection = await sockets.client.connect({
        conversationId: options.conversationId,
        sessionSource: options.sessionSource,
        extraHeaders: options.extraHeaders,
        turnState: options.turnState,
        signal: options.signal,
      });
      this.#open.add(connection);
      slot = { connection, handshakeKey };
    }

    const { settings } = resolved;
    const encoding = {
      azure: isAzureResponsesProvider(settings.name, settings.baseUrl),
      metadataPassthrough: input.metadataPassthrough,
    };
    const requestKey = JSON.stringify(responsesRequestBody({ ...request, input: [] }, encoding));
    const inputKeys = request.input.map(itemKey);
    const plan = incremental(slot.last, requestKey, inputKeys);
    const output: string[] = [];
    let responseId = '';
    const kept = slot;
    try {
      return await kept.connection.streamRequest(
        plan === undefined ? request : { ...request, input: request.input.slice(plan.skip) },
        {
          ...encoding,
          previousResponseId: plan?.previousResponseId,
          generate: input.generate,
          traceContext: options.traceContext,
          signal: options.signal,
          mapError: input.mapError,
          onStreamEvent: input.onStreamEvent,
          onEvent: (event) => {
            if (event.type === 'outputItemDone') output.push(itemKey(event.item));
            else if (event.type === 'completed') responseId = event.responseId;
          },
          onEnd: (reusable) => {
            if (!reusable) {
              this.#open.delete(kept.connection);
              return;
            }
            kept.last = { requestKey, input: inputKeys, responseId, output };
            const previous = sockets.idle;
            sockets.idle = kept;
            if (previous !== undefined && previous !== kept) this.#close(previous.connection);
          },
        },
      );
    } catch (error) {
      // Nothing was sent (an invalid request, an abort): the connection stays usable.
      if (!kept.connection.isBusy && sockets.idle === undefined) sockets.idle = kept;
      else if (!kept.connection.isBusy) this.#close(kept.connection);
      throw error;
    }
  }

  /** Closes every connection kept open (a turn still being read over one ends with an error). */
  closeAll(): void {
    for (const connection of this.#open) connection.close();
    this.#open.clear();
  }

  #sockets(resolved: ResolvedProvider): ProviderSockets {
    let sockets = this.#providers.get(resolved);
    if (sockets === undefined) {
      sockets = {
        client: new ResponsesWebsocketClient({
          settings: resolved.settings,
          auth: resolved.auth,
          webSocket: this.#webSocket,
          connectTimeoutMs: this.#connectTimeoutMs,
        }),
      };
      this.#providers.set(resolved, sockets);
    }
    return sockets;
  }

  #close(connection: ResponsesWebsocketConnection): void {
    connection.close();
    this.#open.delete(connection);
  }
}

/** Items compare by their wire JSON (ids and metadata included), as upstream compares items. */
function itemKey(item: ResponseItem): string {
  return JSON.stringify(serializeResponseItem(item));
}

/** The handshake a request needs: a connection opened with another one is not reused. */
function handshakeKeyOf(options: ResponsesOptions): string {
  return JSON.stringify([
    options.conversationId ?? null,
    subAgentLabel(options.sessionSource) ?? null,
    [...toHeadersLenient(options.extraHeaders)],
  ]);
}

/**
 * How many leading input items the server already has, and the response they continue; or
 * `undefined` to send the whole request (upstream `get_incremental_items`, empty deltas allowed).
 */
function incremental(
  last: LastExchange | undefined,
  requestKey: string,
  inputKeys: readonly string[],
): { readonly skip: number; readonly previousResponseId: string } | undefined {
  if (last === undefined || last.responseId === '' || last.requestKey !== requestKey) {
    return undefined;
  }
  const baseline = [...last.input, ...last.output];
  if (inputKeys.length < baseline.length) return undefined;
  for (let index = 0; index < baseline.length; index++) {
    if (inputKeys[index] !== baseline[index]) return undefined;
  }
  return { skip: baseline.length, previousResponseId: last.responseId };
}
