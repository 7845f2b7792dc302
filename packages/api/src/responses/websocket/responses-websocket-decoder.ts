import type { EventDecoder } from '@codex/client';
import type { ResponseEvent } from '@codex/protocol';
import { ApiError } from '../../errors/api-error.js';
import { parseRateLimitEvent } from '../../rate-limits/rate-limit-headers.js';
import { ResponsesEventProcessor } from '../responses-event-processor.js';
import type { WebsocketFrame } from './websocket-frame.js';
import { wrappedWebsocketError } from './wrapped-websocket-error.js';

const STREAM_CLOSED = 'stream closed before response.completed';
const CLOSED_BY_SERVER = 'websocket closed by server before response.completed';
const BINARY = 'unexpected binary websocket event';

/**
 * @internal Responses over WebSocket: each text frame is one event; a chunk is
 * the list of frames that arrived since the last read. A wrapped error frame fails the stream; a
 * `codex.rate_limits` frame is a `rateLimits` event; every other frame goes through the same
 * event processor as SSE — but a failure it finds
 * (`response.failed`, `response.incomplete`, an unreadable `response.completed`) fails the stream
 * at once instead of waiting for the end. A binary frame, a close frame or a connection failure
 * fails it too. Pings and pongs count as events (they restart the idle timer) and yield nothing.
 */
export class ResponsesWebsocketDecoder
  implements EventDecoder<readonly WebsocketFrame[], ResponseEvent>
{
  readonly #processor = new ResponsesEventProcessor();
  readonly #onEvent: ((event: ResponseEvent) => void) | undefined;
  // A failure found in a frame that also yielded events: those are handed out first, then the
  // source ends (see `failed`) and `end()` returns it.
  #failure: ApiError | undefined;

  /** @param options.onEvent sees every event this decoder yields. */
  constructor(options: { readonly onEvent?: ((event: ResponseEvent) => void) | undefined } = {}) {
    this.#onEvent = options.onEvent;
  }

  get finished(): boolean {
    return this.#processor.completed;
  }

  /** True once a failure waits for the events before it to be handed out (the source must end). */
  get failed(): boolean {
    return this.#failure !== undefined;
  }

  /**
   * Decodes the frames that arrived since the last read (one chunk, so that frames already
   * queued cost no wait each). Every frame counts as one event. A failure after events of the
   * same chunk is kept for {@link end} (the source then ends) so those events are handed out first.
   */
  decode(frames: readonly WebsocketFrame[], out: ResponseEvent[]): number {
    const before = out.length;
    let count = 0;
    for (const frame of frames) {
      if (this.#failure !== undefined || this.#processor.completed) break;
      count += 1;
      try {
        this.#frame(frame, out);
      } catch (error) {
        if (out.length === before) throw error;
        this.#failure = error as ApiError;
        break;
      }
    }
    return count;
  }

  #frame(frame: WebsocketFrame, out: ResponseEvent[]): void {
    switch (frame.kind) {
      case 'text': {
        const before = out.length;
        try {
          this.#text(frame.text, out);
        } finally {
          const onEvent = this.#onEvent;
          if (onEvent !== undefined) for (let i = before; i < out.length; i++) onEvent(out[i]!);
        }
        return;
      }
      case 'ping':
      case 'pong':
        return;
      case 'binary':
        throw ApiError.stream(BINARY);
      case 'close':
        throw ApiError.stream(CLOSED_BY_SERVER);
      case 'failure':
        throw frame.error;
    }
  }

  end(): unknown {
    return this.#failure ?? ApiError.stream(STREAM_CLOSED);
  }

  #text(text: string, out: ResponseEvent[]): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return; // not an event: skipped, as over SSE
    }
    const type = (parsed as { type?: unknown } | null)?.type;
    if (type === 'error') {
      const error = wrappedWebsocketError(parsed, text);
      if (error !== undefined) throw error;
    } else if (type === 'codex.rate_limits') {
      const snapshot = parseRateLimitEvent(text);
      if (snapshot !== undefined) out.push({ type: 'rateLimits', snapshot });
      return;
    }
    this.#processor.handleParsed(parsed, out);
    const failure = this.#processor.pendingError;
    if (failure !== undefined) throw failure;
  }
}
