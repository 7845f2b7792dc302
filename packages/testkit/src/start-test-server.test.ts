import { Agent, get as httpGet } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExchangeOutcome } from './recorded-request.js';
import { startTestServer, TESTKIT_HOST, type TestServer } from './start-test-server.js';

const servers: TestServer[] = [];
async function start(...args: Parameters<typeof startTestServer>): Promise<TestServer> {
  const server = await startTestServer(...args);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const decoder = new TextDecoder();

/** Reads a body chunk by chunk, keeping what arrived before an error. */
async function readAll(
  body: ReadableStream<Uint8Array>,
): Promise<{ chunks: Uint8Array[]; text: string; error: unknown }> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let error: unknown;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
  } catch (caught) {
    error = caught;
  }
  return { chunks, text: chunks.map((chunk) => decoder.decode(chunk)).join(''), error };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timed out'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timed out'>((resolve) => {
    timer = setTimeout(() => resolve('timed out'), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe('startTestServer', () => {
  it('listens on 127.0.0.1 with an ephemeral port', async () => {
    const server = await start();
    expect(server.url).toBe(`http://${TESTKIT_HOST}:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    const other = await start();
    expect(other.port).not.toBe(server.port);
  });

  it('answers unscripted requests with a 404 naming the method and path', async () => {
    const server = await start();
    const response = await fetch(`${server.url}/nowhere?x=1`, { method: 'DELETE' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { message: 'testkit: no response scripted for DELETE /nowhere', type: 'not_found' },
    });
  });

  it('records method, target, path, query, lower-cased headers and exact body bytes', async () => {
    const server = await start();
    server.route('POST', '/v1/things', { status: 201 });
    const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0xc3, 0xa9, 0x7d]); // {"a":é} in UTF-8
    const response = await fetch(`${server.url}/v1/things?client_version=1.2.3&x=a%20b`, {
      method: 'POST',
      headers: { 'X-Custom-Header': 'Value', 'Content-Type': 'application/octet-stream' },
      body: bytes,
    });
    expect(response.status).toBe(201);
    await response.arrayBuffer();
    expect(server.requests).toHaveLength(1);
    const request = server.requests[0]!;
    expect(request.index).toBe(0);
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/v1/things?client_version=1.2.3&x=a%20b');
    expect(request.path).toBe('/v1/things');
    expect(request.query.get('client_version')).toBe('1.2.3');
    expect(request.query.get('x')).toBe('a b');
    expect(request.headers['x-custom-header']).toBe('Value');
    expect(request.headers['content-type']).toBe('application/octet-stream');
    expect(Array.from(request.body)).toEqual(Array.from(bytes));
    expect(request.text()).toBe('{"a":é}');
    expect(await request.outcome).toBe('completed');
  });

  it('parses a JSON body with json() and records an empty body for GET', async () => {
    const server = await start();
    server.route('*', '/echo', { body: 'ok' });
    await (await fetch(`${server.url}/echo`, { method: 'POST', body: '{"n":[1,2]}' })).text();
    await (await fetch(`${server.url}/echo`)).text();
    expect(server.requests[0]!.json()).toEqual({ n: [1, 2] });
    expect(server.requests[1]!.method).toBe('GET');
    expect(server.requests[1]!.body.byteLength).toBe(0);
    expect(() => server.requests[1]!.json()).toThrow(SyntaxError);
  });

  it('serves status, headers and a string body with content-length', async () => {
    const server = await start();
    server.route('GET', '/hello', {
      status: 418,
      headers: { 'x-request-id': 'req_1', 'set-cookie': ['a=1', 'b=2'], 'x-number': 7 },
      body: 'héllo',
    });
    const response = await fetch(`${server.url}/hello`);
    expect(response.status).toBe(418);
    expect(response.headers.get('x-request-id')).toBe('req_1');
    expect(response.headers.get('x-number')).toBe('7');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(response.headers.get('content-length')).toBe('6');
    expect(await response.text()).toBe('héllo');
  });

  it('routes by method and exact path; a later route replaces an earlier one', async () => {
    const server = await start();
    server.route('GET', '/a', { body: 'get a' });
    server.route('post', '/a', { body: 'post a' });
    server.route('GET', '/b', { body: 'old b' });
    server.route('GET', '/b', { body: 'new b' });
    expect(await (await fetch(`${server.url}/a`)).text()).toBe('get a');
    expect(await (await fetch(`${server.url}/a`, { method: 'POST' })).text()).toBe('post a');
    expect(await (await fetch(`${server.url}/b`)).text()).toBe('new b');
    expect((await fetch(`${server.url}/a/`)).status).toBe(404);
  });

  it('computes responses with a handler that sees the recorded request', async () => {
    const server = await start();
    server.route('POST', '/count', async (request) => ({
      body: `got ${request.body.byteLength} bytes as request #${request.index}`,
    }));
    const response = await fetch(`${server.url}/count`, { method: 'POST', body: 'abcd' });
    expect(await response.text()).toBe('got 4 bytes as request #0');
  });

  it('answers 500 with the error when a handler throws', async () => {
    const server = await start();
    server.route('GET', '/boom', () => {
      throw new Error('handler bug');
    });
    const response = await fetch(`${server.url}/boom`);
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('handler bug');
  });

  it('serves queued scripts first, in FIFO order, then the route', async () => {
    const server = await start();
    const route = server.route('GET', '/r', { body: 'standing' });
    server.enqueue({ status: 500, body: 'first' }, { status: 429, body: 'second' });
    route.enqueue({ status: 503, body: 'route-queued' });
    const statuses: string[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await fetch(`${server.url}/r`);
      statuses.push(`${response.status} ${await response.text()}`);
    }
    expect(statuses).toEqual([
      '500 first',
      '429 second',
      '503 route-queued',
      '200 standing',
      '200 standing',
    ]);
    expect(route.requests.map((request) => request.index)).toEqual([2, 3, 4]);
  });

  it('uses a custom fallback and can remove routes', async () => {
    const server = await start({ fallback: { status: 410, body: 'gone' } });
    const route = server.route('GET', '/x', { body: 'x' });
    expect((await fetch(`${server.url}/x`)).status).toBe(200);
    route.remove();
    const response = await fetch(`${server.url}/x`);
    expect(response.status).toBe(410);
    expect(await response.text()).toBe('gone');
  });

  it('reset() forgets requests and queued scripts but keeps routes', async () => {
    const server = await start();
    server.route('GET', '/x', { body: 'x' });
    server.enqueue({ status: 500 });
    await (await fetch(`${server.url}/y`)).text();
    server.enqueue({ status: 500 });
    server.reset();
    expect(server.requests).toHaveLength(0);
    const response = await fetch(`${server.url}/x`);
    expect(response.status).toBe(200);
    expect(server.requests).toHaveLength(1);
  });

  it('does not record requests when recordRequests is false', async () => {
    const server = await start({ recordRequests: false });
    server.route('GET', '/x', { body: 'x' });
    await (await fetch(`${server.url}/x`)).text();
    expect(server.requests).toHaveLength(0);
  });

  it('validates route arguments', async () => {
    const server = await start();
    expect(() => server.route('GET', 'no-slash', {})).toThrow(TypeError);
    expect(() => server.route('', '/x', {})).toThrow(TypeError);
  });
});

describe('bodies and pacing', () => {
  it('sends a list of chunks in order, honouring each delay', async () => {
    const server = await start();
    server.route('GET', '/chunks', {
      body: [
        { data: 'one,' },
        { data: new TextEncoder().encode('two,'), delayMs: 250 },
        { data: 'three' },
      ],
    });
    const started = performance.now();
    const response = await fetch(`${server.url}/chunks`);
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    const { text, error } = await readAll(response.body!);
    expect(error).toBeUndefined();
    expect(text).toBe('one,two,three');
    // How reads group the pieces is up to a busy client; the delay shows in the elapsed time.
    // (That a piece is flushed before the next one's delay is checked with a 5 s delay below.)
    expect(performance.now() - started).toBeGreaterThanOrEqual(200);
  });

  it('drips the body in pieces of bytesPerChunk at the interval', async () => {
    const server = await start();
    server.route('GET', '/drip', {
      body: 'abcdefghij',
      drip: { bytesPerChunk: 3, intervalMs: 25 },
    });
    const started = performance.now();
    const response = await fetch(`${server.url}/drip`);
    const { text, chunks } = await readAll(response.body!);
    expect(text).toBe('abcdefghij');
    // A busy client may read two pieces at once, so check where reads can end: only on a piece
    // boundary (every 3 bytes), and the pacing through the elapsed time (3 intervals at least).
    let offset = 0;
    for (const chunk of chunks.slice(0, -1)) {
      offset += chunk.byteLength;
      expect(offset % 3).toBe(0);
    }
    expect(performance.now() - started).toBeGreaterThanOrEqual(60);
  });

  it('waits delayMs before the status line', async () => {
    const server = await start();
    server.route('GET', '/slow', { delayMs: 80, body: 'late' });
    const started = performance.now();
    const response = await fetch(`${server.url}/slow`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(70);
    expect(await response.text()).toBe('late');
  });

  it('serves a large pre-encoded body intact', async () => {
    const server = await start();
    const body = Buffer.alloc(8 * 1024 * 1024, 'x');
    body.write('END', body.length - 3);
    server.route('GET', '/big', { body });
    const response = await fetch(`${server.url}/big`);
    const received = Buffer.from(await response.arrayBuffer());
    expect(received.length).toBe(body.length);
    expect(received.subarray(-3).toString()).toBe('END');
  });

  it('respects backpressure for many chunks to a slow reader', async () => {
    const server = await start();
    const chunk = 'y'.repeat(64 * 1024);
    const count = 200; // 12.5 MiB in total, far more than socket buffers hold
    server.route('GET', '/many', { body: Array.from({ length: count }, () => ({ data: chunk })) });
    const response = await fetch(`${server.url}/many`);
    const reader = response.body!.getReader();
    let total = 0;
    let reads = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      // Read slowly at first so the server has to wait for 'drain'.
      if (reads++ < 5) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(total).toBe(chunk.length * count);
    expect(await server.requests[0]!.outcome).toBe('completed');
  });
});

describe('iterable bodies', () => {
  it('reads a generator body lazily and stops pulling from it when the client goes away', async () => {
    const server = await start();
    let produced = 0;
    let finished = false;
    // An endless stream: one event now, then one every 10 ms, for as long as the client reads.
    function* endless(): Generator<{ data: string; delayMs: number }> {
      try {
        for (;;) {
          yield { data: `data: ${produced}\n\n`, delayMs: produced === 0 ? 0 : 10 };
          produced++;
        }
      } finally {
        finished = true;
      }
    }
    // A handler, so that every request gets a generator of its own.
    server.route('GET', '/endless', () => ({ body: endless() }));
    const response = await fetch(`${server.url}/endless`);
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('data: 2\n\n')) text += decoder.decode((await reader.read()).value);
    expect(text.startsWith('data: 0\n\ndata: 1\n\ndata: 2\n\n')).toBe(true);
    await reader.cancel();
    expect(await server.requests[0]!.outcome).toBe('client-disconnected');
    // The serving loop notices the abort in a microtask after the outcome settles.
    await new Promise((resolve) => setImmediate(resolve));
    expect(finished).toBe(true);
  });

  it('ends the response when a finite iterable is exhausted', async () => {
    const server = await start();
    const chunks = new Set([{ data: 'one,' }, { data: 'two,' }, { data: 'three' }]);
    server.route('GET', '/set', { body: chunks });
    const response = await fetch(`${server.url}/set`);
    expect(await response.text()).toBe('one,two,three');
    expect(await server.requests[0]!.outcome).toBe('completed');
  });

  it('drips an iterable body, cutting across its chunks', async () => {
    const server = await start();
    function* pieces(): Generator<{ data: string }> {
      yield { data: 'abcd' };
      yield { data: 'efghij' };
    }
    server.route('GET', '/drip', () => ({
      body: pieces(),
      drip: { bytesPerChunk: 3, intervalMs: 5 },
    }));
    const response = await fetch(`${server.url}/drip`);
    const { text, chunks } = await readAll(response.body!);
    expect(text).toBe('abcdefghij');
    let offset = 0;
    for (const chunk of chunks.slice(0, -1)) {
      offset += chunk.byteLength;
      expect(offset % 3).toBe(0);
    }
  });

  it('dropAfterChunks cuts an endless iterable', async () => {
    const server = await start();
    function* endless(): Generator<{ data: string }> {
      for (;;) yield { data: 'x' };
    }
    server.route('GET', '/drop', () => ({ body: endless(), dropAfterChunks: 4 }));
    const response = await fetch(`${server.url}/drop`);
    const { text, error } = await readAll(response.body!);
    expect(text).toBe('xxxx');
    expect(error).toBeInstanceOf(TypeError);
    expect(await server.requests[0]!.outcome).toBe('dropped');
  });
});

describe('keep-alive', () => {
  // node:http rather than fetch: fetch hides the connection-level keep-alive header.
  function keepAliveHeader(url: string): Promise<string | undefined> {
    return new Promise((resolve, reject) => {
      const request = httpGet(url, { agent: new Agent({ keepAlive: true }) }, (response) => {
        response.resume();
        const header = response.headers['keep-alive'];
        resolve(Array.isArray(header) ? header.join(', ') : header);
        request.destroy();
      });
      request.on('error', reject);
    });
  }

  it('tells clients the idle timeout: 5 s by default, keepAliveTimeoutMs when given', async () => {
    const standard = await start();
    standard.route('GET', '/', { body: 'ok' });
    expect(await keepAliveHeader(standard.url)).toBe('timeout=5');
    const long = await start({ keepAliveTimeoutMs: 60_000 });
    long.route('GET', '/', { body: 'ok' });
    expect(await keepAliveHeader(long.url)).toBe('timeout=60');
  });

  it('rejects a keepAliveTimeoutMs that is not a positive integer, naming it', async () => {
    await expect(startTestServer({ keepAliveTimeoutMs: 0 })).rejects.toThrow(
      /`keepAliveTimeoutMs` must be a positive integer, got 0/,
    );
  });
});

describe('faults', () => {
  it('stall: sends headers and body, then keeps the response open until the client leaves', async () => {
    const server = await start();
    server.route('GET', '/stall', {
      headers: { 'x-stage': 'headers' },
      body: 'partial',
      stall: true,
    });
    const controller = new AbortController();
    const response = await fetch(`${server.url}/stall`, { signal: controller.signal });
    expect(response.headers.get('x-stage')).toBe('headers');
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(decoder.decode(first.value)).toBe('partial');
    const next = await withTimeout(reader.read(), 150);
    expect(next).toBe('timed out');
    expect(server.activeResponses).toBe(1);
    controller.abort();
    expect(await server.requests[0]!.outcome).toBe('client-disconnected');
    await server.waitForOpenConnections(0);
  });

  it('stall with no body still delivers the headers', async () => {
    const server = await start();
    server.route('GET', '/stall', { status: 200, headers: { 'x-a': '1' }, stall: true });
    const controller = new AbortController();
    // A bound only so that a missing head fails here rather than at the test timeout; generous,
    // because a loaded machine can take a while to deliver it.
    const response = await withTimeout(
      fetch(`${server.url}/stall`, { signal: controller.signal }),
      10_000,
    );
    expect(response).not.toBe('timed out');
    expect((response as Response).headers.get('x-a')).toBe('1');
    controller.abort();
  });

  it('stallBeforeHeaders: the client gets no response until it gives up', async () => {
    const server = await start();
    server.route('GET', '/silent', { stallBeforeHeaders: true });
    const controller = new AbortController();
    const pending = fetch(`${server.url}/silent`, { signal: controller.signal });
    expect(await withTimeout(pending, 150)).toBe('timed out');
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(await server.requests[0]!.outcome).toBe('client-disconnected');
  });

  it('dropAfterBytes: the client receives exactly that many bytes, then a body error', async () => {
    const server = await start();
    server.route('GET', '/drop', { body: 'abcdefghijklmnopqrstuvwxyz', dropAfterBytes: 10 });
    const response = await fetch(`${server.url}/drop`);
    expect(response.status).toBe(200);
    const { text, error } = await readAll(response.body!);
    expect(text).toBe('abcdefghij');
    expect(error).toBeInstanceOf(Error);
    expect(await server.requests[0]!.outcome).toBe('dropped');
  });

  it('dropAfterChunks: the client receives the first chunks, then a body error', async () => {
    const server = await start();
    server.route('GET', '/drop', {
      body: [
        { data: 'data: 1\n\n' },
        { data: 'data: 2\n\n', delayMs: 10 },
        { data: 'data: 3\n\n' },
      ],
      dropAfterChunks: 2,
    });
    const response = await fetch(`${server.url}/drop`);
    const { text, error } = await readAll(response.body!);
    expect(text).toBe('data: 1\n\ndata: 2\n\n');
    expect(error).toBeInstanceOf(Error);
  });

  it('a drop applies even to a body shorter than the limit (no clean end)', async () => {
    const server = await start();
    server.route('GET', '/drop', { body: 'short', dropAfterBytes: 1_000 });
    const { text, error } = await readAll((await fetch(`${server.url}/drop`)).body!);
    expect(text).toBe('short');
    expect(error).toBeInstanceOf(Error);
  });

  it('dropAfterBytes 0: headers arrive, then the body fails at once', async () => {
    const server = await start();
    server.route('GET', '/drop', { status: 200, body: 'never', dropAfterBytes: 0 });
    const response = await fetch(`${server.url}/drop`);
    const { text, error } = await readAll(response.body!);
    expect(text).toBe('');
    expect(error).toBeInstanceOf(Error);
  });

  it('garbage: fetch fails because the reply is not HTTP', async () => {
    const server = await start();
    server.route('GET', '/garbage', { garbage: true });
    await expect(fetch(`${server.url}/garbage`)).rejects.toThrow(TypeError);
    expect(await server.requests[0]!.outcome).toBe('dropped');
  });

  it('garbage with custom bytes', async () => {
    const server = await start();
    server.route('GET', '/garbage', { garbage: 'HTTP/1.1 abc\r\n\r\n' });
    await expect(fetch(`${server.url}/garbage`)).rejects.toThrow(TypeError);
  });

  it('closeWithoutResponse: fetch fails with a connection error', async () => {
    const server = await start();
    server.enqueue({ closeWithoutResponse: true });
    server.route('GET', '/ok', { body: 'ok' });
    const failure = await fetch(`${server.url}/ok`).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(TypeError);
    expect(await server.requests[0]!.outcome).toBe('dropped');
    // The next request on a fresh connection succeeds.
    expect(await (await fetch(`${server.url}/ok`)).text()).toBe('ok');
  });
});

describe('disconnects and closing', () => {
  it('observes a consumer that stops reading a stream and cancels it', async () => {
    const server = await start();
    server.route('GET', '/stream', {
      body: [{ data: 'event one\n\n' }, { data: 'event two\n\n', delayMs: 5_000 }],
    });
    const response = await fetch(`${server.url}/stream`);
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect(server.activeResponses).toBe(1);
    const outcome: ExchangeOutcome = await server.requests[0]!.outcome;
    expect(outcome).toBe('client-disconnected');
    expect(server.activeResponses).toBe(0);
  });

  it('waitForOpenConnections rejects after its timeout while a connection stays open', async () => {
    const server = await start();
    server.route('GET', '/stall', { stall: true });
    const controller = new AbortController();
    await fetch(`${server.url}/stall`, { signal: controller.signal });
    await expect(server.waitForOpenConnections(0, { timeoutMs: 50 })).rejects.toThrow(
      /1 connections still open/,
    );
    controller.abort();
    await server.waitForOpenConnections(0);
  });

  it('close() resolves while responses are stalled and ends them as server-closed', async () => {
    const server = await startTestServer();
    server.route('GET', '/stall', { body: 'x', stall: true });
    server.route('GET', '/silent', { stallBeforeHeaders: true });
    server.route('GET', '/paced', { body: [{ data: 'a' }, { data: 'b', delayMs: 60_000 }] });
    const stalled = await fetch(`${server.url}/stall`);
    const silent = fetch(`${server.url}/silent`).catch((error: unknown) => error);
    const paced = await fetch(`${server.url}/paced`);
    // Nothing answers /silent, so wait until the server holds that request too.
    while (server.requests.length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(server.requests).toHaveLength(3);
    expect(await withTimeout(server.close(), 10_000)).toBeUndefined();
    expect(await Promise.all(server.requests.map((request) => request.outcome))).toEqual([
      'server-closed',
      'server-closed',
      'server-closed',
    ]);
    expect((await readAll(stalled.body!)).error).toBeInstanceOf(Error);
    expect((await readAll(paced.body!)).error).toBeInstanceOf(Error);
    expect(await silent).toBeInstanceOf(TypeError);
    expect(server.openConnections).toBe(0);
    await server.close(); // idempotent
    await expect(fetch(`${server.url}/stall`)).rejects.toThrow(TypeError);
  });

  it('leaves no sockets or timers behind', async () => {
    const count = (): Record<string, number> => {
      const counts: Record<string, number> = {};
      for (const name of process.getActiveResourcesInfo()) counts[name] = (counts[name] ?? 0) + 1;
      return counts;
    };
    const relevant = (counts: Record<string, number>): number[] => [
      counts.TCPServerWrap ?? 0,
      counts.TCPSocketWrap ?? 0,
      counts.Timeout ?? 0,
    ];
    const before = relevant(count());
    {
      await using server = await startTestServer();
      server.route('GET', '/stall', { body: 'x', stall: true });
      server.route('GET', '/paced', { body: [{ data: 'a' }, { data: 'b', delayMs: 60_000 }] });
      server.route('GET', '/drip', {
        body: 'abcdef',
        drip: { bytesPerChunk: 1, intervalMs: 60_000 },
      });
      const responses = await Promise.all(
        ['/stall', '/paced', '/drip'].map((path) => fetch(`${server.url}${path}`)),
      );
      expect(relevant(count())[0]).toBe(before[0]! + 1);
      for (const response of responses) void readAll(response.body!);
    }
    // Client sockets notice the close asynchronously; give them a moment.
    const deadline = Date.now() + 5_000;
    while (
      Date.now() < deadline &&
      relevant(count()).some((value, index) => value > before[index]!)
    )
      await new Promise((resolve) => setImmediate(resolve));
    relevant(count()).forEach((value, index) => {
      expect(value).toBeLessThanOrEqual(before[index]!);
    });
  });
});
