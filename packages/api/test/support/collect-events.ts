import type { ResponseEvent } from '@codex/protocol';
import { collectSettled } from '@codex/testkit';

/** The events of a stream and the error it ended with, if any (never rejects). */
export async function collectEvents(
  stream: AsyncIterable<ResponseEvent>,
): Promise<{ events: ResponseEvent[]; error: unknown }> {
  const { items, error } = await collectSettled(stream);
  return { events: items, error };
}
