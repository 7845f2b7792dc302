import { describe, expect, it } from 'vitest';
import { truncateMiddle } from './truncate-middle.js';

describe('truncateMiddle', () => {
  it('keeps text within the budget', () => {
    expect(truncateMiddle('short', 10)).toBe('short');
    expect(truncateMiddle('x'.repeat(2048))).toBe('x'.repeat(2048));
  });

  it('keeps floor(max/2) bytes before and the rest after the marker', () => {
    expect(truncateMiddle('abcdefghijk', 5)).toBe('ab…6 chars truncated…ijk');
  });

  it('cuts on character boundaries and counts removed characters', () => {
    // Each é is two bytes: 2 fit before (4 bytes), 2 after (4 bytes of a 5-byte budget).
    expect(truncateMiddle('éééééééé', 9)).toBe('éé…4 chars truncated…éé');
    // A 4-byte emoji never splits.
    expect(truncateMiddle('😀😀😀😀', 7)).toBe('…3 chars truncated…😀');
    expect(truncateMiddle('😀😀😀😀', 6)).toBe('…4 chars truncated…');
  });

  it('rejects a bad budget', () => {
    expect(() => truncateMiddle('x', -1)).toThrow(RangeError);
  });
});
