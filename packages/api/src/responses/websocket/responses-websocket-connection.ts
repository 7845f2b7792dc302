import type { ResponseEvent } from '@codex/protocol';
import { ApiError } from '../../errors/api-error.js';
import { ResponseStream, type ResponseStreamOptions } from '../response-stream.js';
import type { ResponsesApiRequest } from '../responses-api-request.js';
import type { WebSocketLike } from './load-websocket.js';
import {
  encodeRawResponseCreate,
  encodeResponseCreate,
  type TraceContext,
} from './response-create-request.js';
import { ResponsesWebsocketDecoder } from './responses-websocket-decoder.js';
import type { WebsocketFrame } from './websocket-frame.js';

const IDLE_TIMEOUT = 'idle timeout waiting for websocket';
const CONNECTION_CLOSED = 'websocket connection is closed';
// setTimeout fires at once for larger delays.
const MAX_TIMER_MS = 2_147_483_647;
// Upstream's channel holds 1600 events; past that many unread frames the socket is paused (TCP
// back-pressure reaches the server), and resumed when the reader takes them.
const HIGH_WATER_FRAMES = 1600;
// How long a requested close waits for the server's close frame before the socket is destroyed.
const CLOSE_GRACE_MS = 1000;
const OPEN = 1;

/** Per-request options of {@link ResponsesWebsocketConnection.streamRequest}. */
export interface WebsocketStreamOptions {
  /**
   * The response this request continues; `input` then holds only the items added since it
   * (`previous_response_id`).
   */
  readonly previousResponseId?: string | undefined;
  /** `false` prepares the request without generating (a prewarm; `generate: false`). */
  readonly generate?: boolean | undefined;
  /** W3C trace context, sent in `client_metadata`. */
  readonly traceContext?: TraceContext | undefined;
  /**
   * Whether input items keep `internal_chat_message_metadata_passthrough` (OpenAI only).
   * @default false
   */
  readonly metadataPassthrough?: boolean | undefined;
  /** Whether the request is sent to an Azure endpoint (item ids with `store`). @default false */
  readonly azure?: boolean | undefined;
  /** Stops the stream; its reason is thrown as it is, and the connection is closed. */
  readonly signal?: AbortSignal | undefined;
  /** @internal Maps the stream's terminal `ApiError` (e.g. through a provider). */
  readonly mapError?: ((error: ApiError) => unknown) | undefined;
  /** Called for every frame's events, the end and the failure (see `onStreamEvent`). */
  readonly onStreamEvent?: ResponseStreamOptions<unknown>['onStreamEvent'];
  /** @internal Sees every decoded event (ModelClient keeps the last response's id and items). */
  readonly onEvent?: ((event: ResponseEvent) => void) | undefined;
  /**
   * @internal Called once when the stream let go of the connection: `reusable` is true when the
   * answer completed and the connection is still open.
   */
  readonly onEnd?: ((reusable: boolean) => void) | undefined;
}

type SendOptions = Pick<
  WebsocketStreamOptions,
  'signal' | 'mapError' | 'onEvent' | 'onEnd' | 'onStreamEvent'
>;

/** @internal What {@link ResponsesWebsocketConnection} is built from. */
export interface ResponsesWebsocketConnectionInit {
  readonly socket: WebSocketLike;
  /** The URL connected to (credentials redacted). */
  readonly url: string;
  /** The handshake response headers. */
  readonly responseHeaders: Headers;
  /** Longest wait for the next frame of a request, in milliseconds. */
  readonly idleTimeoutMs: number;
  /** The TCP socket under the connection (unreferenced while idle). */
  readonly transport?: NetSocketLike | undefined;
}

/** The part of a Node `net.Socket` used to keep an idle connection from holding the process. */
export interface NetSocketLike {
  ref?(): unknown;
  unref?(): unknown;
}

/**
 * One open Responses WebSocket (from `ResponsesWebsocketClient.connect`): requests are sent one
 * at a time as `response.create` text frames, and each answer is read as a {@link ResponseStream}
 * — the same class, the same events and the same single terminal error as over HTTP.
 *
 * After a request's stream ended with `completed`, the connection is ready for the next request
 * (send the items added since with `previousResponseId`). Any other end — a failure, an idle
 * timeout, an abort, leaving the loop early — closes the connection: the frames of an unfinished
 * answer would otherwise be read by the next request. A closed connection answers every request
 * with `stream error: websocket connection is closed`. Frames that arrive while no request is
 * reading are ignored. An idle connection does not keep the process alive (its socket is
 * unreferenced between requests).
 *
 * @example
 * const connection = await new ResponsesWebsocketClient({ settings, auth }).connect();
 * const first = await connection.streamRequest({ model, input });
 * let responseId: string | undefined;
 * for await (const event of first) if (event.type === 'completed') responseId = event.responseId;
 * const second = await connection.streamRequest({ model, input: newItems }, { previousResponseId: responseId });
 */
export class ResponsesWebsocketConnection {
  /** The URL connected to, e.g. `wss://api.openai.com/v1/responses` (credentials redacted). */
  readonly url: string;
  /** The handshake response headers (`openai-model`, `x-models-etag`, `x-codex-turn-state`, …). */
  readonly responseHeaders: Headers;
  readonly #socket: WebSocketLike;
  readonly #idleTimeoutMs: number;
  readonly #headerEvents: readonly ResponseEvent[];
  readonly #transport: NetSocketLike | undefined;
  #closed = false;
  #active: FrameQueue | undefined;
  #requestCount = 0;

  /** @internal Built by `ResponsesWebsocketClient.connect`. */
  constructor(init: ResponsesWebsocketConnectionInit) {
    this.url = init.url;
    this.responseHeaders = init.responseHeaders;
    this.#socket = init.socket;
    this.#idleTimeoutMs = Math.min(init.idleTimeoutMs, MAX_TIMER_MS);
    this.#headerEvents = handshakeEvents(init.responseHeaders);
    this.#transport = init.transport;
    this.#idle();
    const socket = init.socket;
    socket.on('message', (data: { toString(): string }, isBinary: boolean) => {
      const active = this.#active;
      if (active === undefined) return;
      if (isBinary) active.push({ kind: 'binary', byteLength: byteLength(data) });
      else active.push({ kind: 'text', text: data.toString() });
    });
    socket.on('ping', () => this.#active?.push({ kind: 'ping' }));
    socket.on('pong', () => this.#active?.push({ kind: 'pong' }));
    socket.on('error', (error: Error) => {
      this.#closed = true;
      this.#active?.push({ kind: 'failure', error: ApiError.stream(error.message, error) });
    });
    socket.on('close', (code: number, reason: { toString(): string }) => {
      this.#closed = true;
      const active = this.#active;
      if (active === undefined) return;
      // 1006: the connection ended without a close frame (the source simply ends).
      if (code !== 1006) active.push({ kind: 'close', code, reason: String(reason ?? '') });
      active.end();
    });
  }

  /** True once the connection is closed (by either side, or after a failed request). */
  get isClosed(): boolean {
    return this.#closed || this.#socket.readyState !== OPEN;
  }

  /** True while a request's stream is being read. */
  get isBusy(): boolean {
    return this.#active !== undefined;
  }

  /** How many requests were sent on this connection. */
  get requestCount(): number {
    return this.#requestCount;
  }

  /**
   * Sends `request` as one `response.create` frame and returns the stream of its answer. The
   * stream starts with the events of the handshake response (`serverModel` from `openai-model`,
   * `modelsEtag`, `serverReasoningIncluded`), on every request of the connection, as upstream;
   * there is no header `rateLimits` event (rate limits arrive as `codex.rate_limits` frames).
   *
   * A send failure, the connection being closed and every failure of the answer are the stream's
   * terminal error (`ApiError`), not a rejection here.
   *
   * @throws ApiError `stream error: failed to encode websocket request: …`, or
   * `stream error: websocket connection is busy …` while another request is being read; a
   * `TypeError` for a malformed request; the signal's reason when it is already aborted.
   */
  async streamRequest(
    request: ResponsesApiRequest,
    options: WebsocketStreamOptions = {},
  ): Promise<ResponseStream<readonly WebsocketFrame[]>> {
    let text: string;
    try {
      text = encodeResponseCreate(request, {
        azure: options.azure,
        metadataPassthrough: options.metadataPassthrough,
        previousResponseId: options.previousResponseId,
        generate: options.generate,
        traceContext: options.traceContext,
      });
    } catch (error) {
      if (error instanceof TypeError && error.message.startsWith('encodeResponsesRequest:')) {
        throw error;
      }
      throw encodeFailure(error);
    }
    return this.#send(text, options);
  }

  /**
   * Sends a raw JSON body as `{"type":"response.create", …body}` (the escape hatch for fields the
   * typed request lacks) and returns the stream of its answer, as
   * {@link ResponsesWebsocketConnection.streamRequest}.
   */
  async stream(
    body: Readonly<Record<string, unknown>>,
    // Spelled out (not `SendOptions`) so that the API reference can show it.
    options: Pick<
      WebsocketStreamOptions,
      'signal' | 'mapError' | 'onEvent' | 'onEnd' | 'onStreamEvent'
    > = {},
  ): Promise<ResponseStream<readonly WebsocketFrame[]>> {
    let text: string;
    try {
      text = encodeRawResponseCreate(body);
    } catch (error) {
      if (error instanceof TypeError) throw error;
      throw encodeFailure(error);
    }
    return this.#send(text, options);
  }

  /**
   * Closes the connection (a close frame, then the socket is destroyed if the server does not
   * answer within a second). A request still being read ends with
   * `stream error: websocket connection is closed`. Safe to call more than once.
   */
  close(): void {
    const active = this.#active;
    this.#closed = true;
    if (active !== undefined) {
      active.push({ kind: 'failure', error: ApiError.stream(CONNECTION_CLOSED) });
    }
    const socket = this.#socket;
    if (socket.readyState !== OPEN) {
      if (socket.readyState !== 3) socket.terminate();
      return;
    }
    socket.close(1000);
    const timer = setTimeout(() => socket.terminate(), CLOSE_GRACE_MS);
    (timer as { unref?: () => void }).unref?.();
    socket.on('close', () => clearTimeout(timer));
  }

  #send(text: string, options: SendOptions): ResponseStream<readonly WebsocketFrame[]> {
    const { signal } = options;
    signal?.throwIfAborted();
    if (this.#active !== undefined) {
      throw ApiError.stream('websocket connection is busy: another request is still being read');
    }
    const decoder = new ResponsesWebsocketDecoder({ onEvent: options.onEvent });
    const queue = new FrameQueue(this.#socket, decoder);
    this.#active = queue;
    this.#requestCount += 1;
    this.#transport?.ref?.();
    if (this.isClosed) {
      queue.push({ kind: 'failure', error: ApiError.stream(CONNECTION_CLOSED) });
    } else {
      const failed = (error: unknown): void => {
        const detail = error instanceof Error ? error.message : String(error);
        queue.push({
          kind: 'failure',
          error: ApiError.stream(`failed to send websocket request: ${detail}`, error),
        });
      };
      try {
        this.#socket.send(text, (error) => {
          if (error != null) failed(error);
        });
      } catch (error) {
        failed(error);
      }
    }
    return new ResponseStream<readonly WebsocketFrame[]>({
      source: queue,
      decoder,
      idleTimeoutMs: this.#idleTimeoutMs,
      idleTimeoutMessage: IDLE_TIMEOUT,
      signal,
      initialEvents: this.#headerEvents,
      upstreamRequestId: this.responseHeaders.get('x-request-id') ?? undefined,
      mapError: options.mapError,
      onStreamEvent: options.onStreamEvent,
      onRelease: () => {
        if (this.#active === queue) this.#active = undefined;
        queue.release();
        // Only a completed answer leaves the connection in a known state; anything else drops
        // it at once (waiting for a close handshake could stall and hide the failure).
        if (!decoder.finished) this.#drop();
        else this.#idle();
        try {
          options.onEnd?.(decoder.finished && !this.isClosed);
        } catch {
          // An observer must not change how the stream ends.
        }
      },
    });
  }

  // An idle connection must not keep the process alive; one being read must.
  #idle(): void {
    this.#transport?.unref?.();
  }

  #drop(): void {
    this.#closed = true;
    if (this.#socket.readyState !== 3) this.#socket.terminate();
  }
}

/** The events of the handshake response, sent at the start of every request (upstream order). */
function handshakeEvents(headers: Headers): ResponseEvent[] {
  const events: ResponseEvent[] = [];
  const model = headers.get('openai-model');
  if (model !== null) events.push({ type: 'serverModel', model });
  const etag = headers.get('x-models-etag');
  if (etag !== null) events.push({ type: 'modelsEtag', etag });
  if (headers.has('x-reasoning-included')) {
    events.push({ type: 'serverReasoningIncluded', included: true });
  }
  return events;
}

function encodeFailure(error: unknown): ApiError {
  const detail = error instanceof Error ? error.message : String(error);
  return ApiError.stream(`failed to encode websocket request: ${detail}`, error);
}

function byteLength(data: unknown): number {
  if (Array.isArray(data)) return data.reduce((sum: number, part) => sum + byteLength(part), 0);
  return (data as { byteLength?: number }).byteLength ?? 0;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/**
 * The frames of one request, as the async iterator its `ResponseStream` reads: frames queue up
 * while the reader is busy (the socket is paused past a high-water mark) and each read takes all
 * of them at once; the iterator ends when the connection ends or the decoder holds a failure for
 * after the events before it.
 */
class FrameQueue implements AsyncIterableIterator<readonly WebsocketFrame[], undefined> {
  readonly #socket: WebSocketLike;
  readonly #decoder: ResponsesWebsocketDecoder;
  #frames: WebsocketFrame[] = [];
  #ended = false;
  #paused = false;
  #waiter: ((result: IteratorResult<readonly WebsocketFrame[], undefined>) => void) | undefined;

  constructor(socket: WebSocketLike, decoder: ResponsesWebsocketDecoder) {
    this.#socket = socket;
    this.#decoder = decoder;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  push(frame: WebsocketFrame): void {
    if (this.#ended) return;
    const waiter = this.#waiter;
    if (waiter !== undefined) {
      this.#waiter = undefined;
      waiter({ value: [frame], done: false });
      return;
    }
    this.#frames.push(frame);
    if (!this.#paused && this.#frames.length > HIGH_WATER_FRAMES) {
      this.#paused = true;
      this.#socket.pause?.();
    }
  }

  end(): void {
    this.#ended = true;
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.(DONE);
  }

  next(): Promise<IteratorResult<readonly WebsocketFrame[], undefined>> {
    if (this.#decoder.failed) return Promise.resolve(DONE);
    if (this.#frames.length > 0) {
      const frames = this.#frames;
      this.#frames = [];
      this.#resume();
      return Promise.resolve({ value: frames, done: false });
    }
    if (this.#ended) return Promise.resolve(DONE);
    return new Promise((resolve) => {
      this.#waiter = resolve;
    });
  }

  async return(): Promise<IteratorResult<readonly WebsocketFrame[], undefined>> {
    this.release();
    return DONE;
  }

  /** Stops queueing; the socket is resumed so that a reused connection reads again. */
  release(): void {
    this.#frames = [];
    this.end();
    this.#resume();
  }

  #resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    this.#socket.resume?.();
  }
}
