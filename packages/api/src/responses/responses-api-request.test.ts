import type { ResponseItem } from '@codex/protocol';
import { describe, expect, it } from 'vitest';
import { encodeResponsesRequest } from './responses-api-request.js';

const userMessage: ResponseItem = {
  type: 'message',
  id: 'msg_1',
  role: 'user',
  content: [{ type: 'input_text', text: 'hi' }],
};

describe('encodeResponsesRequest (§1.2, §4.1)', () => {
  it('59. minimal body: exact keys and order, reasoning null, instructions omitted', () => {
    const json = encodeResponsesRequest({ model: 'gpt-test', instructions: '', input: [] });
    expect(json).toBe(
      '{"model":"gpt-test","input":[],"tools":[],"tool_choice":"auto","parallel_tool_calls":false,"reasoning":null,"store":false,"stream":true,"include":[]}',
    );
  });

  it('writes every field in the upstream order, optional tail included', () => {
    const json = encodeResponsesRequest({
      clientMetadata: { 'x-codex-installation-id': 'install-1' },
      text: {
        format: {
          type: 'json_schema',
          strict: true,
          schema: { type: 'object' },
          name: 'codex_output_schema',
        },
        verbosity: 'low',
      },
      promptCacheKey: 'conv-1',
      serviceTier: 'priority',
      include: ['reasoning.encrypted_content'],
      stream: true,
      store: false,
      reasoning: { summary: 'auto', effort: 'high' },
      parallelToolCalls: true,
      toolChoice: 'auto',
      tools: [{ type: 'function', name: 'shell' }],
      input: [userMessage],
      instructions: 'Be brief.',
      model: 'gpt-test',
    });
    expect(Object.keys(JSON.parse(json))).toEqual([
      'model',
      'instructions',
      'input',
      'tools',
      'tool_choice',
      'parallel_tool_calls',
      'reasoning',
      'store',
      'stream',
      'include',
      'service_tier',
      'prompt_cache_key',
      'text',
      'client_metadata',
    ]);
    expect(json).toContain('"reasoning":{"effort":"high","summary":"auto"}');
    expect(json).toContain(
      '"text":{"verbosity":"low","format":{"type":"json_schema","strict":true,"schema":{"type":"object"},"name":"codex_output_schema"}}',
    );
  });

  it('58, §9.14. item ids are never written outside Azure + store', () => {
    for (const options of [{ azure: false }, { azure: true }]) {
      const body = JSON.parse(
        encodeResponsesRequest(
          { model: 'm', input: [userMessage], store: !options.azure },
          options,
        ),
      );
      expect(body.input[0]).not.toHaveProperty('id');
    }
  });

  it('57. Azure + store attaches non-empty ids of the kinds that have one', () => {
    const input: ResponseItem[] = [
      userMessage,
      { type: 'reasoning', id: '', summary: [], encrypted_content: null },
      { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: null },
      { type: 'function_call', id: 'fc_1', name: 'shell', arguments: '{}', call_id: 'call_1' },
      { type: 'function_call_output', id: 'fco_1', call_id: 'call_1', output: 'ok' },
      { type: 'compaction', id: 'cmp_1', encrypted_content: 'abc' },
    ];
    const body = JSON.parse(
      encodeResponsesRequest({ model: 'm', input, store: true }, { azure: true }),
    );
    expect(body.input.map((item: { id?: string }) => item.id ?? null)).toEqual([
      'msg_1',
      null,
      'rs_1',
      'fc_1',
      null,
      null,
    ]);
  });

  it('strips metadata passthrough unless asked to keep it', () => {
    const item: ResponseItem = {
      ...userMessage,
      internal_chat_message_metadata_passthrough: { turn_id: 't1' },
    };
    const stripped = JSON.parse(encodeResponsesRequest({ model: 'm', input: [item] }));
    expect(stripped.input[0]).not.toHaveProperty('internal_chat_message_metadata_passthrough');
    const kept = JSON.parse(
      encodeResponsesRequest({ model: 'm', input: [item] }, { metadataPassthrough: true }),
    );
    expect(kept.input[0].internal_chat_message_metadata_passthrough).toEqual({ turn_id: 't1' });
  });

  it('rejects a request without a model or input, naming the option', () => {
    expect(() => encodeResponsesRequest({ input: [] } as never)).toThrow(/`model`/);
    expect(() => encodeResponsesRequest({ model: 'm' } as never)).toThrow(/`input`/);
  });
});
