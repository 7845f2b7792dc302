import { TransportError } from '../transport-error.js';

// The first bytes of a body still in an encoding that a runtime may leave undecoded.
const MAGIC: ReadonlyArray<{ readonly coding: string; readonly bytes: readonly number[] }> = [
  // zstd frames (RFC 8878): Node 20's fetch does not decode `content-encoding: zstd`.
  { coding: 'zstd', bytes: [0x28, 0xb5, 0x2f, 0xfd] },
  // gzip members (RFC 1952): every runtime decodes these, so a body that still starts with one
  // was encoded twice or not decoded at all.
  { coding: 'gzip', bytes: [0x1f, 0x8b] },
  { coding: 'x-gzip', bytes: [0x1f, 0x8b] },
];
const SNIFF_BYTES = 4;

/** Whether a body with this `content-encoding` may arrive still encoded (see {@link undecodedCoding}). */
export function mayArriveUndecoded(contentEncoding: string | null): boolean {
  if (contentEncoding === null) return false;
  const outermost = outermostCoding(contentEncoding);
  return MAGIC.some((entry) => entry.coding === outermost);
}

function outermostCoding(contentEncoding: string): string | undefined {
  return contentEncoding
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity')
    .at(-1);
}

/**
 * The coding of a body that arrived still encoded — the last coding `content-encoding` names,
 * when the body begins with that coding's magic number — or `undefined` when the body is
 * readable. Only codings with a magic number can be told apart (not `br` or `deflate`, which
 * runtimes decode anyway).
 */
export function undecodedCoding(
  contentEncoding: string | null,
  firstBytes: Uint8Array,
): string | undefined {
  if (contentEncoding === null) return undefined;
  const outermost = outermostCoding(contentEncoding);
  if (outermost === undefined) return undefined;
  const magic = MAGIC.find((entry) => entry.coding === outermost);
  if (magic === undefined || firstBytes.byteLength < magic.bytes.length) return undefined;
  return magic.bytes.every((byte, index) => firstBytes[index] === byte) ? outermost : undefined;
}

/** The `stream` error of a body in a coding the runtime did not decode. */
export function undecodedBodyError(coding: string): TransportError {
  return new TransportError({
    kind: 'stream',
    detail: `the response body is still ${coding}-encoded (content-encoding: ${coding}): this runtime's fetch does not decode ${coding}`,
  });
}

/** Named arguments of {@link guardBody}. */
export interface GuardBodyOptions {
  /** The response's `content-encoding` header. */
  readonly contentEncoding: string | null;
  /** What a read failure becomes (the secrets of the call removed, the call's abort reason kept). */
  readonly mapError: (error: unknown) => unknown;
}

/**
 * `body` as the transport hands it out: the same bytes, pulled one read at a time (no buffering,
 * so back-pressure is unchanged), with two guards — a read failure is passed through `mapError`
 * (a custom `fetch`'s body may fail with text that quotes a credential), and a body that is still
 * in a coding the runtime did not decode fails with a `stream` error that names the coding,
 * instead of reaching a parser as garbage. Cancelling it cancels `body`.
 */
export function guardBody(
  body: ReadableStream<Uint8Array>,
  options: GuardBodyOptions,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const { mapError } = options;
  // Bytes held back until there are enough to recognise an undecoded coding.
  let sniffing = options.contentEncoding !== null;
  let held: Uint8Array | undefined;
  const fail = (controller: ReadableStreamDefaultController<Uint8Array>, error: unknown): void => {
    void reader.cancel(error).catch(() => undefined);
    controller.error(error);
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller): Promise<void> {
        for (;;) {
          let result: Awaited<ReturnType<typeof reader.read>>;
          try {
            result = await reader.read();
          } catch (error) {
            controller.error(mapError(error));
            return;
          }
          if (result.done) {
            if (held !== undefined) {
              const coding = undecodedCoding(options.contentEncoding, held);
              if (coding !== undefined) {
                controller.error(undecodedBodyError(coding));
                return;
              }
              if (held.byteLength > 0) controller.enqueue(held);
              held = undefined;
            }
            controller.close();
            return;
          }
          const chunk = result.value;
          if (!sniffing) {
            controller.enqueue(chunk);
            return;
          }
          const start = held === undefined ? chunk : concat(held, chunk);
          held = start;
          if (start.byteLength < SNIFF_BYTES) continue;
          sniffing = false;
          held = undefined;
          const coding = undecodedCoding(options.contentEncoding, start);
          if (coding !== undefined) {
            fail(controller, undecodedBodyError(coding));
            return;
          }
          controller.enqueue(start);
          return;
        }
      },
      cancel(reason): Promise<void> {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

function concat(first: Uint8Array, second: Uint8Array): Uint8Array {
  const joined = new Uint8Array(first.byteLength + second.byteLength);
  joined.set(first, 0);
  joined.set(second, first.byteLength);
  return joined;
}
