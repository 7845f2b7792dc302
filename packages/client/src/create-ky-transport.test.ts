import { inspect } from 'node:util';
import { refusedUrl, rejectionOf, startTestServer } from '@codex/testkit';
import { describe, expect, it } from 'vitest';
import { createKyTransport, type FetchFunction } from './create-ky-transport.js';
import { createRequest, jsonBody, type Request } from './request.js';
import { TransportError } from './transport-error.js';

const SECRET = 'sk-fake-SECRET-0123456789';

async function transportFailure(promise: Promise<unknown>): Promise<TransportError> {
  const error = await rejectionOf(promise);
  if (!TransportError.isInstance(error)) throw error;
  return error;
}

function post(url: string, extra: Partial<Parameters<typeof createRequest>[0]> = {}): Request {
  return createRequest({
    method: 'POST',
    url,
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

async function waitFor(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  // Up to about 10 s: a loaded machine can be slow to deliver, and the test timeout is 20 s.
  for (let index = 0; index < 1_000; index++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const transport = createKyTransport();

describe('execute over a real socket', () => {
  it('sends method, url with query, headers and the prepared JSON body; buffers the response', async () => {
    await using server = await startTestServer();
    server.enqueue({
      headers: { 'x-request-id': 'req-1' },
      body: [{ data: '{"ok":' }, { data: 'true}' }],
    });
    const { url, requests } = server;
    const response = await transport.execute(post(`${url}/v1/responses?a=1`));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('req-1');
    expect(new TextDecoder().decode(response.body)).toBe('{"ok":true}');
    expect(response.url).toBe(`${url}/v1/responses?a=1`);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.url).toBe('/v1/responses?a=1');
    expect(requests[0]?.headers['content-type']).toBe('application/json');
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(requests[0]?.text()).toBe('{"model":"test-model"}');
  });

  it('E.1 case 6: 503 "busy" → http error with status, the url sent, headers and body', async () => {
    await using server = await startTestServer();
    server.enqueue({ status: 503, headers: { 'x-request-id': 'r-503' }, body: 'busy' });
    const { url } = server;
    const error = await transportFailure(transport.execute(post(`${url}/v1/responses?x=1`)));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(503);
    expect(error.url).toBe(`${url}/v1/responses?x=1`);
    expect(error.headers?.get('x-request-id')).toBe('r-503');
    expect(error.body).toBe('busy');
    expect(error.message).toBe('http 503 Service Unavailable: Some("busy")');
  });

  it('E.1 case 7: 401 with a body that is not UTF-8 → body absent, Display ends with None', async () => {
    await using server = await startTestServer();
    server.enqueue({ status: 401, body: new Uint8Array([0xff, 0xfe, 0x41]) });
    const { url } = server;
    const error = await transportFailure(transport.execute(post(url)));
    expect(error.status).toBe(401);
    expect(error.body).toBeUndefined();
    expect(error.message).toBe('http 401 Unauthorized: None');
  });

  it('E.1 case 8: connection refused → network error', async () => {
    const error = await transportFailure(transport.execute(post(await refusedUrl())));
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/^network error: .*ECONNREFUSED/);
  });

  it('E.1 case 8: the per-request timeout elapsing before the head → timeout', async () => {
    await using server = await startTestServer();
    server.enqueue({ stallBeforeHeaders: true });
    const { url } = server;
    const error = await transportFailure(transport.execute(post(url, { timeoutMs: 100 })));
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe('timeout');
  });

  it('the timeout also covers reading the body, and the transport default applies', async () => {
    await using server = await startTestServer();
    server.enqueue({ body: 'partial', stall: true });
    const { url } = server;
    const withDefault = createKyTransport({ timeoutMs: 100 });
    const error = await transportFailure(withDefault.execute(post(url)));
    expect(error.kind).toBe('timeout');
  });

  it('the response timeout fails a server that never sends the head → timeout', async () => {
    await using server = await startTestServer();
    server.enqueue({ stallBeforeHeaders: true });
    const { url } = server;
    const error = await transportFailure(transport.stream(post(url, { responseTimeoutMs: 100 })));
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe('timeout');
  });

  it('the response timeout stops counting once the head arrived', async () => {
    await using server = await startTestServer();
    server.enqueue({ body: 'data: a\n\n', stall: true });
    const { url } = server;
    // Generous, so that a slow head on a loaded machine does not fail the request itself.
    const response = await transport.stream(post(url, { responseTimeoutMs: 2_000 }));
    const reader = response.body.getReader();
    await reader.read();
    // Well past the response timeout, a read is still pending, not failed.
    const pending = reader.read().then(
      () => 'settled',
      () => 'failed',
    );
    const outcome = await Promise.race([
      pending,
      new Promise((resolve) => setTimeout(() => resolve('pending'), 2_300)),
    ]);
    expect(outcome).toBe('pending');
    await reader.cancel();
  });

  it('rejects a response timeout that is not positive, naming the option', () => {
    expect(() => post('http://127.0.0.1:1/', { responseTimeoutMs: 0 })).toThrow(
      /`responseTimeoutMs` must be a positive number/,
    );
  });

  it('a connection dropped mid-body → network error', async () => {
    await using server = await startTestServer();
    server.enqueue({ headers: { 'content-length': '100' }, body: 'part', dropAfterChunks: 1 });
    const { url } = server;
    const error = await transportFailure(transport.execute(post(url)));
    expect(error.kind).toBe('network');
  });

  it('a request the runtime cannot build → build error, not network', async () => {
    await using server = await startTestServer();
    const { url, requests } = server;
    const error = await transportFailure(
      transport.execute(createRequest({ method: 'GET', url, body: jsonBody({ a: 1 }) })),
    );
    expect(error.kind).toBe('build');
    expect(requests).toHaveLength(0);
  });

  it('a body preparation failure → build error with the exact message', async () => {
    await using server = await startTestServer();
    const { url, requests } = server;
    const error = await transportFailure(
      transport.execute(
        post(url, { headers: { 'content-encoding': 'gzip' }, compression: 'zstd' }),
      ),
    );
    expect(error.message).toBe(
      'request build error: request compression was requested but content-encoding is already set',
    );
    expect(requests).toHaveLength(0);
  });

  it('large error bodies are capped at maxErrorBodyBytes on a character boundary', async () => {
    await using server = await startTestServer();
    server.enqueue({ status: 500, body: 'ab€€€' });
    const { url } = server;
    const capped = createKyTransport({ maxErrorBodyBytes: 4 });
    const error = await transportFailure(capped.execute(post(url)));
    expect(error.body).toBe('ab');
  });
});

describe('stream over a real socket', () => {
  it('hands back status and headers at once and the body as it arrives', async () => {
    await using server = await startTestServer();
    server.enqueue({
      headers: { 'content-type': 'text/event-stream' },
      body: [{ data: 'data: a\n\n' }, { data: 'data: b\n\n', delayMs: 20 }],
    });
    const { url } = server;
    const response = await transport.stream(post(url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(await readAll(response.body)).toBe('data: a\n\ndata: b\n\n');
  });

  it('non-2xx → http error with a lossily decoded body', async () => {
    await using server = await startTestServer();
    server.enqueue({ status: 429, body: new Uint8Array([0x6e, 0x6f, 0xff]) });
    const { url } = server;
    const error = await transportFailure(transport.stream(post(url)));
    expect(error.status).toBe(429);
    expect(error.body).toBe('no\ufffd');
    expect(error.message).toBe('http 429 Too Many Requests: Some("no\ufffd")');
  });

  it('a drop mid-stream errors the byte stream with a network TransportError', async () => {
    await using server = await startTestServer();
    server.enqueue({ body: 'data: a\n\n', dropAfterChunks: 1 });
    const { url } = server;
    const response = await transport.stream(post(url));
    const reader = response.body.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: a\n\n');
    const error = await rejectionOf(reader.read());
    expect(TransportError.isInstance(error) && error.kind).toBe('network');
  });

  it('the total timeout errors the byte stream with a timeout TransportError', async () => {
    await using server = await startTestServer();
    server.route('POST', '/', { body: 'x', stall: true });
    const { url } = server;
    // The head must arrive within the limit; a loaded machine can delay it, so a try whose head
    // was too late is repeated with a longer limit. The server always goes silent after 'x'.
    const limits = [400, 2_000, 8_000];
    for (const [index, timeoutMs] of limits.entries()) {
      const response = await transport.stream(post(url, { timeoutMs })).catch((error: unknown) => {
        const headTooLate = TransportError.isInstance(error) && error.kind === 'timeout';
        if (headTooLate && index < limits.length - 1) return undefined;
        throw error;
      });
      if (response === undefined) continue;
      const error = await rejectionOf(readAll(response.body));
      expect(TransportError.isInstance(error) && error.kind).toBe('timeout');
      return;
    }
  });

  it('cancel() releases the connection', async () => {
    await using server = await startTestServer();
    server.enqueue({ body: 'data: a\n\n', stall: true });
    const response = await transport.stream(post(server.url));
    const reader = response.body.getReader();
    await reader.read();
    expect(server.activeResponses).toBe(1);
    await reader.cancel();
    // The server sees the client go away although it never ended the response.
    expect(await server.requests[0]!.outcome).toBe('client-disconnected');
  });
});

describe('abort', () => {
  it('before sending: rejects with the reason, nothing is sent', async () => {
    await using server = await startTestServer();
    const { url, requests } = server;
    const controller = new AbortController();
    controller.abort();
    const error = await rejectionOf(transport.execute(post(url, { signal: controller.signal })));
    expect(isAbortError(error)).toBe(true);
    expect(requests).toHaveLength(0);
  });

  it('while waiting for the head: rejects with the signal reason, not a network error', async () => {
    await using server = await startTestServer();
    server.enqueue({ stallBeforeHeaders: true });
    const { url, requests } = server;
    const controller = new AbortController();
    const pending = transport.execute(post(url, { signal: controller.signal }));
    // Abort once the server holds the request, so the wait is really for the head.
    await waitFor(() => requests.length === 1, 'the request to arrive');
    controller.abort();
    const error = await rejectionOf(pending);
    expect(isAbortError(error)).toBe(true);
    expect(TransportError.isInstance(error)).toBe(false);
  });

  it('a custom reason comes back as it is', async () => {
    await using server = await startTestServer();
    server.enqueue({ stallBeforeHeaders: true });
    const { url, requests } = server;
    const controller = new AbortController();
    const reason = new Error('user closed the tab');
    const pending = transport.stream(post(url, { signal: controller.signal }));
    await waitFor(() => requests.length === 1, 'the request to arrive');
    controller.abort(reason);
    expect(await rejectionOf(pending)).toBe(reason);
  });

  it('while execute reads the body', async () => {
    await using server = await startTestServer();
    server.enqueue({ body: 'a', stall: true });
    const { url } = server;
    const controller = new AbortController();
    const pending = transport.execute(post(url, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 80);
    expect(isAbortError(await rejectionOf(pending))).toBe(true);
  });

  it('while a stream body is read', async () => {
    await using server = await startTestServer();
    server.enqueue({ body: 'a', stall: true });
    const { url } = server;
    const controller = new AbortController();
    const response = await transport.stream(post(url, { signal: controller.signal }));
    const reader = response.body.getReader();
    await reader.read();
    setTimeout(() => controller.abort(), 30);
    const error = await rejectionOf(reader.read());
    expect(isAbortError(error)).toBe(true);
  });

  it('removes its listener from a long-lived signal after each request', async () => {
    await using server = await startTestServer();
    server.route('POST', '/', { body: 'ok' });
    const { url } = server;
    const controller = new AbortController();
    let added = 0;
    let removed = 0;
    const signal = controller.signal;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof add>) => {
      added++;
      add(...args);
    }) as typeof signal.addEventListener;
    signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
      removed++;
      remove(...args);
    }) as typeof signal.removeEventListener;
    for (let index = 0; index < 5; index++) {
      await transport.execute(post(url, { signal }));
      const streamed = await transport.stream(post(url, { signal }));
      await readAll(streamed.body);
    }
    expect(added).toBe(10);
    expect(removed).toBe(10);
  });
});

describe('fetch, prepare hook and secrets', () => {
  it('reads an injected fetch per request and never hands out ky or Request objects', async () => {
    await using server = await startTestServer();
    server.enqueue({ status: 500, body: 'boom' });
    const { url } = server;
    let calls = 0;
    const fetch: FetchFunction = (input, init) => {
      calls++;
      return globalThis.fetch(input, init);
    };
    const error = await transportFailure(createKyTransport({ fetch }).execute(post(url)));
    expect(calls).toBe(1);
    expect(Object.values(error).some((value) => value instanceof globalThis.Request)).toBe(false);
    expect(error.constructor.name).toBe('TransportError');
  });

  it('the prepare hook sees the final body bytes and its URL is the one reported', async () => {
    await using server = await startTestServer();
    server.enqueue({ status: 401, body: 'Signature expired: x' });
    const { url, requests } = server;
    const seen: string[] = [];
    const signing = createKyTransport({
      prepare: (request) => {
        const bytes = request.body?.kind === 'encodedJson' ? request.body.bytes : new Uint8Array();
        seen.push(new TextDecoder().decode(bytes));
        const headers = new Headers(request.headers);
        headers.set('x-signature', `sig-${bytes.byteLength}`);
        return { ...request, url: `${request.url}?X-Amz-Date=1`, headers };
      },
    });
    const error = await transportFailure(signing.execute(post(`${url}/v1/responses`)));
    expect(seen).toEqual(['{"model":"test-model"}']);
    expect(requests[0]?.headers['x-signature']).toBe('sig-22');
    expect(error.url).toBe(`${url}/v1/responses?X-Amz-Date=1`);
  });

  it('a TransportError from the prepare hook passes through; other errors become build errors', async () => {
    await using server = await startTestServer();
    const { url, requests } = server;
    const transient = createKyTransport({
      prepare: () => {
        throw new TransportError({ kind: 'network', detail: 'sts temporarily unavailable' });
      },
    });
    expect((await transportFailure(transient.execute(post(url)))).message).toBe(
      'network error: sts temporarily unavailable',
    );
    const broken = createKyTransport({
      prepare: () => {
        throw new Error(`could not sign with Bearer ${SECRET}`);
      },
    });
    const error = await transportFailure(broken.execute(post(url)));
    expect(error.kind).toBe('build');
    expect(error.message).not.toContain(SECRET);
    expect(requests).toHaveLength(0);
  });

  it('no error shows the Authorization header, however it is printed', async () => {
    await using server = await startTestServer();
    server.enqueue(
      { status: 401, headers: { 'set-cookie': `session=${SECRET}` }, body: 'unauthorized' },
      { stallBeforeHeaders: true },
    );
    const { url } = server;
    const errors: unknown[] = [
      await rejectionOf(transport.execute(post(url))),
      await rejectionOf(transport.stream(post(url, { timeoutMs: 50 }))),
      await rejectionOf(transport.execute(post(await refusedUrl()))),
      await rejectionOf(
        transport.execute(
          createRequest({
            method: 'GET',
            url,
            headers: { authorization: `Bearer ${SECRET}` },
            body: jsonBody({}),
          }),
        ),
      ),
    ];
    expect(errors.map((error) => (error as TransportError).kind)).toEqual([
      'http',
      'timeout',
      'network',
      'build',
    ]);
    for (const error of errors) {
      const printed = [
        String(error),
        JSON.stringify(error),
        inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
        inspect((error as Error).cause, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
        (error as Error).stack ?? '',
      ].join('\n');
      expect(printed).not.toContain(SECRET);
    }
  });
});
