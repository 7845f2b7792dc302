/** What {@link collectSettled} read from a source: every item before the end, and how it ended. */
export interface SettledCollection<T> {
  /** The items the source yielded, in order, up to its end or its error. */
  readonly items: T[];
  /** What the iteration threw, or `undefined` when the source ended normally. */
  readonly error: unknown;
}

/**
 * Reads an async iterable (a stream of events, an async generator, a `ReadableStream`) to its
 * end and returns every item in order. Rejects with the iteration's error, as `for await` does.
 *
 * @example
 * ```ts
 * const events = await collect(await client.stream(request));
 * const error = await rejectionOf(collect(await client.stream(failing)));
 * ```
 */
export async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of source) items.push(item);
  return items;
}

/**
 * Reads an async iterable to its end and never rejects: returns the items it yielded and, when
 * the iteration failed, the error it failed with. Use it to assert on the events that came
 * before a failure as well as on the failure itself.
 *
 * @example
 * ```ts
 * const { items: events, error } = await collectSettled(stream);
 * expect(events).toHaveLength(2);
 * expect(error).toBeInstanceOf(StreamError);
 * ```
 */
export async function collectSettled<T>(source: AsyncIterable<T>): Promise<SettledCollection<T>> {
  const items: T[] = [];
  try {
    for await (const item of source) items.push(item);
  } catch (error) {
    return { items, error };
  }
  return { items, error: undefined };
}
