import { describe, expect, it } from 'vitest';
import { ghostCommitSchema } from '../schemas/item-schemas.js';
import {
  invalidResponseItems,
  responseItemVariants as variants,
} from './__fixtures__/response-item-variants.js';
import { parseResponseItem, safeParseResponseItem } from './parse-response-item.js';
import type { ResponseItem } from './response-item.js';
import { serializeResponseItem } from './serialize-response-item.js';

const roundTrip = (item: ResponseItem) =>
  parseResponseItem(JSON.parse(JSON.stringify(serializeResponseItem(item))));

describe('ResponseItem round trips (§B.6)', () => {
  it.each(variants)('%s', (_name, item) => {
    expect(roundTrip(item)).toStrictEqual(item);
  });

  it('covers every variant type', () => {
    const types = new Set(variants.map(([, item]) => item.type));
    expect([...types].sort()).toEqual(
      [
        'agent_message',
        'compaction',
        'compaction_trigger',
        'context_compaction',
        'custom_tool_call',
        'custom_tool_call_output',
        'function_call',
        'function_call_output',
        'ghost_snapshot',
        'image_generation_call',
        'local_shell_call',
        'message',
        'other',
        'reasoning',
        'tool_search_call',
        'tool_search_output',
        'web_search_call',
      ].sort(),
    );
  });
});

describe('§E.2 45 and the serialisation rules', () => {
  it('function_call keeps arguments as a string', () => {
    const wire =
      '{"type":"function_call","name":"shell","arguments":"{\\"cmd\\":\\"ls\\"}","call_id":"c1"}';
    const item = parseResponseItem(JSON.parse(wire));
    expect(item).toEqual({
      type: 'function_call',
      name: 'shell',
      arguments: '{"cmd":"ls"}',
      call_id: 'c1',
    });
    expect(JSON.stringify(serializeResponseItem(item))).toBe(wire);
  });

  it('function_call rejects object arguments', () => {
    const result = safeParseResponseItem({
      type: 'function_call',
      name: 'shell',
      arguments: { cmd: 'ls' },
      call_id: 'c1',
    });
    expect(result.success).toBe(false);
  });

  it('function_call_output parses a string and an array output', () => {
    expect(parseResponseItem({ type: 'function_call_output', call_id: 'c', output: 'ok' })).toEqual(
      {
        type: 'function_call_output',
        call_id: 'c',
        output: 'ok',
      },
    );
    const array = parseResponseItem({
      type: 'function_call_output',
      call_id: 'c',
      output: [
        { type: 'input_text', text: 't' },
        { type: 'input_image', image_url: 'u' },
      ],
    });
    expect(array).toEqual({
      type: 'function_call_output',
      call_id: 'c',
      output: [
        { type: 'input_text', text: 't' },
        { type: 'input_image', image_url: 'u' },
      ],
    });
  });

  it('reasoning without encrypted content serialises "encrypted_content":null', () => {
    const item = parseResponseItem({ type: 'reasoning', summary: [] });
    expect(JSON.stringify(serializeResponseItem(item))).toBe(
      '{"type":"reasoning","summary":[],"encrypted_content":null}',
    );
  });

  it('reasoning content holding reasoning_text is never echoed back', () => {
    const item = parseResponseItem({
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: 's' }],
      content: [
        { type: 'text', text: 'shown' },
        { type: 'reasoning_text', text: 'raw' },
      ],
      encrypted_content: 'e',
    });
    expect(item.type === 'reasoning' && item.content?.length).toBe(2);
    expect(serializeResponseItem(item)).toStrictEqual({
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: 's' }],
      encrypted_content: 'e',
    });
  });

  it('unknown types parse as other and serialise as {"type":"other"}', () => {
    const item = parseResponseItem({ type: 'brand_new_item', foo: 1 });
    expect(item).toStrictEqual({ type: 'other' });
    expect(JSON.stringify(serializeResponseItem(item))).toBe('{"type":"other"}');
  });

  it('local_shell_call fills absent nullable fields with null', () => {
    const item = parseResponseItem({
      type: 'local_shell_call',
      status: 'in_progress',
      action: { type: 'exec', command: [], env: {} },
    });
    expect(JSON.stringify(serializeResponseItem(item))).toBe(
      '{"type":"local_shell_call","call_id":null,"status":"in_progress","action":{"type":"exec","command":[],"timeout_ms":null,"working_directory":null,"env":{},"user":null}}',
    );
  });

  it('compaction_summary is accepted as an alias and written as compaction', () => {
    const item = parseResponseItem({ type: 'compaction_summary', encrypted_content: 'abc' });
    expect(item).toStrictEqual({ type: 'compaction', encrypted_content: 'abc' });
    expect(serializeResponseItem(item)).toStrictEqual({
      type: 'compaction',
      encrypted_content: 'abc',
    });
  });

  it('null optional fields read as absent; unknown keys are dropped', () => {
    const item = parseResponseItem({
      type: 'message',
      id: null,
      role: 'assistant',
      content: [{ type: 'input_image', image_url: 'u', detail: null }],
      phase: null,
      status: 'completed',
    });
    expect(item).toStrictEqual({
      type: 'message',
      role: 'assistant',
      content: [{ type: 'input_image', image_url: 'u' }],
    });
  });

  it('an unknown web search action becomes other', () => {
    expect(
      parseResponseItem({ type: 'web_search_call', action: { type: 'browse', url: 'x' } }),
    ).toStrictEqual({ type: 'web_search_call', action: { type: 'other' } });
  });

  it('a known web search action with a mistyped field is rejected, not turned into other', () => {
    expect(
      safeParseResponseItem({ type: 'web_search_call', action: { type: 'search', query: 5 } })
        .success,
    ).toBe(false);
  });

  it('can leave out ids and the metadata passthrough', () => {
    const item: ResponseItem = {
      type: 'message',
      id: 'msg_1',
      role: 'user',
      content: [{ type: 'input_text', text: 'hi' }],
      internal_chat_message_metadata_passthrough: { turn_id: 't' },
    };
    expect(serializeResponseItem(item, { ids: false, metadataPassthrough: false })).toStrictEqual({
      type: 'message',
      role: 'user',
      content: [{ type: 'input_text', text: 'hi' }],
    });
  });

  it('serialises fields in wire order with the type first', () => {
    const item = parseResponseItem({
      call_id: 'c1',
      arguments: '{}',
      name: 'f',
      id: 'fc_1',
      type: 'function_call',
    });
    expect(Object.keys(serializeResponseItem(item))).toEqual([
      'type',
      'id',
      'name',
      'arguments',
      'call_id',
    ]);
  });
});

describe('image_generation_call keeps its id (§4.1)', () => {
  const wire =
    '{"type":"image_generation_call","id":"ig_1","status":"completed","revised_prompt":"a cat","result":"iVBOR"}';

  it('writes the id in field order, with and without ids', () => {
    const item = parseResponseItem(JSON.parse(wire));
    expect(JSON.stringify(serializeResponseItem(item))).toBe(wire);
    expect(JSON.stringify(serializeResponseItem(item, { ids: false }))).toBe(wire);
    expect(
      JSON.stringify(serializeResponseItem(item, { ids: false, metadataPassthrough: false })),
    ).toBe(wire);
  });

  it('while ids: false still drops the optional ids of the other variants', () => {
    const message = parseResponseItem({ type: 'message', id: 'msg_1', role: 'user', content: [] });
    expect(serializeResponseItem(message, { ids: false })).toStrictEqual({
      type: 'message',
      role: 'user',
      content: [],
    });
  });

  it('fails an item without its id, as serde does for a missing String field', () => {
    const result = safeParseResponseItem({
      type: 'image_generation_call',
      status: 's',
      result: 'r',
    });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error.message).toBe(
        'invalid "image_generation_call" response item: id: invalid_type (expected string)',
      );
    }
  });

  it('keeps an empty id, status and result', () => {
    const item = parseResponseItem({
      type: 'image_generation_call',
      id: '',
      status: '',
      result: '',
    });
    expect(JSON.stringify(serializeResponseItem(item, { ids: false }))).toBe(
      '{"type":"image_generation_call","id":"","status":"","result":""}',
    );
  });
});

describe('ghost_snapshot', () => {
  it('reads and writes ghost_snapshot{ghost_commit} instead of turning it into other', () => {
    const wire =
      '{"type":"ghost_snapshot","ghost_commit":{"id":"c1","parent":"p0","preexisting_untracked_files":["a.txt"],"preexisting_untracked_dirs":["tmp"]}}';
    const item = parseResponseItem(JSON.parse(wire));
    expect(item.type).toBe('ghost_snapshot');
    expect(JSON.stringify(serializeResponseItem(item, { ids: false }))).toBe(wire);
  });

  it('reads an absent parent as null and writes it as null; unknown commit keys are dropped', () => {
    const item = parseResponseItem({
      type: 'ghost_snapshot',
      ghost_commit: {
        id: 'c1',
        preexisting_untracked_files: [],
        preexisting_untracked_dirs: [],
        created_at: 1,
      },
    });
    expect(item).toStrictEqual({
      type: 'ghost_snapshot',
      ghost_commit: {
        id: 'c1',
        parent: null,
        preexisting_untracked_files: [],
        preexisting_untracked_dirs: [],
      },
    });
    expect(JSON.stringify(serializeResponseItem(item))).toBe(
      '{"type":"ghost_snapshot","ghost_commit":{"id":"c1","parent":null,"preexisting_untracked_files":[],"preexisting_untracked_dirs":[]}}',
    );
  });

  it('has a public schema for the commit that reads as the item reader does', () => {
    const commit = { id: 'c1', preexisting_untracked_files: ['a'], preexisting_untracked_dirs: [] };
    expect(ghostCommitSchema.parse(commit)).toStrictEqual({ ...commit, parent: null });
    expect(ghostCommitSchema.safeParse({ ...commit, parent: 5 }).success).toBe(false);
    expect(ghostCommitSchema.safeParse({ id: 'c1', parent: 'p' }).success).toBe(false);
  });

  it('fails a snapshot whose commit misses a required field', () => {
    const result = safeParseResponseItem({
      type: 'ghost_snapshot',
      ghost_commit: { id: 'c1', parent: null, preexisting_untracked_files: [] },
    });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error.message).toBe(
        'invalid "ghost_snapshot" response item: ghost_commit.preexisting_untracked_dirs: invalid_type (expected array)',
      );
    }
  });
});

describe('message end_turn (§4.1)', () => {
  it('is kept and written between content and phase', () => {
    const wire =
      '{"type":"message","role":"assistant","content":[],"end_turn":false,"phase":"final_answer"}';
    expect(JSON.stringify(serializeResponseItem(parseResponseItem(JSON.parse(wire))))).toBe(wire);
  });

  it('is left out when absent or null', () => {
    const item = parseResponseItem({ type: 'message', role: 'user', content: [], end_turn: null });
    expect(item).toStrictEqual({ type: 'message', role: 'user', content: [] });
  });
});

describe('serde strictness', () => {
  const shell = (action: Record<string, unknown>) => ({
    type: 'local_shell_call',
    status: 'completed',
    action: { type: 'exec', command: ['ls'], ...action },
  });
  const timeout = (json: unknown) => {
    const result = safeParseResponseItem(json);
    return result.success && result.value.type === 'local_shell_call'
      ? result.value.action.timeout_ms
      : 'rejected';
  };

  it('matches enum values and type tags case-sensitively', () => {
    expect(safeParseResponseItem(shell({})).success).toBe(true);
    expect(safeParseResponseItem({ ...shell({}), status: 'COMPLETED' }).success).toBe(false);
    expect(safeParseResponseItem(shell({ type: 'EXEC' })).success).toBe(false);
    expect(
      safeParseResponseItem({ type: 'message', role: 'a', content: [], phase: 'Final_Answer' })
        .success,
    ).toBe(false);
    expect(
      safeParseResponseItem({
        type: 'message',
        role: 'a',
        content: [{ type: 'input_image', image_url: 'u', detail: 'Original' }],
      }).success,
    ).toBe(false);
    // An item or action type in another case is a type this version does not know.
    expect(parseResponseItem({ type: 'Function_Call', name: 'f' })).toStrictEqual({
      type: 'other',
    });
    expect(
      parseResponseItem({ type: 'web_search_call', action: { type: 'Search', query: 'q' } }),
    ).toStrictEqual({ type: 'web_search_call', action: { type: 'other' } });
  });

  it('reads timeout_ms as a Rust u64: integers from 0 to 2^64 - 1 only', () => {
    expect(timeout(shell({ timeout_ms: 0 }))).toBe(0);
    expect(timeout(shell({ timeout_ms: 120_000 }))).toBe(120_000);
    expect(timeout(shell({ timeout_ms: 2 ** 53 }))).toBe(2 ** 53);
    // The largest double below 2^64.
    expect(timeout(shell({ timeout_ms: 2 ** 64 - 2048 }))).toBe(2 ** 64 - 2048);
    expect(timeout(shell({ timeout_ms: null }))).toBe(null);
    expect(timeout(shell({}))).toBe(null);
    for (const bad of [1.5, 0.1, -1, -(2 ** 40), 2 ** 64, 1e300, Number.NaN, Infinity, '1', true]) {
      expect(timeout(shell({ timeout_ms: bad })), String(bad)).toBe('rejected');
    }
  });

  it('rejects -0, which serde_json parses as a float', () => {
    expect(
      timeout(
        JSON.parse(
          '{"type":"local_shell_call","status":"completed","action":{"type":"exec","command":[],"timeout_ms":-0}}',
        ),
      ),
    ).toBe('rejected');
  });

  it('cannot see how an integral number was written (documented limitation)', () => {
    // serde rejects `1.0` and `1e3` for a u64; after JSON.parse they are the numbers 1 and 1000,
    // indistinguishable from `1` and `1000`. The README's design notes say why this is accepted.
    const json = JSON.parse(
      '{"type":"local_shell_call","status":"completed","action":{"type":"exec","command":[],"timeout_ms":1e3}}',
    );
    expect(timeout(json)).toBe(1000);
  });

  it('keeps empty strings as given (Some("") is not None)', () => {
    const item = parseResponseItem({
      type: 'function_call',
      name: 'f',
      namespace: '',
      arguments: '',
      call_id: 'c',
    });
    expect(item).toStrictEqual({
      type: 'function_call',
      name: 'f',
      namespace: '',
      arguments: '',
      call_id: 'c',
    });
    expect(JSON.stringify(serializeResponseItem(item))).toBe(
      '{"type":"function_call","name":"f","namespace":"","arguments":"","call_id":"c"}',
    );
    const custom = parseResponseItem({
      type: 'custom_tool_call',
      status: '',
      call_id: 'c',
      name: 'n',
      input: '',
    });
    expect(custom).toMatchObject({ status: '' });
    expect(
      serializeResponseItem(
        parseResponseItem({ type: 'context_compaction', encrypted_content: '' }),
      ),
    ).toStrictEqual({ type: 'context_compaction', encrypted_content: '' });
    expect(
      serializeResponseItem(
        parseResponseItem({
          type: 'local_shell_call',
          call_id: '',
          status: 'completed',
          action: { type: 'exec', command: [''], working_directory: '', user: '', env: { A: '' } },
        }),
      ),
    ).toStrictEqual({
      type: 'local_shell_call',
      call_id: '',
      status: 'completed',
      action: {
        type: 'exec',
        command: [''],
        timeout_ms: null,
        working_directory: '',
        env: { A: '' },
        user: '',
      },
    });
  });
});

describe('parse failures', () => {
  it.each(invalidResponseItems)('%s', (_name, json, message) => {
    const result = safeParseResponseItem(json);
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error).toBeInstanceOf(TypeError);
      expect(result.error.message).toMatch(message);
    }
    expect(() => parseResponseItem(json)).toThrow(TypeError);
  });
});
