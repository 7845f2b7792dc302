// The loopback server of the benchmarks: `@codex/testkit`'s server with the three routes below.
// This file is the only place that knows them.
//
// Routes (POST; the request body is read and ignored):
//   /transcript/v1/responses  transcript (a), written in 64 KiB pieces with back-pressure
//   /small/v1/responses       a small text transcript (for the bundled apps)
//   /drip/v1/responses        the start of a message, then one text delta every `dripIntervalMs`
//                             until the client goes away (concurrency test)

import { startTestServer } from '@codex/testkit';
import { frame, responseObject } from './transcripts.mjs';

const sseHeaders = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  'x-request-id': 'req_bench',
  'openai-model': 'gpt-5.1-2025-11-13',
};

// Writes of 64 KiB: the kernel hands the client ~64 KiB reads on loopback anyway, and fewer
// writes keep the server from being the bottleneck on a busy 2-core machine. The kit writes a
// list of chunks one after another, each once the socket took the previous one (back-pressure).
const WRITE_SIZE = 64 * 1024;

/**
 * @param {Uint8Array} bytes
 * @returns {{ data: Uint8Array }[]} views of `bytes`, not copies
 */
function inPieces(bytes) {
  const pieces = [];
  for (let offset = 0; offset < bytes.length; offset += WRITE_SIZE) {
    pieces.push({ data: bytes.subarray(offset, offset + WRITE_SIZE) });
  }
  return pieces;
}

/**
 * An endless stream: the start of a message, then a text delta every `intervalMs`. The kit reads
 * it lazily and stops when the client goes away.
 *
 * @param {number} intervalMs
 * @returns {Generator<{ data: string, delayMs?: number }>}
 */
function* drip(intervalMs) {
  const itemId = 'msg_0123456789abcdef0123456789abcdef';
  let sequence = 0;
  yield {
    data: frame('response.created', {
      response: responseObject({
        id: 'resp_drip',
        model: 'gpt-5.1-2025-11-13',
        status: 'in_progress',
        createdAt: 1_787_659_800,
        output: [],
        usage: null,
      }),
      sequence_number: sequence++,
    }),
  };
  yield {
    data: frame('response.output_item.added', {
      item: { id: itemId, type: 'message', status: 'in_progress', content: [], role: 'assistant' },
      output_index: 0,
      sequence_number: sequence++,
    }),
  };
  yield {
    data: frame('response.content_part.added', {
      content_index: 0,
      item_id: itemId,
      output_index: 0,
      part: { type: 'output_text', annotations: [], logprobs: [], text: '' },
      sequence_number: sequence++,
    }),
  };
  for (let delta = 0; ; delta++) {
    yield {
      data: frame('response.output_text.delta', {
        sequence_number: sequence++,
        item_id: itemId,
        output_index: 0,
        content_index: 0,
        delta: ' tick',
        logprobs: [],
        obfuscation: 'AbCdEfGh',
      }),
      delayMs: delta === 0 ? 0 : intervalMs,
    };
  }
}

/**
 * Starts the server on 127.0.0.1 (random port).
 * @param {{ transcript: Uint8Array, small: Uint8Array, dripIntervalMs: number }} options
 * @returns {Promise<{ port: number, close: () => Promise<void> }>}
 */
export async function listenBenchServer({ transcript, small, dripIntervalMs }) {
  // No request log (runs are long), and idle connections stay open between rounds.
  const server = await startTestServer({ recordRequests: false, keepAliveTimeoutMs: 60_000 });
  server.route('POST', '/transcript/v1/responses', {
    headers: sseHeaders,
    body: inPieces(transcript),
  });
  server.route('POST', '/small/v1/responses', { headers: sseHeaders, body: inPieces(small) });
  // A handler, so that every stream gets a generator of its own.
  server.route('POST', '/drip/v1/responses', () => ({
    headers: sseHeaders,
    body: drip(dripIntervalMs),
  }));
  return { port: server.port, close: () => server.close() };
}
