import type { HeaderRecord, ResponseChunk, ResponseScript } from './response-script.js';

/** One Responses API stream event: a JSON object with a string `type`. */
export interface TranscriptEvent {
  readonly type: string;
  readonly [key: string]: unknown;
}

/**
 * A recorded stream: raw SSE bytes or text (as read from a `.sse` file), or a list of event
 * objects that are framed as `event: <type>\ndata: <json>\n\n`.
 */
export type Transcript = string | Uint8Array | readonly TranscriptEvent[];

/** Options of {@link sseResponse}. */
export interface SseResponseOptions {
  /**
   * HTTP status.
   * @default 200
   */
  readonly status?: number;
  /** Headers added to (and overriding) `content-type: text/event-stream` and `cache-control`. */
  readonly headers?: HeaderRecord;
  /**
   * Milliseconds between events, so output appears progressively.
   * @default 0 (the whole transcript in one write)
   */
  readonly eventDelayMs?: number;
  /** Send this many events, then keep the connection open and silent. */
  readonly stallAfterEvents?: number;
  /** Send this many events, then destroy the connection mid-stream. */
  readonly dropAfterEvents?: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Frames one event the way the Responses API does: `event: <type>\ndata: <json>\n\n`. */
export function encodeSseEvent(event: TranscriptEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** Frames a list of events as one SSE body. */
export function encodeSseEvents(events: readonly TranscriptEvent[]): Uint8Array {
  return encoder.encode(events.map(encodeSseEvent).join(''));
}

/** Splits SSE text into blocks, each ending with its blank line (LF, CRLF or CR line ends). */
function splitSseBlocks(text: string): string[] {
  return text.split(/(?<=\r\n\r\n|\n\n|\r\r)/).filter((block) => block.length > 0);
}

function toBlocks(transcript: Transcript): string[] {
  if (typeof transcript === 'string') return splitSseBlocks(transcript);
  if (transcript instanceof Uint8Array) return splitSseBlocks(decoder.decode(transcript));
  return transcript.map(encodeSseEvent);
}

function toBytes(transcript: Transcript): Uint8Array {
  if (typeof transcript === 'string') return encoder.encode(transcript);
  if (transcript instanceof Uint8Array) return transcript;
  return encodeSseEvents(transcript);
}

function checkCount(name: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isInteger(value) || value < 0))
    throw new RangeError(`\`${name}\` must be a non-negative integer, got ${value}`);
}

/**
 * Builds a script that serves a recorded transcript as `text/event-stream`, optionally paced per
 * event, stalled or dropped after some events.
 *
 * @example
 * ```ts
 * server.enqueue(sseResponse(loadTranscript('turn'), { eventDelayMs: 30 }));
 * server.enqueue(sseResponse(events, { dropAfterEvents: 3 }));
 * ```
 */
export function sseResponse(
  transcript: Transcript,
  options: SseResponseOptions = {},
): ResponseScript {
  checkCount('eventDelayMs', options.eventDelayMs);
  checkCount('stallAfterEvents', options.stallAfterEvents);
  checkCount('dropAfterEvents', options.dropAfterEvents);
  if (options.stallAfterEvents !== undefined && options.dropAfterEvents !== undefined)
    throw new TypeError('`stallAfterEvents` and `dropAfterEvents` cannot be combined');
  const headers: HeaderRecord = {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    ...options.headers,
  };
  const status = options.status ?? 200;
  const eventDelayMs = options.eventDelayMs ?? 0;
  const cut = options.stallAfterEvents ?? options.dropAfterEvents;

  if (eventDelayMs === 0 && cut === undefined) {
    // Fast path: one pre-encoded buffer, written in one go.
    return { status, headers, body: toBytes(transcript) };
  }
  let blocks = toBlocks(transcript);
  if (cut !== undefined) blocks = blocks.slice(0, cut);
  const body: ResponseChunk[] =
    eventDelayMs === 0
      ? [{ data: blocks.join('') }]
      : blocks.map((block, index) => ({ data: block, delayMs: index === 0 ? 0 : eventDelayMs }));
  return {
    status,
    headers,
    body,
    ...(options.stallAfterEvents !== undefined ? { stall: true } : {}),
    ...(options.dropAfterEvents !== undefined ? { dropAfterChunks: body.length } : {}),
  };
}

/** Options of {@link jsonResponse}. */
export interface JsonResponseOptions {
  /**
   * HTTP status.
   * @default 200
   */
  readonly status?: number;
  /** Headers added to (and overriding) `content-type: application/json`. */
  readonly headers?: HeaderRecord;
}

/**
 * Builds a script answering with `value` encoded as JSON.
 *
 * @example
 * ```ts
 * server.enqueue(jsonResponse({ error: { message: 'bad' } }, { status: 400 }));
 * ```
 */
export function jsonResponse(value: unknown, options: JsonResponseOptions = {}): ResponseScript {
  return {
    status: options.status ?? 200,
    headers: { 'content-type': 'application/json', ...options.headers },
    body: encoder.encode(JSON.stringify(value)),
  };
}
