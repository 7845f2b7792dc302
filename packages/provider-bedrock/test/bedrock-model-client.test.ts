// End to end: ModelClient of @codex/api with the Bedrock provider against a real loopback server
// (the test kit) whose endpoints live under /openai/v1, as Mantle's do.
import { createOpenAIProvider, ModelClient } from '@codex/api';
import { FatalError, type ResponseItem, UnexpectedStatusError } from '@codex/protocol';
import { type ResponsesServer, rejectionOf, startResponsesServer } from '@codex/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AwsCredentials } from '../src/aws-credentials.js';
import {
  createBedrockProvider,
  createBedrockProviderWithInternals,
} from '../src/create-bedrock-provider.js';
import { verifySigV4 } from './support/sigv4-reference.js';

const G =
  'Amazon Bedrock rejected the request because its AWS signature has expired. Refresh your AWS credentials and retry. If `AWS_BEARER_TOKEN_BEDROCK` is set, update or unset it, then restart Codex';
const EXPIRED = 'Signature expired: 20260609T133205Z is now earlier than 20260614T062525Z';
const EXAMPLE: AwsCredentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'example-session-token',
};

const INPUT: ResponseItem[] = [
  {
    type: 'message',
    role: 'user',
    content: [{ type: 'input_text', text: 'hello' }],
    internal_chat_message_metadata_passthrough: { turn_id: 'turn-1' },
  },
];

let server: ResponsesServer;
beforeEach(async () => {
  server = await startResponsesServer({ basePath: '/openai/v1' });
});
afterEach(async () => {
  await server.close();
});

const fastRetry = { maxAttempts: 4, baseDelayMs: 1 };

function bearerProvider(settings: Parameters<typeof createBedrockProvider>[0] = {}) {
  return createBedrockProvider({
    apiKey: 'bedrock-api-key',
    region: 'us-east-2',
    baseUrl: server.baseUrl,
    env: {},
    retry: fastRetry,
    ...settings,
  });
}

async function drain(client: ModelClient, conversationId?: string): Promise<string[]> {
  const stream = await client.stream(
    { model: 'openai.gpt-5.4', input: INPUT },
    conversationId === undefined ? {} : { conversationId },
  );
  const types: string[] = [];
  for await (const event of stream) types.push(event.type);
  return types;
}

describe('bearer auth through ModelClient', () => {
  it('streams a turn with the Bedrock headers, uncompressed, without metadata passthrough', async () => {
    const types = await drain(new ModelClient({ provider: bearerProvider() }));
    expect(types.at(-1)).toBe('completed');
    const [request] = server.responses.requests;
    expect(request?.path).toBe('/openai/v1/responses');
    expect(request?.headers.authorization).toBe('Bearer bedrock-api-key');
    expect(request?.headers['x-amzn-mantle-client-agent']).toBe('codex');
    expect(request?.headers['content-encoding']).toBeUndefined();
    const body = request?.json<{ input: Record<string, unknown>[] }>();
    expect(body?.input[0]?.type).toBe('message');
    expect(body?.input[0]).not.toHaveProperty('internal_chat_message_metadata_passthrough');
    expect(request?.text()).not.toContain('internal_chat_message_metadata_passthrough');
  });

  it('the OpenAI provider, by contrast, keeps the metadata passthrough (the flag matters)', async () => {
    const openai = createOpenAIProvider({ apiKey: 'sk-test', baseUrl: server.baseUrl, env: {} });
    await drain(new ModelClient({ provider: openai }));
    expect(server.responses.requests[0]?.text()).toContain(
      'internal_chat_message_metadata_passthrough',
    );
  });

  it('does not compress even when asked (§C.5)', async () => {
    const client = new ModelClient({ provider: bearerProvider() });
    const stream = await client.stream({ model: 'm', input: INPUT }, { compression: 'zstd' });
    for await (const _event of stream) {
      // drain
    }
    const [request] = server.responses.requests;
    expect(request?.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(request?.text() ?? '')).toMatchObject({ model: 'm' });
  });

  it('46/68: an expired signature surfaces the guidance, then url and request id', async () => {
    server.responses.enqueue({
      status: 401,
      headers: { 'x-request-id': 'req-bedrock' },
      body: EXPIRED,
    });
    const error = await rejectionOf(
      new ModelClient({ provider: bearerProvider() }).stream({ model: 'm', input: INPUT }),
      Error,
    );
    expect(UnexpectedStatusError.isInstance(error)).toBe(true);
    expect(error.message.startsWith(G)).toBe(true);
    expect(error.message).toBe(`${G}, url: ${server.baseUrl}/responses, request id: req-bedrock`);
    expect((error as UnexpectedStatusError).userMessage).toBe(G);
    // 401 is never retried by the transport.
    expect(server.responses.requests).toHaveLength(1);
  });

  it('49: the same server behind the OpenAI provider yields the generic message', async () => {
    server.responses.enqueue({
      status: 401,
      headers: { 'x-request-id': 'req-bedrock' },
      body: EXPIRED,
    });
    const openai = createOpenAIProvider({ apiKey: 'sk-test', baseUrl: server.baseUrl, env: {} });
    const error = await rejectionOf(
      new ModelClient({ provider: openai }).stream({ model: 'm', input: INPUT }),
      Error,
    );
    expect(UnexpectedStatusError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      `unexpected status 401 Unauthorized: ${EXPIRED}, url: ${server.baseUrl}/responses, request id: req-bedrock`,
    );
  });

  it('47: another 401 stays generic through the Bedrock provider', async () => {
    server.responses.enqueue({
      status: 401,
      headers: { 'x-request-id': 'req-bedrock' },
      body: 'The security token included in the request is invalid',
    });
    const error = await rejectionOf(
      new ModelClient({ provider: bearerProvider() }).stream({ model: 'm', input: INPUT }),
      Error,
    );
    expect(error.message).toBe(
      `unexpected status 401 Unauthorized: The security token included in the request is invalid, url: ${server.baseUrl}/responses, request id: req-bedrock`,
    );
  });

  it('§C.7: compact failures are routed through the Bedrock mapping too', async () => {
    server.compact.enqueue({
      status: 401,
      headers: { 'x-request-id': 'req-compact' },
      body: EXPIRED,
    });
    const client = new ModelClient({ provider: bearerProvider() });
    const compact = await rejectionOf(
      client.compact({ model: 'm', input: INPUT, tools: [], parallelToolCalls: false }),
      Error,
    );
    expect(compact.message).toBe(
      `${G}, url: ${server.baseUrl}/responses/compact, request id: req-compact`,
    );
  });

  it('a region error from resolve() reaches the caller as it is, before any request', async () => {
    const provider = createBedrockProvider({ env: { AWS_BEARER_TOKEN_BEDROCK: 'token' } });
    const error = await rejectionOf(
      new ModelClient({ provider }).stream({ model: 'm', input: INPUT }),
      Error,
    );
    expect(FatalError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      'Fatal error: Amazon Bedrock bearer token auth requires `model_providers.amazon-bedrock.aws.region`, `AWS_REGION`, or `AWS_DEFAULT_REGION`',
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe('SigV4 through ModelClient', () => {
  function clock(start: string): () => Date {
    let tick = 0;
    // Each signature is one second later than the previous one.
    return () => new Date(Date.parse(start) + 1000 * tick++);
  }

  function sigV4Provider(
    options: { credentials?: () => Promise<AwsCredentials>; now?: () => Date } = {},
  ) {
    return createBedrockProviderWithInternals(
      {
        credentials: options.credentials ?? (async () => EXAMPLE),
        region: 'us-east-2',
        baseUrl: server.baseUrl,
        env: {},
        retry: fastRetry,
      },
      { now: options.now ?? clock('2026-06-14T06:25:25Z') },
    );
  }

  it('re-signs every attempt: 500 then 200 carry fresh, valid signatures over identical bytes', async () => {
    server.responses.enqueue({ status: 500, body: 'try again' });
    const types = await drain(new ModelClient({ provider: sigV4Provider() }), 'conversation-1');
    expect(types.at(-1)).toBe('completed');
    const requests = server.responses.requests;
    expect(requests).toHaveLength(2);
    const [first, second] = requests as [(typeof requests)[number], (typeof requests)[number]];
    for (const request of requests) {
      // Headers with `_` (session_id) are removed before signing; the rest is signed.
      expect(request.headers.session_id).toBeUndefined();
      expect(request.headers['x-client-request-id']).toBe('conversation-1');
      expect(request.headers['x-amz-security-token']).toBe('example-session-token');
      expect(request.headers['content-encoding']).toBeUndefined();
      const parsed = verifySigV4({
        exchange: {
          method: request.method,
          target: request.url,
          headers: request.headers,
          body: request.body,
        },
        credentials: EXAMPLE,
        region: 'us-east-2',
        service: 'bedrock-mantle',
      });
      expect(parsed.signedHeaders).toEqual(
        expect.arrayContaining([
          'content-type',
          'host',
          'x-amz-date',
          'x-amz-security-token',
          'x-amzn-mantle-client-agent',
          'x-client-request-id',
        ]),
      );
    }
    expect(Buffer.from(second.body).equals(Buffer.from(first.body))).toBe(true);
    expect(first.body.byteLength).toBeGreaterThan(0);
    expect(first.headers['x-amz-date']).toBe('20260614T062525Z');
    expect(second.headers['x-amz-date']).toBe('20260614T062526Z');
    expect(second.headers.authorization).not.toBe(first.headers.authorization);
  });

  it('with the real clock, each retry is still signed validly', async () => {
    server.responses.enqueue({ status: 503, body: 'busy' }, { status: 502, body: 'busy' });
    const provider = createBedrockProvider({
      credentials: async () => EXAMPLE,
      region: 'us-east-2',
      baseUrl: server.baseUrl,
      env: {},
      retry: fastRetry,
    });
    await drain(new ModelClient({ provider }));
    expect(server.responses.requests).toHaveLength(3);
    for (const request of server.responses.requests) {
      verifySigV4({
        exchange: {
          method: request.method,
          target: request.url,
          headers: request.headers,
          body: request.body,
        },
        credentials: EXAMPLE,
        region: 'us-east-2',
        service: 'bedrock-mantle',
      });
    }
  });

  it('an expired signature on a signed request gets the guidance', async () => {
    server.responses.enqueue({
      status: 401,
      headers: { 'x-request-id': 'req-sig' },
      body: EXPIRED,
    });
    const error = await rejectionOf(
      new ModelClient({ provider: sigV4Provider() }).stream({ model: 'm', input: INPUT }),
      Error,
    );
    expect(error.message).toBe(`${G}, url: ${server.baseUrl}/responses, request id: req-sig`);
  });

  it('a credential that cannot be loaded fails without sending and without retrying', async () => {
    let calls = 0;
    const provider = sigV4Provider({
      credentials: async () => {
        calls += 1;
        throw new Error('Could not load credentials from any providers');
      },
    });
    const error = await rejectionOf(
      new ModelClient({ provider }).stream({ model: 'm', input: INPUT }),
      Error,
    );
    expect(error.message).toContain(
      'Fatal error: failed to resolve Amazon Bedrock auth: failed to load AWS credentials: Could not load credentials from any providers',
    );
    expect(calls).toBe(1);
    expect(server.requests).toHaveLength(0);
  });

  it('a transient credential failure is retried like a network error', async () => {
    let calls = 0;
    const provider = sigV4Provider({
      credentials: async () => {
        calls += 1;
        if (calls < 3)
          throw Object.assign(new Error('provider timed out'), { name: 'TimeoutError' });
        return EXAMPLE;
      },
    });
    const types = await drain(new ModelClient({ provider }));
    expect(types.at(-1)).toBe('completed');
    expect(calls).toBe(3);
    expect(server.responses.requests).toHaveLength(1);
  });

  it('never puts the secret key or the signature in the error a user sees', async () => {
    server.responses.enqueue({ status: 401, body: EXPIRED });
    const error = await rejectionOf(
      new ModelClient({ provider: sigV4Provider() }).stream({ model: 'm', input: INPUT }),
      Error,
    );
    const authorization = server.responses.requests[0]?.headers.authorization ?? '';
    const signature = authorization.slice(authorization.indexOf('Signature=') + 10);
    expect(signature).toHaveLength(64);
    for (const view of [error.message, JSON.stringify(error), String(error.cause)]) {
      expect(view).not.toContain(EXAMPLE.secretAccessKey);
      expect(view).not.toContain(signature);
      expect(view).not.toContain('example-session-token');
    }
  });
});

describe('the model list and capabilities (§C.3, §C.4)', () => {
  it('listModels answers from the static catalog and never sends GET /models to Mantle', async () => {
    server.models.enqueue({ status: 401, body: EXPIRED }); // would fail, if it were asked
    const client = new ModelClient({ provider: bearerProvider() });
    const { models, etag } = await client.listModels('0.99.0');
    expect(models.map((model) => model.slug)).toEqual([
      'openai.gpt-5.4',
      'openai.gpt-oss-120b',
      'openai.gpt-oss-20b',
    ]);
    expect(models[0]).toMatchObject({
      display_name: 'gpt-5.4',
      default_reasoning_level: 'medium',
      context_window: 272_000,
      supported_in_api: true,
      priority: 0,
    });
    expect(etag).toBeUndefined();
    expect(server.requests).toHaveLength(0);
  });

  it('needs no credentials and no region: the catalog is static', async () => {
    const client = new ModelClient({ provider: createBedrockProvider({ env: {} }) });
    expect((await client.listModels('1')).models).toHaveLength(3);
    expect(server.requests).toHaveLength(0);
  });

  it('declares no image generation and no web search', () => {
    const client = new ModelClient({ provider: bearerProvider() });
    expect(client.capabilities).toEqual({
      namespaceTools: true,
      imageGeneration: false,
      webSearch: false,
    });
    // The OpenAI provider declares nothing: everything is supported.
    expect(new ModelClient({ provider: createOpenAIProvider({ env: {} }) }).capabilities).toEqual({
      namespaceTools: true,
      imageGeneration: true,
      webSearch: true,
    });
  });
});
