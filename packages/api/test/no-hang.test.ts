// Nothing waits forever: a server that accepts the connection and never answers fails the call
// with a timeout, bounded by the provider's response timeout.
import { type AttemptTelemetry, TransportError } from '@codex/client';
import { RequestTimeoutError } from '@codex/protocol';
import { type ResponsesServer, startResponsesServer } from '@codex/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOpenAIProvider, ModelClient } from '../src/index.js';

let server: ResponsesServer;

beforeAll(async () => {
  server = await startResponsesServer();
});

afterAll(async () => {
  await server.close();
});

function client(responseTimeoutMs: number, attempts: AttemptTelemetry[]): ModelClient {
  return new ModelClient({
    provider: createOpenAIProvider({
      apiKey: 'sk-test',
      baseUrl: server.baseUrl,
      responseTimeoutMs,
      retry: { maxAttempts: 1, baseDelayMs: 1 },
    }),
    onAttempt: (telemetry) => attempts.push(telemetry),
  });
}

// Tries are counted by the client's telemetry: a short response timeout can fire before a
// loaded machine delivers the request, so the server may see fewer requests than tries.
function expectTimedOutTries(attempts: readonly AttemptTelemetry[], timeoutMs: number): void {
  // The timeout is a transport failure, so it was retried once (maxAttempts: 1).
  expect(attempts.map(({ attempt }) => attempt)).toEqual([0, 1]);
  for (const { error, durationMs } of attempts) {
    expect(TransportError.isInstance(error) && error.kind).toBe('timeout');
    // A lower bound only (timers never fire early; allow for millisecond rounding).
    expect(durationMs).toBeGreaterThanOrEqual(timeoutMs - 5);
  }
}

it('a stream whose response head never arrives times out after the response timeout, per attempt', async () => {
  // Every request stalls, whatever its arrival order (a timed-out try may never arrive).
  server.responses.respondWith({ stallBeforeHeaders: true });
  const attempts: AttemptTelemetry[] = [];
  const error = await client(150, attempts)
    .stream({ model: 'm', input: [] })
    .then(
      () => undefined,
      (caught: unknown) => caught,
    );
  expect(RequestTimeoutError.isInstance(error)).toBe(true);
  expect((error as Error).message).toBe('request timed out');
  expectTimedOutTries(attempts, 150);
  expect(server.responses.requests.length).toBeLessThanOrEqual(2);
  for (const request of server.responses.requests) {
    expect(await request.outcome).not.toBe('completed');
  }
});

it('a unary call whose server never answers times out after the response timeout', async () => {
  server.reset();
  server.models.respondWith({ stallBeforeHeaders: true });
  const attempts: AttemptTelemetry[] = [];
  const started = performance.now();
  const error = await client(300, attempts)
    .listModels('1.0.0')
    .then(
      () => undefined,
      (caught: unknown) => caught,
    );
  expect(RequestTimeoutError.isInstance(error)).toBe(true);
  expectTimedOutTries(attempts, 300);
  // Two attempts of at least 300 ms each (a lower bound only: the machine may be slow).
  expect(performance.now() - started).toBeGreaterThanOrEqual(600);
  expect(server.models.requests.length).toBeLessThanOrEqual(2);
});
