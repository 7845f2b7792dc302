import { inspect } from 'node:util';
import { createRequest } from '@codex/client';
import { rejectionOf, startResponsesServer } from '@codex/testkit';
import { describe, expect, it } from 'vitest';
import { testSession } from '../../test/support/endpoint-fixtures.js';
import { ApiError } from '../api-error.js';
import { ModelsClient } from '../models-client.js';
import { AuthError } from './auth-error.js';
import { authHeaderTelemetry } from './auth-header-telemetry.js';
import { createBearerAuth } from './create-bearer-auth.js';

const SECRET = 'sk-fake-secret-value-1234';

function headersOf(auth: ReturnType<typeof createBearerAuth>): Record<string, string> {
  const headers = new Headers();
  auth.addAuthHeaders(headers);
  return Object.fromEntries(headers);
}

describe('createBearerAuth (§3.3, §8.9 101)', () => {
  it('adds Authorization, ChatGPT-Account-ID and X-OpenAI-Fedramp', () => {
    expect(
      headersOf(createBearerAuth({ token: 'access-token', accountId: 'workspace-123' })),
    ).toEqual({
      authorization: 'Bearer access-token',
      'chatgpt-account-id': 'workspace-123',
    });
    expect(headersOf(createBearerAuth({ token: 't', fedramp: true }))).toMatchObject({
      'x-openai-fedramp': 'true',
    });
    expect(headersOf(createBearerAuth({}))).toEqual({});
  });

  it('reports telemetry without the value', () => {
    expect(authHeaderTelemetry(createBearerAuth({ token: SECRET }))).toEqual({
      attached: true,
      name: 'authorization',
    });
    expect(authHeaderTelemetry(createBearerAuth({ accountId: 'a' }))).toEqual({ attached: false });
  });

  it('skips values that are not valid header values', () => {
    expect(headersOf(createBearerAuth({ token: 'bad\ntoken', accountId: 'ok' }))).toEqual({
      'chatgpt-account-id': 'ok',
    });
    expect(headersOf(createBearerAuth({ token: 'ok', accountId: 'caf\u20ac' }))).toEqual({
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
    // The synchronous view uses the last token read.
    expect(headersOf(auth).authorization).toBe('Bearer token-2');
  });

  it('a failing token source is a build error that hides its cause text from the message', async () => {
    const auth = createBearerAuth({
      getToken: () => {
        throw new Error('keychain locked');
      },
    });
    const error = await rejectionOf(
      auth.applyAuth!(createRequest({ url: 'http://127.0.0.1:1/x' })),
    );
    expect(AuthError.isInstance(error) && error.kind).toBe('build');
    expect((error as Error).message).toBe(
      'request auth build error: the bearer token source failed',
    );

    await using server = await startResponsesServer();
    const client = new ModelsClient({ session: testSession({ baseUrl: server.baseUrl, auth }) });
    const apiError = await rejectionOf(client.listModels('1'));
    expect(ApiError.isInstance(apiError) && apiError.message).toBe(
      'request build error: the bearer token source failed',
    );
    expect(server.requests).toHaveLength(0);
  });

  it('refresh becomes recoverUnauthorized; a returned token replaces the old one', async () => {
    const auth = createBearerAuth({ token: 'old', refresh: async () => 'new' });
    expect(await auth.recoverUnauthorized!({})).toBe(true);
    expect(headersOf(auth).authorization).toBe('Bearer new');
    const none = createBearerAuth({ token: 'old', refresh: async () => undefined });
    expect(await none.recoverUnauthorized!({})).toBe(false);
    expect(createBearerAuth({ token: 'x' }).recoverUnauthorized).toBeUndefined();
  });
});
