import type { TokenUsage } from '@codex/protocol';

const NUMBER = new Intl.NumberFormat('en-US');

/**
 * One line of token counts: `8,421 input (7,936 cached) · 187 output (64 reasoning) · 8,608 total`.
 * The cached and reasoning parts appear only when non-zero.
 */
export function formatTokenUsage(usage: TokenUsage): string {
  const input =
    usage.cachedInputTokens > 0
      ? `${NUMBER.format(usage.inputTokens)} input (${NUMBER.format(usage.cachedInputTokens)} cached)`
      : `${NUMBER.format(usage.inputTokens)} input`;
  const output =
    usage.reasoningOutputTokens > 0
      ? `${NUMBER.format(usage.outputTokens)} output (${NUMBER.format(usage.reasoningOutputTokens)} reasoning)`
      : `${NUMBER.format(usage.outputTokens)} output`;
  return `${input} · ${output} · ${NUMBER.format(usage.totalTokens)} total`;
}
