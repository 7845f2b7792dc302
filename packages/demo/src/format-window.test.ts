import { describe, expect, it } from 'vitest';
import { formatWindow } from './format-window.js';

describe('formatWindow', () => {
  it.each([
    [300, '5h'],
    [60, '1h'],
    [45, '45m'],
    [1440, 'daily'],
    [4320, '3d'],
    [10_080, 'weekly'],
    [43_200, 'monthly'],
    [90, '90m'],
  ])('%d minutes is %s', (minutes, text) => {
    expect(formatWindow(minutes)).toBe(text);
  });
});
