// Delivery of a transcript through an injected `fetch`: the body is a ReadableStream over
// pre-sliced chunks, so the cost measured is the consumer's, not the producer's.

/** Default chunk size of a body, as a socket would typically hand it over. */
export const DEFAULT_CHUNK_SIZE = 16 * 1024;

/**
 * Slices `bytes` into views of `chunkSize` bytes (no copies; every path gets the same views).
 * @param {Uint8Array} bytes
 * @param {number} chunkSize
 * @returns {Uint8Array[]}
 */
export function sliceChunks(bytes, chunkSize = DEFAULT_CHUNK_SIZE) {
  const chunks = [];
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    chunks.push(bytes.subarray(offset, Math.min(offset + chunkSize, bytes.length)));
  }
  return chunks;
}

/**
 * A `fetch` that answers every request with `200 text/event-stream` and a body emitting
 * `chunks` one per pull. It consumes the request body (as a real server would) and honours the
 * request's `AbortSignal`.
 * @param {Uint8Array[]} chunks
 * @returns {typeof fetch}
 */
export function createTranscriptFetch(chunks) {
  return async (input, init) => {
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    signal?.throwIfAborted();
    let index = 0;
    const body = new ReadableStream(
      {
        pull(controller) {
          if (index < chunks.length) {
            controller.enqueue(chunks[index++]);
          } else {
            controller.close();
          }
        },
      },
      { highWaterMark: 0 },
    );
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'x-request-id': 'req_bench',
        'openai-model': 'gpt-5.1-2025-11-13',
      },
    });
  };
}
