import { inspect } from 'node:util';
import { TransportError } from '@codex/client';
import { rejectionOf, startResponsesServer } from '@codex/testkit';
import { describe, expect, it } from 'vitest';
import { testSession } from '../../test/support/endpoint-fixtures.js';
import { ModelsClient } from '../endpoints/models-client.js';
import { ApiError } from '../errors/api-error.js';
import { createAuthError } from './auth-error.js';
import { authHeaderTelemetry } from './auth-header-telemetry.js';
import type { AuthProvider } from './auth-provider.js';
import { createBearerAuth } from './create-bearer-auth.js';

const SECRET = 'sk-fake-secret-value-1234';
const context = { attempt: 0, signal: new AbortController().signal };

async function headersOf(auth: AuthProvider): Promise<Record<string, string>> {
  const request = await auth.authenticate(
    { method: 'POST', url: 'http://127.0.0.1:1/v1/x', headers: new Headers({ 'x-keep': 'k' }) },
    context,
  );
  const headers = Object.fromEntries(request.headers);
  delete headers['x-keep'];
  return headers;
}

describe('createBearerAuth (§3.3, §8.9 101)', () => {
  it('adds Authorization, ChatGPT-Account-ID and X-OpenAI-Fedramp, keeping the other headers', async () => {
    expect(
      await headersOf(createBearerAuth({ token: 'access-token', accountId: 'workspace-123' })),
    ).toEqual({
      authorization: 'Bearer access-token',
      'chatgpt-account-id': 'workspace-123',
    });
    expect(await headersOf(createBearerAuth({ token: 't', fedramp: true }))).toMatchObject({
      'x-openai-fedramp': 'true',
    });
    expect(await headersOf(createBearerAuth({}))).toEqual({});
    const request = await createBearerAuth({ token: 't' }).authenticate(
      { method: 'GET', url: 'http://x/', headers: new Headers({ 'x-keep': 'k' }) },
      context,
    );
    expect(request.headers.get('x-keep')).toBe('k');
  });

  it('does not change the request it was given', async () => {
    const headers = new Headers();
    await createBearerAuth({ token: 't' }).authenticate(
      { method: 'GET', url: 'http://x/', headers },
      context,
    );
    expect([...headers]).toEqual([]);
  });

  it('reports telemetry without the value', async () => {
    expect(await authHeaderTelemetry(createBearerAuth({ token: SECRET }))).toEqual({
      attached: true,
      name: 'authorization',
    });
    expect(await authHeaderTelemetry(createBearerAuth({ accountId: 'a' }))).toEqual({
      attached: false,
    });
  });

  it('skips values that are not valid header values', async () => {
    expect(await headersOf(createBearerAuth({ token: 'bad\ntoken', accountId: 'ok' }))).toEqual({
      'chatgpt-account-id': 'ok',
    });
    expect(await headersOf(createBearerAuth({ token: 'ok', accountId: 'caf\u20ac' }))).toEqual({
      authorization: 'Bearer ok',
    });
  });

  it('never shows the token in JSON or inspect', () => {
    const auth = createBearerAuth({ token: SECRET, accountId: 'acct' });
    expect(JSON.stringify(auth)).not.toContain(SECRET);
    expect(JSON.parse(JSON.stringify(auth))).toEqual({
      type: 'bearer',
      accountId: 'acct',
      fedramp: false,
    });
    expect(inspect(auth, { depth: 10, showHidden: true })).not.toContain(SECRET);
    expect(String(auth)).not.toContain(SECRET);
  });

  it('validates its options', () => {
    expect(() => createBearerAuth({ token: 1 as unknown as string })).toThrow(/`token`/);
    expect(() => createBearerAuth({ token: 'a', getToken: () => 'b' })).toThrow(/either/);
  });

  it('reads getToken on every attempt and sends it over the wire', async () => {
    await using server = await startResponsesServer();
    let calls = 0;
    const auth = createBearerAuth({
      getToken: async () => `token-${++calls}`,
      accountId: 'acct-1',
    });
    const client = new ModelsClient({ session: testSession({ baseUrl: server.baseUrl, auth }) });
    await client.listModels('1');
    await client.listModels('1');
    expect(server.models.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
    expect(server.models.requests[0]!.headers['chatgpt-account-id']).toBe('acct-1');
  });

  it('a failing token source is a build error that hides its cause text from the message', async () => {
    const auth = createBearerAuth({
      getToken: () => {
        throw new Error('keychain locked');
      },
    });
    const error = await rejectionOf(
      Promise.resolve().then(() =>
        auth.authenticate({ method: 'GET', url: 'http://x/', headers: new Headers() }, context),
      ),
    );
    expect(TransportError.isInstance(error) && error.kind).toBe('build');
    expect((error as Error).message).toBe('request build error: the bearer token source failed');

    await using server = await startResponsesServer();
    const client = new ModelsClient({ session: testSession({ baseUrl: server.baseUrl, auth }) });
    const apiError = await rejectionOf(client.listModels('1'));
    expect(ApiError.isInstance(apiError) && apiError.message).toBe(
      'request build error: the bearer token source failed',
    );
    expect(server.requests).toHaveLength(0);
  });

  it('a token source that quotes a token it gave before: the cause is scrubbed', async () => {
    let calls = 0;
    const auth = createBearerAuth({
      getToken: () => {
        calls++;
        if (calls === 1) return SECRET;
        throw new Error(`refresh of ${SECRET} failed`);
      },
    });
    const request = { method: 'GET', url: 'http://x/', headers: new Headers() };
    await auth.authenticate(request, context);
    const error = (await rejectionOf(
      Promise.resolve().then(() => auth.authenticate(request, context)),
    )) as TransportError;
    expect(inspect(error, { depth: 10 })).not.toContain(SECRET);
    expect(String((error.cause as Error).message)).toBe('refresh of [REDACTED] failed');
  });

  it('a transient failure of the token source passes through and is retried', async () => {
    await using server = await startResponsesServer();
    let calls = 0;
    const auth = createBearerAuth({
      getToken: () => {
        calls++;
        if (calls === 1) throw createAuthError({ kind: 'transient', message: 'store busy' });
        return 'token';
      },
    });
    const client = new ModelsClient({
      session: testSession({
        baseUrl: server.baseUrl,
        auth,
        retry: { maxAttempts: 1, baseDelayMs: 1 },
      }),
    });
    await client.listModels('1');
    expect(calls).toBe(2);
    expect(server.models.requests[0]!.headers.authorization).toBe('Bearer token');
  });
});
