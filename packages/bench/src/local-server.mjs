// A minimal loopback HTTP server for the benchmarks. `@codex/testkit` will provide the real one;
// this file is the only place that knows how the server is made, so swapping it in means
// reimplementing `listenBenchServer` (same routes, same bytes) and nothing else.
//
// Routes (POST; the request body is read and ignored):
//   /transcript/v1/responses  transcript (a), written in 64 KiB pieces with back-pressure
//   /small/v1/responses       a small text transcript (for the bundled apps)
//   /drip/v1/responses        the start of a message, then one text delta every `dripIntervalMs`
//                             until the client goes away (concurrency test)

import { createServer } from 'node:http';
import { frame, responseObject } from './transcripts.mjs';

const encoder = new TextEncoder();

const sseHeaders = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  'x-request-id': 'req_bench',
  'openai-model': 'gpt-5.1-2025-11-13',
};

// Writes of 64 KiB: the kernel hands the client ~64 KiB reads on loopback anyway, and fewer
// writes keep the server from being the bottleneck on a busy 2-core machine.
const WRITE_SIZE = 64 * 1024;

async function writeAll(response, bytes) {
  response.writeHead(200, sseHeaders);
  for (let offset = 0; offset < bytes.length; offset += WRITE_SIZE) {
    // Only the response matters: the request is destroyed as soon as its body has been read.
    if (response.destroyed) return;
    const accepted = response.write(bytes.subarray(offset, offset + WRITE_SIZE));
    if (!accepted) {
      await new Promise((resolve) => {
        const done = () => {
          response.off('drain', done);
          response.off('close', done);
          resolve();
        };
        response.on('drain', done);
        response.on('close', done);
      });
    }
  }
  response.end();
}

function dripFrame(type, payload) {
  return encoder.encode(frame(type, payload));
}

function drip(response, intervalMs) {
  const itemId = 'msg_0123456789abcdef0123456789abcdef';
  let sequence = 0;
  response.writeHead(200, sseHeaders);
  response.write(
    dripFrame('response.created', {
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
  );
  response.write(
    dripFrame('response.output_item.added', {
      item: { id: itemId, type: 'message', status: 'in_progress', content: [], role: 'assistant' },
      output_index: 0,
      sequence_number: sequence++,
    }),
  );
  response.write(
    dripFrame('response.content_part.added', {
      content_index: 0,
      item_id: itemId,
      output_index: 0,
      part: { type: 'output_text', annotations: [], logprobs: [], text: '' },
      sequence_number: sequence++,
    }),
  );
  const sendDelta = () => {
    response.write(
      dripFrame('response.output_text.delta', {
        sequence_number: sequence++,
        item_id: itemId,
        output_index: 0,
        content_index: 0,
        delta: ' tick',
        logprobs: [],
        obfuscation: 'AbCdEfGh',
      }),
    );
  };
  sendDelta();
  const timer = setInterval(sendDelta, intervalMs);
  response.on('close', () => clearInterval(timer));
}

/**
 * Starts the server on 127.0.0.1 (random port).
 * @param {{ transcript: Uint8Array, small: Uint8Array, dripIntervalMs: number }} options
 * @returns {Promise<{ port: number, close: () => Promise<void> }>}
 */
export async function listenBenchServer({ transcript, small, dripIntervalMs }) {
  const server = createServer((request, response) => {
    request.resume();
    response.on('error', () => {});
    const route = request.url?.split('/')[1];
    if (request.method !== 'POST' || !request.url?.endsWith('/v1/responses')) {
      response.writeHead(404).end();
      return;
    }
    if (route === 'transcript') {
      void writeAll(response, transcript);
    } else if (route === 'small') {
      void writeAll(response, small);
    } else if (route === 'drip') {
      drip(response, dripIntervalMs);
    } else {
      response.writeHead(404).end();
    }
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address !== null ? address.port : 0,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
