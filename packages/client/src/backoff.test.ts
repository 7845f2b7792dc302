import { describe, expect, it } from 'vitest';
import { backoff } from './backoff.js';

describe('backoff', () => {
  it('returns the base delay exactly for attempt 0', () => {
    expect(backoff(200, 0, () => 0.99)).toBe(200);
  });

  it('doubles per attempt with jitter in [0.9, 1.1)', () => {
    expect(backoff(200, 1, () => 0)).toBe(180);
    expect(backoff(200, 1, () => 0.999999)).toBe(219);
    expect(backoff(200, 3, () => 0.5)).toBe(800);
    expect(backoff(200, 4, () => 0)).toBe(1440);
  });

  it('rejects invalid input with a message naming the argument', () => {
    expect(() => backoff(-1, 1)).toThrow(/baseMs/);
    expect(() => backoff(100, 1.5)).toThrow(/attempt/);
  });
});
