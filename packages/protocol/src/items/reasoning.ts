import * as z from 'zod/mini';

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

/** Schema of {@link Reasoning} (unknown keys are dropped). */
// Built in a pure call so bundlers drop it (and zod) when an application never uses it.
export const reasoningSchema: z.ZodMiniType<Reasoning> = /* @__PURE__ */ (() =>
  z.object({
    effort: z.optional(z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh'])),
    summary: z.optional(z.enum(['auto', 'concise', 'detailed', 'none'])),
    context: z.optional(z.string()),
  }) as z.ZodMiniType<Reasoning>)();
