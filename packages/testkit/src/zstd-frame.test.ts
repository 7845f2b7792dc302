import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bytesOf } from './stream-of.js';
import { zstdFrame } from './zstd-frame.js';

type ZstdDecompress = (data: Uint8Array) => Uint8Array;
const zstdDecompressSync = (zlib as unknown as { zstdDecompressSync?: ZstdDecompress })
  .zstdDecompressSync;

describe('zstdFrame', () => {
  it('starts with the zstd magic number and holds the bytes raw', () => {
    const frame = zstdFrame(bytesOf('hello'));
    expect([...frame.subarray(0, 4)]).toEqual([0x28, 0xb5, 0x2f, 0xfd]);
    expect(new TextDecoder().decode(frame.subarray(-5))).toBe('hello');
  });

  // Only where node:zlib has zstd (Node >= 22.15); Node 20 has no decoder to check against.
  it.runIf(zstdDecompressSync !== undefined)('decodes to its input with node:zlib', () => {
    for (const size of [0, 5, 255, 256, 70_000, 300_000]) {
      const data = new Uint8Array(size).map((_, index) => index % 251);
      expect(Buffer.from(zstdDecompressSync!(zstdFrame(data))).equals(Buffer.from(data))).toBe(
        true,
      );
    }
  });
});
