import * as z from 'zod/mini';
import type { Reasoning } from '../items/reasoning.js';

/** Schema of {@link Reasoning} (unknown keys are dropped). */
// Built in a pure call so bundlers drop it (and zod) when an application never uses it.
export const reasoningSchema: z.ZodMiniType<Reasoning> = /* @__PURE__ */ (() =>
  z.object({
    effort: z.optional(z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh'])),
    summary: z.optional(z.enum(['auto', 'concise', 'detailed', 'none'])),
    context: z.optional(z.string()),
  }) as z.ZodMiniType<Reasoning>)();
