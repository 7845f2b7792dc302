import { describe, expect, it } from 'vitest';
import { rustTrim } from './rust-trim.js';

// Rust's `char::is_whitespace` is the Unicode White_Space property, which JavaScript's regular
// expressions expose as `\p{White_Space}`: the reference for every code point.
const whiteSpace = /^\p{White_Space}$/u;

describe('rustTrim (Rust `str::trim`)', () => {
  it('strips exactly the White_Space characters, checked for every code point', () => {
    const wrong: string[] = [];
    for (let code = 0; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const character = String.fromCodePoint(code);
      const stripped = rustTrim(`${character}x${character}`) === 'x';
      if (stripped !== whiteSpace.test(character)) wrong.push(code.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('keeps U+FEFF and strips U+0085, unlike String#trim', () => {
    expect(rustTrim('\ufeff{"a":1}\ufeff')).toBe('\ufeff{"a":1}\ufeff');
    expect('\ufeffx'.trim()).toBe('x');
    expect(rustTrim('\u0085x\u0085')).toBe('x');
    expect('\u0085x'.trim()).toBe('\u0085x');
  });

  it('keeps characters that look blank but are not White_Space', () => {
    for (const character of ['\u200b', '\u180e', '\u2060', '\u00ad']) {
      expect(rustTrim(`${character}x`)).toBe(`${character}x`);
    }
  });

  it('trims both ends only, and blank text to ""', () => {
    expect(rustTrim(' \t a \n b \r\n')).toBe('a \n b');
    expect(rustTrim('\u3000\u2028\u00a0')).toBe('');
    expect(rustTrim('')).toBe('');
    expect(rustTrim('x')).toBe('x');
  });

  it('handles long runs of white space inside and around the text', () => {
    // The former anchored regex took time quadratic in a white-space run that does not reach the
    // end; this input would not finish within the test timeout.
    const run = ' '.repeat(300_000);
    expect(rustTrim(`a${run}b`)).toBe(`a${run}b`);
    expect(rustTrim(`${run}a${run}b${run}`)).toBe(`a${run}b`);
    expect(rustTrim(run)).toBe('');
  });
});
