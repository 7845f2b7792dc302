// ResponsesClient over real sockets against the test kit (§4.2, §4.3, cases §8.2, §8.3).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createKyTransport, type FetchFunction, TransportError } from '@codex/client';
import type { ResponseEvent, ResponseItem } from '@codex/protocol';
import {
  collectSettled,
  fetchWithFirstChunk,
  sseFrames,
  sseResponse,
  startResponsesServer,
  startTestServer,
  textDeltaTranscript,
} from '@codex/testkit';
import { describe, expect, it } from 'vitest';
import type { AuthProvider } from '../auth/auth-provider.js';
import { noAuth } from '../auth/auth-provider.js';
import { ApiError } from '../errors/api-error.js';
import {
  createEndpointSettings,
  type EndpointSettingsOptions,
} from '../settings/endpoint-settings.js';
import { ResponsesClient } from './responses-client.js';
import { subAgentLabel } from './session-source.js';
import { TurnState } from './turn-state.js';

const completedBody = sseFrames([{ type: 'response.completed', response: { id: 'resp1' } }]).join(
  '',
);

function clientFor(
  baseUrl: string,
  options: Partial<EndpointSettingsOptions> & { auth?: AuthProvider; fetch?: FetchFunction } = {},
): ResponsesClient {
  const { auth, fetch, ...providerOptions } = options;
  return new ResponsesClient({
    settings: createEndpointSettings({
      name: 'openai',
      baseUrl,
      // Streams that must succeed get a generous idle timeout: a loaded machine can pause longer
      // than a second. Tests of the idle timeout itself set a small one.
      streamIdleTimeoutMs: 10_000,
      retry: { maxAttempts: 1, baseDelayMs: 1 },
      ...providerOptions,
    }),
    auth: auth ?? noAuth,
    transport: createKyTransport(fetch === undefined ? {} : { fetch }),
  });
}

function types(events: readonly ResponseEvent[]): string[] {
  return events.map((event) => event.type);
}

const userMessage: ResponseItem = {
  type: 'message',
  id: 'msg_1',
  role: 'user',
  content: [{ type: 'input_text', text: 'hi' }],
};

describe('ResponsesClient: request (§4.1, §4.2, §8.3)', () => {
  it('52–53. POSTs to …/responses with auth headers and Accept: text/event-stream', async () => {
    await using server = await startResponsesServer({ transcript: completedBody });
    const auth: AuthProvider = {
      authenticate(request) {
        const headers = new Headers(request.headers);
        headers.set('authorization', 'Bearer secret-token');
        headers.set('chatgpt-account-id', 'acct-1');
        return { ...request, headers };
      },
    };
    const stream = await clientFor(server.baseUrl, { auth }).stream({ echo: true });
    await collectSettled(stream);
    expect(server.responses.requests).toHaveLength(1);
    const request = server.responses.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v1/responses');
    expect(request.headers.authorization).toBe('Bearer secret-token');
    expect(request.headers['chatgpt-account-id']).toBe('acct-1');
    expect(request.headers.accept).toBe('text/event-stream');
    expect(request.json()).toEqual({ echo: true });
  });

  it('57. Azure + store: conversation, sub-agent and extra headers; input ids attached', async () => {
    await using server = await startResponsesServer({ transcript: completedBody });
    const client = clientFor(server.baseUrl, { name: 'azure' });
    const stream = await client.streamRequest(
      {
        model: 'gpt-test',
        instructions: 'Say hi',
        input: [userMessage],
        tools: [],
        toolChoice: 'auto',
        parallelToolCalls: false,
        store: true,
        stream: true,
        include: [],
      },
      {
        conversationId: 'sess_123',
        sessionSource: { subAgent: 'review' },
        extraHeaders: { 'x-test-header': 'present' },
      },
    );
    await collectSettled(stream);
    const request = server.responses.requests[0]!;
    expect(request.headers.session_id).toBe('sess_123');
    expect(request.headers['x-client-request-id']).toBe('sess_123');
    expect(request.headers['x-openai-subagent']).toBe('review');
    expect(request.headers['x-test-header']).toBe('present');
    expect(request.headers['content-type']).toBe('application/json');
    const body = request.json<{ input: { id?: string }[]; instructions: string }>();
    expect(body.input[0]?.id).toBe('msg_1');
    expect(body.instructions).toBe('Say hi');
  });

  it('58. the OpenAI provider sends no item ids, even with store', async () => {
    await using server = await startResponsesServer({ transcript: completedBody });
    await collectSettled(
      await clientFor(server.baseUrl).streamRequest({
        model: 'm',
        input: [userMessage],
        store: true,
      }),
    );
    expect(server.responses.requests[0]!.json<{ input: object[] }>().input[0]).not.toHaveProperty(
      'id',
    );
  });

  it('§9.16. precedence: provider < extra < conversation < Accept < auth; bad values dropped', async () => {
    await using server = await startResponsesServer({ transcript: completedBody });
    const client = clientFor(server.baseUrl, {
      headers: { 'x-priority': 'provider', 'x-provider-only': 'p' },
      auth: {
        authenticate: (request) => {
          const headers = new Headers(request.headers);
          headers.set('x-priority', 'auth');
          return { ...request, headers };
        },
      },
    });
    await collectSettled(
      await client.stream(
        { model: 'm' },
        {
          conversationId: 'bad\nvalue',
          extraHeaders: {
            'x-priority': 'extra',
            accept: 'application/json',
            session_id: 'from-extra',
            'x-extra-only': 'e',
          },
        },
      ),
    );
    const { headers } = server.responses.requests[0]!;
    expect(headers['x-priority']).toBe('auth');
    expect(headers['x-provider-only']).toBe('p');
    expect(headers['x-extra-only']).toBe('e');
    expect(headers.accept).toBe('text/event-stream');
    // The conversation id is not a valid header value: dropped, never an error.
    expect(headers.session_id).toBe('from-extra');
    expect(headers).not.toHaveProperty('x-client-request-id');
  });

  it('§4.2 sub-agent labels', () => {
    expect(subAgentLabel({ subAgent: 'review' })).toBe('review');
    expect(subAgentLabel({ subAgent: 'compact' })).toBe('compact');
    expect(subAgentLabel({ subAgent: 'memoryConsolidation' })).toBe('memory_consolidation');
    expect(subAgentLabel({ subAgent: 'threadSpawn' })).toBe('collab_spawn');
    expect(subAgentLabel({ subAgent: { other: 'my-agent' } })).toBe('my-agent');
    for (const source of ['cli', 'vscode', 'exec', 'mcp', 'custom', 'unknown'] as const) {
      expect(subAgentLabel(source)).toBeUndefined();
    }
  });

  it('60. zstd with an extra Content-Encoding is a build error; nothing is sent', async () => {
    await using server = await startResponsesServer({ transcript: completedBody });
    const error = await clientFor(server.baseUrl)
      .stream({ model: 'm' }, { compression: 'zstd', extraHeaders: { 'content-encoding': 'gzip' } })
      .catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error)).toBe(true);
    const { details } = error as ApiError;
    expect(details.kind).toBe('transport');
    if (details.kind === 'transport') expect(details.transportError.kind).toBe('build');
    expect((error as ApiError).message).toContain(
      'request compression was requested but content-encoding is already set',
    );
    expect(server.responses.requests).toHaveLength(0);
  });

  it('a body JSON cannot encode fails with "failed to encode responses request"', async () => {
    await using server = await startResponsesServer({ transcript: completedBody });
    const error = await clientFor(server.baseUrl)
      .streamRequest({ model: 'm', input: [], tools: [{ size: 1n }] })
      .catch((caught: unknown) => caught);
    expect((error as ApiError).message).toMatch(
      /^stream error: failed to encode responses request: /,
    );
    expect(server.responses.requests).toHaveLength(0);
  });

  it('54. a connection failure is retried; a non-2xx rejects with the transport error', async () => {
    await using server = await startResponsesServer({ transcript: completedBody });
    server.responses.enqueue({ closeWithoutResponse: true });
    const stream = await clientFor(server.baseUrl).stream({ model: 'm' });
    expect(types((await collectSettled(stream)).items)).toContain('completed');
    expect(server.responses.requests).toHaveLength(2);

    server.responses.enqueue({ status: 400, body: '{"error":{"message":"bad"}}' });
    const error = await clientFor(server.baseUrl)
      .stream({ model: 'm' })
      .catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error)).toBe(true);
    const { details } = error as ApiError;
    expect(details.kind === 'transport' && TransportError.isInstance(details.transportError)).toBe(
      true,
    );
    if (details.kind === 'transport') {
      expect(details.transportError.status).toBe(400);
      expect(details.transportError.body).toBe('{"error":{"message":"bad"}}');
    }
  });
});

describe('ResponsesClient: header phase (§4.3, §8.2)', () => {
  it('49, §9.4. no headers: a default rateLimits event, then completed', async () => {
    await using server = await startTestServer();
    server.route('POST', '/v1/responses', sseResponse(completedBody));
    const { items: events, error } = await collectSettled(
      await clientFor(`${server.url}/v1`).stream({}),
    );
    expect(error).toBeUndefined();
    expect(events).toEqual([
      { type: 'rateLimits', snapshot: { limitId: 'codex' } },
      { type: 'completed', responseId: 'resp1' },
    ]);
  });

  it('50, §9.5, §9.17. order of header events; turn state is write-once', async () => {
    await using server = await startTestServer();
    server.route(
      'POST',
      '/v1/responses',
      sseResponse(completedBody, {
        headers: {
          'openai-model': 'm',
          'x-codex-primary-used-percent': '50',
          'X-Models-Etag': '"e1"',
          'x-reasoning-included': 'false',
          'x-codex-turn-state': 'ts-1',
          'x-request-id': 'req-42',
        },
      }),
    );
    const client = clientFor(`${server.url}/v1`);
    const turnState = new TurnState();
    const stream = await client.stream({}, { turnState });
    expect(stream.upstreamRequestId).toBe('req-42');
    expect(turnState.value).toBe('ts-1');
    expect((await collectSettled(stream)).items).toEqual([
      { type: 'serverModel', model: 'm' },
      { type: 'rateLimits', snapshot: { limitId: 'codex', primary: { usedPercent: 50 } } },
      { type: 'modelsEtag', etag: '"e1"' },
      { type: 'serverReasoningIncluded', included: true },
      { type: 'completed', responseId: 'resp1' },
    ]);
    const held = new TurnState('old');
    await collectSettled(await client.stream({}, { turnState: held }));
    expect(held.value).toBe('old');
  });

  it('51. end to end: one chunk, idle timeout 50 ms; without rateLimits exactly 3 events', async () => {
    await using server = await startTestServer();
    const body = sseFrames([
      {
        type: 'response.output_item.done',
        item: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'a' }] },
      },
      {
        type: 'response.output_item.done',
        item: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'b' }] },
      },
      { type: 'response.completed', response: { id: 'resp1' } },
    ]).join('');
    server.route('POST', '/v1/responses', {
      headers: { 'content-type': 'text/event-stream' },
      body,
    });
    // As upstream, the transport hands over the one chunk whole, so the 50 ms idle timer cannot
    // race a slow socket read of it.
    const client = clientFor(`${server.url}/v1`, {
      streamIdleTimeoutMs: 50,
      fetch: fetchWithFirstChunk,
    });
    const { items: events, error } = await collectSettled(await client.stream({}));
    expect(error).toBeUndefined();
    expect(types(events.filter((event) => event.type !== 'rateLimits'))).toEqual([
      'outputItemDone',
      'outputItemDone',
      'completed',
    ]);
  });

  it('§9.6. a header model and the same in-stream model give two serverModel events', async () => {
    await using server = await startTestServer();
    const body = sseFrames([
      { type: 'response.created', response: { id: 'r', headers: { 'openai-model': 'm' } } },
      { type: 'response.in_progress', response: { id: 'r', headers: { 'openai-model': 'm' } } },
      { type: 'response.completed', response: { id: 'r' } },
    ]).join('');
    server.route('POST', '/v1/responses', sseResponse(body, { headers: { 'openai-model': 'm' } }));
    const { items: events } = await collectSettled(await clientFor(`${server.url}/v1`).stream({}));
    expect(types(events)).toEqual([
      'serverModel',
      'rateLimits',
      'serverModel',
      'created',
      'completed',
    ]);
  });
});

describe('ResponsesClient: stream lifetime', () => {
  it('a consumer that breaks after the first event leaves no open exchange', async () => {
    await using server = await startTestServer();
    server.route(
      'POST',
      '/v1/responses',
      sseResponse(textDeltaTranscript({ count: 50 }), { stallAfterEvents: 5 }),
    );
    const stream = await clientFor(`${server.url}/v1`).stream({});
    for await (const event of stream) {
      expect(event.type).toBe('rateLimits');
      break;
    }
    expect(await server.requests[0]!.outcome).toBe('client-disconnected');
  });

  it('§9.7. completed releases the connection although the server keeps it open', async () => {
    await using server = await startTestServer();
    server.route('POST', '/v1/responses', sseResponse(completedBody, { stallAfterEvents: 1 }));
    const { items: events, error } = await collectSettled(
      await clientFor(`${server.url}/v1`, { streamIdleTimeoutMs: 10_000 }).stream({}),
    );
    expect(error).toBeUndefined();
    expect(types(events)).toEqual(['rateLimits', 'completed']);
    expect(await server.requests[0]!.outcome).toBe('client-disconnected');
  });

  it('37. idle timeout with a small value: one stream error, connection closed', async () => {
    await using server = await startTestServer();
    const body = sseFrames([{ type: 'response.output_text.delta', delta: 'a' }]).join('');
    server.route('POST', '/v1/responses', sseResponse(body, { stallAfterEvents: 1 }));
    // The event before the stall is already received when the 80 ms idle clock starts, so only
    // the real stall can time out.
    const { items: events, error } = await collectSettled(
      await clientFor(`${server.url}/v1`, {
        streamIdleTimeoutMs: 80,
        fetch: fetchWithFirstChunk,
      }).stream({}),
    );
    expect(types(events)).toEqual(['rateLimits', 'outputTextDelta']);
    expect((error as ApiError).message).toBe('stream error: idle timeout waiting for SSE');
    expect(await server.requests[0]!.outcome).toBe('client-disconnected');
  });

  it('38. a drop mid-stream is exactly one stream error', async () => {
    await using server = await startTestServer();
    server.route(
      'POST',
      '/v1/responses',
      sseResponse(textDeltaTranscript({ count: 20 }), { dropAfterEvents: 5 }),
    );
    const { items: events, error } = await collectSettled(
      await clientFor(`${server.url}/v1`).stream({}),
    );
    expect(events.length).toBeGreaterThan(1);
    expect(ApiError.isInstance(error)).toBe(true);
    expect((error as ApiError).details.kind).toBe('stream');
    expect((error as ApiError).message).toMatch(/^stream error: /);
    expect((error as ApiError).message).not.toContain('response.completed');
  });

  it('aborting the signal mid-stream throws its reason as is and closes the connection', async () => {
    await using server = await startTestServer();
    server.route(
      'POST',
      '/v1/responses',
      sseResponse(textDeltaTranscript({ count: 50 }), { stallAfterEvents: 3 }),
    );
    const controller = new AbortController();
    const reason = new Error('user stop');
    const stream = await clientFor(`${server.url}/v1`).stream({}, { signal: controller.signal });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of stream) {
        seen.push(event.type);
        if (seen.length === 2) controller.abort(reason);
      }
    })().catch((caught: unknown) => caught);
    expect(error).toBe(reason);
    expect(await server.requests[0]!.outcome).toBe('client-disconnected');
  });

  it('an abort during a stalled read ends the wait with the reason', async () => {
    await using server = await startTestServer();
    server.route('POST', '/v1/responses', sseResponse(completedBody, { stallAfterEvents: 0 }));
    const controller = new AbortController();
    const stream = await clientFor(`${server.url}/v1`, { streamIdleTimeoutMs: 10_000 }).stream(
      {},
      { signal: controller.signal },
    );
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.type).toBe('rateLimits');
    const pending = iterator.next();
    setTimeout(() => controller.abort(new Error('later')), 30);
    await expect(pending).rejects.toThrow('later');
    expect(await server.requests[0]!.outcome).toBe('client-disconnected');
  });

  it('cancel() releases the connection; the stream then reports done', async () => {
    await using server = await startTestServer();
    server.route(
      'POST',
      '/v1/responses',
      sseResponse(textDeltaTranscript({ count: 50 }), { stallAfterEvents: 3 }),
    );
    const stream = await clientFor(`${server.url}/v1`).stream({});
    await stream.cancel();
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(await server.requests[0]!.outcome).toBe('client-disconnected');
  });

  it('100,000 text deltas stream with flat memory', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const count = 100_000;
    await using server = await startTestServer({ recordRequests: false });
    server.route('POST', '/v1/responses', sseResponse(textDeltaTranscript({ count })));
    const stream = await clientFor(`${server.url}/v1`, { streamIdleTimeoutMs: 30_000 }).stream({});
    let deltas = 0;
    let baseline = 0;
    let peakGrowth = 0;
    for await (const event of stream) {
      if (event.type !== 'outputTextDelta') continue;
      deltas++;
      if (deltas === 5_000) {
        gc();
        baseline = process.memoryUsage().heapUsed;
      } else if (deltas % 25_000 === 0) {
        gc();
        peakGrowth = Math.max(peakGrowth, process.memoryUsage().heapUsed - baseline);
      }
    }
    expect(deltas).toBe(count);
    // Measured ≈ 0.1 MB. Keeping every event would add ≈ 6 MB, every parsed payload ≈ 30 MB.
    expect(peakGrowth).toBeLessThan(4 * 1024 * 1024);
    console.log(
      `100,000 deltas: heap growth after warm-up ${(peakGrowth / 1024 / 1024).toFixed(1)} MB`,
    );
  });
});
