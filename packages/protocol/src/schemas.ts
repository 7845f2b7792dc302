/**
 * @packageDocumentation zod schemas (`zod/mini`) of the Responses wire shapes, from the
 * `@codex/protocol/schemas` entry point. They live apart from the package root so that an
 * application that only parses items (`safeParseResponseItem`, which uses hand-written checks
 * tested to agree with these schemas) never loads zod.
 */
export {
  contentItemSchema,
  functionCallOutputPayloadSchema,
  ghostCommitSchema,
  schemaForItemType,
  webSearchActionSchema,
} from './schemas/item-schemas.js';
export { reasoningSchema } from './schemas/reasoning-schema.js';
export { textControlsSchema, textFormatSchema } from './schemas/text-controls-schema.js';
