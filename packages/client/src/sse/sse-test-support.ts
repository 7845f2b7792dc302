// Helpers for the SSE tests only; not exported from the package.
import type { SseEvent } from './sse-event.js';
import { type SseStreamOptions, sseStream } from './sse-stream.js';

const encoder = new TextEncoder();

/** UTF-8 bytes of `text` (a leading U+FEFF becomes the bytes EF BB BF). */
export function bytesOf(text: string): Uint8Array {
  return encoder.encode(text);
}

/** A `ReadableStream` that delivers exactly these chunks, then closes. */
export function streamOf(chunks: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
  });
}

/** An async iterable (not a ReadableStream) over these chunks. */
export async function* iterableOf(chunks: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield chunk;
}

/** Every event of `chunks` read through `sseStream`. */
export async function collectEvents(
  chunks: readonly Uint8Array[],
  options?: SseStreamOptions,
): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  for await (const event of sseStream(streamOf(chunks), options)) events.push(event);
  return events;
}

/** `bytes` cut at the given sorted offsets. */
export function splitAt(bytes: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const offset of offsets) {
    if (offset <= start || offset >= bytes.length) continue;
    chunks.push(bytes.subarray(start, offset));
    start = offset;
  }
  chunks.push(bytes.subarray(start));
  return chunks;
}

/** One chunk per byte. */
export function byteByByte(bytes: Uint8Array): Uint8Array[] {
  return Array.from(bytes, (_, index) => bytes.subarray(index, index + 1));
}

/** `bytes` cut at random places, reproducibly from `seed` (mulberry32). */
export function randomChunks(bytes: Uint8Array, seed: number): Uint8Array[] {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const offsets: number[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    offset += 1 + Math.floor(random() * 7);
    offsets.push(offset);
  }
  return splitAt(bytes, offsets);
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
