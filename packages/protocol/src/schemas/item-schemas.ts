import * as z from 'zod/mini';
import { isUnsignedInteger } from '../items/is-unsigned-integer.js';
import type {
  ContentItem,
  FunctionCallOutputPayload,
  GhostCommit,
  ResponseItem,
  WebSearchAction,
} from '../items/response-item.js';

// Serde reads an absent `Option` and a JSON `null` alike; these helpers give the two wire
// conventions: `optional` drops the key when null or absent, `nullable` keeps it as `null`.
const optional = <T extends z.ZodMiniType>(schema: T) => z.optional(z.nullable(schema));
const nullable = <T extends z.ZodMiniType>(schema: T) =>
  z._default(z.nullable(schema), null as never);

// zod keeps a `null` it accepted; the library's types say "absent", so drop those keys once here.
function dropNullKeys<T extends z.ZodMiniType>(schema: T, keys: readonly string[]) {
  return z.pipe(
    schema,
    z.transform((value) => {
      const record = value as Record<string, unknown>;
      for (const key of keys) {
        if (record[key] === null) delete record[key];
      }
      return value;
    }),
  );
}

// The explicit interfaces are the public types; this narrows a schema to them without repeating
// the shape in zod's inferred form (which spells absent keys as `?: T | undefined`).
function typed<T>(schema: z.ZodMiniType): z.ZodMiniType<T> {
  return schema as z.ZodMiniType<T>;
}

// Every schema is built inside a `/* @__PURE__ */` call: the parse functions use the hand-written
// validators of `read-response-item.ts`, so an application that never touches a schema lets its
// bundler drop these and zod with them.
const parts = /* @__PURE__ */ (() => {
  const inputText = z.object({ type: z.literal('input_text'), text: z.string() });
  const outputText = z.object({ type: z.literal('output_text'), text: z.string() });
  const inputImage = dropNullKeys(
    z.object({
      type: z.literal('input_image'),
      image_url: z.string(),
      detail: optional(z.enum(['auto', 'low', 'high', 'original'])),
    }),
    ['detail'],
  );
  const encryptedContent = z.object({
    type: z.literal('encrypted_content'),
    encrypted_content: z.string(),
  });
  return { inputText, outputText, inputImage, encryptedContent };
})();

/** Schema of a {@link ContentItem} (`input_text`, `input_image`, `output_text`). */
export const contentItemSchema: z.ZodMiniType<ContentItem> = /* @__PURE__ */ (() =>
  typed<ContentItem>(z.union([parts.inputText, parts.inputImage, parts.outputText])))();

/** Schema of a {@link FunctionCallOutputPayload}: a string or an array of content items. */
export const functionCallOutputPayloadSchema: z.ZodMiniType<FunctionCallOutputPayload> =
  /* @__PURE__ */ (() =>
    typed<FunctionCallOutputPayload>(
      z.union([
        z.string(),
        z.array(z.union([parts.inputText, parts.inputImage, parts.encryptedContent])),
      ]),
    ))();

/** Schema of a {@link WebSearchAction}; an unknown action `type` becomes `{ type: 'other' }`. */
export const webSearchActionSchema: z.ZodMiniType<WebSearchAction> = /* @__PURE__ */ (() =>
  typed<WebSearchAction>(
    z.union([
      dropNullKeys(
        z.object({
          type: z.literal('search'),
          query: optional(z.string()),
          queries: optional(z.array(z.string())),
        }),
        ['query', 'queries'],
      ),
      dropNullKeys(z.object({ type: z.literal('open_page'), url: optional(z.string()) }), ['url']),
      dropNullKeys(
        z.object({
          type: z.literal('find_in_page'),
          url: optional(z.string()),
          pattern: optional(z.string()),
        }),
        ['url', 'pattern'],
      ),
      z.pipe(
        z.object({
          type: z
            .string()
            .check(z.refine((type) => !['search', 'open_page', 'find_in_page'].includes(type))),
        }),
        z.transform(() => ({ type: 'other' as const })),
      ),
    ]),
  ))();

/**
 * Schema of a {@link GhostCommit}: `parent` absent or `null` reads as `null`; unknown keys are
 * dropped.
 */
export const ghostCommitSchema: z.ZodMiniType<GhostCommit> = /* @__PURE__ */ (() =>
  typed<GhostCommit>(
    z.object({
      id: z.string(),
      parent: nullable(z.string()),
      preexisting_untracked_files: z.array(z.string()),
      preexisting_untracked_dirs: z.array(z.string()),
    }),
  ))();

/**
 * The schema of the item variant named by a wire `type`, or `undefined` for a type this version
 * does not know. Built on first use; kept as the reference the hand-written validators are
 * tested against.
 * @internal
 */
export function schemaForItemType(type: string): z.ZodMiniType<ResponseItem> | undefined {
  itemSchemas ??= buildItemSchemas();
  return Object.hasOwn(itemSchemas, type) ? itemSchemas[type] : undefined;
}

let itemSchemas: Record<string, z.ZodMiniType<ResponseItem>> | undefined;

function buildItemSchemas(): Record<string, z.ZodMiniType<ResponseItem>> {
  const base = {
    id: optional(z.string()),
    internal_chat_message_metadata_passthrough: optional(
      z.looseObject({ turn_id: z.optional(z.string()) }),
    ),
  };
  const baseKeys = ['id', 'internal_chat_message_metadata_passthrough'] as const;

  function item<T extends z.core.$ZodLooseShape>(shape: T, optionalKeys: readonly string[] = []) {
    return dropNullKeys(z.object({ ...base, ...shape }), [...baseKeys, ...optionalKeys]);
  }

  // A required JSON value: serde rejects an absent `serde_json::Value` field.
  const requiredJson = z.custom<unknown>((value) => value !== undefined);
  // A Rust `u64`: `z.int()` stops at 2^53 - 1 and takes negatives, serde does neither.
  const unsignedInteger = z.number().check(z.refine(isUnsignedInteger));

  const message = item(
    {
      type: z.literal('message'),
      role: z.string(),
      content: z.array(contentItemSchema),
      end_turn: optional(z.boolean()),
      phase: optional(z.enum(['commentary', 'final_answer'])),
    },
    ['end_turn', 'phase'],
  );

  const agentMessage = item({
    type: z.literal('agent_message'),
    author: z.string(),
    recipient: z.string(),
    content: z.array(z.union([parts.inputText, parts.encryptedContent])),
  });

  const reasoning = item(
    {
      type: z.literal('reasoning'),
      summary: z.array(z.object({ type: z.literal('summary_text'), text: z.string() })),
      content: optional(
        z.array(
          z.union([
            z.object({ type: z.literal('reasoning_text'), text: z.string() }),
            z.object({ type: z.literal('text'), text: z.string() }),
          ]),
        ),
      ),
      encrypted_content: nullable(z.string()),
    },
    ['content'],
  );

  const localShellCall = item({
    type: z.literal('local_shell_call'),
    call_id: nullable(z.string()),
    status: z.enum(['completed', 'in_progress', 'incomplete']),
    action: z.object({
      type: z.literal('exec'),
      command: z.array(z.string()),
      timeout_ms: nullable(unsignedInteger),
      working_directory: nullable(z.string()),
      env: nullable(z.record(z.string(), z.string())),
      user: nullable(z.string()),
    }),
  });

  const functionCall = item(
    {
      type: z.literal('function_call'),
      name: z.string(),
      namespace: optional(z.string()),
      arguments: z.string(),
      call_id: z.string(),
    },
    ['namespace'],
  );

  const toolSearchCall = item(
    {
      type: z.literal('tool_search_call'),
      call_id: nullable(z.string()),
      status: optional(z.string()),
      execution: z.string(),
      arguments: requiredJson,
    },
    ['status'],
  );

  const functionCallOutput = item({
    type: z.literal('function_call_output'),
    call_id: z.string(),
    output: functionCallOutputPayloadSchema,
  });

  const customToolCall = item(
    {
      type: z.literal('custom_tool_call'),
      status: optional(z.string()),
      call_id: z.string(),
      name: z.string(),
      input: z.string(),
    },
    ['status'],
  );

  const customToolCallOutput = item(
    {
      type: z.literal('custom_tool_call_output'),
      call_id: z.string(),
      name: optional(z.string()),
      output: functionCallOutputPayloadSchema,
    },
    ['name'],
  );

  const toolSearchOutput = item({
    type: z.literal('tool_search_output'),
    call_id: nullable(z.string()),
    status: z.string(),
    execution: z.string(),
    tools: z.array(z.unknown()),
  });

  const webSearchCall = item(
    {
      type: z.literal('web_search_call'),
      status: optional(z.string()),
      action: optional(webSearchActionSchema),
    },
    ['status', 'action'],
  );

  const imageGenerationCall = item(
    {
      type: z.literal('image_generation_call'),
      // A field of this variant upstream (`id: String`), required; it keeps the base's key order.
      id: z.string(),
      status: z.string(),
      revised_prompt: optional(z.string()),
      result: z.string(),
    },
    ['revised_prompt'],
  );

  const ghostSnapshot = item({
    type: z.literal('ghost_snapshot'),
    ghost_commit: ghostCommitSchema,
  });

  const compaction = item({
    type: z.enum(['compaction', 'compaction_summary']),
    encrypted_content: z.string(),
  });

  const compactionTrigger = item({ type: z.literal('compaction_trigger') });

  const contextCompaction = item(
    { type: z.literal('context_compaction'), encrypted_content: optional(z.string()) },
    ['encrypted_content'],
  );

  return {
    message: typed(message),
    agent_message: typed(agentMessage),
    reasoning: typed(reasoning),
    local_shell_call: typed(localShellCall),
    function_call: typed(functionCall),
    tool_search_call: typed(toolSearchCall),
    function_call_output: typed(functionCallOutput),
    custom_tool_call: typed(customToolCall),
    custom_tool_call_output: typed(customToolCallOutput),
    tool_search_output: typed(toolSearchOutput),
    web_search_call: typed(webSearchCall),
    image_generation_call: typed(imageGenerationCall),
    ghost_snapshot: typed(ghostSnapshot),
    compaction: typed(compaction),
    compaction_summary: typed(compaction),
    compaction_trigger: typed(compactionTrigger),
    context_compaction: typed(contextCompaction),
  };
}
