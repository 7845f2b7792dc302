// Realtime call creation (codex-api.md §6.5, cases §8.9 #103), end to end over the test kit.
import { createKyTransport } from '@codex/client';
import { type CodexError, UnexpectedStatusError } from '@codex/protocol';
import {
  type HeaderRecord,
  type ResponseScript,
  rejectionOf,
  startTestServer,
} from '@codex/testkit';
import { describe, expect, it } from 'vitest';
import {
  type ApiError,
  createBearerAuth,
  createEndpointSettings,
  createOpenAIProvider,
  defaultMapApiError,
  defineModelProvider,
  ModelClient,
  RealtimeCallClient,
} from '../src/index.js';

const OFFER = 'v=offer\r\n';
const ANSWER = 'v=0\r\n';
const SESSION = { id: 'sess-1', model: 'gpt-realtime', instructions: 'hi', voice: 'marin' };

function answer(
  headers: HeaderRecord = { location: '/v1/realtime/calls/rtc_test' },
): ResponseScript {
  return { status: 201, headers: { 'content-type': 'application/sdp', ...headers }, body: ANSWER };
}

function client(baseUrl: string): RealtimeCallClient {
  return new RealtimeCallClient({
    settings: createEndpointSettings({ name: 'openai', baseUrl, retry: { maxAttempts: 0 } }),
    auth: createBearerAuth({ token: 'sk-fake-realtime' }),
    transport: createKyTransport(),
  });
}

describe('RealtimeCallClient', () => {
  it('create: the SDP offer as the raw body, application/sdp, auth; answer and call id back', async () => {
    await using server = await startTestServer();
    const route = server.route('POST', '/v1/realtime/calls', answer());
    const call = await client(`${server.url}/v1`).create(OFFER);
    expect(call).toEqual({ sdp: ANSWER, callId: 'rtc_test' });
    const request = route.requests[0]!;
    expect(request.headers['content-type']).toBe('application/sdp');
    expect(request.headers.authorization).toBe('Bearer sk-fake-realtime');
    expect(request.headers.originator).toBe('codex_ts');
    expect(request.text()).toBe(OFFER);
  });

  it('createWithSession: multipart with the sdp and session parts, the session without its id', async () => {
    await using server = await startTestServer();
    const route = server.route('POST', '/v1/realtime/calls', answer());
    expect(await client(`${server.url}/v1`).createWithSession(OFFER, SESSION)).toEqual({
      sdp: ANSWER,
      callId: 'rtc_test',
    });
    const request = route.requests[0]!;
    expect(request.headers['content-type']).toBe(
      'multipart/form-data; boundary=codex-realtime-call-boundary',
    );
    expect(request.text()).toBe(
      '--codex-realtime-call-boundary\r\n' +
        'Content-Disposition: form-data; name="sdp"\r\n' +
        'Content-Type: application/sdp\r\n' +
        '\r\n' +
        'v=offer\r\n' +
        '\r\n' +
        '--codex-realtime-call-boundary\r\n' +
        'Content-Disposition: form-data; name="session"\r\n' +
        'Content-Type: application/json\r\n' +
        '\r\n' +
        '{"model":"gpt-realtime","instructions":"hi","voice":"marin"}\r\n' +
        '--codex-realtime-call-boundary--\r\n',
    );
  });

  it('a /backend-api base: the session call is JSON {sdp, session}; the forwarded Location still names the call', async () => {
    await using server = await startTestServer();
    const route = server.route(
      'POST',
      '/backend-api/codex/realtime/calls',
      answer({ location: '/v1/realtime/calls/calls/rtc_backend_test' }),
    );
    const calls = client(`${server.url}/backend-api/codex`);
    expect((await calls.createWithSession(OFFER, SESSION)).callId).toBe('rtc_backend_test');
    expect(route.requests[0]!.headers['content-type']).toBe('application/json');
    expect(route.requests[0]!.json()).toEqual({
      sdp: OFFER,
      session: { model: 'gpt-realtime', instructions: 'hi', voice: 'marin' },
    });
    // Without a session the offer is raw, whatever the base URL.
    expect((await calls.create(OFFER)).callId).toBe('rtc_backend_test');
    expect(route.requests[1]!.text()).toBe(OFFER);
  });

  it('the call id: the last rtc_ segment, query stripped, first Location value', async () => {
    await using server = await startTestServer();
    const route = server.route('POST', '/v1/realtime/calls', answer());
    const calls = client(`${server.url}/v1`);
    const idFor = async (location: string | string[]) => {
      route.enqueue(answer({ location }));
      return (await calls.create(OFFER)).callId;
    };
    expect(await idFor('https://api.example.com/v1/realtime/calls/rtc_abc?token=rtc_no')).toBe(
      'rtc_abc',
    );
    expect(await idFor('/v1/realtime/calls/rtc_abc/events')).toBe('rtc_abc');
    expect(await idFor(['/v1/realtime/calls/rtc_first', '/v1/realtime/calls/rtc_second'])).toBe(
      'rtc_first',
    );
  });

  it('every failure is an ApiError with upstream text', async () => {
    await using server = await startTestServer();
    const route = server.route('POST', '/v1/realtime/calls', answer());
    const calls = client(`${server.url}/v1`);
    const failure = async (script: ResponseScript) => {
      route.enqueue(script);
      return (await rejectionOf(calls.create(OFFER))) as ApiError;
    };
    expect((await failure({ status: 201, body: ANSWER })).message).toBe(
      'stream error: realtime call response missing Location',
    );
    expect((await failure(answer({ location: '/v1/realtime/calls/rtc_' }))).message).toBe(
      'stream error: realtime call Location does not contain a call id: /v1/realtime/calls/rtc_',
    );
    expect((await failure(answer({ location: '/v1/calls/rtc_caf\u00e9' }))).message).toBe(
      'stream error: invalid realtime call Location: failed to convert header to a str',
    );
    const badSdp = await failure({
      status: 201,
      headers: { location: '/v1/realtime/calls/rtc_x' },
      body: new Uint8Array([0x76, 0x3d, 0xff]),
    });
    expect(badSdp.message).toMatch(/^stream error: failed to decode realtime call SDP response: /);
    const http = await failure({ status: 403, body: 'no' });
    expect(http.kind).toBe('transport');
    expect(http.details.kind === 'transport' && http.details.transportError.status).toBe(403);

    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const encode = (await rejectionOf(calls.createWithSession(OFFER, cyclic))) as ApiError;
    expect(encode.kind).toBe('invalidRequest');
    const backend = client(`${server.url}/backend-api`);
    const encodeJson = (await rejectionOf(backend.createWithSession(OFFER, cyclic))) as ApiError;
    expect(encodeJson.message).toMatch(/^stream error: failed to encode realtime call: /);
    expect(route.requests).toHaveLength(5);
  });
});

describe('RealtimeCallClient through ModelClient.run', () => {
  it('creates the call through the provider, with or without a session', async () => {
    await using server = await startTestServer();
    const route = server.route('POST', '/v1/realtime/calls', answer());
    const client = new ModelClient({
      provider: createOpenAIProvider({ apiKey: 'sk-fake', baseUrl: `${server.url}/v1` }),
    });
    expect(
      await client.run((session, call) => new RealtimeCallClient({ session }).create(OFFER, call)),
    ).toEqual({ sdp: ANSWER, callId: 'rtc_test' });
    await client.run((session) =>
      new RealtimeCallClient({ session }).createWithSession(OFFER, SESSION, {
        extraHeaders: { 'x-extra': '1' },
      }),
    );
    expect(route.requests[0]!.headers['content-type']).toBe('application/sdp');
    expect(route.requests[1]!.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(route.requests[1]!.headers['x-extra']).toBe('1');
  });

  it("every failure goes through the provider's mapApiError", async () => {
    await using server = await startTestServer();
    const route = server.route('POST', '/v1/realtime/calls', answer());
    const seen: ApiError[] = [];
    const provider = defineModelProvider({
      id: 'example',
      name: 'Example',
      resolve: async () => ({
        settings: createEndpointSettings({
          name: 'Example',
          baseUrl: `${server.url}/v1`,
          retry: { maxAttempts: 0 },
        }),
        auth: createBearerAuth({ token: 'sk-fake' }),
      }),
      mapApiError(error): CodexError {
        seen.push(error);
        return defaultMapApiError(error);
      },
    });
    const client = new ModelClient({ provider });
    route.enqueue({ status: 401, body: 'expired', headers: { 'x-request-id': 'req-rt' } });
    const http = await rejectionOf(
      client.run((session) => new RealtimeCallClient({ session }).create(OFFER)),
    );
    expect(UnexpectedStatusError.isInstance(http)).toBe(true);
    expect((http as Error).message).toBe(
      `unexpected status 401 Unauthorized: expired, url: ${server.url}/v1/realtime/calls, request id: req-rt`,
    );
    route.enqueue({ status: 201, body: ANSWER });
    const missing = await rejectionOf(
      client.run((session) => new RealtimeCallClient({ session }).create(OFFER)),
    );
    expect((missing as Error).message).toBe(
      'stream disconnected before completion: realtime call response missing Location',
    );
    expect(seen.map((error) => error.kind)).toEqual(['transport', 'stream']);
  });
});
