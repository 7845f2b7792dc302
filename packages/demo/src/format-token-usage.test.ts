import { describe, expect, it } from 'vitest';
import { formatTokenUsage } from './format-token-usage.js';

describe('formatTokenUsage', () => {
  it('shows every count with thousands separators', () => {
    expect(
      formatTokenUsage({
        inputTokens: 8421,
        cachedInputTokens: 7936,
        outputTokens: 187,
        reasoningOutputTokens: 64,
        totalTokens: 8608,
      }),
    ).toBe('8,421 input (7,936 cached) · 187 output (64 reasoning) · 8,608 total');
  });

  it('leaves out cached and reasoning counts that are zero', () => {
    expect(
      formatTokenUsage({
        inputTokens: 12,
        cachedInputTokens: 0,
        outputTokens: 3,
        reasoningOutputTokens: 0,
        totalTokens: 15,
      }),
    ).toBe('12 input · 3 output · 15 total');
  });
});
