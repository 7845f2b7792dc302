import { type StreamOfOptions, streamOf } from '@codex/testkit';
import { ResponseStream } from '../../src/responses/response-stream.js';
import { ResponsesSseDecoder } from '../../src/responses/responses-sse-decoder.js';

/** Options of {@link processChunks}: how the body ends, and the stream's idle timeout. */
export interface ProcessChunksOptions extends StreamOfOptions {
  /** @default 1000 (the conformance cases' idle timeout) */
  readonly idleTimeoutMs?: number;
}

/**
 * Runs `process_sse` alone (no header phase) over a body that delivers exactly `chunks` (see
 * `streamOf` of `@codex/testkit` for `stayOpen` and `error`).
 */
export function processChunks(
  chunks: readonly (string | Uint8Array)[],
  options: ProcessChunksOptions = {},
): ResponseStream {
  return new ResponseStream({
    source: streamOf(chunks, options),
    decoder: new ResponsesSseDecoder(),
    idleTimeoutMs: options.idleTimeoutMs ?? 1000,
    idleTimeoutMessage: 'idle timeout waiting for SSE',
  });
}
