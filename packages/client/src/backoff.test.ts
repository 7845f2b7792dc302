import { describe, expect, it } from 'vitest';
import { backoff } from './backoff.js';

describe('backoff', () => {
  it('returns the base delay exactly for attempt 0', () => {
    expect(backoff(200, 0, { random: () => 0.99 })).toBe(200);
  });

  it('doubles per attempt with jitter in [0.9, 1.1)', () => {
    expect(backoff(200, 1, { random: () => 0 })).toBe(180);
    expect(backoff(200, 1, { random: () => 0.999999 })).toBe(219);
    expect(backoff(200, 3, { random: () => 0.5 })).toBe(800);
    expect(backoff(200, 4, { random: () => 0 })).toBe(1440);
  });

  it('rejects invalid input with a message naming the argument', () => {
    expect(() => backoff(-1, 1)).toThrow(/baseMs/);
    expect(() => backoff(100, 1.5)).toThrow(/attempt/);
  });
});

describe('backoff (spec §E.1 case 12)', () => {
  it('backoff(200, 0) is exactly 200 and backoff(200, 3) stays in [720, 880)', () => {
    expect(backoff(200, 0)).toBe(200);
    for (let index = 0; index < 1000; index++) {
      const delay = backoff(200, 3);
      expect(delay).toBeGreaterThanOrEqual(720);
      expect(delay).toBeLessThan(880);
    }
    expect(backoff(200, 3, { random: () => 0 })).toBe(720);
    expect(backoff(200, 3, { random: () => 0.9999999 })).toBe(879);
  });

  it('uses the whole-millisecond part of the base', () => {
    expect(backoff(200.9, 0)).toBe(200);
    expect(backoff(200.9, 1, { random: () => 0.5 })).toBe(200);
  });
});
