// Header hygiene over real sockets: upstream reads a response header as `HeaderMap::get` +
// `to_str().ok()` — the first of repeated values, and a value that is not visible ASCII counts as
// absent. The test kit sends repeated header lines and raw Latin-1 bytes; `fetch` joins repeats
// with `, ` and decodes bytes above 0x7F as Latin-1. One test per reader.
import { createKyTransport } from '@codex/client';
import { RetryLimitError, UnexpectedStatusError, UsageLimitReachedError } from '@codex/protocol';
import {
  sseFrames as frame,
  type HeaderRecord,
  jsonResponse,
  sseResponse,
  startResponsesServer,
  startTestServer,
} from '@codex/testkit';
import { describe, expect, it } from 'vitest';
import {
  createEndpointSettings,
  createOpenAIProvider,
  ModelClient,
  ModelsClient,
  noAuth,
  parseAllRateLimits,
  ResponsesClient,
  TurnState,
} from '../src/index.js';
import { collectEvents } from './support/collect-events.js';

const completed = frame([{ type: 'response.completed', response: { id: 'resp1' } }]).join('');
// 'é' goes out as the single byte 0xE9 and comes back as U+00E9: not visible ASCII.
const NOT_ASCII = 'caf\u00e9';

async function streamWith(headers: HeaderRecord, turnState?: TurnState) {
  const server = await startTestServer();
  server.route('POST', '/v1/responses', sseResponse(completed, { headers }));
  const client = new ResponsesClient({
    settings: createEndpointSettings({
      name: 'openai',
      baseUrl: `${server.url}/v1`,
      retry: { maxAttempts: 0 },
      streamIdleTimeoutMs: 10_000,
    }),
    auth: noAuth,
    transport: createKyTransport(),
  });
  const stream = await client.stream({}, turnState === undefined ? {} : { turnState });
  const { events, error } = await collectEvents(stream);
  await server.close();
  expect(error).toBeUndefined();
  return { stream, events };
}

describe('header hygiene: the first value, visible ASCII only', () => {
  it('serverModel (openai-model)', async () => {
    const repeated = await streamWith({ 'openai-model': ['gpt-a', 'gpt-b'] });
    expect(repeated.events.filter((event) => event.type === 'serverModel')).toEqual([
      { type: 'serverModel', model: 'gpt-a' },
    ]);
    const foreign = await streamWith({ 'openai-model': NOT_ASCII });
    expect(foreign.events.some((event) => event.type === 'serverModel')).toBe(false);
  });

  it('modelsEtag (x-models-etag), untrimmed', async () => {
    const repeated = await streamWith({ 'x-models-etag': [' "e1"', '"e2"'] });
    expect(repeated.events.filter((event) => event.type === 'modelsEtag')).toEqual([
      { type: 'modelsEtag', etag: '"e1"' },
    ]);
    const foreign = await streamWith({ 'x-models-etag': `"${NOT_ASCII}"` });
    expect(foreign.events.some((event) => event.type === 'modelsEtag')).toBe(false);
  });

  it("the stream's upstream request id (x-request-id)", async () => {
    expect(
      (await streamWith({ 'x-request-id': ['req-a', 'req-b'] })).stream.upstreamRequestId,
    ).toBe('req-a');
    expect((await streamWith({ 'x-request-id': NOT_ASCII })).stream.upstreamRequestId).toBe(
      undefined,
    );
  });

  it('x-reasoning-included is presence only: any value counts, as upstream checks existence', async () => {
    for (const value of ['false', NOT_ASCII, ['a', 'b']]) {
      const { events } = await streamWith({ 'x-reasoning-included': value });
      expect(events.filter((event) => event.type === 'serverReasoningIncluded')).toEqual([
        { type: 'serverReasoningIncluded', included: true },
      ]);
    }
  });

  it('x-codex-turn-state', async () => {
    const first = new TurnState();
    await streamWith({ 'x-codex-turn-state': ['ts-1', 'ts-2'] }, first);
    expect(first.value).toBe('ts-1');
    const foreign = new TurnState();
    await streamWith({ 'x-codex-turn-state': NOT_ASCII }, foreign);
    expect(foreign.value).toBeUndefined();
  });

  it('every rate-limit header of a stream (windows, credits, limit names)', async () => {
    const { events } = await streamWith({
      'x-codex-primary-used-percent': ['50', '60'],
      'x-codex-primary-window-minutes': ['300', '60'],
      'x-codex-primary-reset-at': ['1700000000', '1'],
      'x-codex-secondary-used-percent': NOT_ASCII,
      'x-codex-credits-has-credits': ['true', 'false'],
      'x-codex-credits-unlimited': ['0', '1'],
      'x-codex-credits-balance': [' 12.50 ', '3'],
      'x-codex-limit-name': ['gpt-a', 'gpt-b'],
      'x-codex-other-primary-used-percent': '80',
      'x-codex-other-limit-name': NOT_ASCII,
    });
    expect(events.filter((event) => event.type === 'rateLimits')).toEqual([
      {
        type: 'rateLimits',
        snapshot: {
          limitId: 'codex',
          limitName: 'gpt-a',
          primary: { usedPercent: 50, windowMinutes: 300, resetsAt: 1_700_000_000 },
          credits: { hasCredits: true, unlimited: false, balance: '12.50' },
        },
      },
      {
        type: 'rateLimits',
        snapshot: {
          limitId: 'codex_other',
          primary: { usedPercent: 80 },
          credits: { hasCredits: true, unlimited: false, balance: '12.50' },
        },
      },
    ]);
  });

  it('the promo message is free text: read whole, trimmed, not split at ", "', async () => {
    await using server = await startResponsesServer();
    server.models.enqueue({
      status: 429,
      body: '{"error":{"type":"usage_limit_reached"}}',
      headers: { 'x-codex-promo-message': '  Upgrade now, get more  ' },
    });
    const error = await new ModelClient({
      provider: createOpenAIProvider({
        apiKey: 'sk-fake',
        baseUrl: server.baseUrl,
        retry: { maxAttempts: 0 },
      }),
    })
      .listModels('1')
      .catch((caught: unknown) => caught);
    expect(UsageLimitReachedError.isInstance(error)).toBe(true);
    expect((error as UsageLimitReachedError).promoMessage).toBe('Upgrade now, get more');
  });

  it('the models ETag', async () => {
    await using server = await startResponsesServer({ modelsEtag: null });
    const client = new ModelsClient({
      settings: createEndpointSettings({ name: 'openai', baseUrl: server.baseUrl }),
      auth: noAuth,
      transport: createKyTransport(),
    });
    server.models.enqueue(jsonResponse({ models: [] }, { headers: { etag: ['"a"', '"b"'] } }));
    expect((await client.listModels('1')).etag).toBe('"a"');
    server.models.enqueue(jsonResponse({ models: [] }, { headers: { etag: `"${NOT_ASCII}"` } }));
    expect((await client.listModels('1')).etag).toBeUndefined();
  });

  it('the usage-limit name and the active limit of a 429', async () => {
    await using server = await startResponsesServer();
    const client = new ModelClient({
      provider: createOpenAIProvider({
        apiKey: 'sk-fake',
        baseUrl: server.baseUrl,
        retry: { maxAttempts: 0 },
      }),
    });
    server.models.enqueue({
      status: 429,
      body: '{"error":{"type":"usage_limit_reached","plan_type":"pro"}}',
      headers: {
        'x-codex-active-limit': ['codex_other', 'codex'],
        'x-codex-other-limit-name': ['GPT Other', 'GPT Else'],
        'x-codex-other-primary-used-percent': ['100', '1'],
      },
    });
    const error = (await client.listModels('1').catch((caught: unknown) => caught)) as
      | UsageLimitReachedError
      | undefined;
    expect(UsageLimitReachedError.isInstance(error)).toBe(true);
    expect(error?.rateLimits).toMatchObject({
      limitId: 'codex_other',
      limitName: 'GPT Other',
      primary: { usedPercent: 100 },
    });
    expect(error?.message).toContain("You've hit your usage limit for GPT Other.");

    server.models.enqueue({
      status: 429,
      body: '{"error":{"type":"usage_limit_reached"}}',
      headers: { 'x-codex-active-limit': NOT_ASCII, 'x-codex-other-limit-name': 'GPT Other' },
    });
    const fallback = (await client.listModels('1').catch((caught: unknown) => caught)) as
      | UsageLimitReachedError
      | undefined;
    expect(fallback?.rateLimits?.limitId).toBe('codex');
  });

  it('the error bridge: request id, cf-ray, auth error and x-error-json', async () => {
    await using server = await startResponsesServer();
    const client = new ModelClient({
      provider: createOpenAIProvider({
        apiKey: 'sk-fake',
        baseUrl: server.baseUrl,
        retry: { maxAttempts: 0 },
      }),
    });
    server.models.enqueue({
      status: 401,
      body: '{"detail":"Unauthorized"}',
      headers: {
        'x-request-id': ['req-a', 'req-b'],
        'cf-ray': ['ray-a', 'ray-b'],
        'x-openai-authorization-error': ['missing_authorization_header', 'other'],
        'x-error-json': [btoa('{"error":{"code":"token_expired"}}'), btoa('{}')],
      },
    });
    const error = (await client.listModels('1').catch((caught: unknown) => caught)) as Error;
    expect(UnexpectedStatusError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      `unexpected status 401 Unauthorized: {"detail":"Unauthorized"}, url: ${server.baseUrl}/models?client_version=1, cf-ray: ray-a, request id: req-a, auth error: missing_authorization_header, auth error code: token_expired`,
    );
    server.models.enqueue({
      status: 429,
      body: 'slow down',
      headers: { 'x-request-id': NOT_ASCII, 'x-oai-request-id': ['oai-a', 'oai-b'] },
    });
    const retryLimit = await client.listModels('1').catch((caught: unknown) => caught);
    expect(RetryLimitError.isInstance(retryLimit)).toBe(true);
    expect((retryLimit as RetryLimitError).requestId).toBe('oai-a');
  });

  it('a plain record is read as single values (the WebSocket error headers are JSON)', () => {
    expect(
      parseAllRateLimits({
        'X-Codex-Primary-Used-Percent': '50, 60',
        'x-codex-limit-name': NOT_ASCII,
      }),
    ).toEqual([{ limitId: 'codex' }]);
    expect(parseAllRateLimits({ 'X-Codex-Primary-Used-Percent': '50' })).toEqual([
      { limitId: 'codex', primary: { usedPercent: 50 } },
    ]);
  });
});
