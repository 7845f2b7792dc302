import { type EventDecoder, SseParser, type SseSink } from '@codex/client';
import type { ResponseEvent } from '@codex/protocol';
import { ApiError } from '../errors/api-error.js';
import { ResponsesEventProcessor } from './responses-event-processor.js';

const STREAM_CLOSED = 'stream closed before response.completed';

/**
 * @internal Responses over SSE: WHATWG framing, then the event processor on each event's data
 * (the SSE `event:` name is ignored). A `response.failed` / `response.incomplete` failure is kept
 * until the body ends (a later `response.completed` still wins); after `completed` nothing more is
 * handled, even later events of the same chunk.
 *
 * A chunk is decoded up to its first event, which is handed out at once; the rest of the chunk is
 * decoded on the following pulls (`pending` / `resume`): the next 8 events, then all the rest. A
 * server that flushes a whole answer in one large chunk then costs the consumer a few events'
 * decoding before each of its first events (a turn's first text delta is usually within its
 * first 9), not the whole chunk's, while a long stream pays at most two more pulls per chunk.
 */
export class ResponsesSseDecoder implements EventDecoder<Uint8Array, ResponseEvent>, SseSink {
  readonly #parser: SseParser;
  readonly #processor = new ResponsesEventProcessor();
  #out: ResponseEvent[] = [];
  // Events to produce before the parser pauses, and how many `out` held when this pass began.
  #budget = 1;
  #start = 0;

  constructor(options: { readonly maxEventSize?: number | undefined } = {}) {
    this.#parser = new SseParser({ maxEventSize: options.maxEventSize });
  }

  get finished(): boolean {
    return this.#processor.completed;
  }

  get pending(): boolean {
    return this.#parser.paused;
  }

  decode(chunk: Uint8Array, out: ResponseEvent[]): number {
    this.#out = out;
    this.#budget = 1;
    this.#start = out.length;
    return this.#parser.push(chunk, this);
  }

  resume(out: ResponseEvent[]): number {
    this.#out = out;
    this.#budget = this.#budget === 1 ? 8 : Number.POSITIVE_INFINITY;
    this.#start = out.length;
    return this.#parser.resume(this);
  }

  onEvent(data: string): boolean {
    if (this.#processor.completed) return false;
    const out = this.#out;
    this.#processor.handle(data, out);
    return out.length - this.#start >= this.#budget;
  }

  end(): unknown {
    return this.#processor.pendingError ?? ApiError.stream(STREAM_CLOSED);
  }
}
