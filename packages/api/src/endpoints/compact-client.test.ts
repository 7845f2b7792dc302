import type { ResponseItem } from '@codex/protocol';
import { jsonResponse, rejectionOf, startResponsesServer } from '@codex/testkit';
import { describe, expect, it } from 'vitest';
import { testSession } from '../../test/support/endpoint-fixtures.js';
import { ApiError } from '../errors/api-error.js';
import { CompactClient } from './compact-client.js';

const userMessage: ResponseItem = {
  type: 'message',
  id: 'msg_1',
  role: 'user',
  content: [{ type: 'input_text', text: 'hi' }],
  internal_chat_message_metadata_passthrough: { turn: 1 },
} as ResponseItem;

describe('CompactClient over HTTP (§6.1, §8.4)', () => {
  it('posts the exact body to responses/compact and returns the items (62, 70)', async () => {
    await using server = await startResponsesServer();
    const client = new CompactClient({ session: testSession({ baseUrl: server.baseUrl }) });
    const items = await client.compact(
      {
        model: 'gpt-5.1-codex',
        input: [userMessage],
        instructions: 'Summarise.',
        tools: [],
        parallelToolCalls: true,
        reasoning: { effort: 'medium' },
        text: { verbosity: 'low' },
      },
      { extraHeaders: { 'x-codex-installation-id': 'install-1' } },
    );
    const request = server.compact.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v1/responses/compact');
    expect(request.headers['x-codex-installation-id']).toBe('install-1');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.accept).not.toBe('text/event-stream');
    expect(request.headers['content-encoding']).toBeUndefined();
    // Ids are never sent; metadata passthrough only when asked.
    expect(request.text()).toBe(
      '{"model":"gpt-5.1-codex","input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"hi"}]}],"instructions":"Summarise.","tools":[],"parallel_tool_calls":true,"reasoning":{"effort":"medium"},"text":{"verbosity":"low"}}',
    );
    expect(items.map((item) => item.type)).toEqual(['message', 'compaction']);
  });

  it('omits empty instructions, absent reasoning and text; keeps metadata when asked (§9.13)', async () => {
    await using server = await startResponsesServer();
    const client = new CompactClient({ session: testSession({ baseUrl: server.baseUrl }) });
    await client.compact(
      {
        model: 'm',
        input: [userMessage],
        instructions: '',
        tools: [{ type: 'x' }],
        parallelToolCalls: false,
      },
      { metadataPassthrough: true },
    );
    expect(server.compact.requests[0]!.json()).toEqual({
      model: 'm',
      input: [
        {
          type: 'message',
          role: 'user',
          content: [{ type: 'input_text', text: 'hi' }],
          internal_chat_message_metadata_passthrough: { turn: 1 },
        },
      ],
      tools: [{ type: 'x' }],
      parallel_tool_calls: false,
    });
  });

  it('keeps unknown item types as other; a body without output is a stream error (70, §9.27)', async () => {
    await using server = await startResponsesServer({
      compactOutput: [
        { type: 'brand_new_item', foo: 1 },
        { type: 'compaction', encrypted_content: 'abc' },
      ],
    });
    const client = new CompactClient({ session: testSession({ baseUrl: server.baseUrl }) });
    const input = { model: 'm', input: [], tools: [], parallelToolCalls: false };
    expect(await client.compact(input)).toEqual([
      { type: 'other' },
      { type: 'compaction', encrypted_content: 'abc' },
    ]);
    server.compact.enqueue(jsonResponse({}));
    const error = await rejectionOf(client.compact(input));
    expect(ApiError.isInstance(error) && error.kind).toBe('stream');
    expect((error as ApiError).message).toBe('stream error: missing field `output`');
    server.compact.enqueue({ status: 200, body: 'not json' });
    const syntax = await rejectionOf(client.compact(input));
    expect((syntax as ApiError).kind).toBe('stream');
  });

  it('an HTTP 400 is a transport error carrying status and body (70)', async () => {
    await using server = await startResponsesServer();
    server.compact.enqueue({ status: 400, body: '{"error":{"message":"bad"}}' });
    const client = new CompactClient({ session: testSession({ baseUrl: server.baseUrl }) });
    const error = await rejectionOf(
      client.compact({ model: 'm', input: [], tools: [], parallelToolCalls: false }),
    );
    expect(ApiError.isInstance(error)).toBe(true);
    const details = (error as ApiError).details;
    expect(details.kind === 'transport' && details.transportError.status).toBe(400);
    expect(details.kind === 'transport' && details.transportError.body).toBe(
      '{"error":{"message":"bad"}}',
    );
  });

  it('an input JSON cannot represent fails before sending, with the encode message', async () => {
    await using server = await startResponsesServer();
    const client = new CompactClient({ session: testSession({ baseUrl: server.baseUrl }) });
    const error = await rejectionOf(
      client.compact({ model: 'm', input: [], tools: [10n], parallelToolCalls: false }),
    );
    expect((error as ApiError).kind).toBe('stream');
    expect((error as ApiError).message).toMatch(
      /^stream error: failed to encode compaction input: /,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('times out after the stream idle timeout × 4', async () => {
    await using server = await startResponsesServer();
    server.compact.enqueue({ stallBeforeHeaders: true });
    const client = new CompactClient({
      session: testSession({ baseUrl: server.baseUrl, streamIdleTimeoutMs: 50 }),
    });
    const started = performance.now();
    const error = await rejectionOf(
      client.compact({ model: 'm', input: [], tools: [], parallelToolCalls: false }),
    );
    const elapsed = performance.now() - started;
    const details = (error as ApiError).details;
    expect(details.kind === 'transport' && details.transportError.kind).toBe('timeout');
    // 4 × 50 ms: not before 200 ms; generous upper bound for a busy machine.
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(10_000);
  });

  it('a user abort rejects with the signal reason, unwrapped', async () => {
    await using server = await startResponsesServer();
    server.compact.enqueue({ stallBeforeHeaders: true });
    const client = new CompactClient({ session: testSession({ baseUrl: server.baseUrl }) });
    const controller = new AbortController();
    const reason = new Error('user stop');
    setTimeout(() => controller.abort(reason), 20);
    const error = await rejectionOf(
      client.compact(
        { model: 'm', input: [], tools: [], parallelToolCalls: false },
        { signal: controller.signal },
      ),
    );
    expect(error).toBe(reason);
  });

  it('compactRaw sends the body as given', async () => {
    await using server = await startResponsesServer();
    const client = new CompactClient({ session: testSession({ baseUrl: server.baseUrl }) });
    const items = await client.compactRaw({ model: 'raw', input: [], extra_field: true });
    expect(server.compact.requests[0]!.json()).toEqual({
      model: 'raw',
      input: [],
      extra_field: true,
    });
    expect(items).toHaveLength(2);
  });
});
