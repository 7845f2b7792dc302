import { EventEmitter } from 'node:events';
import { TransportError } from '@codex/client';
import type { ResponseItem } from '@codex/protocol';
import {
  connectionLimitFrame,
  loadTranscript,
  transcriptPayloads,
  type WebsocketTurnResponse,
  websocketTurn,
  wrappedErrorFrame,
} from '@codex/testkit';
import { describe, expect, it, vi } from 'vitest';
import { collectEvents } from '../../../test/support/collect-events.js';
import { processChunks } from '../../../test/support/process-chunks.js';
import {
  typesOf,
  WEBSOCKET_TEST_TOKEN,
  websocketFixture,
} from '../../../test/support/websocket-fixtures.js';
import { ApiError } from '../../errors/api-error.js';
import { createEndpointSettings } from '../../settings/endpoint-settings.js';
import { TurnState } from '../turn-state.js';
import { BROWSER_WEBSOCKET_MESSAGE, loadWebSocket, WS_MISSING_MESSAGE } from './load-websocket.js';
import { ResponsesWebsocketClient } from './responses-websocket-client.js';

const input: ResponseItem[] = [
  { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hello' }] },
];
const COMPLETED = { type: 'response.completed', response: { id: 'resp_ok' } };

function apiError(error: unknown): ApiError {
  expect(ApiError.isInstance(error), String(error)).toBe(true);
  return error as ApiError;
}

function httpError(error: unknown): TransportError {
  const { details } = apiError(error);
  if (details.kind !== 'transport')
    throw new Error(`expected a transport error, got ${details.kind}`);
  expect(details.transportError.kind).toBe('http');
  return details.transportError;
}

/** The events SSE gives for the first `count` events of the `turn` transcript. */
async function eventsOfFirstPayloads(count: number) {
  const payloads = transcriptPayloads(loadTranscript('turn')).slice(0, count);
  const { events } = await collectEvents(
    processChunks(payloads.map((data) => `data: ${data}\n\n`)),
  );
  expect(events.length).toBeGreaterThan(0);
  return events;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('ResponsesWebsocketClient: the handshake', () => {
  it('sends the headers in the upstream order (§8.8 case 98), OpenAI-Beta, conversation headers and auth last, offering permessage-deflate', async () => {
    await using fixture = await websocketFixture({
      headers: { originator: 'provider-originator', 'x-priority': 'provider' },
      queryParams: { 'api-version': '2025-04-01-preview' },
    });
    const connection = await fixture.client.connect({
      extraHeaders: { 'x-priority': 'extra', authorization: 'Bearer from-extra' },
      defaultHeaders: {
        originator: 'default-originator',
        'x-priority': 'default',
        'x-default-only': 'default-only',
      },
      conversationId: 'conv-1',
      sessionSource: { subAgent: 'review' },
    });
    const handshake = fixture.endpoint.handshakes[0]!;
    expect(handshake.url).toBe('/v1/responses?api-version=2025-04-01-preview');
    expect(handshake.headers).toMatchObject({
      originator: 'provider-originator',
      'x-priority': 'extra',
      'x-default-only': 'default-only',
      'openai-beta': 'responses_websockets=2026-02-06',
      'x-client-request-id': 'conv-1',
      session_id: 'conv-1',
      'x-openai-subagent': 'review',
      authorization: `Bearer ${WEBSOCKET_TEST_TOKEN}`,
    });
    expect(handshake.headers['sec-websocket-extensions']).toContain('permessage-deflate');
    expect(connection.url).toBe(
      `${fixture.server.url.replace('http', 'ws')}/v1/responses?api-version=2025-04-01-preview`,
    );
    connection.close();
  });

  it('reads the handshake answer: header events on every request, no header rate limits, turn state, request id', async () => {
    await using fixture = await websocketFixture({
      endpoint: {
        transcript: [COMPLETED],
        handshakeHeaders: {
          'openai-model': 'gpt-served',
          'x-models-etag': '"etag-1"',
          'x-reasoning-included': 'false',
          'x-codex-turn-state': 'ts-1',
          'x-request-id': 'req-ws-1',
          'x-codex-primary-used-percent': '50',
        },
      },
    });
    const turnState = new TurnState();
    const connection = await fixture.client.connect({ turnState });
    expect(turnState.value).toBe('ts-1');
    for (let turn = 0; turn < 2; turn++) {
      const stream = await connection.streamRequest({ model: 'm', input });
      const { events, error } = await collectEvents(stream);
      expect(error).toBeUndefined();
      expect(events).toEqual([
        { type: 'serverModel', model: 'gpt-served' },
        { type: 'modelsEtag', etag: '"etag-1"' },
        { type: 'serverReasoningIncluded', included: true },
        { type: 'completed', responseId: 'resp_ok' },
      ]);
      expect(stream.upstreamRequestId).toBe('req-ws-1');
    }
    // A turn state already held stays.
    const held = new TurnState('old');
    (await fixture.client.connect({ turnState: held })).close();
    expect(held.value).toBe('old');
    connection.close();
  });

  it('a refused handshake is an HTTP transport error with status, URL, headers and a body without the token', async () => {
    await using fixture = await websocketFixture();
    fixture.endpoint.enqueueHandshake({
      status: 401,
      headers: { 'x-request-id': 'req-401', 'x-error-echo': `Bearer ${WEBSOCKET_TEST_TOKEN}` },
      body: `{"error":"bad token ${WEBSOCKET_TEST_TOKEN}"}`,
    });
    const error = httpError(await rejection(fixture.client.connect()));
    expect(error.status).toBe(401);
    expect(error.url).toBe(`${fixture.server.url.replace('http', 'ws')}/v1/responses`);
    expect(error.headers?.get('x-request-id')).toBe('req-401');
    expect(error.body).toBe('{"error":"bad token [REDACTED]"}');
    expect(JSON.stringify(error)).not.toContain(WEBSOCKET_TEST_TOKEN);

    fixture.endpoint.enqueueHandshake({ status: 426, body: 'upgrade required' });
    const upgrade = httpError(await rejection(fixture.client.connect()));
    expect(upgrade.status).toBe(426);
    expect(upgrade.body).toBe('upgrade required');
  });

  it('a handshake that never answers is a timeout; an abort is the signal reason; a refused connection is a network error', async () => {
    await using fixture = await websocketFixture({ connectTimeoutMs: 200 });
    fixture.endpoint.enqueueHandshake({ stall: true });
    const timeout = apiError(await rejection(fixture.client.connect()));
    expect(timeout.details.kind === 'transport' && timeout.details.transportError.kind).toBe(
      'timeout',
    );

    fixture.endpoint.enqueueHandshake({ stall: true });
    const controller = new AbortController();
    const reason = new Error('stop');
    const pending = rejection(
      new ResponsesWebsocketClient({
        settings: fixture.client.settings,
        auth: { authenticate: (r) => r },
      }).connect({
        signal: controller.signal,
      }),
    );
    setTimeout(() => controller.abort(reason), 20);
    expect(await pending).toBe(reason);

    const closedPort = new ResponsesWebsocketClient({
      settings: createEndpointSettings({ name: 'x', baseUrl: 'http://127.0.0.1:1/v1' }),
      auth: { authenticate: (request) => request },
    });
    const network = apiError(await rejection(closedPort.connect()));
    expect(network.details.kind === 'transport' && network.details.transportError.kind).toBe(
      'network',
    );
  });

  it('auth failures are as over HTTP: a transport error thrown as it is, anything else a build error', async () => {
    await using fixture = await websocketFixture({
      auth: {
        authenticate: () => {
          throw new TransportError({ kind: 'network', detail: 'sts temporarily unavailable' });
        },
      },
    });
    const transient = apiError(await rejection(fixture.client.connect()));
    expect(transient.message).toBe('network error: sts temporarily unavailable');
    const broken = new ResponsesWebsocketClient({
      settings: fixture.client.settings,
      auth: {
        authenticate: () => {
          throw new Error('no credentials');
        },
      },
    });
    expect(apiError(await rejection(broken.connect())).message).toBe(
      'request build error: no credentials',
    );
    expect(fixture.endpoint.handshakes).toHaveLength(0);
  });
});

describe('ResponsesWebsocketClient: requests and answers', () => {
  it('gives the same events as SSE for the same transcript, and sends one response.create text frame', async () => {
    await using fixture = await websocketFixture();
    const connection = await fixture.client.connect();
    const stream = await connection.streamRequest(
      { model: 'gpt-test', input, clientMetadata: { 'x-codex-installation-id': 'inst-1' } },
      { traceContext: { traceparent: '00-abc-def-01' } },
    );
    const overWebsocket = await collectEvents(stream);
    const overSse = await collectEvents(processChunks([loadTranscript('turn')]));
    expect(overWebsocket.error).toBeUndefined();
    expect(overWebsocket.events).toEqual(overSse.events);
    expect(overWebsocket.events.at(-1)?.type).toBe('completed');
    expect(fixture.endpoint.requests).toHaveLength(1);
    expect(fixture.endpoint.requests[0]!.json()).toMatchObject({
      type: 'response.create',
      model: 'gpt-test',
      input: [{ type: 'message', role: 'user' }],
      stream: true,
      client_metadata: {
        'x-codex-installation-id': 'inst-1',
        ws_request_header_traceparent: '00-abc-def-01',
      },
    });
    connection.close();
  });

  it('reuses the connection after completed: previous_response_id and generate reach the server on the same socket', async () => {
    await using fixture = await websocketFixture({ endpoint: { transcript: [COMPLETED] } });
    const connection = await fixture.client.connect();
    const prewarm = await collectEvents(
      await connection.streamRequest({ model: 'm', input }, { generate: false }),
    );
    expect(typesOf(prewarm.events)).toEqual(['completed']);
    expect(connection.isClosed).toBe(false);
    const next = await collectEvents(
      await connection.streamRequest({ model: 'm', input: [] }, { previousResponseId: 'resp_ok' }),
    );
    expect(typesOf(next.events)).toEqual(['completed']);
    expect(fixture.endpoint.handshakes).toHaveLength(1);
    expect(fixture.endpoint.requests.map((request) => request.connection)).toEqual([0, 0]);
    expect(fixture.endpoint.requests[0]!.json()).toMatchObject({ generate: false });
    expect(fixture.endpoint.requests[1]!.json()).toMatchObject({
      previous_response_id: 'resp_ok',
      input: [],
    });
    expect(connection.requestCount).toBe(2);
    // The raw escape hatch sends a body as it is.
    const raw = await collectEvents(
      await connection.stream({ model: 'm', input: [], custom: true }),
    );
    expect(typesOf(raw.events)).toEqual(['completed']);
    expect(fixture.endpoint.requests[2]!.text).toBe(
      '{"type":"response.create","model":"m","input":[],"custom":true}',
    );
    connection.close();
  });

  it('a codex.rate_limits frame is a rateLimits event', async () => {
    await using fixture = await websocketFixture({
      endpoint: {
        transcript: [
          {
            type: 'codex.rate_limits',
            plan_type: 'plus',
            rate_limits: {
              primary: { used_percent: 42, window_minutes: 300, reset_at: 1700000000 },
            },
            metered_limit_name: 'Codex-Other',
          },
          { type: 'codex.rate_limits', rate_limits: 'not an object' },
          COMPLETED,
        ],
      },
    });
    const connection = await fixture.client.connect();
    const { events } = await collectEvents(await connection.streamRequest({ model: 'm', input }));
    expect(events).toEqual([
      {
        type: 'rateLimits',
        snapshot: {
          limitId: 'codex_other',
          primary: { usedPercent: 42, windowMinutes: 300, resetsAt: 1700000000 },
          planType: 'plus',
        },
      },
      { type: 'completed', responseId: 'resp_ok' },
    ]);
    connection.close();
  });

  it('answers a ping with a pong', async () => {
    await using fixture = await websocketFixture();
    fixture.endpoint.enqueue({ frames: [{ ping: true }, { json: COMPLETED }] });
    const connection = await fixture.client.connect();
    const { events } = await collectEvents(await connection.streamRequest({ model: 'm', input }));
    expect(typesOf(events)).toEqual(['completed']);
    await vi.waitFor(() => expect(fixture.endpoint.pongs).toBe(1), { timeout: 5000 });
    connection.close();
  });
});

describe('ResponsesWebsocketClient: every outcome of §4.8 ends the stream at once, and drops the connection', () => {
  async function outcome(turn: WebsocketTurnResponse, idleTimeoutMs = 60_000) {
    const fixture = await websocketFixture({ streamIdleTimeoutMs: idleTimeoutMs });
    fixture.endpoint.enqueue(turn);
    const connection = await fixture.client.connect();
    const result = await collectEvents(await connection.streamRequest({ model: 'm', input }));
    await vi.waitFor(() => expect(fixture.endpoint.openConnections).toBe(0), { timeout: 5000 });
    expect(connection.isClosed).toBe(true);
    // The next request on that connection fails at once.
    const next = await collectEvents(await connection.streamRequest({ model: 'm', input }));
    expect(apiError(next.error).message).toBe('stream error: websocket connection is closed');
    await fixture[Symbol.asyncDispose]();
    return result;
  }

  it('wrapped 429 → the HTTP 429 path', async () => {
    const { events, error } = await outcome({
      frames: [
        { json: { type: 'response.created', response: {} } },
        wrappedErrorFrame({
          status: 429,
          error: { type: 'usage_limit_reached', message: 'The usage limit has been reached' },
          headers: { 'x-codex-primary-used-percent': '100.0' },
        }),
        { stall: true },
      ],
    });
    expect(typesOf(events)).toEqual(['created']);
    const http = httpError(error);
    expect(http.status).toBe(429);
    expect(http.headers?.get('x-codex-primary-used-percent')).toBe('100.0');
  });

  it('connection limit → retryable', async () => {
    const { error } = await outcome({ frames: [connectionLimitFrame(), { stall: true }] });
    expect(apiError(error).details).toEqual({
      kind: 'retryable',
      message:
        'Responses websocket connection limit reached (60 minutes). Create a new websocket connection to continue.',
    });
  });

  it('response.failed → its error at once (not deferred as over SSE: a later completed does not win)', async () => {
    const { error } = await outcome({
      frames: [
        {
          json: {
            type: 'response.failed',
            response: { error: { code: 'context_length_exceeded', message: 'too long' } },
          },
        },
        { json: COMPLETED },
      ],
    });
    expect(apiError(error).details.kind).toBe('contextWindowExceeded');
  });

  it('events of the failing frame come first (serverModel from response.headers)', async () => {
    const { events, error } = await outcome({
      frames: [
        {
          json: {
            type: 'response.incomplete',
            response: {
              headers: { 'openai-model': 'm2' },
              incomplete_details: { reason: 'max_output_tokens' },
            },
          },
        },
        { stall: true },
      ],
    });
    expect(events).toEqual([{ type: 'serverModel', model: 'm2' }]);
    expect(apiError(error).message).toBe(
      'stream error: Incomplete response returned, reason: max_output_tokens',
    );
  });

  it('binary frame', async () => {
    const { events, error } = await outcome(
      websocketTurn(loadTranscript('turn'), { binaryAfterEvents: 3 }),
    );
    expect(events).toEqual(await eventsOfFirstPayloads(3));
    expect(apiError(error).message).toBe('stream error: unexpected binary websocket event');
  });

  it('close frame mid-turn', async () => {
    const { events, error } = await outcome(
      websocketTurn(loadTranscript('turn'), { closeAfterEvents: 2 }),
    );
    expect(events).toEqual(await eventsOfFirstPayloads(2));
    expect(apiError(error).message).toBe(
      'stream error: websocket closed by server before response.completed',
    );
  });

  it('connection lost without a close frame', async () => {
    const { error } = await outcome(websocketTurn(loadTranscript('turn'), { dropAfterEvents: 2 }));
    expect(apiError(error).message).toBe('stream error: stream closed before response.completed');
  });

  it('idle timeout', async () => {
    const { error } = await outcome({ frames: [{ stall: true }] }, 200);
    expect(apiError(error).message).toBe('stream error: idle timeout waiting for websocket');
  });

  it('leaving the loop early closes the connection', async () => {
    await using fixture = await websocketFixture();
    const connection = await fixture.client.connect();
    const stream = await connection.streamRequest({ model: 'm', input });
    for await (const _event of stream) break;
    expect(connection.isClosed).toBe(true);
    await vi.waitFor(() => expect(fixture.endpoint.openConnections).toBe(0), { timeout: 5000 });
  });

  it('a second request while one is read is refused', async () => {
    await using fixture = await websocketFixture();
    const connection = await fixture.client.connect();
    const first = await connection.streamRequest({ model: 'm', input });
    expect(apiError(await rejection(connection.streamRequest({ model: 'm', input }))).message).toBe(
      'stream error: websocket connection is busy: another request is still being read',
    );
    await first.cancel();
  });
});

describe('ResponsesWebsocketClient: a send that fails', () => {
  it('is the stream error `failed to send websocket request: …`', async () => {
    class FailingSocket extends EventEmitter {
      readyState = 0;
      constructor() {
        super();
        queueMicrotask(() => {
          this.emit('upgrade', { statusCode: 101, headers: { 'openai-model': 'fake' } });
          this.readyState = 1;
          this.emit('open');
        });
      }
      send(_data: string, callback: (error?: Error) => void): void {
        queueMicrotask(() => callback(new Error('socket hang up')));
      }
      close(): void {
        this.readyState = 3;
      }
      terminate(): void {
        this.readyState = 3;
      }
    }
    const client = new ResponsesWebsocketClient({
      settings: createEndpointSettings({ name: 'x', baseUrl: 'https://example.invalid/v1' }),
      auth: { authenticate: (request) => request },
      webSocket: FailingSocket as never,
    });
    const connection = await client.connect();
    const { events, error } = await collectEvents(
      await connection.streamRequest({ model: 'm', input }),
    );
    expect(events).toEqual([{ type: 'serverModel', model: 'fake' }]);
    expect(apiError(error).message).toBe(
      'stream error: failed to send websocket request: socket hang up',
    );
  });
});

describe('loading ws', () => {
  it('names `npm install ws` when the package is missing', async () => {
    const missing = Object.assign(new Error("Cannot find package 'ws'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    const error = await rejection(loadWebSocket({ importer: () => Promise.reject(missing) }));
    expect(TransportError.isInstance(error) && error.kind).toBe('build');
    expect((error as Error).message).toBe(`request build error: ${WS_MISSING_MESSAGE}`);
    expect(WS_MISSING_MESSAGE).toContain('npm install ws');
  });

  it('refuses a browser, whose WebSocket cannot send handshake headers', async () => {
    const error = await rejection(loadWebSocket({ isBrowser: true }));
    expect((error as Error).message).toBe(`request build error: ${BROWSER_WEBSOCKET_MESSAGE}`);
  });

  it('accepts the ESM and CommonJS shapes of ws', async () => {
    const { WebSocket } = await import('ws');
    expect(await loadWebSocket({ importer: async () => ({ WebSocket }) })).toBe(WebSocket);
    expect(await loadWebSocket({ importer: async () => ({ default: WebSocket }) })).toBe(WebSocket);
    expect(await loadWebSocket({ importer: async () => WebSocket })).toBe(WebSocket);
    const wrong = await rejection(loadWebSocket({ importer: async () => ({}) }));
    expect((wrong as Error).message).toContain('does not export a WebSocket class');
  });
});
