/**
 * A drop-in `fetch` that hands back the response only once the first body chunk has arrived,
 * keeping that chunk at the front of the body. Tests with a small idle timeout use it so that the
 * timer (which starts when the consumer reads) can only race a real stall, never a busy machine's
 * slow socket read of bytes the server already sent. Cancelling the body cancels the real one.
 *
 * @example
 * ```ts
 * const transport = createKyTransport({ fetch: fetchWithFirstChunk });
 * ```
 */
export async function fetchWithFirstChunk(
  input: string | URL | Request,
  init?: RequestInit,
): Promise<Response> {
  const response = await fetch(input, init);
  if (response.body === null) return response;
  const reader = response.body.getReader();
  const first = await reader.read();
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (first.done) controller.close();
        else controller.enqueue(first.value);
      },
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
  return new Response(first.done ? null : body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
