import * as z from 'zod/mini';
import type { TextControls, TextFormat } from '../items/text-controls.js';

/** Schema of {@link TextFormat}. */
// Built in pure calls so bundlers drop them (and zod) when an application never uses them.
export const textFormatSchema: z.ZodMiniType<TextFormat> = /* @__PURE__ */ (() =>
  z.object({
    type: z.literal('json_schema'),
    strict: z.boolean(),
    schema: z.custom<unknown>((value) => value !== undefined),
    name: z.string(),
  }) as z.ZodMiniType<TextFormat>)();

/** Schema of {@link TextControls}. */
export const textControlsSchema: z.ZodMiniType<TextControls> = /* @__PURE__ */ (() =>
  z.object({
    verbosity: z.optional(z.enum(['low', 'medium', 'high'])),
    format: z.optional(textFormatSchema),
  }) as z.ZodMiniType<TextControls>)();
