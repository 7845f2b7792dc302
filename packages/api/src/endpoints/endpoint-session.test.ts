import { createKyTransport, encodedJsonBody } from '@codex/client';
import { rejectionOf, startTestServer } from '@codex/testkit';
import { describe, expect, it } from 'vitest';
import { createAuthError } from '../auth/auth-error.js';
import { type AuthProvider, noAuth } from '../auth/auth-provider.js';
import { ApiError } from '../errors/api-error.js';
import { createEndpointSettings } from '../settings/endpoint-settings.js';
import { EndpointSession } from './endpoint-session.js';

function session(url: string, auth: AuthProvider, maxAttempts = 2): EndpointSession {
  return new EndpointSession({
    settings: createEndpointSettings({
      name: 'openai',
      baseUrl: `${url}/v1`,
      headers: { 'x-priority': 'provider', 'x-provider-only': 'p', accept: 'provider' },
      retry: { maxAttempts, baseDelayMs: 1 },
    }),
    auth,
    transport: createKyTransport(),
  });
}

/** An auth provider that sets the headers `values()` returns on every attempt. */
function headerAuth(values: () => Record<string, string>): AuthProvider {
  return {
    authenticate(request) {
      const headers = new Headers(request.headers);
      for (const [name, value] of Object.entries(values())) headers.set(name, value);
      return { ...request, headers };
    },
  };
}

describe('EndpointSession (§3.2, §8.3, §9.3, §9.16)', () => {
  it('header precedence: settings < extra < forced < auth', async () => {
    await using server = await startTestServer();
    server.route('POST', '/v1/x', { status: 200, body: '{}' });
    const auth = headerAuth(() => ({ authorization: 'Bearer secret-token', 'x-priority': 'auth' }));
    await session(server.url, auth).execute({
      path: 'x',
      body: encodedJsonBody('{}'),
      extraHeaders: { 'x-priority': 'extra', 'x-extra': 'e', accept: 'extra' },
      forcedHeaders: { accept: 'text/event-stream' },
    });
    expect(server.requests[0]!.headers).toMatchObject({
      'x-provider-only': 'p',
      'x-extra': 'e',
      accept: 'text/event-stream',
      'x-priority': 'auth',
      authorization: 'Bearer secret-token',
    });
  });

  it('retries a network failure, authenticating every attempt, with identical body bytes (54)', async () => {
    await using server = await startTestServer();
    server.enqueue({ closeWithoutResponse: true });
    server.route('POST', '/v1/x', { status: 200, body: '{}' });
    let calls = 0;
    const auth = headerAuth(() => ({ authorization: `Bearer t${++calls}` }));
    await session(server.url, auth).execute({ path: 'x', body: encodedJsonBody('{"a":1}') });
    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer t1',
      'Bearer t2',
    ]);
    expect(server.requests[1]!.text()).toBe('{"a":1}');
  });

  it('a transient auth error is retried; a build auth error is not and sends nothing (55, 56)', async () => {
    await using server = await startTestServer();
    server.route('POST', '/v1/x', { status: 200, body: '{}' });
    let transientCalls = 0;
    const transient: AuthProvider = {
      async authenticate(request) {
        if (++transientCalls === 1) {
          throw createAuthError({ kind: 'transient', message: 'sts temporarily unavailable' });
        }
        return request;
      },
    };
    await session(server.url, transient).execute({ path: 'x' });
    expect(transientCalls).toBe(2);
    expect(server.requests).toHaveLength(1);

    let buildCalls = 0;
    const build: AuthProvider = {
      async authenticate() {
        buildCalls++;
        throw createAuthError({ kind: 'build', message: 'invalid auth configuration' });
      },
    };
    const error = await rejectionOf(session(server.url, build).execute({ path: 'x' }));
    expect(ApiError.isInstance(error)).toBe(true);
    expect((error as ApiError).message).toBe('request build error: invalid auth configuration');
    expect(buildCalls).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  it('an aborted signal rejects with its reason, unwrapped', async () => {
    await using server = await startTestServer();
    server.route('POST', '/v1/x', { stallBeforeHeaders: true });
    const controller = new AbortController();
    const reason = new Error('stop');
    setTimeout(() => controller.abort(reason), 20);
    const error = await rejectionOf(
      session(server.url, noAuth).execute({
        path: 'x',
        signal: controller.signal,
      }),
    );
    expect(error).toBe(reason);
  });
});
