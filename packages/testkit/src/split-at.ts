/**
 * `bytes` cut at the given offsets, in order; offsets outside `(0, length)` or not above the
 * previous one are skipped, so no chunk is empty (unless `bytes` is). The chunks are views of
 * `bytes`, not copies.
 *
 * @example
 * ```ts
 * splitAt(bytesOf('abcdef'), [2, 4]); // 'ab', 'cd', 'ef'
 * ```
 */
export function splitAt(bytes: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const offset of offsets) {
    if (offset <= start || offset >= bytes.length) continue;
    chunks.push(bytes.subarray(start, offset));
    start = offset;
  }
  chunks.push(bytes.subarray(start));
  return chunks;
}

/**
 * One chunk per byte: the hardest way to deliver a body (every multi-byte character and every
 * line end is split).
 *
 * @example
 * ```ts
 * const events = await collect(sseStream(streamOf(byteByByte(bytesOf(body)))));
 * ```
 */
export function byteByByte(bytes: Uint8Array): Uint8Array[] {
  return Array.from(bytes, (_, index) => bytes.subarray(index, index + 1));
}

/**
 * `bytes` cut into chunks of 1 to 7 bytes at pseudo-random places. The same `seed` always gives
 * the same cuts (mulberry32), so a failure can be reproduced.
 *
 * @example
 * ```ts
 * for (const seed of [1, 2, 3]) expect(await parse(randomChunks(bytes, seed))).toEqual(expected);
 * ```
 */
export function randomChunks(bytes: Uint8Array, seed: number): Uint8Array[] {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const offsets: number[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    offset += 1 + Math.floor(random() * 7);
    offsets.push(offset);
  }
  return splitAt(bytes, offsets);
}
