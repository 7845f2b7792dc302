import { TransportError } from '../transport-error.js';
import { Utf8ChunkDecoder } from './utf8-chunk-decoder.js';

const LINE_FEED = 10;
const SPACE = 32;

/** Default {@link SseParserOptions.maxEventSize}: 64 Mi characters. */
export const DEFAULT_MAX_EVENT_SIZE: number = 64 * 1024 * 1024;

/** Receives the events an {@link SseParser} dispatches. */
export interface SseSink {
  /**
   * One dispatched event: its data (lines joined with `\n`), its type (`""` when the block had
   * none), the last event ID at dispatch, and the latest valid `retry` value.
   */
  onEvent(data: string, type: string, lastEventId: string, retry: number | undefined): void;
}

/** Options of {@link SseParser}. */
export interface SseParserOptions {
  /**
   * Most characters one event may hold while it is assembled (its data plus an unterminated
   * line). More is a `TransportError` of kind `stream` that names the limit, so a server that
   * never ends an event cannot exhaust memory.
   * @default 67108864 (64 Mi)
   */
  readonly maxEventSize?: number | undefined;
}

/**
 * Incremental `text/event-stream` parser following the WHATWG "event stream interpretation".
 * `sseStream` is the ready-made consumer; a parser of its own serves code that turns events into
 * something else on the fly (the Responses reader of `@codex/api`).
 *
 * Cost is linear in the input: each chunk is decoded once, scanned for terminators with
 * `indexOf` (each search starts where the previous one ended), and an incomplete line is kept as
 * a list of pieces joined once when its terminator arrives — never re-copied per chunk.
 */
export class SseParser {
  readonly #maxEventSize: number;
  // Characters held in #pieces (an unterminated line).
  #pendingSize = 0;
  // Events dispatched by the current push().
  #dispatched = 0;
  // Joins characters split across chunks, replaces invalid bytes with U+FFFD and strips exactly
  // one leading BOM (also when it is split), as WHATWG requires.
  readonly #decoder = new Utf8ChunkDecoder();
  readonly #pieces: string[] = [];
  // A CR ended the previous chunk: an LF starting the next one belongs to the same CRLF.
  #skipLineFeed = false;
  #data: string | undefined;
  #eventType = '';
  #lastEventId = '';
  #retry: number | undefined;

  constructor(options: SseParserOptions = {}) {
    this.#maxEventSize = options.maxEventSize ?? DEFAULT_MAX_EVENT_SIZE;
  }

  /**
   * Decodes `bytes` and hands every event they complete to `sink`; returns how many.
   * @throws TransportError of kind `stream` when an event outgrows `maxEventSize` or the runtime
   * cannot hold it.
   */
  push(bytes: Uint8Array, sink: SseSink): number {
    this.#dispatched = 0;
    try {
      this.#feed(this.#decoder.decode(bytes), sink);
    } catch (error) {
      if (error instanceof RangeError) throw this.#tooLarge(error);
      throw error;
    }
    return this.#dispatched;
  }

  #tooLarge(cause?: unknown): TransportError {
    return new TransportError({
      kind: 'stream',
      detail:
        cause === undefined
          ? `event larger than the limit of ${this.#maxEventSize} characters`
          : 'event larger than this runtime can hold',
      cause,
    });
  }

  #feed(text: string, out: SseSink): void {
    const length = text.length;
    if (length === 0) return;
    let start = 0;
    if (this.#skipLineFeed) {
      this.#skipLineFeed = false;
      if (text.charCodeAt(0) === LINE_FEED) start = 1;
    }
    let lineFeed = text.indexOf('\n', start);
    let carriageReturn = text.indexOf('\r', start);
    while (lineFeed !== -1 || carriageReturn !== -1) {
      let end: number;
      let next: number;
      if (carriageReturn === -1 || (lineFeed !== -1 && lineFeed < carriageReturn)) {
        end = lineFeed;
        next = lineFeed + 1;
        lineFeed = text.indexOf('\n', next);
      } else {
        end = carriageReturn;
        next = carriageReturn + 1;
        if (next === length) {
          this.#skipLineFeed = true;
        } else if (lineFeed === next) {
          next += 1;
          lineFeed = text.indexOf('\n', next);
        }
        carriageReturn = text.indexOf('\r', next);
      }
      let line = text.slice(start, end);
      if (this.#pieces.length > 0) {
        this.#pieces.push(line);
        line = this.#pieces.join('');
        this.#pieces.length = 0;
        this.#pendingSize = 0;
      }
      this.#line(line, out);
      start = next;
    }
    if (start < length) {
      const rest = start === 0 ? text : text.slice(start);
      this.#pieces.push(rest);
      this.#pendingSize += rest.length;
      if (this.#pendingSize + (this.#data?.length ?? 0) > this.#maxEventSize)
        throw this.#tooLarge();
    }
  }

  #line(line: string, out: SseSink): void {
    if (line.length === 0) {
      this.#dispatch(out);
      return;
    }
    const colon = line.indexOf(':');
    if (colon === 0) return; // comment
    let nameLength: number;
    let value: string;
    if (colon === -1) {
      nameLength = line.length;
      value = '';
    } else {
      nameLength = colon;
      value = line.slice(line.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1);
    }
    // Dispatch on the name's length first so that no name string is sliced out per line.
    switch (nameLength) {
      case 4:
        if (line.startsWith('data')) {
          this.#data = this.#data === undefined ? value : `${this.#data}\n${value}`;
          if (this.#data.length > this.#maxEventSize) throw this.#tooLarge();
        }
        return;
      case 5:
        if (line.startsWith('event')) this.#eventType = value;
        else if (line.startsWith('retry') && isAsciiDigits(value)) this.#retry = Number(value);
        return;
      case 2:
        if (line.startsWith('id') && !value.includes('\0')) this.#lastEventId = value;
        return;
      default:
        return; // unknown field
    }
  }

  #dispatch(out: SseSink): void {
    const data = this.#data;
    const eventType = this.#eventType;
    this.#data = undefined;
    this.#eventType = '';
    // An empty data buffer (no `data` line at all) dispatches nothing.
    if (data === undefined) return;
    this.#dispatched++;
    out.onEvent(data, eventType, this.#lastEventId, this.#retry);
  }
}

function isAsciiDigits(value: string): boolean {
  if (value.length === 0) return false;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 48 || code > 57) return false;
  }
  return true;
}
