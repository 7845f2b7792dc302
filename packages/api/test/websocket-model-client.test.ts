// ModelClient over WebSocket, with providers written the way a provider package writes them
// (only names exported from the package root and @codex/protocol), against the test kit's
// loopback server: the HTTP routes and the WebSocket endpoint live on the same server.
import {
  type CodexError,
  type ResponseEvent,
  type ResponseItem,
  StreamDisconnectedError,
  UnexpectedStatusError,
} from '@codex/protocol';
import {
  loadTranscript,
  type ResponsesServer,
  type ResponsesWebsocketEndpoint,
  serveResponsesWebsocket,
  startResponsesServer,
  websocketTurn,
  wrappedErrorFrame,
} from '@codex/testkit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type ApiError,
  ApiError as ApiErrorClass,
  createBearerAuth,
  createEndpointSettings,
  createOpenAIProvider,
  defaultMapApiError,
  defineModelProvider,
  ModelClient,
  type ModelClientWarning,
  type ModelProvider,
  type ResponseStream,
  type StreamEventTelemetry,
  WebsocketSessions,
} from '../src/index.js';

const KEY = 'sk-openai-websocket-test-0123456789';
const TURN_RESPONSE_ID = 'resp_68c1f0a2b3d4e5f60718293a4b5c6d7e';
const USER: ResponseItem = {
  type: 'message',
  role: 'user',
  content: [{ type: 'input_text', text: 'list the files' }],
};

let server: ResponsesServer;
let endpoint: ResponsesWebsocketEndpoint;
beforeEach(async () => {
  server = await startResponsesServer();
  endpoint = serveResponsesWebsocket(server, {
    handshakeHeaders: { 'openai-model': 'gpt-5.1-codex', 'x-request-id': 'req-ws' },
  });
});
afterEach(async () => {
  await endpoint.close();
  await server.close();
});

function openai(): ModelProvider {
  return createOpenAIProvider({ apiKey: KEY, baseUrl: server.baseUrl, env: {} });
}

async function drain(stream: ResponseStream): Promise<{ events: ResponseEvent[]; error: unknown }> {
  const events: ResponseEvent[] = [];
  try {
    for await (const event of stream) events.push(event);
    return { events, error: undefined };
  } catch (error) {
    return { events, error };
  }
}

function outputItems(events: readonly ResponseEvent[]): ResponseItem[] {
  return events.flatMap((event) => (event.type === 'outputItemDone' ? [event.item] : []));
}

describe('ModelClient chooses the transport', () => {
  it('streams over WebSocket when the provider supports it and the client prefers it: the events of the HTTP stream, minus the header rate limits', async () => {
    const client = new ModelClient({ provider: openai(), webSockets: new WebsocketSessions() });
    const overWebsocket = await drain(
      await client.stream({ model: 'gpt-5.1-codex', input: [USER] }),
    );
    const overHttps = await drain(
      await new ModelClient({ provider: openai() }).stream({
        model: 'gpt-5.1-codex',
        input: [USER],
      }),
    );
    expect(overWebsocket.error).toBeUndefined();
    expect(overHttps.error).toBeUndefined();
    // Over HTTPS every stream starts with the header rate-limit snapshot; a WebSocket handshake
    // carries none (rate limits arrive as `codex.rate_limits` frames), and serverModel comes
    // from the handshake instead of the HTTP response.
    expect(overWebsocket.events[0]).toEqual({ type: 'serverModel', model: 'gpt-5.1-codex' });
    expect(overWebsocket.events.slice(1)).toEqual(
      overHttps.events.filter((event) => event.type !== 'rateLimits'),
    );
    expect(endpoint.handshakes).toHaveLength(1);
    expect(endpoint.handshakes[0]!.headers).toMatchObject({
      authorization: `Bearer ${KEY}`,
      'openai-beta': 'responses_websockets=2026-02-06',
    });
    expect(server.responses.requests).toHaveLength(1); // the HTTPS client's only
    client.close();
  });

  it('per call, preferWebSockets: false streams over HTTPS; true without webSockets is a TypeError naming the option', async () => {
    const prefers = new ModelClient({ provider: openai(), webSockets: new WebsocketSessions() });
    await drain(await prefers.stream({ model: 'm', input: [USER] }, { preferWebSockets: false }));
    expect(endpoint.handshakes).toHaveLength(0);
    expect(server.responses.requests).toHaveLength(1);
    await drain(await prefers.stream({ model: 'm', input: [USER] }, { preferWebSockets: true }));
    expect(endpoint.handshakes).toHaveLength(1);
    expect(server.responses.requests).toHaveLength(1);
    prefers.close();
    const plain = new ModelClient({ provider: openai() });
    const refused = plain.stream({ model: 'm', input: [USER] }, { preferWebSockets: true });
    await expect(refused).rejects.toThrow(TypeError);
    await expect(refused).rejects.toThrow('`webSockets: new WebsocketSessions()`');
    expect(await plain.prewarm({ model: 'm', input: [USER] })).toBe(false);
    expect(endpoint.handshakes).toHaveLength(1);
    expect(server.responses.requests).toHaveLength(1);
  });

  it('rejects bad WebSocket options with errors that name them', () => {
    expect(() => new ModelClient({ provider: openai(), webSockets: {} as never })).toThrow(
      '`webSockets` must be a WebsocketSessions',
    );
    expect(() => new WebsocketSessions({ connectTimeoutMs: 0 })).toThrow(
      '`connectTimeoutMs` must be a positive number',
    );
    expect(() => new WebsocketSessions({ webSocket: 'ws' as never })).toThrow(
      '`webSocket` must be a WebSocket constructor',
    );
  });

  it('a custom provider streams over HTTPS unless it says it supports WebSockets', async () => {
    const definition = {
      id: 'custom',
      name: 'Custom',
      resolve: async () => ({
        settings: createEndpointSettings({ name: 'Custom', baseUrl: server.baseUrl }),
        auth: createBearerAuth({ token: 'custom-token' }),
      }),
    };
    const without = new ModelClient({
      provider: defineModelProvider(definition),
      webSockets: new WebsocketSessions(),
    });
    await drain(await without.stream({ model: 'm', input: [USER] }));
    expect(endpoint.handshakes).toHaveLength(0);
    const withSupport = new ModelClient({
      provider: defineModelProvider({ ...definition, supportsWebSockets: true }),
      webSockets: new WebsocketSessions(),
    });
    const { error } = await drain(await withSupport.stream({ model: 'm', input: [USER] }));
    expect(error).toBeUndefined();
    expect(endpoint.handshakes).toHaveLength(1);
    expect(() =>
      defineModelProvider({ ...definition, supportsWebSockets: 'yes' as never }),
    ).toThrow('`supportsWebSockets` must be a boolean');
    withSupport.close();
  });
});

describe('ModelClient reuses the connection across turns', () => {
  it('sends only the new items with previous_response_id when the next turn extends the last one', async () => {
    const client = new ModelClient({ provider: openai(), webSockets: new WebsocketSessions() });
    const request = { model: 'gpt-5.1-codex', instructions: 'Be brief', input: [USER] };
    const first = await drain(await client.stream(request, { conversationId: 'conv-1' }));
    const toolOutput: ResponseItem = {
      type: 'function_call_output',
      call_id: 'call_shell_1',
      output: 'README.md\npackage.json',
    };
    const history = [USER, ...outputItems(first.events), toolOutput];
    const second = await drain(
      await client.stream({ ...request, input: history }, { conversationId: 'conv-1' }),
    );
    expect(second.error).toBeUndefined();
    expect(endpoint.handshakes).toHaveLength(1);
    expect(endpoint.requests.map((frame) => frame.connection)).toEqual([0, 0]);
    const frame = endpoint.requests[1]!.json<Record<string, unknown>>();
    expect(frame.previous_response_id).toBe(TURN_RESPONSE_ID);
    expect(frame.input).toEqual([
      { type: 'function_call_output', call_id: 'call_shell_1', output: 'README.md\npackage.json' },
    ]);
    expect(endpoint.requests[0]!.json<Record<string, unknown>>()).not.toHaveProperty(
      'previous_response_id',
    );

    // Another model: not an extension, the whole input is sent on the same connection.
    await drain(
      await client.stream(
        { ...request, model: 'other', input: history },
        { conversationId: 'conv-1' },
      ),
    );
    const full = endpoint.requests[2]!.json<Record<string, unknown>>();
    expect(full).not.toHaveProperty('previous_response_id');
    expect(full.input).toHaveLength(history.length);
    expect(endpoint.requests[2]!.connection).toBe(0);

    // Another conversation needs another handshake.
    await drain(await client.stream(request, { conversationId: 'conv-2' }));
    expect(endpoint.handshakes).toHaveLength(2);
    expect(endpoint.handshakes[1]!.headers.session_id).toBe('conv-2');
    client.close();
    await vi.waitFor(() => expect(endpoint.openConnections).toBe(0), { timeout: 5000 });
  });

  it('prewarm sends generate: false, then the turn only previous_response_id', async () => {
    const client = new ModelClient({ provider: openai(), webSockets: new WebsocketSessions() });
    endpoint.enqueue({
      frames: [
        { json: { type: 'response.created', response: { id: 'resp_prewarm' } } },
        { json: { type: 'response.completed', response: { id: 'resp_prewarm' } } },
      ],
    });
    const request = { model: 'gpt-5.1-codex', input: [USER] };
    expect(await client.prewarm(request)).toBe(true);
    const { error } = await drain(await client.stream(request));
    expect(error).toBeUndefined();
    const [prewarm, turn] = endpoint.requests.map((frame) => frame.json<Record<string, unknown>>());
    expect(prewarm).toMatchObject({
      type: 'response.create',
      generate: false,
      input: [{ type: 'message' }],
    });
    expect(turn).toMatchObject({ previous_response_id: 'resp_prewarm', input: [] });
    expect(turn).not.toHaveProperty('generate');
    expect(endpoint.handshakes).toHaveLength(1);
    // Over HTTPS there is nothing to prewarm.
    expect(await new ModelClient({ provider: openai() }).prewarm(request)).toBe(false);
    client.close();
  });

  it('a failed turn drops the connection: the next turn opens a new one and sends everything', async () => {
    const client = new ModelClient({ provider: openai(), webSockets: new WebsocketSessions() });
    const first = await drain(await client.stream({ model: 'm', input: [USER] }));
    endpoint.enqueue(websocketTurn(loadTranscript('turn'), { closeAfterEvents: 2 }));
    const history = [USER, ...outputItems(first.events)];
    const broken = await drain(await client.stream({ model: 'm', input: history }));
    expect(StreamDisconnectedError.isInstance(broken.error)).toBe(true);
    const third = await drain(await client.stream({ model: 'm', input: history }));
    expect(third.error).toBeUndefined();
    expect(endpoint.handshakes).toHaveLength(2);
    const frame = endpoint.requests[2]!.json<Record<string, unknown>>();
    expect(frame).not.toHaveProperty('previous_response_id');
    expect(frame.input).toHaveLength(history.length);
    client.close();
  });
});

describe('ModelClient falls back to HTTPS once on 426 Upgrade Required', () => {
  it('streams the turn over HTTPS, warns once with the upstream text, and stays on HTTPS', async () => {
    const warnings: ModelClientWarning[] = [];
    const client = new ModelClient({
      provider: openai(),
      webSockets: new WebsocketSessions(),
      onWarning: (warning) => warnings.push(warning),
    });
    endpoint.enqueueHandshake({
      status: 426,
      body: 'Upgrade Required',
      headers: { 'x-request-id': 'req-426' },
    });
    const first = await drain(await client.stream({ model: 'm', input: [USER] }));
    expect(first.error).toBeUndefined();
    expect(first.events[0]?.type).toBe('rateLimits'); // the HTTP header phase
    expect(server.responses.requests).toHaveLength(1);
    expect(client.fellBackToHttps).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.kind).toBe('websocketFallback');
    expect(warnings[0]!.message).toBe(
      `Falling back from WebSockets to HTTPS transport. ${warnings[0]!.error.message}`,
    );
    expect(warnings[0]!.message).toMatch(
      /^Falling back from WebSockets to HTTPS transport\. unexpected status 426 Upgrade Required: Upgrade Required, url: ws:\/\/.*\/v1\/responses, request id: req-426$/,
    );
    // Later turns go straight to HTTPS: no handshake, no second warning; prewarm is a no-op.
    await drain(await client.stream({ model: 'm', input: [USER] }));
    expect(await client.prewarm({ model: 'm', input: [USER] })).toBe(false);
    expect(endpoint.handshakes).toHaveLength(1);
    expect(server.responses.requests).toHaveLength(2);
    expect(warnings).toHaveLength(1);
  });

  it('without onWarning, the warning is a process warning', async () => {
    const client = new ModelClient({ provider: openai(), webSockets: new WebsocketSessions() });
    endpoint.enqueueHandshake({ status: 426 });
    const emitted = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      await drain(await client.stream({ model: 'm', input: [USER] }));
      expect(emitted).toHaveBeenCalledTimes(1);
      expect(emitted.mock.calls[0]).toEqual([
        expect.stringMatching(
          /^Falling back from WebSockets to HTTPS transport\. unexpected status 426/,
        ),
        'CodexWarning',
      ]);
    } finally {
      emitted.mockRestore();
    }
  });
});

describe('every WebSocket failure goes through the provider’s mapApiError', () => {
  const GUIDANCE = 'Example rejected the request; run `example login`';

  function mappingProvider(seen: ApiError[], refresh?: () => Promise<boolean>): ModelProvider {
    return defineModelProvider({
      id: 'example',
      name: 'Example',
      supportsWebSockets: true,
      async resolve() {
        return {
          settings: createEndpointSettings({
            name: 'Example',
            baseUrl: server.baseUrl,
            retry: { maxAttempts: 0 },
          }),
          auth: createBearerAuth({ token: 'example-token' }),
          recoverUnauthorized: refresh,
        };
      },
      mapApiError(error: ApiError): CodexError {
        seen.push(error);
        const mapped = defaultMapApiError(error);
        return UnexpectedStatusError.isInstance(mapped) ? mapped.withUserMessage(GUIDANCE) : mapped;
      },
    });
  }

  it('a handshake 401 after auth recovery (tried once) is rewritten by the provider', async () => {
    const seen: ApiError[] = [];
    let refreshes = 0;
    const client = new ModelClient({
      provider: mappingProvider(seen, async () => {
        refreshes += 1;
        return true;
      }),
      webSockets: new WebsocketSessions(),
    });
    endpoint.enqueueHandshake(
      { status: 401, body: '{"detail":"Unauthorized"}', headers: { 'x-request-id': 'req-1' } },
      { status: 401, body: '{"detail":"Unauthorized"}', headers: { 'x-request-id': 'req-2' } },
    );
    const error = await client.stream({ model: 'm', input: [USER] }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(refreshes).toBe(1);
    expect(endpoint.handshakes).toHaveLength(2);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.details.kind === 'transport' && seen[0]!.details.transportError.status).toBe(
      401,
    );
    expect(UnexpectedStatusError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^${GUIDANCE.replace(/[.*+?^${}()|[\]\\`]/g, '\\$&')}, url: ws://.*/v1/responses, request id: req-2$`,
      ),
    );
  });

  it('a handshake 401 that recovery fixes streams on the second handshake', async () => {
    const seen: ApiError[] = [];
    const client = new ModelClient({
      provider: mappingProvider(seen, async () => true),
      webSockets: new WebsocketSessions(),
    });
    endpoint.enqueueHandshake({ status: 401 });
    const { error } = await drain(await client.stream({ model: 'm', input: [USER] }));
    expect(error).toBeUndefined();
    expect(seen).toHaveLength(0);
    expect(endpoint.handshakes.map((handshake) => handshake.accepted)).toEqual([false, true]);
    client.close();
  });

  it('onStreamEvent reports every frame of a WebSocket turn, and a wrapped error frame as the ApiError', async () => {
    const reports: StreamEventTelemetry[] = [];
    const seen: ApiError[] = [];
    const client = new ModelClient({
      provider: mappingProvider(seen),
      webSockets: new WebsocketSessions(),
      onStreamEvent: (telemetry) => reports.push(telemetry),
    });
    endpoint.enqueue(
      {
        frames: [
          { json: { type: 'response.created', response: { id: 'resp_t' } } },
          { json: { type: 'response.output_text.delta', delta: 'hi' } },
          { json: { type: 'response.completed', response: { id: 'resp_t' } } },
        ],
      },
      { frames: [wrappedErrorFrame({ status: 403, error: { type: 'forbidden', message: 'no' } })] },
    );
    const first = await drain(await client.stream({ model: 'm', input: [USER] }));
    expect(first.error).toBeUndefined();
    // One report per frame; the handshake's header events are not frames.
    expect(reports.map((report) => report.outcome)).toEqual(['event', 'event', 'event']);
    expect(reports.every((report) => report.durationMs >= 0)).toBe(true);

    reports.length = 0;
    const second = await drain(await client.stream({ model: 'm', input: [USER] }));
    expect(UnexpectedStatusError.isInstance(second.error)).toBe(true);
    // The wrapped error frame is the failure: reported once, as the ApiError the provider mapped.
    expect(reports.map((report) => report.outcome)).toEqual(['error']);
    expect(ApiErrorClass.isInstance(reports[0]!.error)).toBe(true);
    expect(reports[0]!.error).toBe(seen[0]);
    client.close();
  });

  it('a wrapped error frame takes the HTTP-status path and is rewritten by the provider', async () => {
    const seen: ApiError[] = [];
    const client = new ModelClient({
      provider: mappingProvider(seen),
      webSockets: new WebsocketSessions(),
    });
    endpoint.enqueue({
      frames: [
        wrappedErrorFrame({
          status: 403,
          error: { type: 'forbidden', message: 'credential expired' },
          headers: { 'x-request-id': 'req-wrapped' },
        }),
      ],
    });
    const { events, error } = await drain(await client.stream({ model: 'm', input: [USER] }));
    expect(events).toEqual([{ type: 'serverModel', model: 'gpt-5.1-codex' }]);
    expect(seen).toHaveLength(1);
    expect(UnexpectedStatusError.isInstance(error)).toBe(true);
    expect((error as UnexpectedStatusError).status).toBe(403);
    expect((error as Error).message).toBe(`${GUIDANCE}, request id: req-wrapped`);
    expect((error as Error).cause).toBe(seen[0]);
  });

  it('a close mid-stream is mapped by the provider, which can rewrite it', async () => {
    const seen: ApiError[] = [];
    const provider = mappingProvider(seen);
    const rewriting = defineModelProvider({
      ...provider,
      mapApiError(error: ApiError): CodexError {
        seen.push(error);
        return new StreamDisconnectedError({ detail: `example: ${error.message}`, cause: error });
      },
    });
    const client = new ModelClient({ provider: rewriting, webSockets: new WebsocketSessions() });
    endpoint.enqueue(websocketTurn(loadTranscript('turn'), { closeAfterEvents: 4 }));
    const { error } = await drain(await client.stream({ model: 'm', input: [USER] }));
    expect(seen.map((apiError) => apiError.message)).toEqual([
      'stream error: websocket closed by server before response.completed',
    ]);
    expect(StreamDisconnectedError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(
      'example: stream error: websocket closed by server before response.completed',
    );
  });
});
