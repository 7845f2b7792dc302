// What the library holds is never in what it reports, and every phase of a call has a deadline:
// the api-level parts of issue 13 (resolve and auth failures, the session's memory of the
// credentials it sent, decode excerpts, the overall call deadline, recovery's deadline).
import { inspect } from 'node:util';
import { createKyTransport, encodedJsonBody, TransportError } from '@codex/client';
import { RequestTimeoutError, StreamDisconnectedError } from '@codex/protocol';
import { rejectionOf, startResponsesServer, startTestServer } from '@codex/testkit';
import { describe, expect, it } from 'vitest';
import {
  type AuthProvider,
  createAuthError,
  createEndpointSettings,
  createOpenAIProvider,
  defineModelProvider,
  EndpointSession,
  ModelClient,
  ModelsClient,
  type ResolvedProvider,
} from '../src/index.js';

const TOKEN = 'sk-fake-earlier-token-0123456789';
// 39 characters and a slash: neither a pattern nor a length rule would find it.
const SIGNING_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLE12';

function surfaces(error: unknown): string {
  const value = error as Error;
  return [
    value.message,
    String(value),
    JSON.stringify(value),
    inspect(value, { depth: 20, showHidden: true }),
    value.stack ?? '',
    inspect(value.cause, { depth: 20, showHidden: true }),
  ].join('\n');
}

/** An auth provider whose `n`-th attempt sends token-n, and that can be told to fail quoting the last one. */
function rotatingAuth(): AuthProvider & { fail: boolean } {
  let calls = 0;
  let last = '';
  const auth = {
    fail: false,
    authenticate(request: Parameters<AuthProvider['authenticate']>[0]) {
      if (auth.fail) throw new Error(`refresh of ${last} failed`);
      calls++;
      last = `${TOKEN}-${calls}`;
      const headers = new Headers(request.headers);
      headers.set('authorization', `Bearer ${last}`);
      return { ...request, headers };
    },
  };
  return auth;
}

describe('EndpointSession remembers the credentials it sent', () => {
  it('an auth failure quoting an earlier call’s token is scrubbed (message, cause, inspect)', async () => {
    await using server = await startResponsesServer();
    const auth = rotatingAuth();
    const session = new EndpointSession({
      settings: createEndpointSettings({ name: 'openai', baseUrl: server.baseUrl }),
      auth,
      transport: createKyTransport(),
    });
    await new ModelsClient({ session }).listModels('1');
    auth.fail = true;
    const error = await rejectionOf(new ModelsClient({ session }).listModels('1'));
    expect((error as Error).message).toBe('request build error: refresh of [REDACTED] failed');
    expect(surfaces(error)).not.toContain(TOKEN);
    expect([...session.secrets]).toContain(`${TOKEN}-1`);
  });

  it('a custom auth header marked secret is remembered as well', async () => {
    await using server = await startResponsesServer();
    let fail = false;
    const auth: AuthProvider = {
      authenticate(request) {
        if (fail)
          throw createAuthError({
            kind: 'transient',
            message: 'x-acme-token acme-v1-secret expired',
          });
        const headers = new Headers(request.headers);
        headers.set('x-acme-token', 'acme-v1-secret');
        return { ...request, headers, secretHeaders: ['x-acme-token'] };
      },
    };
    const session = new EndpointSession({
      settings: createEndpointSettings({
        name: 'openai',
        baseUrl: server.baseUrl,
        retry: { maxAttempts: 0 },
      }),
      auth,
      transport: createKyTransport(),
    });
    await new ModelsClient({ session }).listModels('1');
    expect(server.models.requests[0]!.headers['x-acme-token']).toBe('acme-v1-secret');
    fail = true;
    const error = await rejectionOf(new ModelsClient({ session }).listModels('1'));
    expect((error as Error).message).toBe('network error: x-acme-token [REDACTED] expired');
  });

  it('rejects a timeoutMs that is not a positive number', async () => {
    const session = new EndpointSession({
      settings: createEndpointSettings({ name: 'openai', baseUrl: 'http://127.0.0.1:1/v1' }),
      auth: { authenticate: (request) => request },
      transport: createKyTransport(),
    });
    await expect(session.execute({ path: 'x', timeoutMs: -1 })).rejects.toThrow(RangeError);
    await expect(
      session.stream({ path: 'x', body: encodedJsonBody('{}'), timeoutMs: Number.NaN }),
    ).rejects.toThrow(/timeoutMs/);
  });
});

describe('decode errors quote a short excerpt of the body (upstream: the whole body)', () => {
  it('a 5 MB body that is not JSON gives a message of about a thousand characters', async () => {
    await using server = await startResponsesServer();
    const body = `<html>${'x'.repeat(5 * 1024 * 1024)}</html>`;
    server.models.enqueue({ status: 200, headers: { 'content-type': 'text/html' }, body });
    const session = new EndpointSession({
      settings: createEndpointSettings({ name: 'openai', baseUrl: server.baseUrl }),
      auth: { authenticate: (request) => request },
      transport: createKyTransport(),
    });
    const error = await rejectionOf(new ModelsClient({ session }).listModels('1'));
    const message = (error as Error).message;
    expect(message.startsWith('stream error: failed to decode models response: ')).toBe(true);
    expect(message).toContain(`; body: <html>xxx`);
    expect(message.endsWith(`… (${body.length} characters in all)`)).toBe(true);
    expect(message.length).toBeLessThan(1_200);
    expect(JSON.stringify(error).length).toBeLessThan(3_000);
  });
});

describe('ModelClient: resolve failures, deadlines', () => {
  it('a resolve() failure quoting a credential sent earlier or held by the last resolution is scrubbed', async () => {
    await using server = await startResponsesServer();
    let call = 0;
    const provider = defineModelProvider({
      id: 'custom',
      name: 'Custom',
      async resolve(): Promise<ResolvedProvider> {
        call++;
        if (call === 2) {
          throw new Error(
            `cannot refresh: old key ${TOKEN} and signing key "${SIGNING_KEY.replaceAll('/', '\\/')}"`,
            {
              cause: new Error(encodeURIComponent(SIGNING_KEY)),
            },
          );
        }
        return {
          settings: createEndpointSettings({ name: 'Custom', baseUrl: server.baseUrl }),
          auth: {
            authenticate(request) {
              const headers = new Headers(request.headers);
              headers.set('authorization', `Bearer ${TOKEN}`);
              return { ...request, headers };
            },
          },
          secrets: [SIGNING_KEY],
        };
      },
    });
    const client = new ModelClient({ provider });
    await client.listModels('1');
    const error = await rejectionOf(client.listModels('1'));
    expect(StreamDisconnectedError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(
      'failed to resolve provider custom: cannot refresh: old key [REDACTED] and signing key "[REDACTED]"',
    );
    expect(surfaces(error)).not.toContain(TOKEN);
    expect(surfaces(error)).not.toContain(SIGNING_KEY);
    expect(surfaces(error)).not.toContain(encodeURIComponent(SIGNING_KEY));
  });

  it('a user error quoting a value the library never saw is kept as it is, as the cause', async () => {
    const own = new Error('my own secret-that-nobody-sent');
    const provider = defineModelProvider({
      id: 'custom',
      name: 'Custom',
      resolve: () => Promise.reject(own),
    });
    const error = await rejectionOf(new ModelClient({ provider }).listModels('1'));
    const transport = ((error as Error).cause as Error).cause as TransportError;
    expect(transport.cause).toBe(own);
  });

  it('the OpenAI provider declares its configured key', async () => {
    const provider = createOpenAIProvider({ apiKey: 'sk-configured-key-1234', env: {} });
    const resolved = await provider.resolve();
    expect([...(resolved.secrets ?? [])]).toEqual(['sk-configured-key-1234']);
  });

  it('timeoutMs bounds the whole call: retries and backoff included, not retried itself', async () => {
    await using server = await startResponsesServer();
    server.models.respondWith({ status: 503 });
    const attempts: unknown[] = [];
    const client = new ModelClient({
      provider: createOpenAIProvider({
        apiKey: 'sk-test',
        baseUrl: server.baseUrl,
        env: {},
        retry: { maxAttempts: 100, baseDelayMs: 50 },
      }),
      onAttempt: (telemetry) => attempts.push(telemetry),
    });
    const error = await rejectionOf(client.listModels('1', { timeoutMs: 400 }));
    expect(RequestTimeoutError.isInstance(error)).toBe(true);
    // Far fewer than the 101 tries the policy allows; the exact count depends on the machine.
    expect(server.models.requests.length).toBeLessThan(20);
    await expect(client.listModels('1', { timeoutMs: 0 })).rejects.toThrow(RangeError);
  });

  it('timeoutMs also bounds resolve()', async () => {
    const provider = defineModelProvider({
      id: 'slow',
      name: 'Slow',
      resolve: () => new Promise<never>(() => undefined),
    });
    const error = await rejectionOf(
      new ModelClient({ provider }).listModels('1', { timeoutMs: 50 }),
    );
    expect(RequestTimeoutError.isInstance(error)).toBe(true);
  });

  it('recoverUnauthorized has the auth deadline and ends at once on abort', async () => {
    await using server = await startTestServer();
    server.route('GET', '/v1/models', { status: 401, body: 'expired' });
    const provider = (authTimeoutMs: number) =>
      defineModelProvider({
        id: 'recovering',
        name: 'Recovering',
        resolve: async () => ({
          settings: createEndpointSettings({
            name: 'R',
            baseUrl: `${server.url}/v1`,
            retry: { maxAttempts: 0 },
            authTimeoutMs,
          }),
          auth: { authenticate: (request) => request },
          recoverUnauthorized: () => new Promise<boolean>(() => undefined),
        }),
      });
    // Expiry: recovery failed, so the 401 itself is reported.
    const error = await rejectionOf(new ModelClient({ provider: provider(50) }).listModels('1'));
    expect((error as Error).message).toContain('401');
    const controller = new AbortController();
    const pending = new ModelClient({ provider: provider(60_000) }).listModels('1', {
      signal: controller.signal,
    });
    const reason = new Error('stopped by the user');
    setTimeout(() => controller.abort(reason), 50);
    expect(await rejectionOf(pending)).toBe(reason);
  });
});

describe('transport errors from resolve() are scrubbed too', () => {
  it('keeps the kind', async () => {
    await using server = await startResponsesServer();
    let call = 0;
    const provider = defineModelProvider({
      id: 'custom',
      name: 'Custom',
      async resolve(): Promise<ResolvedProvider> {
        call++;
        if (call === 2) throw new TransportError({ kind: 'network', detail: `sts ${TOKEN}` });
        return {
          settings: createEndpointSettings({ name: 'Custom', baseUrl: server.baseUrl }),
          auth: {
            authenticate: (request) => {
              const headers = new Headers(request.headers);
              headers.set('api-key', TOKEN);
              return { ...request, headers };
            },
          },
        };
      },
    });
    const client = new ModelClient({ provider });
    await client.listModels('1');
    const error = await rejectionOf(client.listModels('1'));
    expect((error as Error).message).toBe('stream disconnected before completion: sts [REDACTED]');
    expect(surfaces(error)).not.toContain(TOKEN);
  });
});
