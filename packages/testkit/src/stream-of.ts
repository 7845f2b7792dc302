const encoder = new TextEncoder();

/** Options of {@link streamOf}. */
export interface StreamOfOptions {
  /** After the last chunk, stay open (never close, never fail), like a silent server. */
  readonly stayOpen?: boolean;
  /** After the last chunk, fail the stream with this error, like a dropped connection. */
  readonly error?: Error;
}

/**
 * The UTF-8 bytes of `text`. A leading U+FEFF becomes the byte-order mark EF BB BF.
 *
 * @example
 * ```ts
 * const chunks = byteByByte(bytesOf('data: é\n\n'));
 * ```
 */
export function bytesOf(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * A `ReadableStream` (a response body, as `fetch` hands it out) that delivers exactly these
 * chunks, one per read, then closes — or, with `stayOpen`, stays open forever, or, with `error`,
 * fails with that error. Strings are encoded as UTF-8. Chunks are produced on demand, so a
 * consumer that stops reading stops the stream.
 *
 * @example
 * ```ts
 * const body = streamOf(['event: a\ndata: 1\n\n', 'data: 2\n\n']);
 * const silent = streamOf(sseFrames([completed]), { stayOpen: true });
 * const dropped = streamOf(['data: 1\n\n'], { error: new TypeError('terminated') });
 * ```
 */
export function streamOf(
  chunks: readonly (string | Uint8Array)[],
  options: StreamOfOptions = {},
): ReadableStream<Uint8Array> {
  if (options.stayOpen === true && options.error !== undefined)
    throw new TypeError('`stayOpen` and `error` cannot be combined');
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index++];
      if (chunk !== undefined)
        controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      else if (options.error !== undefined) controller.error(options.error);
      // A pull that never settles: the stream stays open and silent.
      else if (options.stayOpen === true) return new Promise<void>(() => {});
      else controller.close();
      return undefined;
    },
  });
}

/**
 * An async iterable (a plain async generator, not a `ReadableStream`) over these chunks, for
 * code that accepts any `AsyncIterable<Uint8Array>` as a body. Strings are encoded as UTF-8.
 *
 * @example
 * ```ts
 * for await (const event of sseStream(iterableOf(['data: 1\n\n']))) seen.push(event);
 * ```
 */
export async function* iterableOf(
  chunks: readonly (string | Uint8Array)[],
): AsyncGenerator<Uint8Array, void, undefined> {
  for (const chunk of chunks) yield typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
}
