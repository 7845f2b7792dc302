// The parse functions validate with hand-written readers (no zod on the per-event path); the zod
// schemas stay public. This file is the one place that keeps the two in step: every fixture, every
// conformance item and generated valid and mutated items go through both, and both must accept and
// reject the same values and produce the same parsed values (key order included).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { schemaForItemType } from '../schemas/item-schemas.js';
import {
  invalidResponseItems,
  responseItemVariants,
} from './__fixtures__/response-item-variants.js';
import { type ParseResult, safeParseResponseItem } from './parse-response-item.js';
import type { ResponseItem } from './response-item.js';
import { serializeResponseItem } from './serialize-response-item.js';

// The zod path as it was before the hand-written readers: the reference behaviour.
function safeParseWithSchemas(json: unknown): ParseResult<ResponseItem> {
  const failure = (message: string) => ({ success: false as const, error: new TypeError(message) });
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return failure('object');
  const type = (json as { type?: unknown }).type;
  if (typeof type !== 'string') return failure('type');
  const schema = schemaForItemType(type);
  if (schema === undefined) return { success: true, value: { type: 'other' } };
  const result = schema.safeParse(json);
  if (!result.success) return failure(result.error.message);
  const value = result.data;
  if ((value.type as string) === 'compaction_summary') value.type = 'compaction';
  return { success: true, value };
}

function expectSameResult(json: unknown): void {
  const hand = safeParseResponseItem(json);
  const reference = safeParseWithSchemas(json);
  expect(
    hand.success,
    `${JSON.stringify(json)}: ${hand.success ? 'accepted' : hand.error.message}`,
  ).toBe(reference.success);
  if (hand.success && reference.success) {
    expect(hand.value).toStrictEqual(reference.value);
    expect(JSON.stringify(hand.value)).toBe(JSON.stringify(reference.value));
  }
  if (!hand.success && typeof (json as { type?: unknown } | null)?.type === 'string') {
    // A clear message: the item type, then the path of the offending field.
    const type = (json as { type: string }).type;
    expect(hand.error.message).toMatch(
      new RegExp(`^invalid "${type.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}" response item: .+: `),
    );
  }
}

// Inputs the fixtures and the serialisation tests name, plus wire-level edge cases.
const edgeCases: unknown[] = [
  {
    type: 'message',
    id: null,
    role: 'a',
    content: [{ type: 'input_image', image_url: 'u', detail: null }],
    phase: null,
    status: 'x',
  },
  {
    type: 'message',
    role: 'a',
    content: [],
    internal_chat_message_metadata_passthrough: { turn_id: null },
  },
  {
    type: 'message',
    role: 'a',
    content: [],
    internal_chat_message_metadata_passthrough: { a: 1, turn_id: 't', b: [null] },
  },
  { type: 'message', role: 'a', content: [], internal_chat_message_metadata_passthrough: [] },
  { type: 'message', role: 'a', content: {} },
  { type: 'message', role: 'a', content: [null] },
  { type: 'message', role: 'a', content: [{ type: 'encrypted_content', encrypted_content: 'e' }] },
  {
    type: 'agent_message',
    author: 'a',
    recipient: 'b',
    content: [{ type: 'output_text', text: 'x' }],
  },
  { type: 'web_search_call', action: { type: 'browse', url: 5 } },
  { type: 'web_search_call', action: { type: 5 } },
  { type: 'web_search_call', action: {} },
  { type: 'web_search_call', action: null, status: null },
  { type: 'web_search_call', action: { type: 'search', query: 5 } },
  { type: 'web_search_call', action: { type: 'search', queries: ['a', 1] } },
  { type: 'web_search_call', action: { type: 'search', query: null, queries: null } },
  { type: 'web_search_call', action: { type: 'other' } },
  { type: 'local_shell_call', status: 'completed', action: { type: 'exec', command: [] } },
  {
    type: 'local_shell_call',
    status: 'completed',
    action: { type: 'exec', command: [], env: { a: 1 } },
  },
  { type: 'local_shell_call', status: 'completed', action: { type: 'exec', command: [], env: [] } },
  {
    type: 'local_shell_call',
    status: 'completed',
    action: { type: 'exec', command: [], timeout_ms: 'x' },
  },
  { type: 'local_shell_call', status: 'completed', action: { type: 'shell', command: [] } },
  {
    type: 'local_shell_call',
    status: 'completed',
    action: { type: 'exec', command: [], env: JSON.parse('{"__proto__":"x","a":"b"}') },
  },
  { type: 'tool_search_call', execution: 'x', arguments: null },
  { type: 'tool_search_call', execution: 'x', call_id: 5, arguments: 1 },
  { type: 'tool_search_output', status: 's', execution: 'x', tools: {} },
  { type: 'function_call_output', call_id: 'c', output: 5 },
  { type: 'function_call_output', call_id: 'c', output: [{ type: 'output_text', text: 'x' }] },
  { type: 'function_call_output', call_id: 'c', output: null },
  { type: 'custom_tool_call_output', call_id: 'c', output: 'o', name: null },
  { type: 'reasoning', summary: [], encrypted_content: 5 },
  { type: 'reasoning', summary: [{ type: 'text', text: 'x' }] },
  {
    type: 'reasoning',
    summary: [],
    content: [{ type: 'reasoning_text', text: 'x' }],
    encrypted_content: null,
  },
  { type: 'reasoning', summary: [], content: null },
  { type: 'compaction_summary', encrypted_content: 'e', id: 'c1' },
  { type: 'compaction', encrypted_content: null },
  { type: 'compaction_trigger', id: 5 },
  { type: 'context_compaction', encrypted_content: null },
  { type: 'image_generation_call', id: 'i', status: 's', result: 'r', revised_prompt: 5 },
  { type: 'image_generation_call', status: 's', result: 'r' },
  { type: 'image_generation_call', id: null, status: 's', result: 'r' },
  { type: 'image_generation_call', id: 5, status: 's', result: 'r' },
  { type: 'image_generation_call', id: '', status: '', result: '', revised_prompt: '' },
  // Enum values and type tags are case-sensitive, as serde's are.
  { type: 'Message', role: 'a', content: [] },
  { type: 'message', role: 'a', content: [], phase: 'Commentary' },
  { type: 'message', role: 'a', content: [{ type: 'Input_Text', text: 'x' }] },
  { type: 'message', role: 'a', content: [{ type: 'input_image', image_url: 'u', detail: 'Low' }] },
  { type: 'local_shell_call', status: 'IN_PROGRESS', action: { type: 'exec', command: [] } },
  { type: 'local_shell_call', status: 'completed', action: { type: 'Exec', command: [] } },
  { type: 'web_search_call', action: { type: 'Search', query: 5 } },
  // `Some("")` stays `""`.
  { type: 'function_call', name: '', namespace: '', arguments: '', call_id: '' },
  { type: 'custom_tool_call_output', call_id: '', name: '', output: '' },
  { type: 'web_search_call', status: '', action: { type: 'find_in_page', url: '', pattern: '' } },
  { type: 'context_compaction', encrypted_content: '' },
  // `end_turn` is an optional boolean.
  { type: 'message', role: 'a', content: [], end_turn: null },
  { type: 'message', role: 'a', content: [], end_turn: 0 },
  // `timeout_ms` is a Rust `u64`.
  ...[
    0,
    1,
    2 ** 53,
    2 ** 64 - 2048,
    2 ** 64,
    1e300,
    1.5,
    -1,
    -0,
    Number.NaN,
    Infinity,
    '5',
    true,
  ].map((timeout) => ({
    type: 'local_shell_call',
    status: 'completed',
    action: { type: 'exec', command: [], timeout_ms: timeout },
  })),
  // `ghost_snapshot`
  { type: 'ghost_snapshot', ghost_commit: null },
  { type: 'ghost_snapshot', ghost_commit: [] },
  {
    type: 'ghost_snapshot',
    id: 'g',
    ghost_commit: {
      id: 'c',
      preexisting_untracked_files: ['a'],
      preexisting_untracked_dirs: [],
      extra: 1,
    },
  },
  {
    type: 'ghost_snapshot',
    ghost_commit: {
      id: 'c',
      parent: 5,
      preexisting_untracked_files: [],
      preexisting_untracked_dirs: [],
    },
  },
  {
    type: 'ghost_snapshot',
    ghost_commit: {
      id: 'c',
      parent: '',
      preexisting_untracked_files: [1],
      preexisting_untracked_dirs: [],
    },
  },
  {
    type: 'ghost_snapshot',
    ghost_commit: {
      parent: 'p',
      preexisting_untracked_files: [],
      preexisting_untracked_dirs: null,
    },
  },
  { type: 'toString' },
  { type: '__proto__' },
  { type: 'hasOwnProperty', id: 1 },
  JSON.parse('{"type":"message","role":"a","content":[],"__proto__":{"x":1}}'),
  JSON.parse(
    '{"type":"message","role":"a","content":[],"internal_chat_message_metadata_passthrough":{"__proto__":{"x":1},"y":2}}',
  ),
];

describe('hand-written item readers match the zod schemas', () => {
  it.each(responseItemVariants)('fixture %s (and its wire form)', (_name, item) => {
    expectSameResult(item);
    expectSameResult(JSON.parse(JSON.stringify(serializeResponseItem(item))));
  });

  it.each(invalidResponseItems)('invalid fixture %s', (_name, json) => {
    expectSameResult(json);
  });

  it.each(edgeCases.map((json) => [JSON.stringify(json), json]))('edge case %s', (_name, json) => {
    expectSameResult(json);
  });

  it('generated valid items', () => {
    fc.assert(
      fc.property(wireItem, (json) => {
        expect(safeParseResponseItem(json).success).toBe(true);
        expectSameResult(json);
      }),
      { numRuns: 1500 },
    );
  });

  it('generated items with one field replaced or removed', () => {
    fc.assert(
      fc.property(
        wireItem,
        fc.nat(),
        fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }),
        (json, pick, replacement) => {
          expectSameResult(mutate(json, pick, replacement));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const conformanceDir = process.env.CODEX_CONFORMANCE_DIR ?? join(repoRoot, '../shared/conformance');
const transcriptsDir = join(conformanceDir, 'responses');

describe.skipIf(!existsSync(transcriptsDir))('conformance transcripts', () => {
  it('every item in the recorded streams parses the same both ways', () => {
    let items = 0;
    for (const file of readdirSync(transcriptsDir).filter((name) => name.endsWith('.sse'))) {
      const body = readFileSync(join(transcriptsDir, file), 'utf8').replace(/\r\n?/g, '\n');
      for (const line of body.split('\n')) {
        if (!line.startsWith('data:')) continue;
        let payload: unknown;
        try {
          payload = JSON.parse(line.slice(5));
        } catch {
          continue;
        }
        const item = (payload as { item?: unknown } | null)?.item;
        if (item === undefined) continue;
        items++;
        expectSameResult(item);
      }
    }
    expect(items).toBeGreaterThan(20);
  });
});

// Generators of wire JSON for every known variant: optional fields absent, `null` or set;
// nullable fields absent, `null` or set; unknown keys sprinkled in.
const text = fc.string({ maxLength: 4 });
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof(arbitrary, fc.constant(null));
const variant = <T extends Record<string, fc.Arbitrary<unknown>>>(
  type: string,
  required: T,
  optional: Record<string, fc.Arbitrary<unknown>> = {},
) =>
  fc
    .tuple(
      fc.record(required),
      fc.record(
        {
          ...optional,
          id: maybe(text),
          internal_chat_message_metadata_passthrough: maybe(metadata()),
          status_detail: fc.jsonValue({ maxDepth: 1 }),
        },
        { requiredKeys: [] },
      ),
    )
    .map(([fields, extra]) => ({ type, ...extra, ...fields }));

function metadata() {
  return fc
    .tuple(
      fc.record({ turn_id: text }, { requiredKeys: [] }),
      fc.dictionary(text, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }),
    )
    .map(([known, rest]) => ({ ...rest, ...known }));
}

const part = (type: string, fields: Record<string, fc.Arbitrary<unknown>>, optional = {}) =>
  fc.record(
    { type: fc.constant(type), ...fields, ...optional },
    {
      requiredKeys: ['type', ...Object.keys(fields)] as never,
    },
  );
const inputText = part('input_text', { text });
const outputText = part('output_text', { text });
const inputImage = part(
  'input_image',
  { image_url: text },
  { detail: maybe(fc.constantFrom('auto', 'low', 'high', 'original')) },
);
const encrypted = part('encrypted_content', { encrypted_content: text });
const list = <T>(arbitrary: fc.Arbitrary<T>) => fc.array(arbitrary, { maxLength: 3 });
const outputPayload = fc.oneof(text, list(fc.oneof(inputText, inputImage, encrypted)));

const wireItem: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  variant(
    'message',
    { role: text, content: list(fc.oneof(inputText, outputText, inputImage)) },
    {
      end_turn: maybe(fc.boolean()),
      phase: maybe(fc.constantFrom('commentary', 'final_answer')),
    },
  ),
  variant('agent_message', {
    author: text,
    recipient: text,
    content: list(fc.oneof(inputText, encrypted)),
  }),
  variant(
    'reasoning',
    { summary: list(part('summary_text', { text })) },
    {
      content: maybe(list(fc.oneof(part('reasoning_text', { text }), part('text', { text })))),
      encrypted_content: maybe(text),
    },
  ),
  variant(
    'local_shell_call',
    {
      status: fc.constantFrom('completed', 'in_progress', 'incomplete'),
      action: fc.record(
        {
          type: fc.constant('exec'),
          command: list(text),
          timeout_ms: maybe(fc.oneof(fc.nat(), fc.maxSafeNat(), fc.constant(2 ** 64 - 2048))),
          working_directory: maybe(text),
          env: maybe(fc.dictionary(text, text, { maxKeys: 2 })),
          user: maybe(text),
        },
        { requiredKeys: ['type', 'command'] },
      ),
    },
    { call_id: maybe(text) },
  ),
  variant(
    'function_call',
    { name: text, arguments: text, call_id: text },
    { namespace: maybe(text) },
  ),
  variant(
    'tool_search_call',
    { execution: text, arguments: fc.jsonValue({ maxDepth: 1 }) },
    { call_id: maybe(text), status: maybe(text) },
  ),
  variant('function_call_output', { call_id: text, output: outputPayload }),
  variant('custom_tool_call', { call_id: text, name: text, input: text }, { status: maybe(text) }),
  variant(
    'custom_tool_call_output',
    { call_id: text, output: outputPayload },
    { name: maybe(text) },
  ),
  variant(
    'tool_search_output',
    { status: text, execution: text, tools: list(fc.jsonValue({ maxDepth: 1 })) },
    { call_id: maybe(text) },
  ),
  variant(
    'web_search_call',
    {},
    {
      status: maybe(text),
      action: maybe(
        fc.oneof(
          part('search', {}, { query: maybe(text), queries: maybe(list(text)) }),
          part('open_page', {}, { url: maybe(text) }),
          part('find_in_page', {}, { url: maybe(text), pattern: maybe(text) }),
          fc.record({ type: text, url: fc.jsonValue({ maxDepth: 1 }) }),
        ),
      ),
    },
  ),
  variant(
    'image_generation_call',
    { id: text, status: text, result: text },
    { revised_prompt: maybe(text) },
  ),
  variant('ghost_snapshot', {
    ghost_commit: fc.record(
      {
        id: text,
        parent: maybe(text),
        preexisting_untracked_files: list(text),
        preexisting_untracked_dirs: list(text),
      },
      { requiredKeys: ['id', 'preexisting_untracked_files', 'preexisting_untracked_dirs'] },
    ),
  }),
  variant('compaction', { encrypted_content: text }),
  variant('compaction_summary', { encrypted_content: text }),
  variant('compaction_trigger', {}),
  variant('context_compaction', {}, { encrypted_content: maybe(text) }),
);

// Every path to a value inside the item (the item's own keys, nested objects and array slots).
function paths(value: unknown, prefix: PropertyKey[] = []): PropertyKey[][] {
  if (typeof value !== 'object' || value === null) return [];
  const keys = Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value);
  return keys.flatMap((key) => [
    [...prefix, key],
    ...paths((value as Record<PropertyKey, unknown>)[key], [...prefix, key]),
  ]);
}

// Replaces (or, when `replacement` is undefined, removes) the value at one path of a copy of `json`.
function mutate(json: Record<string, unknown>, pick: number, replacement: unknown): unknown {
  const copy = structuredClone(json);
  const all = paths(copy);
  const path = all[pick % all.length];
  if (path === undefined) return copy;
  let parent: Record<PropertyKey, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<PropertyKey, unknown>;
  const last = path[path.length - 1] as PropertyKey;
  if (replacement === undefined && !Array.isArray(parent)) delete parent[last];
  else parent[last] = replacement;
  return copy;
}
