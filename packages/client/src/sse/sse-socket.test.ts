// Abort, early exit, idle timeout and a dropped connection over a real loopback socket.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransportError } from '../transport-error.js';
import { sseDataStream, sseStream } from './sse-stream.js';

let server: Server;
let baseUrl: string;
// Resolves when the server sees the connection of the request with this `?tag=` close.
const closed = new Map<string, Promise<void>>();

function handle(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const tag = url.searchParams.get('tag') ?? '';
  let interval: ReturnType<typeof setInterval> | undefined;
  closed.set(
    tag,
    new Promise((resolve) => {
      response.on('close', () => {
        clearInterval(interval);
        resolve();
      });
    }),
  );
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  response.flushHeaders();
  let count = 0;
  switch (url.pathname) {
    case '/endless': // an event every 10 ms, forever
      interval = setInterval(() => response.write(`data: ${count++}\n\n`), 10);
      return;
    case '/stall': // one event, then silence with the connection open
      response.write('data: first\n\n');
      return;
    case '/comments': // one event, then only keep-alive comments
      response.write('data: first\n\n');
      interval = setInterval(() => response.write(': keep-alive\n\n'), 20);
      return;
    case '/drop': // one event, then the socket is destroyed mid-body
      response.write('data: first\n\ndata: partial');
      setTimeout(() => response.socket?.destroy(), 20);
      return;
    case '/complete': // two events, then a clean end
      response.end('data: one\n\nevent: done\ndata: two\n\n');
      return;
    default:
      response.end();
  }
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function open(
  path: string,
  tag: string,
  signal?: AbortSignal,
): Promise<ReadableStream<Uint8Array>> {
  const response = await fetch(`${baseUrl}${path}?tag=${tag}`, signal ? { signal } : {});
  expect(response.status).toBe(200);
  return response.body!;
}

function serverSawClose(tag: string): Promise<void> {
  const promise = closed.get(tag);
  if (promise === undefined) throw new Error(`no request with tag ${tag}`);
  return promise;
}

describe('sseStream over a real socket', () => {
  it('breaking out of for-await closes the connection', async () => {
    const body = await open('/endless', 'break');
    const seen: string[] = [];
    for await (const event of sseStream(body, { idleTimeoutMs: 5000 })) {
      seen.push(event.data);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(['0', '1', '2']);
    await serverSawClose('break'); // hangs (test timeout) if the socket were kept
  });

  it('aborting the signal throws its reason and closes the connection', async () => {
    const controller = new AbortController();
    const body = await open('/stall', 'abort');
    const reason = new Error('stop now');
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of sseStream(body, { signal: controller.signal })) {
        seen.push(event.data);
        setTimeout(() => controller.abort(reason), 30);
      }
    })().catch((caught: unknown) => caught);
    expect(seen).toEqual(['first']);
    expect(error).toBe(reason);
    await serverSawClose('abort');
  });

  it('aborting the fetch signal surfaces the abort, not a stream failure', async () => {
    const controller = new AbortController();
    const body = await open('/stall', 'fetch-abort', controller.signal);
    const iterator = sseStream(body, { signal: controller.signal });
    await expect(iterator.next()).resolves.toMatchObject({ value: { data: 'first' } });
    setTimeout(() => controller.abort(), 30);
    const error = await iterator.next().catch((caught: unknown) => caught);
    expect(TransportError.isInstance(error)).toBe(false);
    expect(error).toMatchObject({ name: 'AbortError' });
    await serverSawClose('fetch-abort');
  });

  it('the idle timeout fires despite keep-alive comments and closes the connection', async () => {
    const body = await open('/comments', 'idle');
    const iterator = sseStream(body, { idleTimeoutMs: 150 });
    await expect(iterator.next()).resolves.toMatchObject({ value: { data: 'first' } });
    const started = performance.now();
    await expect(iterator.next()).rejects.toMatchObject({
      kind: 'idleTimeout',
      message: 'timeout',
    });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(130);
    expect(elapsed).toBeLessThan(3000);
    await serverSawClose('idle');
  });

  it('a dropped connection ends with TransportError kind stream, keeping the cause', async () => {
    const body = await open('/drop', 'drop');
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of sseStream(body)) seen.push(event.data);
    })().catch((caught: unknown) => caught);
    expect(seen).toEqual(['first']);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'stream' });
    expect((error as TransportError).message).toMatch(/^stream failed: ./);
    expect((error as TransportError).cause).toBeInstanceOf(Error);
    expect((error as TransportError).message).toBe(
      `stream failed: ${((error as TransportError).cause as Error).message}`,
    );
  });

  it('a complete response ends the iteration normally', async () => {
    const body = await open('/complete', 'complete');
    const events = [];
    for await (const event of sseStream(body)) events.push(event);
    expect(events).toEqual([
      { event: 'message', data: 'one', id: '' },
      { event: 'done', data: 'two', id: '' },
    ]);
  });
});

describe('sseDataStream over a real socket', () => {
  it('yields data only, then fails with "stream closed before completion" at a clean end', async () => {
    const body = await open('/complete', 'data-complete');
    const seen: string[] = [];
    const error = await (async () => {
      for await (const data of sseDataStream(body)) seen.push(data);
    })().catch((caught: unknown) => caught);
    expect(seen).toEqual(['one', 'two']);
    expect(TransportError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      kind: 'stream',
      message: 'stream failed: stream closed before completion',
    });
  });

  it('times out with TransportError timeout and closes the connection', async () => {
    const body = await open('/stall', 'data-idle');
    const iterator = sseDataStream(body, { idleTimeoutMs: 100 });
    await expect(iterator.next()).resolves.toEqual({ value: 'first', done: false });
    await expect(iterator.next()).rejects.toMatchObject({
      kind: 'idleTimeout',
      message: 'timeout',
    });
    await serverSawClose('data-idle');
  });

  it('breaking out closes the connection without an error', async () => {
    const body = await open('/endless', 'data-break');
    for await (const data of sseDataStream(body)) {
      if (data === '1') break;
    }
    await serverSawClose('data-break');
  });
});
