import { describe, expect, it } from 'vitest';
import { createStyle, shouldUseColor } from './create-style.js';

describe('shouldUseColor', () => {
  const tty = { isTTY: true };

  it('colours a terminal', () => {
    expect(shouldUseColor({ stream: tty, env: {} })).toBe(true);
  });

  it('never colours a pipe or a file', () => {
    expect(shouldUseColor({ stream: {}, env: {} })).toBe(false);
    expect(shouldUseColor({ stream: { isTTY: false }, env: { FORCE_COLOR: '1' } })).toBe(false);
  });

  it('honours NO_COLOR (any non-empty value), FORCE_COLOR=0 and TERM=dumb', () => {
    expect(shouldUseColor({ stream: tty, env: { NO_COLOR: '1' } })).toBe(false);
    expect(shouldUseColor({ stream: tty, env: { NO_COLOR: '' } })).toBe(true);
    expect(shouldUseColor({ stream: tty, env: { FORCE_COLOR: '0' } })).toBe(false);
    expect(shouldUseColor({ stream: tty, env: { TERM: 'dumb' } })).toBe(false);
  });
});

describe('createStyle', () => {
  it('wraps text in ANSI codes only when enabled', () => {
    expect(createStyle(true).dim('x')).toBe('\u001b[2mx\u001b[22m');
    expect(createStyle(true).cyan('x')).toBe('\u001b[36mx\u001b[39m');
    const plain = createStyle(false);
    expect([plain.bold('x'), plain.dim('x'), plain.yellow('x')]).toEqual(['x', 'x', 'x']);
  });

  it('leaves empty text empty', () => {
    expect(createStyle(true).bold('')).toBe('');
  });
});
