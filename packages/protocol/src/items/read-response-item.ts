import { isUnsignedInteger } from './is-unsigned-integer.js';
import type { ResponseItem } from './response-item.js';

// Hand-written validators for the per-event path. They accept, reject and produce exactly what the
// zod schemas in `item-schemas.ts` do (`read-response-item.test.ts` checks both against the same
// cases and generated items), without pulling zod into every application that streams a turn.

type Json = Record<string, unknown>;
type Reader<T = unknown> = (value: unknown) => T;

/** Why a value was rejected, with the field path from the item down. @internal */
export class ItemIssue {
  readonly path: PropertyKey[] = [];
  constructor(readonly problem: string) {}
}

function fail(problem: string): never {
  throw new ItemIssue(problem);
}

const expected = (what: string): never => fail(`invalid_type (expected ${what})`);

// Runs `read` on a child value, prefixing the child's key to the path of an issue beneath it.
function at<T>(key: PropertyKey, read: Reader<T>, value: unknown): T {
  try {
    return read(value);
  } catch (error) {
    if (error instanceof ItemIssue) error.path.unshift(key);
    throw error;
  }
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const object = (value: unknown): Json => (isObject(value) ? value : expected('object'));
const string: Reader<string> = (value) => (typeof value === 'string' ? value : expected('string'));
const boolean: Reader<boolean> = (value) =>
  typeof value === 'boolean' ? value : expected('boolean');
// serde's `u64`: a fraction, a negative value (`-0` too) or one past 2^64 - 1 fails the item.
const unsignedInteger: Reader<number> = (value) =>
  isUnsignedInteger(value) ? value : expected('integer from 0 to 2^64 - 1');
const unknown: Reader = (value) => value;
const requiredJson: Reader = (value) => (value === undefined ? fail('custom') : value);

// serde matches a renamed enum variant exactly: `"COMPLETED"` is not `completed`.
const oneOf =
  (...values: string[]): Reader<string> =>
  (value) =>
    values.includes(value as string)
      ? (value as string)
      : fail(`invalid_value (expected one of ${values.join(' | ')})`);

function arrayOf<T>(read: Reader<T>): Reader<T[]> {
  return (value) => {
    if (!Array.isArray(value)) return expected('array');
    const out: T[] = [];
    for (let index = 0; index < value.length; index++) out.push(at(index, read, value[index]));
    return out;
  };
}

// The three ways a field is read, matching the zod helpers: a required field; an optional one
// (absent or `null` leaves it out); a nullable one (absent or `null` becomes `null`).
function required(input: Json, out: Json, key: string, read: Reader): void {
  out[key] = at(key, read, input[key]);
}

function optional(input: Json, out: Json, key: string, read: Reader): void {
  if (!(key in input)) return;
  const value = input[key];
  if (value === null) return;
  out[key] = value === undefined ? undefined : at(key, read, value);
}

function nullable(input: Json, out: Json, key: string, read: Reader): void {
  const value = input[key];
  out[key] = value == null ? null : at(key, read, value);
}

// A variant of a small tagged union (content parts, web search actions): `readers` maps each
// accepted `type` to a reader of the remaining fields; anything else is `other(value)`.
function union(
  readers: Record<string, (input: Json, out: Json) => void>,
  other: (input: Json) => Json = () => fail('invalid_union'),
): Reader<Json> {
  return (value) => {
    const type = isObject(value) ? value.type : undefined;
    if (typeof type !== 'string') return fail('invalid_union');
    const read = Object.hasOwn(readers, type) ? readers[type] : undefined;
    if (read === undefined) return other(value as Json);
    const out: Json = { type };
    // The `type` chose the variant, so a bad field is reported at its own path (zod would say
    // only `invalid_union` here).
    read(value as Json, out);
    return out;
  };
}

const text = (input: Json, out: Json) => required(input, out, 'text', string);
const inputImage = (input: Json, out: Json) => {
  required(input, out, 'image_url', string);
  optional(input, out, 'detail', oneOf('auto', 'low', 'high', 'original'));
};
const encrypted = (input: Json, out: Json) => required(input, out, 'encrypted_content', string);

const contentItem = union({ input_text: text, input_image: inputImage, output_text: text });
const agentContent = arrayOf(union({ input_text: text, encrypted_content: encrypted }));
const outputContent = arrayOf(
  union({ input_text: text, input_image: inputImage, encrypted_content: encrypted }),
);
const summaryText = union({ summary_text: text });
const reasoningContent = union({ reasoning_text: text, text });

const functionCallOutputPayload: Reader = (value) =>
  typeof value === 'string'
    ? value
    : Array.isArray(value)
      ? outputContent(value)
      : fail('invalid_union');

const webSearchAction = union(
  {
    search: (input, out) => {
      optional(input, out, 'query', string);
      optional(input, out, 'queries', arrayOf(string));
    },
    open_page: (input, out) => optional(input, out, 'url', string),
    find_in_page: (input, out) => {
      optional(input, out, 'url', string);
      optional(input, out, 'pattern', string);
    },
  },
  () => ({ type: 'other' }),
);

// A plain object (zod's `z.record` accepts nothing else) of string values.
const stringRecord: Reader<Json> = (value) => {
  const prototype = isObject(value) ? Object.getPrototypeOf(value) : undefined;
  if (prototype !== Object.prototype && prototype !== null) expected('record');
  const out: Json = {};
  for (const key of Object.keys(value as Json)) {
    if (key !== '__proto__') out[key] = at(key, string, (value as Json)[key]);
  }
  return out;
};

const shellAction: Reader<Json> = (value) => {
  const input = object(value);
  const out: Json = {};
  required(input, out, 'type', oneOf('exec'));
  required(input, out, 'command', arrayOf(string));
  nullable(input, out, 'timeout_ms', unsignedInteger);
  nullable(input, out, 'working_directory', string);
  nullable(input, out, 'env', stringRecord);
  nullable(input, out, 'user', string);
  return out;
};

const stringArray = arrayOf(string);

// `GhostCommit`: every field is serialised; `parent` is an `Option` (absent or `null` is `null`),
// the path lists are required.
const ghostCommit: Reader<Json> = (value) => {
  const input = object(value);
  const out: Json = {};
  required(input, out, 'id', string);
  nullable(input, out, 'parent', string);
  required(input, out, 'preexisting_untracked_files', stringArray);
  required(input, out, 'preexisting_untracked_dirs', stringArray);
  return out;
};

// `internal_chat_message_metadata_passthrough` keeps every key; only `turn_id` is checked.
const passthrough: Reader<Json> = (value) => {
  const input = object(value);
  const out: Json = {};
  if ('turn_id' in input) {
    const turnId = input.turn_id;
    out.turn_id = turnId === undefined ? undefined : at('turn_id', string, turnId);
  }
  for (const key in input) {
    if (key !== 'turn_id' && key !== '__proto__') out[key] = input[key];
  }
  return out;
};

const fields: Record<string, (input: Json, out: Json) => void> = {
  message: (input, out) => {
    required(input, out, 'role', string);
    required(input, out, 'content', arrayOf(contentItem));
    optional(input, out, 'end_turn', boolean);
    optional(input, out, 'phase', oneOf('commentary', 'final_answer'));
  },
  agent_message: (input, out) => {
    required(input, out, 'author', string);
    required(input, out, 'recipient', string);
    required(input, out, 'content', agentContent);
  },
  reasoning: (input, out) => {
    required(input, out, 'summary', arrayOf(summaryText));
    optional(input, out, 'content', arrayOf(reasoningContent));
    nullable(input, out, 'encrypted_content', string);
  },
  local_shell_call: (input, out) => {
    nullable(input, out, 'call_id', string);
    required(input, out, 'status', oneOf('completed', 'in_progress', 'incomplete'));
    required(input, out, 'action', shellAction);
  },
  function_call: (input, out) => {
    required(input, out, 'name', string);
    optional(input, out, 'namespace', string);
    required(input, out, 'arguments', string);
    required(input, out, 'call_id', string);
  },
  tool_search_call: (input, out) => {
    nullable(input, out, 'call_id', string);
    optional(input, out, 'status', string);
    required(input, out, 'execution', string);
    required(input, out, 'arguments', requiredJson);
  },
  function_call_output: (input, out) => {
    required(input, out, 'call_id', string);
    required(input, out, 'output', functionCallOutputPayload);
  },
  custom_tool_call: (input, out) => {
    optional(input, out, 'status', string);
    required(input, out, 'call_id', string);
    required(input, out, 'name', string);
    required(input, out, 'input', string);
  },
  custom_tool_call_output: (input, out) => {
    required(input, out, 'call_id', string);
    optional(input, out, 'name', string);
    required(input, out, 'output', functionCallOutputPayload);
  },
  tool_search_output: (input, out) => {
    nullable(input, out, 'call_id', string);
    required(input, out, 'status', string);
    required(input, out, 'execution', string);
    required(input, out, 'tools', arrayOf(unknown));
  },
  web_search_call: (input, out) => {
    optional(input, out, 'status', string);
    optional(input, out, 'action', webSearchAction);
  },
  image_generation_call: (input, out) => {
    // Upstream's `id: String` is a field of this variant, not the optional id of the others: a
    // missing or `null` id fails the item (the optional read before left an absent one out).
    required(input, out, 'id', string);
    required(input, out, 'status', string);
    optional(input, out, 'revised_prompt', string);
    required(input, out, 'result', string);
  },
  ghost_snapshot: (input, out) => required(input, out, 'ghost_commit', ghostCommit),
  compaction: encrypted,
  compaction_summary: encrypted,
  compaction_trigger: () => {},
  context_compaction: (input, out) => optional(input, out, 'encrypted_content', string),
};

/**
 * Reads the item variant named by `type` out of `input` (unknown keys dropped, `null` optional
 * fields left out), or returns `undefined` for a type this version does not know.
 *
 * @throws {ItemIssue} naming the field path and the problem when a field is missing or mistyped.
 * @internal
 */
export function readResponseItem(type: string, input: Json): ResponseItem | undefined {
  const read = Object.hasOwn(fields, type) ? fields[type] : undefined;
  if (read === undefined) return undefined;
  const out: Json = {};
  optional(input, out, 'id', string);
  optional(input, out, 'internal_chat_message_metadata_passthrough', passthrough);
  // `compaction_summary` is an input alias of `compaction`; the library only speaks the latter.
  out.type = type === 'compaction_summary' ? 'compaction' : type;
  read(input, out);
  return out as unknown as ResponseItem;
}
