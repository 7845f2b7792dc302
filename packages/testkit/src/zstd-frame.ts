const MAGIC = [0x28, 0xb5, 0x2f, 0xfd];
// Largest block a frame may hold (RFC 8878, Block_Maximum_Size).
const MAX_BLOCK = 128 * 1024;

/**
 * A valid zstd frame (RFC 8878) holding `data` in raw (stored) blocks: what a server sends with
 * `content-encoding: zstd`, built without a zstd library (Node 20 has none). Any zstd decoder
 * decodes it to `data`; a runtime that does not decode zstd hands these bytes out as they are,
 * starting with the zstd magic number `28 B5 2F FD`.
 *
 * @example
 * ```ts
 * server.enqueue({ headers: { 'content-encoding': 'zstd' }, body: zstdFrame(bytesOf('{"models":[]}')) });
 * ```
 */
export function zstdFrame(data: Uint8Array): Uint8Array {
  const size = data.byteLength;
  // Frame header: single segment, no checksum, no dictionary; the content size in 1, 2, 4 bytes.
  let header: number[];
  if (size < 256) header = [0x20, size];
  else if (size < 65_536 + 256) header = [0x60, (size - 256) & 0xff, ((size - 256) >> 8) & 0xff];
  else header = [0xa0, size & 0xff, (size >> 8) & 0xff, (size >> 16) & 0xff, (size >>> 24) & 0xff];
  const blocks: number[][] = [];
  const parts: Uint8Array[] = [];
  for (let offset = 0; offset < size || (size === 0 && blocks.length === 0); offset += MAX_BLOCK) {
    const part = data.subarray(offset, Math.min(offset + MAX_BLOCK, size));
    const last = offset + MAX_BLOCK >= size ? 1 : 0;
    // Block header: Last_Block, Block_Type 0 (raw), Block_Size; 3 bytes little-endian.
    const value = last | (part.byteLength << 3);
    blocks.push([value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff]);
    parts.push(part);
  }
  const total =
    MAGIC.length + header.length + blocks.length * 3 + parts.reduce((n, p) => n + p.byteLength, 0);
  const frame = new Uint8Array(total);
  let at = 0;
  frame.set(MAGIC, at);
  at += MAGIC.length;
  frame.set(header, at);
  at += header.length;
  blocks.forEach((block, index) => {
    frame.set(block, at);
    at += 3;
    frame.set(parts[index]!, at);
    at += parts[index]!.byteLength;
  });
  return frame;
}
