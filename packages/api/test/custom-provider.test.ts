// A provider written the way a provider package writes one: only names exported from the
// package root (src/index.ts) and @codex/protocol.
import { type CodexError, UnexpectedStatusError } from '@codex/protocol';
import { encodeSseEvents, startResponsesServer } from '@codex/testkit';
import { describe, expect, it } from 'vitest';
import {
  type ApiError,
  createBearerAuth,
  createEndpointSettings,
  defaultMapApiError,
  defineModelProvider,
  ModelClient,
  type ModelProvider,
} from '../src/index.js';

const GUIDANCE = 'Your Example credential expired. Run `example login` and retry';

function mapApiError(error: ApiError): CodexError {
  const mapped = defaultMapApiError(error);
  if (UnexpectedStatusError.isInstance(mapped) && mapped.body.includes('credential expired')) {
    return mapped.withUserMessage(GUIDANCE);
  }
  // A mid-stream `response.failed` reports the same condition in its message.
  const details = error.details;
  if (details.kind === 'retryable' && details.message.includes('credential expired')) {
    return new UnexpectedStatusError({
      status: 401,
      body: details.message,
      userMessage: GUIDANCE,
      cause: error,
    });
  }
  return mapped;
}

function exampleProvider(
  baseUrl: string,
  refresh?: () => Promise<string | boolean | undefined>,
): ModelProvider {
  let token = 'example-token';
  return defineModelProvider({
    id: 'example',
    name: 'Example',
    async resolve() {
      return {
        settings: createEndpointSettings({ name: 'Example', baseUrl, retry: { maxAttempts: 0 } }),
        auth: createBearerAuth({ getToken: () => token }),
        recoverUnauthorized:
          refresh === undefined
            ? undefined
            : async () => {
                const result = await refresh();
                if (typeof result === 'string') token = result;
                return result !== undefined && result !== false;
              },
      };
    },
    mapApiError,
  });
}

describe('a custom provider’s userMessage reaches the caller', () => {
  it('(1) from a 4xx at request time', async () => {
    await using server = await startResponsesServer();
    server.responses.enqueue({
      status: 403,
      body: '{"error":{"message":"credential expired at 12:00"}}',
      headers: { 'x-request-id': 'req-403' },
    });
    const client = new ModelClient({ provider: exampleProvider(server.baseUrl) });
    const error = await client.stream({ model: 'm', input: [] }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(UnexpectedStatusError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      `${GUIDANCE}, url: ${server.baseUrl}/responses, request id: req-403`,
    );
    expect(((error as Error).cause as ApiError).kind).toBe('transport');
  });

  it('(2) from a failure in the middle of a stream', async () => {
    await using server = await startResponsesServer({
      transcript: encodeSseEvents([
        { type: 'response.created', response: {} },
        { type: 'response.output_text.delta', delta: 'Hel' },
        {
          type: 'response.failed',
          response: { error: { code: 'auth_error', message: 'credential expired mid-turn' } },
        },
      ]),
    });
    const client = new ModelClient({ provider: exampleProvider(server.baseUrl) });
    const stream = await client.stream({ model: 'm', input: [] });
    const text: string[] = [];
    let failure: unknown;
    try {
      for await (const event of stream)
        if (event.type === 'outputTextDelta') text.push(event.delta);
    } catch (error) {
      failure = error;
    }
    expect(text).toEqual(['Hel']);
    expect(UnexpectedStatusError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toBe(GUIDANCE);
    expect(((failure as Error).cause as ApiError).kind).toBe('retryable');
  });

  it('(3) from a terminal 401, after auth recovery has nothing left to try', async () => {
    await using server = await startResponsesServer();
    const expired = {
      status: 401,
      body: 'credential expired',
      headers: { 'x-request-id': 'req-401' },
    };
    server.responses.enqueue(expired, expired);
    let refreshes = 0;
    const client = new ModelClient({
      provider: exampleProvider(server.baseUrl, async () => {
        refreshes++;
        return 'example-token-2';
      }),
    });
    const error = await client.stream({ model: 'm', input: [] }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect((error as Error).message).toBe(
      `${GUIDANCE}, url: ${server.baseUrl}/responses, request id: req-401`,
    );
    expect(refreshes).toBe(1);
    expect(server.responses.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer example-token',
      'Bearer example-token-2',
    ]);
  });
});
