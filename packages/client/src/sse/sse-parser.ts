import type { SseEvent } from './sse-event.js';
import { Utf8ChunkDecoder } from './utf8-chunk-decoder.js';

const LINE_FEED = 10;
const SPACE = 32;

/**
 * Incremental `text/event-stream` parser following the WHATWG "event stream interpretation".
 * Internal: `sseStream` is the public entry point.
 *
 * Cost is linear in the input: each chunk is decoded once, scanned for terminators with
 * `indexOf` (each search starts where the previous one ended), and an incomplete line is kept as
 * a list of pieces joined once when its terminator arrives — never re-copied per chunk.
 */
export class SseParser {
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

  /** Decodes `bytes` and appends every event they complete to `out`. */
  push(bytes: Uint8Array, out: SseEvent[]): void {
    this.#feed(this.#decoder.decode(bytes), out);
  }

  #feed(text: string, out: SseEvent[]): void {
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
      }
      this.#line(line, out);
      start = next;
    }
    if (start < length) this.#pieces.push(start === 0 ? text : text.slice(start));
  }

  #line(line: string, out: SseEvent[]): void {
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

  #dispatch(out: SseEvent[]): void {
    const data = this.#data;
    const eventType = this.#eventType;
    this.#data = undefined;
    this.#eventType = '';
    // An empty data buffer (no `data` line at all) dispatches nothing.
    if (data === undefined) return;
    const event = eventType === '' ? 'message' : eventType;
    const id = this.#lastEventId;
    const retry = this.#retry;
    out.push(retry === undefined ? { event, data, id } : { event, data, id, retry });
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
