import { byteByByte, splitAt } from '@codex/testkit';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { Utf8ChunkDecoder } from './utf8-chunk-decoder.js';

// Three decoders: Node's isAscii (the fast path for ASCII chunks), a check in JavaScript (the
// same routing on any runtime), and none (every chunk streamed).
const jsAscii = (bytes: Uint8Array): boolean => bytes.every((byte) => byte < 0x80);
const modes = [
  { name: 'with the native isAscii', isAscii: undefined },
  { name: 'with an isAscii in JavaScript', isAscii: jsAscii },
  { name: 'without isAscii', isAscii: null },
] as const;
let mode: (typeof modes)[number] = modes[0];

function decodeChunks(chunks: readonly Uint8Array[]): string {
  const decoder = new Utf8ChunkDecoder({ isAscii: mode.isAscii });
  return chunks.map((chunk) => decoder.decode(chunk)).join('') + decoder.end();
}

// Bytes that stress the boundaries: ASCII, every kind of lead byte (valid and not), continuation
// bytes at the edges of the restricted ranges, and the BOM's bytes.
const interestingByte = fc.oneof(
  fc.constantFrom(0x0a, 0x41, 0x7f, 0xef, 0xbb, 0xbf),
  fc.constantFrom(0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf),
  fc.constantFrom(0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe2, 0xed, 0xf0, 0xf4, 0xf5, 0xf8, 0xff),
  fc.integer({ min: 0, max: 255 }),
);
const validText = fc.string({ unit: 'grapheme', maxLength: 30 });

describe.each(modes)('Utf8ChunkDecoder $name', (current) => {
  beforeEach(() => {
    mode = current;
  });

  it('decodes any bytes cut anywhere exactly as one TextDecoder over the whole stream', () => {
    fc.assert(
      fc.property(
        fc.array(interestingByte, { maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 15 }),
        (values, rawOffsets) => {
          const bytes = Uint8Array.from(values);
          const offsets = [
            ...new Set(rawOffsets.map((offset) => offset % (bytes.length + 1))),
          ].sort((a, b) => a - b);
          const expected = new TextDecoder().decode(bytes);
          expect(decodeChunks(splitAt(bytes, offsets))).toBe(expected);
          expect(decodeChunks(byteByByte(bytes))).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('decodes valid text (with an optional BOM) cut anywhere', () => {
    fc.assert(
      fc.property(
        validText,
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 15 }),
        (text, bom, raw) => {
          const bytes = new TextEncoder().encode(bom ? `\uFEFF${text}` : text);
          const offsets = [...new Set(raw.map((offset) => offset % (bytes.length + 1)))].sort(
            (a, b) => a - b,
          );
          expect(decodeChunks(splitAt(bytes, offsets))).toBe(text);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('strips one leading BOM only, even when it arrives a byte at a time', () => {
    const bytes = Uint8Array.of(0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61);
    expect(decodeChunks(byteByByte(bytes))).toBe('\uFEFFa');
    expect(decodeChunks([new Uint8Array(0), bytes])).toBe('\uFEFFa');
    expect(decodeChunks([Uint8Array.of(0x61), Uint8Array.of(0xef, 0xbb, 0xbf)])).toBe('a\uFEFF');
  });

  it('an ASCII chunk after one that ended inside a character ends that character with U+FFFD', () => {
    expect(decodeChunks([Uint8Array.of(0x61, 0xe2, 0x82), Uint8Array.of(0x62, 0x63)])).toBe(
      'a\uFFFDbc',
    );
    expect(decodeChunks([Uint8Array.of(0xe2, 0x82), Uint8Array.of(0xac, 0x61)])).toBe('€a');
    expect(decodeChunks([Uint8Array.of(0xc3, 0xa9), Uint8Array.of(0x61)])).toBe('éa');
  });
});
