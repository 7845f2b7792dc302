import type { ResponseItem } from '@codex/protocol';
import { describe, expect, it } from 'vitest';
import { encodeResponsesRequest } from '../responses-api-request.js';
import {
  encodeRawResponseCreate,
  encodeResponseCreate,
  responseCreateClientMetadata,
  WS_REQUEST_HEADER_TRACEPARENT_CLIENT_METADATA_KEY,
  WS_REQUEST_HEADER_TRACESTATE_CLIENT_METADATA_KEY,
} from './response-create-request.js';

const input: ResponseItem[] = [
  { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] },
];

describe('encodeResponseCreate (codex-api §1.2 ResponseCreateWsRequest)', () => {
  it('is the HTTP body with `type: response.create` first when no WebSocket field is set', () => {
    const request = { model: 'gpt-test', instructions: 'Be brief', input, serviceTier: 'priority' };
    const frame = JSON.parse(encodeResponseCreate(request));
    const { type, ...rest } = frame;
    expect(type).toBe('response.create');
    expect(Object.keys(frame)[0]).toBe('type');
    expect(JSON.stringify(rest)).toBe(encodeResponsesRequest(request));
  });

  it('puts previous_response_id after instructions and generate before client_metadata', () => {
    const text = encodeResponseCreate(
      {
        model: 'm',
        instructions: 'i',
        input,
        clientMetadata: { 'x-codex-installation-id': 'inst' },
      },
      { previousResponseId: 'resp_1', generate: false },
    );
    expect(Object.keys(JSON.parse(text))).toEqual([
      'type',
      'model',
      'instructions',
      'previous_response_id',
      'input',
      'tools',
      'tool_choice',
      'parallel_tool_calls',
      'reasoning',
      'store',
      'stream',
      'include',
      'generate',
      'client_metadata',
    ]);
    expect(JSON.parse(text)).toMatchObject({ previous_response_id: 'resp_1', generate: false });
  });

  it('omits both when absent, and previous_response_id also without instructions', () => {
    const frame = JSON.parse(
      encodeResponseCreate({ model: 'm', input }, { previousResponseId: 'r' }),
    );
    expect(Object.keys(frame).slice(0, 4)).toEqual([
      'type',
      'model',
      'previous_response_id',
      'input',
    ]);
    const plain = JSON.parse(encodeResponseCreate({ model: 'm', input }));
    expect(
      'previous_response_id' in plain || 'generate' in plain || 'client_metadata' in plain,
    ).toBe(false);
  });

  it('sends the trace context in client_metadata', () => {
    const frame = JSON.parse(
      encodeResponseCreate(
        { model: 'm', input, clientMetadata: { a: 'b' } },
        { traceContext: { traceparent: 'tp', tracestate: 'ts' } },
      ),
    );
    expect(frame.client_metadata).toEqual({
      a: 'b',
      ws_request_header_traceparent: 'tp',
      ws_request_header_tracestate: 'ts',
    });
  });

  it('encodes a raw body with the type first', () => {
    expect(encodeRawResponseCreate({ model: 'm', type: 'ignored', extra: 1 })).toBe(
      '{"type":"response.create","model":"m","extra":1}',
    );
    expect(() => encodeRawResponseCreate([] as never)).toThrow(TypeError);
  });
});

describe('responseCreateClientMetadata (upstream response_create_client_metadata)', () => {
  it('copies, adds the trace keys when present, and is undefined when empty', () => {
    expect(WS_REQUEST_HEADER_TRACEPARENT_CLIENT_METADATA_KEY).toBe('ws_request_header_traceparent');
    expect(WS_REQUEST_HEADER_TRACESTATE_CLIENT_METADATA_KEY).toBe('ws_request_header_tracestate');
    expect(responseCreateClientMetadata()).toBeUndefined();
    expect(responseCreateClientMetadata({}, {})).toBeUndefined();
    const existing = { k: 'v' };
    const result = responseCreateClientMetadata(existing, { traceparent: 'tp' });
    expect(result).toEqual({ k: 'v', ws_request_header_traceparent: 'tp' });
    expect(existing).toEqual({ k: 'v' });
    expect(responseCreateClientMetadata(undefined, { tracestate: 'ts' })).toEqual({
      ws_request_header_tracestate: 'ts',
    });
  });
});
