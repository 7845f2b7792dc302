import { describe, expect, it } from 'vitest';
import { byteByByte, randomChunks, splitAt } from './split-at.js';
import { bytesOf } from './stream-of.js';

const decoder = new TextDecoder();
const texts = (chunks: Uint8Array[]): string[] => chunks.map((chunk) => decoder.decode(chunk));
const joined = (chunks: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(chunks));

describe('splitAt', () => {
  it('cuts at the offsets', () => {
    expect(texts(splitAt(bytesOf('abcdef'), [2, 4]))).toEqual(['ab', 'cd', 'ef']);
  });

  it('skips offsets out of range or not above the previous one, so no chunk is empty', () => {
    expect(texts(splitAt(bytesOf('abcdef'), [0, 3, 3, 2, 6, 9]))).toEqual(['abc', 'def']);
    expect(texts(splitAt(bytesOf('abc'), []))).toEqual(['abc']);
  });

  it('returns views of the input, not copies', () => {
    const bytes = bytesOf('abcdef');
    const [first, second] = splitAt(bytes, [2]);
    expect(first!.buffer).toBe(bytes.buffer);
    expect(second!.byteOffset).toBe(bytes.byteOffset + 2);
  });
});

describe('byteByByte', () => {
  it('gives one chunk per byte, splitting multi-byte characters', () => {
    const bytes = bytesOf('aé\n');
    const chunks = byteByByte(bytes);
    expect(chunks).toHaveLength(4);
    expect(chunks.every((chunk) => chunk.byteLength === 1)).toBe(true);
    expect(joined(chunks)).toEqual(bytes);
  });
});

describe('randomChunks', () => {
  const bytes = bytesOf('event: message\ndata: héllo wörld\n\n'.repeat(20));

  it('cuts into chunks of 1 to 7 bytes that add up to the input', () => {
    const chunks = randomChunks(bytes, 42);
    expect(joined(chunks)).toEqual(bytes);
    for (const chunk of chunks) {
      expect(chunk.byteLength).toBeGreaterThanOrEqual(1);
      expect(chunk.byteLength).toBeLessThanOrEqual(7);
    }
  });

  it('cuts the same way for the same seed and differently for another', () => {
    const sizes = (seed: number): number[] =>
      randomChunks(bytes, seed).map((chunk) => chunk.byteLength);
    expect(sizes(7)).toEqual(sizes(7));
    expect(sizes(7)).not.toEqual(sizes(8));
  });
});
