import type { SseEvent } from './sse-event.js';
import {
  resolveOptions,
  type SseBody,
  SseEventIterator,
  type SseStreamOptions,
} from './sse-stream.js';
import { StreamError } from './stream-error.js';

/**
 * The upstream `codex-client` SSE helper (`sse_stream`), faithfully: yields only the `data` of
 * each event (the event name is ignored) and never ends quietly.
 *
 * Framing is the same as {@link sseStream} (WHATWG rules). Endings, as upstream:
 * - the body ends cleanly → throws `StreamError` kind `stream`,
 *   message `stream failed: stream closed before completion`;
 * - a read error → `StreamError` kind `stream`, `stream failed: {error}`, error kept as `cause`;
 * - no event within `idleTimeoutMs` → `StreamError` kind `timeout`, message `timeout`;
 * - `signal` aborted → its reason, unwrapped; leaving the loop early cancels the body.
 *
 * Use it when the caller decides completion from the data itself (a terminal event in the
 * payload), so that an early end of the body is an error.
 *
 * @example
 * try {
 *   for await (const data of sseDataStream(response.body!, { idleTimeoutMs: 300_000 })) {
 *     const message = JSON.parse(data);
 *     if (message.type === 'done') break;
 *   }
 * } catch (error) {
 *   if (StreamError.isInstance(error)) console.error(error.message); // e.g. "timeout"
 *   else throw error;
 * }
 */
export function sseDataStream(
  body: SseBody,
  options: SseStreamOptions = {},
): AsyncIterableIterator<string> {
  const events = new SseEventIterator(
    body,
    resolveOptions('sseDataStream', body, options),
    () => new StreamError({ kind: 'stream', detail: 'stream closed before completion' }),
  );
  const toData = (
    result: IteratorResult<SseEvent, undefined>,
  ): IteratorResult<string, undefined> =>
    result.done ? result : { value: result.value.data, done: false };
  const iterator: AsyncIterableIterator<string> = {
    next: () => events.next().then(toData),
    return: async () => {
      await events.return();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
