// One test per defect of issue 13 (and per "also observed" item), each asserting the fixed
// behaviour end to end, through the public API, against real loopback servers.
import { inspect } from 'node:util';
import {
  type AttemptTelemetry,
  createBearerAuth,
  createEndpointSettings,
  createOpenAIProvider,
  defineModelProvider,
  type FetchFunction,
  ModelClient,
  type ModelProvider,
} from '@codex/api';
import { DEFAULT_MAX_EVENT_SIZE, MAX_REDIRECTS } from '@codex/client';
import { CodexError, RequestTimeoutError } from '@codex/protocol';
import { createBedrockProvider } from '@codex/provider-bedrock';
import {
  bytesOf,
  loadTranscript,
  rejectionOf,
  startResponsesServer,
  startTestServer,
  zstdFrame,
} from '@codex/testkit';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { recordUnhandledRejections, runCell } from './support/run-cell.js';

const KEY = 'sk-issue13-key/0123456789+abcdefghij';
const AWS = {
  accessKeyId: 'AKIAISSUE13EXAMPLE01',
  secretAccessKey: 'issue13SecretKey/0123456789abcdefghijk',
  sessionToken: 'issue13-session-token-0123456789',
};

beforeAll(() => recordUnhandledRejections());
afterEach(() => {
  vi.restoreAllMocks();
});

function openai(baseUrl: string, extra: Parameters<typeof createOpenAIProvider>[0] = {}) {
  return createOpenAIProvider({
    apiKey: KEY,
    baseUrl,
    env: {},
    retry: { maxAttempts: 4, baseDelayMs: 1 },
    ...extra,
  });
}

async function drain(client: ModelClient, signal?: AbortSignal): Promise<string[]> {
  const types: string[] = [];
  const stream = await client.stream({ model: 'gpt-test', input: [] }, { signal });
  for await (const event of stream) types.push(event.type);
  return types;
}

describe('1. cross-origin redirects never carry credentials; a POST never becomes a GET', () => {
  it.each([301, 302, 303, 307, 308])(
    'a %i to another host: refused, nothing reaches it, its SSE is never taken as the turn',
    async (status) => {
      await using server = await startResponsesServer();
      await using other = await startTestServer();
      other.route('*', '/steal', {
        headers: { 'content-type': 'text/event-stream' },
        body: 'data: {"type":"response.completed","response":{"id":"stolen"}}\n\n',
      });
      server.responses.respondWith({ status, headers: { location: `${other.url}/steal` } });
      const provider = openai(server.baseUrl, {
        organization: 'org-issue13',
        headers: { 'api-key': 'azure-issue13-key', 'x-api-key': 'x-issue13-key', 'x-custom': 'c' },
      });
      const error = await rejectionOf(drain(new ModelClient({ provider })));
      expect(CodexError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain(`to another origin (${other.url})`);
      expect(other.requests).toHaveLength(0);
      expect(server.requests).toHaveLength(1);
    },
  );

  it('SigV4 headers (authorization, x-amz-date, x-amz-security-token) never leave the origin', async () => {
    await using server = await startResponsesServer({ basePath: '/openai/v1' });
    await using other = await startTestServer();
    server.responses.respondWith({ status: 307, headers: { location: `${other.url}/steal` } });
    const provider = createBedrockProvider({
      region: 'us-east-1',
      baseUrl: server.baseUrl,
      env: {},
      credentials: async () => AWS,
    });
    await rejectionOf(drain(new ModelClient({ provider })));
    expect(other.requests).toHaveLength(0);
    expect(server.requests[0]!.headers['x-amz-security-token']).toBe(AWS.sessionToken);
  });

  it.each([301, 302, 303])(
    'a same-origin %i of the POST is refused, not turned into a GET',
    async (status) => {
      await using server = await startResponsesServer();
      server.responses.respondWith({ status, headers: { location: `${server.basePath}/models` } });
      const error = await rejectionOf(drain(new ModelClient({ provider: openai(server.baseUrl) })));
      expect((error as Error).message).toMatch(/would turn the POST into a GET/);
      expect(server.requests.map((request) => request.method)).toEqual(['POST']);
    },
  );
});

describe('2. the auth phase has a deadline and honours abort', () => {
  const never = () => new Promise<never>(() => undefined);

  function slowProviders(baseUrl: string, authTimeoutMs: number): Record<string, ModelProvider> {
    return {
      'getToken()': defineModelProvider({
        id: 'slow-token',
        name: 'Slow token',
        resolve: async () => ({
          settings: createEndpointSettings({
            name: 'Slow',
            baseUrl,
            retry: { maxAttempts: 0 },
            authTimeoutMs,
          }),
          auth: createBearerAuth({ getToken: never }),
        }),
      }),
      'SigV4 credentials()': createBedrockProvider({
        region: 'us-east-1',
        baseUrl,
        env: {},
        retry: { maxAttempts: 0 },
        authTimeoutMs,
        credentials: never,
      }),
      'resolve()': defineModelProvider({ id: 'slow-resolve', name: 'Slow', resolve: never }),
    };
  }

  it.each(['getToken()', 'SigV4 credentials()', 'resolve()'])(
    '%s that never settles: the caller’s abort rejects with its reason at once',
    async (name) => {
      const controller = new AbortController();
      await runCell({
        signals: () => [controller.signal],
        run: async () => {
          await using server = await startResponsesServer();
          const provider = slowProviders(server.baseUrl, 60_000)[name]!;
          const pending = drain(new ModelClient({ provider }), controller.signal);
          setTimeout(() => controller.abort(new Error('user gave up')), 30);
          expect(await rejectionOf(pending)).toBe(controller.signal.reason);
          expect(server.requests).toHaveLength(0);
        },
      });
    },
  );

  it.each(['getToken()', 'SigV4 credentials()', 'resolve()'])(
    '%s that never settles: a timeout after its deadline, nothing sent',
    async (name) => {
      await runCell({
        signals: () => [],
        run: async () => {
          await using server = await startResponsesServer();
          const provider = slowProviders(server.baseUrl, 50)[name]!;
          const client = new ModelClient({ provider, resolveTimeoutMs: 50 });
          const error = await rejectionOf(drain(client));
          expect(RequestTimeoutError.isInstance(error)).toBe(true);
          expect(server.requests).toHaveLength(0);
        },
      });
    },
  );
});

describe('3. a same-origin 307/308 of a POST is followed with its body (one attempt)', () => {
  it.each([307, 308])('%i', async (status) => {
    await using server = await startResponsesServer();
    server.responses.enqueue({ status, headers: { location: `${server.basePath}/responses` } });
    const attempts: AttemptTelemetry[] = [];
    const types = await drain(
      new ModelClient({
        provider: openai(server.baseUrl),
        onAttempt: (entry) => attempts.push(entry),
      }),
    );
    expect(types.at(-1)).toBe('completed');
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.text()).toBe(server.requests[0]!.text());
    expect(server.requests[1]!.body.byteLength).toBeGreaterThan(0);
    expect(attempts).toHaveLength(1);
  });
});

describe('4. util.inspect does not defeat the redaction', () => {
  it('a failing custom fetch that quotes the token: console.log of the error, its cause and the telemetry', async () => {
    const fetch: FetchFunction = async (_input, init) => {
      const authorization = new Headers(init?.headers).get('authorization');
      throw new TypeError('fetch failed', { cause: new Error(`socket closed: ${authorization}`) });
    };
    const attempts: AttemptTelemetry[] = [];
    const client = new ModelClient({
      provider: openai('http://127.0.0.1:9/v1', {
        fetch,
        retry: { maxAttempts: 1, baseDelayMs: 1 },
      }),
      onAttempt: (entry) => attempts.push(entry),
    });
    const error = (await rejectionOf(drain(client))) as Error;
    const printed = [
      inspect(error),
      inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
      inspect(error.cause, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
      inspect((error.cause as Error).cause, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
      inspect(attempts, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    ];
    expect(attempts).toHaveLength(2);
    for (const text of printed) expect(text).not.toContain(KEY);
  });
});

describe('5. auth and resolve failures carry no secret the library holds', () => {
  it('a token source that fails quoting the token it gave before', async () => {
    await using server = await startResponsesServer();
    let calls = 0;
    const provider = defineModelProvider({
      id: 'rotating',
      name: 'Rotating',
      resolve: async () => ({
        settings: createEndpointSettings({
          name: 'R',
          baseUrl: server.baseUrl,
          retry: { maxAttempts: 0 },
        }),
        auth: createBearerAuth({
          getToken: () => {
            calls++;
            if (calls === 1) return KEY;
            throw new Error(`refresh of ${KEY} rejected`);
          },
        }),
      }),
    });
    const client = new ModelClient({ provider });
    await drain(client);
    const error = await rejectionOf(drain(client));
    expect(inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true })).not.toContain(
      KEY,
    );
    expect(JSON.stringify(error)).not.toContain(KEY);
  });

  it('a resolve() that fails quoting the key the previous resolution sent', async () => {
    await using server = await startResponsesServer();
    const base = openai(server.baseUrl);
    let calls = 0;
    const provider = defineModelProvider({
      ...base,
      resolve: async (options) => {
        calls++;
        if (calls === 2) throw new Error(`vault refused ${KEY}`);
        return base.resolve(options);
      },
    });
    const client = new ModelClient({ provider });
    await drain(client);
    const error = await rejectionOf(drain(client));
    expect((error as Error).message).toContain('vault refused [REDACTED]');
    expect(inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true })).not.toContain(
      KEY,
    );
  });

  it('a user’s own error about a value the library never saw stays the user’s, as cause', async () => {
    const own = new Error('my own unrelated-value-123456');
    const provider = defineModelProvider({
      id: 'own',
      name: 'Own',
      resolve: () => Promise.reject(own),
    });
    const error = (await rejectionOf(drain(new ModelClient({ provider })))) as Error;
    let cause: unknown = error;
    while (cause instanceof Error && cause !== own) cause = cause.cause;
    expect(cause).toBe(own);
  });
});

describe('6. SigV4 credentials are removed by value, not by shape', () => {
  it('a 39-character secret, JSON-escaped or percent-encoded, quoted by the credential provider', async () => {
    const secret = 'k7MDENG/bPxRfiCY+issue13+39characters12';
    expect(secret).toHaveLength(39);
    await using server = await startResponsesServer({ basePath: '/openai/v1' });
    let calls = 0;
    const provider = createBedrockProvider({
      region: 'us-east-1',
      baseUrl: server.baseUrl,
      env: {},
      retry: { maxAttempts: 0 },
      credentials: async () => {
        calls++;
        if (calls === 1) return { accessKeyId: 'AKIAISSUE13', secretAccessKey: secret };
        throw new Error(
          `sso said {"key":"${secret.replaceAll('/', '\\/')}"} and ${encodeURIComponent(secret)} and ${secret}`,
        );
      },
    });
    const client = new ModelClient({ provider });
    await drain(client);
    const error = await rejectionOf(drain(client));
    const printed = [
      (error as Error).message,
      JSON.stringify(error),
      inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    ].join('\n');
    for (const shape of [secret, secret.replaceAll('/', '\\/'), encodeURIComponent(secret)]) {
      expect(printed).not.toContain(shape);
    }
  });
});

describe('7. a line the runtime cannot hold is a stream error; timers and body are released at once', () => {
  it('a RangeError from decoding becomes the stream error, the body is cancelled, no timer stays', async () => {
    const controller = new AbortController();
    await runCell({
      signals: () => [controller.signal],
      run: async () => {
        const original = TextDecoder.prototype.decode;
        const marker = bytesOf('data: HUGE');
        const isMarker = (input: unknown): boolean =>
          input instanceof Uint8Array &&
          input.byteLength >= marker.byteLength &&
          marker.every((byte, index) => input[index] === byte);
        // What a line longer than the runtime's string limit does, without allocating one.
        vi.spyOn(TextDecoder.prototype, 'decode').mockImplementation(function (
          this: InstanceType<typeof TextDecoder>,
          ...args: Parameters<InstanceType<typeof TextDecoder>['decode']>
        ) {
          if (isMarker(args[0])) throw new RangeError('Invalid string length');
          return original.apply(this, args);
        });
        let cancelled = false;
        const fetch: FetchFunction = async () => {
          let sent = 0;
          const body = new ReadableStream<Uint8Array>({
            pull(stream) {
              sent++;
              stream.enqueue(
                bytesOf(
                  sent === 1 ? 'data: {"type":"response.created","response":{}}\n\n' : 'data: HUGE',
                ),
              );
              // Then silent: only the error may end the stream.
              if (sent > 2) return new Promise<void>(() => undefined);
              return undefined;
            },
            cancel() {
              cancelled = true;
            },
          });
          return new Response(body, {
            status: 200,
            headers: { 'content-type': 'text/event-stream' },
          });
        };
        const client = new ModelClient({
          provider: openai('http://127.0.0.1:9/v1', { fetch, streamIdleTimeoutMs: 60_000 }),
        });
        const error = await rejectionOf(drain(client, controller.signal));
        vi.restoreAllMocks();
        expect((error as Error).message).toMatch(/event larger than this runtime can hold/);
        expect(cancelled).toBe(true);
      },
    });
  });
});

describe('8. one event has a size limit (64 Mi characters by default)', () => {
  it('an endless event fails naming the limit, and reading stops there', async () => {
    await runCell({
      signals: () => [],
      run: async () => {
        await using server = await startResponsesServer();
        let produced = 0;
        const piece = 'x'.repeat(1024 * 1024);
        server.responses.respondWith(() => ({
          headers: { 'content-type': 'text/event-stream' },
          body: (function* endless() {
            yield { data: 'data: {"type":"response.output_text.delta","delta":"' };
            for (;;) {
              produced += piece.length;
              yield { data: piece };
            }
          })(),
        }));
        const error = await rejectionOf(
          drain(new ModelClient({ provider: openai(server.baseUrl) })),
        );
        expect((error as Error).message).toContain(
          `event larger than the limit of ${DEFAULT_MAX_EVENT_SIZE} characters`,
        );
        expect(await server.requests[0]!.outcome).toBe('client-disconnected');
        // The limit plus what socket buffers hold, not the endless event.
        expect(produced).toBeLessThan(DEFAULT_MAX_EVENT_SIZE + 64 * 1024 * 1024);
      },
    });
  });
});

describe('9. a decode error quotes a short excerpt, not the whole body', () => {
  it('a 50 MB /models body that is not JSON gives a message of about a thousand characters', async () => {
    await using server = await startResponsesServer();
    const body = `{"models": ${'x'.repeat(50 * 1024 * 1024)}`;
    server.models.respondWith({ headers: { 'content-type': 'application/json' }, body });
    const error = await rejectionOf(
      new ModelClient({ provider: openai(server.baseUrl) }).listModels('1'),
    );
    const message = (error as Error).message;
    expect(message).toContain('failed to decode models response: ');
    expect(message).toContain(`(${body.length} characters in all)`);
    expect(message.length).toBeLessThan(1_200);
    expect(JSON.stringify(error).length).toBeLessThan(4_000);
  });
});

describe('also observed', () => {
  it('a redirect loop costs one attempt of 1 + 3 hops, not 105 requests', async () => {
    await using server = await startResponsesServer();
    server.responses.respondWith({
      status: 307,
      headers: { location: `${server.basePath}/responses` },
    });
    const error = await rejectionOf(drain(new ModelClient({ provider: openai(server.baseUrl) })));
    expect((error as Error).message).toContain(`after ${MAX_REDIRECTS} redirects`);
    expect(server.requests).toHaveLength(MAX_REDIRECTS + 1);
  });

  it('a zstd-encoded body ends with an error that names the encoding (where fetch does not decode it)', async () => {
    await using server = await startResponsesServer();
    server.responses.respondWith({
      headers: { 'content-type': 'text/event-stream', 'content-encoding': 'zstd' },
      body: zstdFrame(new Uint8Array(loadTranscript('turn'))),
    });
    const outcome = await drain(new ModelClient({ provider: openai(server.baseUrl) })).then(
      (types) => types.at(-1),
      (error: unknown) => (error as Error).message,
    );
    // Node 24's fetch decodes zstd: the turn then completes.
    expect(outcome).toMatch(/^completed$|zstd-encoded \(content-encoding: zstd\)/);
    expect(outcome).not.toContain('stream closed before response.completed');
  });

  it('an overall deadline bounds a call against a server that never answers (defaults otherwise)', async () => {
    await using server = await startResponsesServer();
    server.responses.respondWith({ stallBeforeHeaders: true });
    const client = new ModelClient({
      provider: createOpenAIProvider({ apiKey: KEY, baseUrl: server.baseUrl, env: {} }),
    });
    const stream = client.stream({ model: 'gpt-test', input: [] }, { timeoutMs: 200 });
    expect(RequestTimeoutError.isInstance(await rejectionOf(stream))).toBe(true);
    expect(server.requests.length).toBeLessThanOrEqual(1);
  });
});
