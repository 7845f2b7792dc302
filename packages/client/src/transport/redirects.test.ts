import { startTestServer, type TestServer } from '@codex/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRequest, jsonBody } from '../request.js';
import { createRetryPolicy } from '../retry-policy.js';
import { TransportError } from '../transport-error.js';
import { createKyTransport } from './create-ky-transport.js';
import { type FetchFunction, MAX_REDIRECTS } from './follow-redirects.js';

// Credentials of every kind the library sends: none of them may reach another origin.
const CREDENTIALS = {
  authorization: 'Bearer sk-fake-redirect-secret-000111',
  'api-key': 'fake-azure-key-222333',
  'x-api-key': 'fake-x-api-key-444555',
  'x-amz-security-token': 'fake-session-token-666777',
  'x-amz-date': '20260101T000000Z',
  'openai-organization': 'org-fake',
};

let server: TestServer;
let other: TestServer;
beforeEach(async () => {
  server = await startTestServer();
  other = await startTestServer();
});
afterEach(async () => {
  await Promise.all([server.close(), other.close()]);
});

const transport = createKyTransport();
const retry = createRetryPolicy({ maxAttempts: 4, baseDelayMs: 1 });

async function redirectFailure(promise: Promise<unknown>): Promise<TransportError> {
  try {
    await promise;
  } catch (error) {
    if (TransportError.isInstance(error) && error.kind === 'redirect') return error;
    throw error;
  }
  throw new Error('expected a redirect error');
}

function post(path = '/v1/responses') {
  return createRequest({
    method: 'POST',
    url: `${server.url}${path}`,
    headers: CREDENTIALS,
    body: jsonBody({ model: 'test-model', input: 'hé' }),
  });
}

describe('redirect policy (security)', () => {
  it.each([307, 308])(
    'a same-origin %i of a POST is followed with the same body and headers',
    async (status) => {
      server.route('POST', '/v1/responses', { status, headers: { location: '/v2/responses' } });
      server.route('POST', '/v2/responses', { body: 'moved ok' });
      const response = await transport.execute(post(), { retry });
      expect(new TextDecoder().decode(response.body)).toBe('moved ok');
      expect(response.url).toBe(`${server.url}/v2/responses`);
      const [first, second] = server.requests;
      expect(second?.method).toBe('POST');
      expect(second?.text()).toBe(first?.text());
      expect(second?.text()).toBe('{"model":"test-model","input":"hé"}');
      expect(second?.headers.authorization).toBe(CREDENTIALS.authorization);
      expect(server.requests).toHaveLength(2);
    },
  );

  it('a same-origin 302 of a GET is followed', async () => {
    server.route('GET', '/v1/models', { status: 302, headers: { location: '/v1/models2' } });
    server.route('GET', '/v1/models2', { body: '{"models":[]}' });
    const response = await transport.execute(createRequest({ url: `${server.url}/v1/models` }));
    expect(new TextDecoder().decode(response.body)).toBe('{"models":[]}');
  });

  it.each([301, 302, 303])(
    'a %i of a POST is refused (it would become a body-less GET), not retried',
    async (status) => {
      server.route('POST', '/v1/responses', { status, headers: { location: '/v1/other' } });
      const error = await redirectFailure(transport.execute(post(), { retry }));
      expect(error.status).toBe(status);
      expect(error.message).toMatch(
        /^redirect refused: 30\d [A-Za-z ]+ would turn the POST into a GET/,
      );
      expect(error.message).toContain(server.url);
      expect(server.requests).toHaveLength(1);
    },
  );

  it.each([301, 302, 303, 307, 308])(
    'a %i to another origin is refused; nothing reaches the other host',
    async (status) => {
      other.route('*', '/steal', {
        body: 'data: {"type":"response.completed","response":{"id":"x"}}\n\n',
      });
      server.route('POST', '/v1/responses', {
        status,
        headers: { location: `${other.url}/steal` },
      });
      const error = await redirectFailure(transport.stream(post(), { retry }));
      expect(error.message).toContain(`to another origin (${other.url})`);
      expect(error.url).toBe(`${other.url}/steal`);
      expect(other.requests).toHaveLength(0);
      expect(server.requests).toHaveLength(1);
    },
  );

  it('a redirect loop stops after the hop limit with one attempt', async () => {
    server.route('POST', '/v1/responses', { status: 307, headers: { location: '/v1/responses' } });
    const error = await redirectFailure(transport.execute(post(), { retry }));
    expect(error.message).toContain(`after ${MAX_REDIRECTS} redirects`);
    expect(server.requests).toHaveLength(MAX_REDIRECTS + 1);
  });

  it('a redirect the runtime hides (a browser answers `manual` with an opaque response) is an error', async () => {
    const fetch: FetchFunction = async () => {
      const response = new Response(null, { status: 200 });
      // What a browser's fetch returns for `redirect: 'manual'`: status 0, no headers, no body.
      Object.defineProperty(response, 'type', { value: 'opaqueredirect' });
      Object.defineProperty(response, 'status', { value: 0 });
      return response;
    };
    const error = await redirectFailure(createKyTransport({ fetch }).execute(post(), { retry }));
    expect(error.message).toMatch(/redirect refused: .*to a target this runtime hides/);
  });

  it('a 3xx without Location is an ordinary http error', async () => {
    server.route('POST', '/v1/responses', { status: 300, body: 'choices' });
    try {
      await transport.execute(post());
      throw new Error('expected an error');
    } catch (error) {
      expect(TransportError.isInstance(error) && [error.kind, error.status]).toEqual(['http', 300]);
    }
  });

  it('the redirect error keeps no credential in any form', async () => {
    server.route('POST', '/v1/responses', {
      status: 302,
      headers: { location: `${other.url}/steal?token=${CREDENTIALS.authorization}` },
    });
    const error = await redirectFailure(transport.execute(post()));
    const text = `${error.message} ${JSON.stringify(error)} ${error.stack}`;
    for (const value of Object.values(CREDENTIALS).filter((value) => value.length > 12)) {
      expect(text).not.toContain(value);
    }
  });
});
