import { getEventListeners } from 'node:events';
import { inspect } from 'node:util';
import {
  collectGarbage,
  refusedUrl,
  rejectionOf,
  startTestServer,
  type TestServer,
} from '@codex/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PreparedRequest } from '../prepare-request.js';
import { createRequest, jsonBody, type Request } from '../request.js';
import { TransportError } from '../transport-error.js';
import { createKyTransport } from './create-ky-transport.js';
import type { FetchFunction } from './follow-redirects.js';

const SECRET = 'sk-fake-SECRET-0123456789';
const transport = createKyTransport();

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

async function transportFailure(promise: Promise<unknown>): Promise<TransportError> {
  const error = await rejectionOf(promise);
  if (!TransportError.isInstance(error)) throw error;
  return error;
}

function post(path: string, extra: Partial<Parameters<typeof createRequest>[0]> = {}): Request {
  return createRequest({
    method: 'POST',
    url: `${server.url}${path}`,
    headers: { authorization: `Bearer ${SECRET}` },
    body: jsonBody({ model: 'test-model' }),
    ...extra,
  });
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of stream) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  // Up to about 10 s: a loaded machine can be slow to deliver, and the test timeout is 20 s.
  for (let index = 0; index < 1_000; index++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('execute over a real socket', () => {
  it('sends method, url with query, headers and the JSON body once prepared; buffers the response', async () => {
    server.route('POST', '/v1/echo', (request) => ({
      headers: { 'x-seen': request.headers['content-type'] ?? '' },
      body: `{"got":${request.text()}}`,
    }));
    const response = await transport.execute(post('/v1/echo?api-version=1'));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-seen')).toBe('application/json');
    expect(new TextDecoder().decode(response.body)).toBe('{"got":{"model":"test-model"}}');
    expect(response.url).toBe(`${server.url}/v1/echo?api-version=1`);
    const [seen] = server.requests;
    expect(seen?.url).toBe('/v1/echo?api-version=1');
    expect(seen?.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(seen?.text()).toBe('{"model":"test-model"}');
  });

  it('E.1 case 6: 503 "busy" → http error with status, the url sent, headers and body', async () => {
    server.enqueue({ status: 503, headers: { 'x-request-id': 'req-1' }, body: 'busy' });
    const error = await transportFailure(transport.execute(post('/v1/x?q=1')));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(503);
    expect(error.url).toBe(`${server.url}/v1/x?q=1`);
    expect(error.headers?.get('x-request-id')).toBe('req-1');
    expect(error.body).toBe('busy');
    expect(error.message).toBe('http 503 Service Unavailable: Some("busy")');
  });

  it('E.1 case 7: 401 with a body that is not UTF-8 → body absent, Display ends with None', async () => {
    server.enqueue({ status: 401, body: new Uint8Array([0xff, 0xfe, 0x41]) });
    const error = await transportFailure(transport.execute(post('/v1/x')));
    expect(error.body).toBeUndefined();
    expect(error.message).toBe('http 401 Unauthorized: None');
  });

  it('E.1 case 8: connection refused → network error', async () => {
    const error = await transportFailure(
      transport.execute(createRequest({ url: `${await refusedUrl()}/v1/x` })),
    );
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/^network error: /);
  });

  it('E.1 case 8: the response timeout elapsing before the head → timeout', async () => {
    server.enqueue({ stallBeforeHeaders: true });
    const error = await transportFailure(
      transport.execute(post('/v1/x', { responseTimeoutMs: 100 })),
    );
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe('timeout');
  });

  it('for execute the response timeout also covers reading the body', async () => {
    server.enqueue({ body: 'partial', stall: true });
    const error = await transportFailure(
      transport.execute(post('/v1/x', { responseTimeoutMs: 150 })),
    );
    expect(error.kind).toBe('timeout');
  });

  it('for stream the response timeout stops counting once the head arrived', async () => {
    server.enqueue({ body: [{ data: 'a' }, { data: 'b', delayMs: 400 }] });
    const response = await transport.stream(post('/v1/x', { responseTimeoutMs: 200 }));
    expect(await readAll(response.body)).toBe('ab');
    response.close();
  });

  it('a connection dropped mid-body → network error (execute)', async () => {
    server.enqueue({ body: [{ data: 'abc' }, { data: 'def' }], dropAfterChunks: 1 });
    const error = await transportFailure(transport.execute(post('/v1/x')));
    expect(error.kind).toBe('network');
  });

  it('a GET with a body and a body that cannot be prepared → build errors, nothing sent', async () => {
    const get = createRequest({ url: `${server.url}/v1/x`, body: jsonBody({ a: 1 }) });
    const error = await transportFailure(transport.execute(get));
    expect(error.kind).toBe('build');
    expect(error.message).toBe('request build error: a GET request cannot have a body');
    const zstdRaw = createRequest({
      method: 'POST',
      url: `${server.url}/v1/x`,
      body: { kind: 'raw', bytes: new Uint8Array([1]) },
      compression: 'zstd',
    });
    expect((await transportFailure(transport.execute(zstdRaw))).message).toBe(
      'request build error: request compression cannot be used with raw bodies',
    );
    expect(server.requests).toHaveLength(0);
  });

  it('error bodies are capped at maxErrorBodyBytes on a character boundary', async () => {
    const capped = createKyTransport({ maxErrorBodyBytes: 5 });
    server.enqueue({ status: 500, body: 'abcd€efgh' });
    const error = await transportFailure(capped.execute(post('/v1/x')));
    expect(error.body).toBe('abcd');
  });
});

describe('stream over a real socket', () => {
  it('hands back status and headers at once and the body as it arrives', async () => {
    // The server sends one chunk and then stays silent: the head and that chunk must arrive
    // without waiting for the end of the body.
    server.enqueue({
      headers: { 'content-type': 'text/event-stream', 'x-request-id': 'r1' },
      body: [{ data: 'first;' }],
      stall: true,
    });
    const response = await transport.stream(post('/v1/s'));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('r1');
    const reader = response.body.getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toBe('first;');
    reader.releaseLock();
    response.close();
    expect(await server.requests[0]!.outcome).toBe('client-disconnected');
  });

  it('non-2xx → http error with a lossily decoded body', async () => {
    server.enqueue({ status: 429, body: new Uint8Array([0x61, 0xff, 0x62]) });
    const error = await transportFailure(transport.stream(post('/v1/s')));
    expect(error.status).toBe(429);
    expect(error.body).toBe('a\uFFFDb');
  });

  it('the call deadline errors the byte stream with a timeout', async () => {
    server.enqueue({ body: 'start', stall: true });
    const response = await transport.stream(post('/v1/s', { timeoutMs: 300 }));
    const error = await rejectionOf(readAll(response.body));
    expect(TransportError.isInstance(error) && error.kind).toBe('timeout');
    response.close();
  });

  it('a body first read after a garbage collection arrives whole', async () => {
    // Node's fetch cancels the body of a Response that is collected while the body is neither
    // locked nor read; the transport hands out only the body, which must keep its Response.
    server.enqueue({ body: [{ data: 'one;' }, { data: 'two;', delayMs: 50 }] });
    const response = await transport.stream(post('/v1/s'));
    await collectGarbage();
    expect(await readAll(response.body)).toBe('one;two;');
    response.close();
  });

  it('after a garbage collection the call deadline still errors the byte stream', async () => {
    // ky's Request follows the call's signal only weakly and is let go once the head arrived.
    server.enqueue({ body: 'start', stall: true });
    const response = await transport.stream(post('/v1/s', { timeoutMs: 300 }));
    const reader = response.body.getReader();
    await reader.read();
    await collectGarbage();
    const error = await rejectionOf(reader.read());
    expect(TransportError.isInstance(error) && error.kind).toBe('timeout');
    response.close();
  });

  it('close() releases the connection', async () => {
    server.enqueue({ body: 'start', stall: true });
    const response = await transport.stream(post('/v1/s'));
    const reader = response.body.getReader();
    await reader.read();
    reader.releaseLock();
    response.close();
    expect(await server.requests[0]!.outcome).toBe('client-disconnected');
  });
});

describe('abort', () => {
  it('before sending: rejects with the reason, nothing is sent', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await rejectionOf(
      transport.execute(post('/v1/x', { signal: controller.signal })),
    );
    expect(isAbortError(error)).toBe(true);
    expect(server.requests).toHaveLength(0);
  });

  it('while waiting for the head: rejects with the signal reason, not a network error', async () => {
    server.enqueue({ stallBeforeHeaders: true });
    const controller = new AbortController();
    const pending = transport.stream(post('/v1/x', { signal: controller.signal }));
    await waitFor(() => server.requests.length === 1, 'the request');
    controller.abort();
    expect(isAbortError(await rejectionOf(pending))).toBe(true);
  });

  it('a custom reason comes back as it is, also during a backoff sleep', async () => {
    server.enqueue({ status: 503 });
    const controller = new AbortController();
    const reason = new Error('user stopped');
    const pending = transport.execute(post('/v1/x', { signal: controller.signal }), {
      retry: { maxAttempts: 3, baseDelayMs: 10_000, retryOn: retryAll },
    });
    await waitFor(() => server.requests.length === 1, 'the first try');
    controller.abort(reason);
    expect(await rejectionOf(pending)).toBe(reason);
    expect(server.requests).toHaveLength(1);
  });

  it('while execute reads the body, and while a stream body is read', async () => {
    server.enqueue({ body: 'partial', stall: true }, { body: 'partial', stall: true });
    const first = new AbortController();
    const pending = transport.execute(post('/v1/x', { signal: first.signal }));
    await waitFor(() => server.requests.length === 1, 'the request');
    first.abort();
    expect(isAbortError(await rejectionOf(pending))).toBe(true);

    const second = new AbortController();
    const response = await transport.stream(post('/v1/x', { signal: second.signal }));
    const reading = readAll(response.body);
    second.abort();
    expect(isAbortError(await rejectionOf(reading))).toBe(true);
    response.close();
  });

  it('removes its listener from a long-lived signal after each call', async () => {
    server.route('POST', '/v1/x', { body: 'ok' });
    const controller = new AbortController();
    for (let index = 0; index < 20; index++) {
      await transport.execute(post('/v1/x', { signal: controller.signal, timeoutMs: 10_000 }));
      const response = await transport.stream(post('/v1/x', { signal: controller.signal }));
      await readAll(response.body);
      response.close();
    }
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});

const retryAll = { retry429: true, retry5xx: true, retryTransport: true };

describe('the per-attempt hook and the injected fetch', () => {
  it('reads an injected fetch per call and hands it plain URLs and bytes', async () => {
    const seen: Array<{ input: unknown; body: unknown }> = [];
    const fetch: FetchFunction = (input, init) => {
      seen.push({ input, body: init?.body });
      return globalThis.fetch(input, init);
    };
    server.route('POST', '/v1/x', { body: 'ok' });
    await createKyTransport({ fetch }).execute(post('/v1/x'));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.input).toBe(`${server.url}/v1/x`);
    expect(new TextDecoder().decode(seen[0]!.body as Uint8Array)).toBe('{"model":"test-model"}');
  });

  it('the hook sees the final bytes and headers; what it returns is what is sent and reported', async () => {
    server.route('POST', '/v2/signed', { status: 500, body: 'boom' });
    let seen: PreparedRequest | undefined;
    const error = await transportFailure(
      transport.execute(post('/v1/x'), {
        beforeAttempt: (request) => {
          seen = request;
          const headers = new Headers(request.headers);
          headers.set('x-signature', `sig-over-${request.body?.byteLength}`);
          return { ...request, url: request.url.replace('/v1/x', '/v2/signed'), headers };
        },
      }),
    );
    expect(new TextDecoder().decode(seen?.body)).toBe('{"model":"test-model"}');
    expect(seen?.headers.get('content-type')).toBe('application/json');
    expect(server.requests[0]?.headers['x-signature']).toBe('sig-over-22');
    expect(error.url).toBe(`${server.url}/v2/signed`);
  });

  it('a TransportError from the hook passes through; other errors become build errors', async () => {
    const network = new TransportError({ kind: 'network', detail: 'sts unavailable' });
    expect(
      await rejectionOf(
        transport.execute(post('/v1/x'), {
          beforeAttempt: () => {
            throw network;
          },
        }),
      ),
    ).toBe(network);
    const error = await transportFailure(
      transport.execute(post('/v1/x'), {
        beforeAttempt: () => {
          throw new Error('bad config');
        },
      }),
    );
    expect(error.message).toBe('request build error: bad config');
    expect(server.requests).toHaveLength(0);
  });

  it('a hook that never settles fails the attempt with a timeout after its deadline', async () => {
    const error = await transportFailure(
      transport.execute(post('/v1/x'), {
        beforeAttempt: () => new Promise<never>(() => undefined),
        beforeAttemptTimeoutMs: 100,
      }),
    );
    expect(error.kind).toBe('timeout');
    expect(server.requests).toHaveLength(0);
  });

  it('a hook that never settles is left at once when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = transport.execute(post('/v1/x', { signal: controller.signal }), {
      beforeAttempt: () => new Promise<never>(() => undefined),
    });
    setTimeout(() => controller.abort(), 20);
    expect(isAbortError(await rejectionOf(pending))).toBe(true);
  });
});

describe('secrets', () => {
  it('no error shows the authorization header, however it is printed', async () => {
    server.enqueue({ status: 401, body: 'nope' });
    const error = await transportFailure(transport.execute(post('/v1/x')));
    const surfaces = [
      error.message,
      String(error),
      JSON.stringify(error),
      inspect(error, { depth: 10, showHidden: true }),
      error.stack ?? '',
    ];
    for (const surface of surfaces) expect(surface).not.toContain(SECRET);
  });

  it('a failing fetch that quotes the token: message, cause and inspect are scrubbed', async () => {
    const fetch: FetchFunction = async (_input, init) => {
      const authorization = new Headers(init?.headers).get('authorization');
      throw new TypeError('fetch failed', { cause: new Error(`refused ${authorization}`) });
    };
    const error = await transportFailure(createKyTransport({ fetch }).execute(post('/v1/x')));
    expect(error.kind).toBe('network');
    const cause = error.cause as Error;
    const surfaces = [
      error.message,
      JSON.stringify(error),
      inspect(error, { depth: 10 }),
      inspect(cause, { depth: 10 }),
      String(cause.cause),
    ];
    for (const surface of surfaces) expect(surface).not.toContain(SECRET);
    expect(error.message).toBe('network error: fetch failed: refused [REDACTED]');
  });
});
