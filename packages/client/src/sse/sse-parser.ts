import { TransportError } from '../transport-error.js';
import { Utf8ChunkDecoder } from './utf8-chunk-decoder.js';

const LINE_FEED = 10;
const SPACE = 32;
const COLON = 58;
const LOWER_D = 100;
const LOWER_E = 101;
const LOWER_I = 105;
const LOWER_R = 114;

/** Default {@link SseParserOptions.maxEventSize}: 64 Mi characters. */
export const DEFAULT_MAX_EVENT_SIZE: number = 64 * 1024 * 1024;

/** Receives the events an {@link SseParser} dispatches. */
export interface SseSink {
  /**
   * One dispatched event: its data (lines joined with `\n`), its type (`""` when the block had
   * none), the last event ID at dispatch, and the latest valid `retry` value. Returning `true`
   * (and nothing else) pauses the parser right after this event: the rest of the text it was
   * given is kept, and {@link SseParser.resume} goes on from there (so a consumer can hand out its
   * first event before the rest of a large chunk is parsed).
   */
  onEvent(data: string, type: string, lastEventId: string, retry: number | undefined): unknown;
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
  // Text left when a sink paused, and where its next line starts.
  #held: string | undefined;
  #heldStart = 0;
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
    let text: string;
    try {
      text = this.#decoder.decode(bytes);
      const held = this.#held;
      if (held !== undefined) {
        // Pushed while paused: what was held comes first.
        text = held.slice(this.#heldStart) + text;
        this.#held = undefined;
      }
    } catch (error) {
      if (error instanceof RangeError) throw this.#tooLarge(error);
      throw error;
    }
    return this.#run(text, 0, sink);
  }

  /** True while a sink's pause left text to parse (see {@link SseParser.resume}). */
  get paused(): boolean {
    return this.#held !== undefined;
  }

  /**
   * Goes on parsing the text a sink's pause left, handing its events to `sink` (which may pause
   * again); returns how many it dispatched. Does nothing when not paused.
   */
  resume(sink: SseSink): number {
    const held = this.#held;
    if (held === undefined) return 0;
    this.#held = undefined;
    return this.#run(held, this.#heldStart, sink);
  }

  #run(text: string, start: number, sink: SseSink): number {
    this.#dispatched = 0;
    try {
      this.#feed(text, start, sink);
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

  #feed(text: string, from: number, out: SseSink): void {
    const length = text.length;
    if (length === from) return;
    let start = from;
    if (this.#skipLineFeed) {
      this.#skipLineFeed = false;
      if (text.charCodeAt(start) === LINE_FEED) start += 1;
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
      if (this.#pieces.length > 0) {
        this.#pieces.push(text.slice(start, end));
        const line = this.#pieces.join('');
        this.#pieces.length = 0;
        this.#pendingSize = 0;
        this.#line(line, 0, line.length, out);
      } else if (this.#line(text, start, end, out)) {
        // The sink paused after this line's event: keep the rest for resume().
        if (next < length) {
          this.#held = text;
          this.#heldStart = next;
        }
        return;
      }
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

  // The line `text[start, end)`. Fields are recognised in place (no line or name is sliced out);
  // only a value that is kept becomes a string of its own. True when the sink asked to pause.
  #line(text: string, start: number, end: number, out: SseSink): boolean {
    if (start === end) return this.#dispatch(out);
    switch (text.charCodeAt(start)) {
      case COLON:
        return false; // comment
      case LOWER_D:
        if (text.startsWith('data', start)) {
          const value = fieldValue(text, start + 4, end);
          if (value === undefined) return false;
          this.#data = this.#data === undefined ? value : `${this.#data}\n${value}`;
          if (this.#data.length > this.#maxEventSize) throw this.#tooLarge();
        }
        return false;
      case LOWER_E:
        if (text.startsWith('event', start)) {
          const value = fieldValue(text, start + 5, end);
          if (value !== undefined) this.#eventType = value;
        }
        return false;
      case LOWER_R:
        if (text.startsWith('retry', start)) {
          const value = fieldValue(text, start + 5, end);
          if (value !== undefined && isAsciiDigits(value)) this.#retry = Number(value);
        }
        return false;
      case LOWER_I:
        if (text.startsWith('id', start)) {
          const value = fieldValue(text, start + 2, end);
          if (value !== undefined && !value.includes('\0')) this.#lastEventId = value;
        }
        return false;
      default:
        return false; // unknown field
    }
  }

  #dispatch(out: SseSink): boolean {
    const data = this.#data;
    const eventType = this.#eventType;
    this.#data = undefined;
    this.#eventType = '';
    // An empty data buffer (no `data` line at all) dispatches nothing.
    if (data === undefined) return false;
    this.#dispatched++;
    return out.onEvent(data, eventType, this.#lastEventId, this.#retry) === true;
  }
}

/**
 * The value of a field whose known name ends at `nameEnd` within the line ending at `end`: `''`
 * for a bare name, the text after the colon (and one space) otherwise; `undefined` when the name
 * goes on (`database: …` is not `data`).
 */
function fieldValue(text: string, nameEnd: number, end: number): string | undefined {
  if (nameEnd === end) return '';
  if (text.charCodeAt(nameEnd) !== COLON) return undefined;
  const valueStart = text.charCodeAt(nameEnd + 1) === SPACE ? nameEnd + 2 : nameEnd + 1;
  return valueStart >= end ? '' : text.slice(valueStart, end);
}

function isAsciiDigits(value: string): boolean {
  if (value.length === 0) return false;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 48 || code > 57) return false;
  }
  return true;
}
