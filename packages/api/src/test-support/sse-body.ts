import type { ResponseEvent } from '@codex/protocol';
import { ResponseStream } from '../responses/response-stream.js';
import { ResponsesSseDecoder } from '../responses/responses-sse-decoder.js';

const encoder = new TextEncoder();

/** Frames payloads as §8 does: `event: <type>\ndata: <json>\n\n`, data-less when only `type`. */
export function frame(payloads: readonly Record<string, unknown>[]): string[] {
  return payloads.map((payload) =>
    Object.keys(payload).length === 1 && 'type' in payload
      ? `event: ${String(payload.type)}\n\n`
      : `event: ${String(payload.type)}\ndata: ${JSON.stringify(payload)}\n\n`,
  );
}

/** A byte stream of `chunks`; with `stayOpen` it never ends; `error` fails after the chunks. */
export function bodyOf(
  chunks: readonly (string | Uint8Array)[],
  options: { stayOpen?: boolean; error?: Error } = {},
): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (index < chunks.length) {
        const chunk = chunks[index++]!;
        controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
        return;
      }
      if (options.error !== undefined) controller.error(options.error);
      else if (!options.stayOpen) controller.close();
      else return new Promise(() => {}); // never settles: the stream stays open
    },
  });
}

/** The outcome of consuming a stream: its events and the error it ended with, if any. */
export interface Collected {
  events: ResponseEvent[];
  error: unknown;
}

/** Runs `process_sse` alone (no header phase) over `chunks`. */
export function processChunks(
  chunks: readonly (string | Uint8Array)[],
  options: { idleTimeoutMs?: number; stayOpen?: boolean; error?: Error } = {},
): ResponseStream {
  return new ResponseStream({
    source: bodyOf(chunks, options),
    decoder: new ResponsesSseDecoder(),
    idleTimeoutMs: options.idleTimeoutMs ?? 1000,
    idleTimeoutMessage: 'idle timeout waiting for SSE',
  });
}

/** Consumes `stream` to the end. */
export async function collect(stream: AsyncIterable<ResponseEvent>): Promise<Collected> {
  const events: ResponseEvent[] = [];
  try {
    for await (const event of stream) events.push(event);
    return { events, error: undefined };
  } catch (error) {
    return { events, error };
  }
}
