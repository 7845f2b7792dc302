/** Token counts of one response (`response.completed.response.usage`), camelCase. */
export interface TokenUsage {
  /** Tokens of the input (`input_tokens`), cached ones included. */
  inputTokens: number;
  /** Input tokens served from the prompt cache (`input_tokens_details.cached_tokens`), 0 when missing. */
  cachedInputTokens: number;
  /** Tokens of the output (`output_tokens`), reasoning included. */
  outputTokens: number;
  /** Output tokens spent on reasoning (`output_tokens_details.reasoning_tokens`), 0 when missing. */
  reasoningOutputTokens: number;
  /** All tokens of the response (`total_tokens`). */
  totalTokens: number;
}
