import { describe, expect, it } from 'vitest';
import { formatDuration } from './format-duration.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('formatDuration', () => {
  it.each([
    [0, 'now'],
    [-5 * MINUTE, 'now'],
    [999, 'now'],
    [45 * SECOND, '45s'],
    [12 * MINUTE + 59 * SECOND, '12m'],
    [2 * HOUR + 13 * MINUTE + 20 * SECOND, '2h 13m'],
    [3 * HOUR, '3h'],
    [4 * DAY + 3 * HOUR + 59 * MINUTE, '4d 3h'],
    [7 * DAY, '7d'],
    [Number.NaN, 'now'],
  ])('%d ms reads %s', (milliseconds, text) => {
    expect(formatDuration(milliseconds)).toBe(text);
  });
});
