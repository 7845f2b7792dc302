import { createKyTransport } from '@codex/client';
import {
  type CodexError,
  EnvVarError,
  FatalError,
  type ResponseItem,
  RetryLimitError,
  StreamDisconnectedError,
  UnexpectedStatusError,
} from '@codex/protocol';
import {
  collect,
  loadTranscript,
  rejectionOf,
  sseResponse,
  startResponsesServer,
} from '@codex/testkit';
import { describe, expect, it } from 'vitest';
import { type AuthProvider, noAuth } from '../auth/auth-provider.js';
import { createBearerAuth } from '../auth/create-bearer-auth.js';
import { ApiError } from '../errors/api-error.js';
import {
  defineModelProvider,
  type ModelProviderDefinition,
} from '../provider/define-model-provider.js';
import type { ResolvedProvider } from '../provider/model-provider.js';
import { createEndpointSettings } from '../settings/endpoint-settings.js';
import { ModelClient } from './model-client.js';

const item: ResponseItem = {
  type: 'message',
  role: 'user',
  content: [{ type: 'input_text', text: 'hi' }],
  internal_chat_message_metadata_passthrough: { turn: 1 },
};

function providerFor(
  baseUrl: string,
  overrides: Partial<ModelProviderDefinition> & {
    auth?: AuthProvider;
    recoverUnauthorized?: ResolvedProvider['recoverUnauthorized'];
  } = {},
) {
  const { auth, recoverUnauthorized, ...rest } = overrides;
  return defineModelProvider({
    id: 'test',
    name: 'Test',
    resolve: async () => ({
      settings: createEndpointSettings({
        name: 'Test',
        baseUrl,
        retry: { maxAttempts: 0, baseDelayMs: 1 },
        streamIdleTimeoutMs: 2_000,
      }),
      auth: auth ?? createBearerAuth({ token: 'token-1' }),
      recoverUnauthorized,
    }),
    ...rest,
  });
}

/** Bearer auth whose token `recover` may replace: what a refreshing auth manager does. */
function refreshingAuth(initial: string, refresh: () => Promise<string | boolean>) {
  let token = initial;
  return {
    auth: createBearerAuth({ getToken: () => token }),
    recoverUnauthorized: async () => {
      const result = await refresh();
      if (typeof result === 'string') {
        token = result;
        return true;
      }
      return result;
    },
  };
}

describe('ModelClient: success paths', () => {
  it('streams a turn, compacts, summarises and lists models through the provider', async () => {
    await using server = await startResponsesServer();
    const client = new ModelClient({ provider: providerFor(server.baseUrl) });
    const stream = await client.stream({ model: 'gpt-5.1-codex', input: [item] });
    expect(stream.upstreamRequestId).toBe('req_testkit_1');
    const events = await collect(stream);
    expect(events.at(-1)).toMatchObject({ type: 'completed' });
    expect(events.filter((event) => event.type === 'outputTextDelta')).toHaveLength(35);
    expect(
      await client.compact({ model: 'm', input: [], tools: [], parallelToolCalls: false }),
    ).toHaveLength(2);
    expect(
      await client.summarizeMemories({
        model: 'm',
        rawMemories: [{ id: 't', metadata: { sourcePath: '/p' }, items: [] }],
      }),
    ).toHaveLength(1);
    expect((await client.listModels('1')).etag).toBe('"testkit-models-1"');
    expect(server.requests.map((request) => request.headers.authorization)).toEqual(
      Array(4).fill('Bearer token-1'),
    );
  });

  it('keeps metadata passthrough only when the provider sends it; compression only when supported', async () => {
    await using server = await startResponsesServer();
    const plain = new ModelClient({ provider: providerFor(server.baseUrl) });
    await collect(await plain.stream({ model: 'm', input: [item] }, { compression: 'zstd' }));
    await plain.compact({ model: 'm', input: [item], tools: [], parallelToolCalls: false });
    const openaiLike = new ModelClient({
      provider: providerFor(server.baseUrl, { sendsMetadataPassthrough: true }),
    });
    await collect(await openaiLike.stream({ model: 'm', input: [item] }));
    await openaiLike.compact({ model: 'm', input: [item], tools: [], parallelToolCalls: false });
    const bodies = server.requests.map((request) => request.text());
    expect(bodies[0]).not.toContain('internal_chat_message_metadata_passthrough');
    expect(bodies[1]).not.toContain('internal_chat_message_metadata_passthrough');
    expect(bodies[2]).toContain('"internal_chat_message_metadata_passthrough":{"turn":1}');
    expect(bodies[3]).toContain('"internal_chat_message_metadata_passthrough":{"turn":1}');
    expect(server.requests[0]!.headers['content-encoding']).toBeUndefined();
  });

  it('the default transport uses provider.fetch', async () => {
    await using server = await startResponsesServer();
    const seen: string[] = [];
    const client = new ModelClient({
      provider: providerFor(server.baseUrl, {
        fetch: (input, init) => {
          seen.push(String(input instanceof Request ? input.url : input));
          return fetch(input, init);
        },
      }),
    });
    await client.listModels('1');
    expect(seen).toEqual([`${server.baseUrl}/models?client_version=1`]);
  });
});

describe('ModelClient: every failure goes through mapApiError', () => {
  function recordingProvider(baseUrl: string, overrides: Partial<ModelProviderDefinition> = {}) {
    const seen: ApiError[] = [];
    const provider = providerFor(baseUrl, {
      mapApiError: (error) => {
        seen.push(error);
        return new FatalError({ detail: `mapped: ${error.message}`, cause: error });
      },
      ...overrides,
    });
    return { provider, seen };
  }

  it('non-2xx on every endpoint', async () => {
    await using server = await startResponsesServer();
    const { provider, seen } = recordingProvider(server.baseUrl);
    const client = new ModelClient({ provider });
    server.enqueue({ status: 404, body: 'a' }, { status: 404, body: 'b' });
    server.enqueue({ status: 404, body: 'c' }, { status: 404, body: 'd' });
    const errors = [
      await rejectionOf(client.stream({ model: 'm', input: [] })),
      await rejectionOf(
        client.compact({ model: 'm', input: [], tools: [], parallelToolCalls: false }),
      ),
      await rejectionOf(client.summarizeMemories({ model: 'm', rawMemories: [] })),
      await rejectionOf(client.listModels('1')),
    ];
    expect(errors.map((error) => (error as Error).message)).toEqual([
      'Fatal error: mapped: http 404 Not Found: Some("a")',
      'Fatal error: mapped: http 404 Not Found: Some("b")',
      'Fatal error: mapped: http 404 Not Found: Some("c")',
      'Fatal error: mapped: http 404 Not Found: Some("d")',
    ]);
    errors.forEach((error, index) => {
      expect((error as Error).cause).toBe(seen[index]);
    });
  });

  it('a failure in the middle of a stream', async () => {
    await using server = await startResponsesServer({
      transcript: loadTranscript('failed-rate-limit'),
    });
    const neutral = new ModelClient({ provider: providerFor(server.baseUrl) });
    const stream = await neutral.stream({ model: 'm', input: [] });
    const error = await rejectionOf(collect(stream));
    expect(StreamDisconnectedError.isInstance(error)).toBe(true);
    expect((error as StreamDisconnectedError).retryDelayMs).toBe(1500);
    expect(ApiError.isInstance((error as Error).cause)).toBe(true);
    expect(((error as Error).cause as ApiError).kind).toBe('retryable');
  });

  it('a dropped connection mid-stream', async () => {
    await using server = await startResponsesServer();
    server.responses.enqueue({ body: loadTranscript('turn'), dropAfterBytes: 2000 });
    const { provider, seen } = recordingProvider(server.baseUrl);
    const stream = await new ModelClient({ provider }).stream({ model: 'm', input: [] });
    const error = await rejectionOf(collect(stream));
    expect(FatalError.isInstance(error)).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.kind).toBe('stream');
  });

  it('request setup: a resolve() failure and an invalid resolution', async () => {
    const { provider, seen } = recordingProvider('http://127.0.0.1:9', {
      resolve: async () => {
        throw new Error('credential file unreadable');
      },
    });
    const error = await rejectionOf(new ModelClient({ provider }).listModels('1'));
    expect((error as Error).message).toBe(
      'Fatal error: mapped: request build error: failed to resolve provider test: credential file unreadable',
    );
    expect(seen[0]!.details.kind === 'transport' && seen[0]!.details.transportError.kind).toBe(
      'build',
    );
    const invalid = recordingProvider('http://127.0.0.1:9', {
      resolve: async () => ({}) as never,
    });
    expect(
      (
        (await rejectionOf(
          new ModelClient({ provider: invalid.provider }).listModels('1'),
        )) as Error
      ).message,
    ).toBe(
      'Fatal error: mapped: request build error: provider test resolved without `settings` and `auth` (with `authenticate`)',
    );
  });

  it('a CodexError from resolve() passes through as it is', async () => {
    const thrown = new EnvVarError({ variable: 'X_KEY' });
    const { provider, seen } = recordingProvider('http://127.0.0.1:9', {
      resolve: async () => {
        throw thrown;
      },
    });
    expect(
      await rejectionOf(
        new ModelClient({ provider }).compact({
          model: 'm',
          input: [],
          tools: [],
          parallelToolCalls: false,
        }),
      ),
    ).toBe(thrown);
    expect(seen).toHaveLength(0);
  });

  it('falls back to the neutral mapping when mapApiError throws or returns a non-CodexError', async () => {
    await using server = await startResponsesServer();
    for (const mapApiError of [
      () => {
        throw new Error('hook bug');
      },
      () => 'not an error' as unknown as CodexError,
    ]) {
      server.models.enqueue({ status: 429, body: 'slow down', headers: { 'x-request-id': 'r1' } });
      const client = new ModelClient({ provider: providerFor(server.baseUrl, { mapApiError }) });
      const error = await rejectionOf(client.listModels('1'));
      expect(RetryLimitError.isInstance(error)).toBe(true);
      expect((error as Error).message).toBe(
        'exceeded retry limit, last status: 429 Too Many Requests, request id: r1',
      );
    }
  });

  it('a user abort passes through unmapped (before the request and mid-stream)', async () => {
    await using server = await startResponsesServer();
    const { provider, seen } = recordingProvider(server.baseUrl);
    const client = new ModelClient({ provider });
    const reason = new Error('stop');
    expect(await rejectionOf(client.listModels('1', { signal: AbortSignal.abort(reason) }))).toBe(
      reason,
    );
    server.responses.enqueue(sseResponse(loadTranscript('turn'), { stallAfterEvents: 2 }));
    const controller = new AbortController();
    const stream = await client.stream({ model: 'm', input: [] }, { signal: controller.signal });
    await stream.next();
    controller.abort(reason);
    expect(await rejectionOf(collect(stream))).toBe(reason);
    expect(seen).toHaveLength(0);
  });
});

describe('ModelClient: 401 and auth recovery (§C.7)', () => {
  it('refresh → the request is sent once more with the new token and succeeds', async () => {
    await using server = await startResponsesServer();
    server.models.enqueue({ status: 401, body: 'expired' });
    let refreshes = 0;
    const recovery = refreshingAuth('old', async () => {
      refreshes++;
      return 'new';
    });
    const client = new ModelClient({ provider: providerFor(server.baseUrl, recovery) });
    const result = await client.listModels('1');
    expect(result.models.length).toBeGreaterThan(0);
    expect(refreshes).toBe(1);
    expect(server.models.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer old',
      'Bearer new',
    ]);
  });

  it('refresh false → the 401 is mapped; recovery is tried only once', async () => {
    await using server = await startResponsesServer();
    server.responses.enqueue({
      status: 401,
      body: 'expired',
      headers: { 'x-request-id': 'r-401' },
    });
    const client = new ModelClient({
      provider: providerFor(
        server.baseUrl,
        refreshingAuth('old', async () => false),
      ),
    });
    const error = await rejectionOf(client.stream({ model: 'm', input: [] }));
    expect(UnexpectedStatusError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      `unexpected status 401 Unauthorized: expired, url: ${server.baseUrl}/responses, request id: r-401`,
    );
    expect(server.responses.requests).toHaveLength(1);

    server.models.enqueue({ status: 401, body: 'a' }, { status: 401, body: 'b' });
    let refreshes = 0;
    const always = refreshingAuth('x', async () => ++refreshes > 0);
    const again = new ModelClient({ provider: providerFor(server.baseUrl, always) });
    const second = await rejectionOf(again.listModels('1'));
    expect((second as UnexpectedStatusError).body).toBe('b');
    expect(refreshes).toBe(1);
  });

  it('a CodexError thrown by recovery reaches the caller; any other failure maps the 401', async () => {
    await using server = await startResponsesServer();
    const fatal = new FatalError({ detail: 'refresh token revoked' });
    server.models.enqueue({ status: 401, body: 'x' }, { status: 401, body: 'y' });
    const codex = new ModelClient({
      provider: providerFor(server.baseUrl, {
        auth: noAuth,
        recoverUnauthorized: async () => Promise.reject(fatal),
      }),
    });
    expect(await rejectionOf(codex.listModels('1'))).toBe(fatal);
    const other = new ModelClient({
      provider: providerFor(server.baseUrl, {
        auth: noAuth,
        recoverUnauthorized: async () => Promise.reject(new Error('io')),
      }),
    });
    expect(((await rejectionOf(other.listModels('1'))) as UnexpectedStatusError).status).toBe(401);
  });

  it('validates its options', () => {
    expect(() => new ModelClient({ provider: {} as never })).toThrow(/`provider`/);
    expect(
      () =>
        new ModelClient({
          provider: providerFor('http://127.0.0.1:9'),
          transport: createKyTransport(),
          onAttempt: 1 as never,
        }),
    ).toThrow(/`onAttempt`/);
  });
});

describe('ModelClient.run: any endpoint request through the same pipeline', () => {
  it('hands the operation a session with the provider’s settings and auth, recovers a 401 once and maps the failure', async () => {
    await using server = await startResponsesServer();
    server.models.enqueue({ status: 401, body: 'expired' });
    const recovery = refreshingAuth('old', async () => 'new');
    const client = new ModelClient({ provider: providerFor(server.baseUrl, recovery) });
    const calls: { timeoutMs: number | undefined; signal: AbortSignal | undefined }[] = [];
    const controller = new AbortController();
    const status = await client.run(
      async (session, call) => {
        calls.push(call);
        const response = await session.execute({
          method: 'GET',
          path: 'models?client_version=1',
          ...call,
        });
        return response.status;
      },
      { signal: controller.signal, timeoutMs: 60_000 },
    );
    expect(status).toBe(200);
    // Run again after the 401, with what remains of the deadline and the caller's signal.
    expect(calls).toHaveLength(2);
    expect(calls.every((call) => call.signal === controller.signal)).toBe(true);
    expect(calls.every((call) => call.timeoutMs! > 0 && call.timeoutMs! <= 60_000)).toBe(true);
    expect(server.models.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer old',
      'Bearer new',
    ]);

    server.models.enqueue({ status: 404, body: 'no such endpoint' });
    const failure = await rejectionOf(
      client.run((session) => session.execute({ method: 'GET', path: 'models?client_version=1' })),
    );
    expect(UnexpectedStatusError.isInstance(failure)).toBe(true);
    expect((failure as UnexpectedStatusError).status).toBe(404);
    expect(ApiError.isInstance((failure as Error).cause)).toBe(true);
  });

  it('rejects an operation that is not a function, naming it', async () => {
    const client = new ModelClient({ provider: providerFor('http://127.0.0.1:9') });
    await expect(client.run(undefined as never)).rejects.toThrow(
      'ModelClient.run: `operation` must be a function',
    );
  });
});
