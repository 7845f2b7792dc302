import type { Reasoning, ResponseItem, TextControls } from '@codex/protocol';

/**
 * The body of `POST {base}/responses/compact`: the conversation to compact and the settings of
 * the turn it belongs to. Sent as `{"model","input","instructions"?,"tools","parallel_tool_calls",
 * "reasoning"?,"text"?}`: `instructions` is omitted when empty, `reasoning` and `text` when absent
 * (unlike the Responses body, where `reasoning` is `null`), and item ids are never sent.
 */
export interface CompactionInput {
  /** Model slug, e.g. `gpt-5.1-codex`. */
  readonly model: string;
  /** The history to compact. */
  readonly input: readonly ResponseItem[];
  /** System instructions; omitted from the body when empty. */
  readonly instructions?: string | undefined;
  /** Tool definitions (JSON), as sent with the turn. */
  readonly tools: readonly unknown[];
  /** Sent as `parallel_tool_calls`. */
  readonly parallelToolCalls: boolean;
  /** Reasoning settings; omitted when absent. */
  readonly reasoning?: Reasoning | undefined;
  /** Text controls; omitted when absent. */
  readonly text?: TextControls | undefined;
}
