// Per-event stream telemetry (upstream `SseTelemetry.on_sse_poll`), end to end over the test kit:
// `onStreamEvent` of ResponsesClient and ModelClient, beside the per-attempt `onAttempt`.
import { createKyTransport } from '@codex/client';
import { StreamDisconnectedError } from '@codex/protocol';
import { sseFrames as frame, sseResponse, startTestServer } from '@codex/testkit';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  type AttemptTelemetry,
  createEndpointSettings,
  createOpenAIProvider,
  ModelClient,
  noAuth,
  ResponsesClient,
  type StreamEventTelemetry,
} from '../src/index.js';
import { collectEvents } from './support/collect-events.js';

const turn = frame([
  { type: 'response.created', response: {} },
  { type: 'response.output_text.delta', delta: 'Hel' },
  { type: 'response.output_text.delta', delta: 'lo' },
  { type: 'response.completed', response: { id: 'resp1' } },
]);

function responsesClient(baseUrl: string, onStreamEvent: (t: StreamEventTelemetry) => void) {
  return new ResponsesClient({
    settings: createEndpointSettings({
      name: 'openai',
      baseUrl,
      retry: { maxAttempts: 0 },
      streamIdleTimeoutMs: 10_000,
    }),
    auth: noAuth,
    transport: createKyTransport(),
    onStreamEvent,
  });
}

describe('onStreamEvent', () => {
  it('ResponsesClient: one report per SSE event (keep-alive comments are not events), none for header events', async () => {
    await using server = await startTestServer();
    // A keep-alive comment before every event.
    server.route(
      'POST',
      '/v1/responses',
      sseResponse(turn.map((event) => `: keep-alive\n\n${event}`).join('')),
    );
    const reports: StreamEventTelemetry[] = [];
    const client = responsesClient(`${server.url}/v1`, (telemetry) => reports.push(telemetry));
    const { events, error } = await collectEvents(await client.stream({}));
    expect(error).toBeUndefined();
    expect(events.map((event) => event.type)).toEqual([
      'rateLimits',
      'created',
      'outputTextDelta',
      'outputTextDelta',
      'completed',
    ]);
    expect(reports.map((report) => report.outcome)).toEqual(['event', 'event', 'event', 'event']);
    for (const report of reports) {
      expect(report.durationMs).toBeGreaterThanOrEqual(0);
      expect(report.error).toBeUndefined();
    }
  });

  it('ResponsesClient: a body that ends without completed reports the failure as the ApiError', async () => {
    await using server = await startTestServer();
    server.route('POST', '/v1/responses', sseResponse(turn.slice(0, 2).join('')));
    const reports: StreamEventTelemetry[] = [];
    const client = responsesClient(`${server.url}/v1`, (telemetry) => reports.push(telemetry));
    const { error } = await collectEvents(await client.stream({}));
    expect(reports.map((report) => report.outcome)).toEqual(['event', 'event', 'error']);
    const failure = reports[2]!.error;
    expect(ApiError.isInstance(failure)).toBe(true);
    expect((failure as ApiError).message).toBe(
      'stream error: stream closed before response.completed',
    );
    expect(failure).toBe(error);
  });

  it('ResponsesClient: the idle timeout is reported as its ApiError', async () => {
    await using server = await startTestServer();
    server.route('POST', '/v1/responses', sseResponse(turn[0]!, { stallAfterEvents: 1 }));
    const reports: StreamEventTelemetry[] = [];
    const client = new ResponsesClient({
      settings: createEndpointSettings({
        name: 'openai',
        baseUrl: `${server.url}/v1`,
        retry: { maxAttempts: 0 },
        streamIdleTimeoutMs: 100,
      }),
      auth: noAuth,
      transport: createKyTransport(),
      onStreamEvent: (telemetry) => reports.push(telemetry),
    });
    const { error } = await collectEvents(await client.stream({}));
    expect((error as ApiError).message).toBe('stream error: idle timeout waiting for SSE');
    const last = reports.at(-1)!;
    expect(last.outcome).toBe('error');
    expect((last.error as ApiError).message).toBe('stream error: idle timeout waiting for SSE');
  });

  it('a throwing callback changes nothing', async () => {
    await using server = await startTestServer();
    server.route('POST', '/v1/responses', sseResponse(turn.join('')));
    const client = responsesClient(`${server.url}/v1`, () => {
      throw new Error('telemetry is broken');
    });
    const { events, error } = await collectEvents(await client.stream({}));
    expect(error).toBeUndefined();
    expect(events.at(-1)).toEqual({ type: 'completed', responseId: 'resp1' });
  });

  it('ModelClient: reported beside onAttempt; the failure is the ApiError, the caller gets the mapped error', async () => {
    await using server = await startTestServer();
    server.route('POST', '/v1/responses', sseResponse(turn.slice(0, 3).join('')));
    const reports: StreamEventTelemetry[] = [];
    const attempts: AttemptTelemetry[] = [];
    const client = new ModelClient({
      provider: createOpenAIProvider({
        apiKey: 'sk-fake',
        baseUrl: `${server.url}/v1`,
        retry: { maxAttempts: 0 },
      }),
      onAttempt: (telemetry) => attempts.push(telemetry),
      onStreamEvent: (telemetry) => reports.push(telemetry),
    });
    const { error } = await collectEvents(await client.stream({ model: 'm', input: [] }));
    expect(attempts.map((attempt) => attempt.status)).toEqual([200]);
    expect(reports.map((report) => report.outcome)).toEqual(['event', 'event', 'event', 'error']);
    expect(ApiError.isInstance(reports[3]!.error)).toBe(true);
    expect(StreamDisconnectedError.isInstance(error)).toBe(true);
    expect((error as Error).cause).toBe(reports[3]!.error);
  });

  it('rejects a callback that is not a function', () => {
    expect(
      () =>
        new ModelClient({
          provider: createOpenAIProvider({ apiKey: 'sk-fake' }),
          onStreamEvent: 'yes' as never,
        }),
    ).toThrow(TypeError);
  });
});
