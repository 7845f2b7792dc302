/** How hard the model reasons. */
export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';

/** How reasoning summaries are produced. */
export type ReasoningSummaryMode = 'auto' | 'concise' | 'detailed' | 'none';

/** The `reasoning` object of a Responses request body; each key is omitted when absent. */
export interface Reasoning {
  effort?: ReasoningEffort;
  summary?: ReasoningSummaryMode;
  context?: string;
}
