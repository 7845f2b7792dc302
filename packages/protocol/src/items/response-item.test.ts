import { describe, expect, it } from 'vitest';
import { parseResponseItem, safeParseResponseItem } from './parse-response-item.js';
import type { ResponseItem } from './response-item.js';
import { serializeResponseItem } from './serialize-response-item.js';

const roundTrip = (item: ResponseItem) =>
  parseResponseItem(JSON.parse(JSON.stringify(serializeResponseItem(item))));

// One fully populated and one minimal value of every variant of §B.6.
const variants: Array<[string, ResponseItem]> = [
  [
    'message (full)',
    {
      type: 'message',
      id: 'msg_1',
      role: 'assistant',
      content: [
        { type: 'input_text', text: 'hi' },
        { type: 'input_image', image_url: 'data:image/png;base64,AA==', detail: 'high' },
        { type: 'input_image', image_url: 'https://example.com/a.png' },
        { type: 'output_text', text: 'hello' },
      ],
      phase: 'final_answer',
      internal_chat_message_metadata_passthrough: { turn_id: 't1', create_time: 1.5 },
    },
  ],
  ['message (minimal)', { type: 'message', role: 'user', content: [] }],
  [
    'agent_message',
    {
      type: 'agent_message',
      author: 'root',
      recipient: 'worker',
      content: [
        { type: 'input_text', text: 'do it' },
        { type: 'encrypted_content', encrypted_content: 'enc' },
      ],
    },
  ],
  [
    'reasoning (text content)',
    {
      type: 'reasoning',
      id: 'rs_1',
      summary: [{ type: 'summary_text', text: 'thinking' }],
      content: [{ type: 'text', text: 'visible' }],
      encrypted_content: 'gAAAA',
    },
  ],
  ['reasoning (minimal)', { type: 'reasoning', summary: [], encrypted_content: null }],
  [
    'local_shell_call (full)',
    {
      type: 'local_shell_call',
      call_id: 'call_1',
      status: 'completed',
      action: {
        type: 'exec',
        command: ['ls', '-a'],
        timeout_ms: 1000,
        working_directory: '/tmp',
        env: { A: 'b' },
        user: 'me',
      },
    },
  ],
  [
    'local_shell_call (nulls)',
    {
      type: 'local_shell_call',
      call_id: null,
      status: 'in_progress',
      action: {
        type: 'exec',
        command: [],
        timeout_ms: null,
        working_directory: null,
        env: null,
        user: null,
      },
    },
  ],
  [
    'function_call',
    {
      type: 'function_call',
      name: 'shell',
      namespace: 'tools',
      arguments: '{"cmd":"ls"}',
      call_id: 'c1',
    },
  ],
  [
    'tool_search_call',
    {
      type: 'tool_search_call',
      call_id: 'search-1',
      status: 'completed',
      execution: 'client',
      arguments: { query: 'calendar create', limit: 1 },
    },
  ],
  [
    'tool_search_call (null call id)',
    { type: 'tool_search_call', call_id: null, execution: 'server', arguments: null },
  ],
  ['function_call_output (string)', { type: 'function_call_output', call_id: 'c1', output: 'ok' }],
  [
    'function_call_output (array)',
    {
      type: 'function_call_output',
      call_id: 'c1',
      output: [
        { type: 'input_text', text: 'see image' },
        { type: 'input_image', image_url: 'data:image/png;base64,AA==', detail: 'original' },
        { type: 'encrypted_content', encrypted_content: 'enc' },
      ],
    },
  ],
  [
    'custom_tool_call',
    {
      type: 'custom_tool_call',
      status: 'completed',
      call_id: 'call_0',
      name: 'apply_patch',
      input: '*** Begin Patch\n*** End Patch',
    },
  ],
  [
    'custom_tool_call_output',
    { type: 'custom_tool_call_output', call_id: 'call_0', name: 'apply_patch', output: 'done' },
  ],
  [
    'custom_tool_call_output (array, no name)',
    {
      type: 'custom_tool_call_output',
      call_id: 'call_0',
      output: [{ type: 'input_text', text: 'x' }],
    },
  ],
  [
    'tool_search_output',
    {
      type: 'tool_search_output',
      call_id: null,
      status: 'completed',
      execution: 'client',
      tools: [{ type: 'function', name: 'calendar_create' }],
    },
  ],
  [
    'web_search_call (search)',
    {
      type: 'web_search_call',
      id: 'ws_1',
      status: 'completed',
      action: { type: 'search', query: 'weather', queries: ['weather', 'forecast'] },
    },
  ],
  [
    'web_search_call (open_page)',
    { type: 'web_search_call', action: { type: 'open_page', url: 'https://example.com' } },
  ],
  [
    'web_search_call (find_in_page)',
    {
      type: 'web_search_call',
      action: { type: 'find_in_page', url: 'https://example.com', pattern: 'needle' },
    },
  ],
  ['web_search_call (other action)', { type: 'web_search_call', action: { type: 'other' } }],
  ['web_search_call (no action)', { type: 'web_search_call', status: 'in_progress' }],
  [
    'image_generation_call',
    {
      type: 'image_generation_call',
      status: 'completed',
      revised_prompt: 'a cat',
      result: 'iVBOR',
    },
  ],
  ['compaction', { type: 'compaction', encrypted_content: 'abc' }],
  ['compaction_trigger', { type: 'compaction_trigger' }],
  ['context_compaction', { type: 'context_compaction', encrypted_content: 'ctx' }],
  ['context_compaction (empty)', { type: 'context_compaction' }],
  ['other', { type: 'other' }],
];

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

describe('parse failures', () => {
  it.each([
    ['not an object', 'text', /expected a JSON object/],
    ['an array', [], /expected a JSON object/],
    ['no type', { role: 'user' }, /expected a string "type"/],
    [
      'missing call_id',
      { type: 'function_call', name: 'f', arguments: '{}' },
      /"function_call".*call_id/,
    ],
    ['bad phase', { type: 'message', role: 'a', content: [], phase: 'draft' }, /"message".*phase/],
    ['bad content item', { type: 'message', role: 'a', content: [{ type: 'video' }] }, /"message"/],
    [
      'missing tool search arguments',
      { type: 'tool_search_call', execution: 'client' },
      /arguments/,
    ],
    [
      'bad shell status',
      { type: 'local_shell_call', status: 'done', action: { type: 'exec', command: [] } },
      /status/,
    ],
  ])('%s', (_name, json, message) => {
    const result = safeParseResponseItem(json);
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error).toBeInstanceOf(TypeError);
      expect(result.error.message).toMatch(message);
    }
    expect(() => parseResponseItem(json)).toThrow(TypeError);
  });
});
