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
 */
export class ResponsesSseDecoder implements EventDecoder<Uint8Array, ResponseEvent>, SseSink {
  readonly #parser: SseParser;
  readonly #processor = new ResponsesEventProcessor();
  #out: ResponseEvent[] = [];

  constructor(options: { readonly maxEventSize?: number | undefined } = {}) {
    this.#parser = new SseParser({ maxEventSize: options.maxEventSize });
  }

  get finished(): boolean {
    return this.#processor.completed;
  }

  decode(chunk: Uint8Array, out: ResponseEvent[]): number {
    this.#out = out;
    return this.#parser.push(chunk, this);
  }

  onEvent(data: string): void {
    if (!this.#processor.completed) this.#processor.handle(data, this.#out);
  }

  end(): unknown {
    return this.#processor.pendingError ?? ApiError.stream(STREAM_CLOSED);
  }
}
