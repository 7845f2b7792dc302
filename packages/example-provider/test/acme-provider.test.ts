import { ModelClient } from '@codex/api';
import { EnvVarError, UnexpectedStatusError } from '@codex/protocol';
import { collect, startResponsesServer } from '@codex/testkit';
import { describe, expect, it } from 'vitest';
import { ACME_QUOTA_MESSAGE, createAcmeProvider } from '../src/index.js';

const API_KEY = 'acme-secret-key-0123456789';
const REQUEST = {
  model: 'acme-large',
  input: [
    {
      type: 'message' as const,
      role: 'user',
      content: [{ type: 'input_text' as const, text: 'hi' }],
    },
  ],
};

describe('the Acme provider swapped into ModelClient (against the testkit server)', () => {
  it('streams a turn with its key, base URL and headers from the environment', async () => {
    await using server = await startResponsesServer();
    const provider = createAcmeProvider({
      env: { ACME_API_KEY: API_KEY, ACME_BASE_URL: server.baseUrl, ACME_PROJECT: 'proj-7' },
    });
    const client = new ModelClient({ provider });

    const events = await collect(await client.stream(REQUEST));

    const text = events.flatMap((event) => (event.type === 'outputTextDelta' ? [event.delta] : []));
    expect(text.join('')).toMatch(/^I'll start by listing the files/);
    expect(events.at(-1)).toMatchObject({ type: 'completed', tokenUsage: { totalTokens: 8608 } });
    const [request] = server.responses.requests;
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.headers['x-acme-client']).toBe('codex-ts');
    expect(request?.headers['x-acme-project']).toBe('proj-7');
    expect(request?.json()).toMatchObject({ model: 'acme-large', stream: true });
  });

  it('reads its settings per request, not at construction', async () => {
    await using server = await startResponsesServer();
    const env: Record<string, string | undefined> = {};
    const client = new ModelClient({ provider: createAcmeProvider({ env }) });

    // No key yet: the request fails before anything is sent, naming the variable.
    const missing = await client.stream(REQUEST).catch((error: unknown) => error);
    expect(EnvVarError.isInstance(missing)).toBe(true);
    expect((missing as Error).message).toMatch(/^Missing environment variable: `ACME_API_KEY`\./);
    expect(server.requests).toHaveLength(0);

    env.ACME_API_KEY = API_KEY;
    env.ACME_BASE_URL = server.baseUrl;
    const events = await collect(await client.stream(REQUEST));
    expect(events.at(-1)?.type).toBe('completed');
  });

  it('turns the gateway 402 quota_exhausted into the Acme message the caller sees', async () => {
    await using server = await startResponsesServer();
    server.responses.enqueue({
      status: 402,
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-acme-402' },
      body: '{"error":{"code":"quota_exhausted","message":"Plan quota exhausted"}}',
    });
    const client = new ModelClient({
      provider: createAcmeProvider({ apiKey: API_KEY, baseUrl: server.baseUrl }),
    });

    const error = await client.stream(REQUEST).catch((caught: unknown) => caught);

    expect(UnexpectedStatusError.isInstance(error)).toBe(true);
    const status = error as UnexpectedStatusError;
    expect(status.message).toBe(
      `${ACME_QUOTA_MESSAGE}, url: ${server.baseUrl}/responses, request id: req-acme-402`,
    );
    expect(status.status).toBe(402);
    // The key never shows in what the caller can print or log.
    expect(JSON.stringify(status)).not.toContain(API_KEY);
    expect(String(status)).not.toContain(API_KEY);
  });

  it('leaves every other failure to the neutral mapping', async () => {
    await using server = await startResponsesServer();
    server.responses.enqueue({
      status: 402,
      headers: { 'x-request-id': 'req-acme-bill' },
      body: 'billing account suspended',
    });
    const client = new ModelClient({
      provider: createAcmeProvider({ apiKey: API_KEY, baseUrl: server.baseUrl }),
    });

    const error = await client.stream(REQUEST).catch((caught: unknown) => caught);

    expect((error as Error).message).toBe(
      `unexpected status 402 Payment Required: billing account suspended, url: ${server.baseUrl}/responses, request id: req-acme-bill`,
    );
  });
});
