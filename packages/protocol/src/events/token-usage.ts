/** Token counts of one response (`response.completed.response.usage`), camelCase. */
export interface TokenUsage {
  inputTokens: number;
  /** `input_tokens_details.cached_tokens`, 0 when missing. */
  cachedInputTokens: number;
  outputTokens: number;
  /** `output_tokens_details.reasoning_tokens`, 0 when missing. */
  reasoningOutputTokens: number;
  totalTokens: number;
}
