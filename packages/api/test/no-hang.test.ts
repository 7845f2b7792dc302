// Nothing waits forever: a server that accepts the connection and never answers fails the call
// with a timeout, bounded by the provider's response timeout.
import { RequestTimeoutError } from '@codex/protocol';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOpenAIProvider, ModelClient } from '../src/index.js';
import { type ResponsesServer, startResponsesServer } from './support/testkit.js';

let server: ResponsesServer;

beforeAll(async () => {
  server = await startResponsesServer();
});

afterAll(async () => {
  await server.close();
});

function client(responseTimeoutMs: number): ModelClient {
  return new ModelClient({
    provider: createOpenAIProvider({
      apiKey: 'sk-test',
      baseUrl: server.baseUrl,
      responseTimeoutMs,
      retry: { maxAttempts: 1, baseDelayMs: 1 },
    }),
  });
}

it('a stream whose response head never arrives times out after the response timeout, per attempt', async () => {
  server.responses.enqueue({ stallBeforeHeaders: true }, { stallBeforeHeaders: true });
  const error = await client(150)
    .stream({ model: 'm', input: [] })
    .then(
      () => undefined,
      (caught: unknown) => caught,
    );
  expect(RequestTimeoutError.isInstance(error)).toBe(true);
  expect((error as Error).message).toBe('request timed out');
  // The timeout is a transport failure, so it was retried once (maxAttempts: 1).
  expect(server.responses.requests).toHaveLength(2);
  for (const request of server.responses.requests) {
    expect(await request.outcome).not.toBe('completed');
  }
});

it('a unary call whose server never answers times out after the response timeout', async () => {
  server.reset();
  server.models.enqueue({ stallBeforeHeaders: true }, { stallBeforeHeaders: true });
  const started = performance.now();
  const error = await client(300)
    .listModels('1.0.0')
    .then(
      () => undefined,
      (caught: unknown) => caught,
    );
  expect(RequestTimeoutError.isInstance(error)).toBe(true);
  // Two attempts of at least 300 ms each (a lower bound only: the machine may be slow).
  expect(performance.now() - started).toBeGreaterThanOrEqual(600);
  expect(server.models.requests).toHaveLength(2);
});
