import { afterEach, describe, expect, it } from 'vitest';
import { readSseEvents, readSseJson } from './read-sse-events.js';
import type { RouteResponse } from './response-script.js';
import { encodeSseEvent, encodeSseEvents, jsonResponse, sseResponse } from './sse-response.js';
import { startTestServer, type TestServer } from './start-test-server.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
async function serve(script: RouteResponse): Promise<Response> {
  const server = await startTestServer();
  servers.push(server);
  server.enqueue(script);
  return fetch(`${server.url}/responses`, { method: 'POST' });
}

const events = [
  { type: 'response.created', response: { id: 'resp_1' }, sequence_number: 0 },
  { type: 'response.output_text.delta', delta: 'Hi', sequence_number: 1 },
  { type: 'response.output_text.delta', delta: ' there', sequence_number: 2 },
  { type: 'response.completed', response: { id: 'resp_1' }, sequence_number: 3 },
];

async function readChunks(response: Response): Promise<{ chunks: string[]; error: unknown }> {
  const decoder = new TextDecoder();
  const reader = response.body!.getReader();
  const chunks: string[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { chunks, error: undefined };
      chunks.push(decoder.decode(value));
    }
  } catch (error) {
    return { chunks, error };
  }
}

describe('encodeSseEvent', () => {
  it('frames an event like the Responses API: event line, data line, blank line', () => {
    expect(encodeSseEvent({ type: 'response.output_text.delta', delta: 'a\nb' })).toBe(
      'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"a\\nb"}\n\n',
    );
    const bytes = encodeSseEvents(events);
    expect(readSseJson(new TextDecoder().decode(bytes))).toEqual(events);
  });
});

describe('sseResponse', () => {
  it('serves events as text/event-stream with the extra headers', async () => {
    const response = await serve(
      sseResponse(events, { headers: { 'x-request-id': 'req_9', 'openai-model': 'gpt-5.1' } }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-request-id')).toBe('req_9');
    expect(response.headers.get('openai-model')).toBe('gpt-5.1');
    expect(readSseJson(await response.text())).toEqual(events);
  });

  it('passes raw SSE text and bytes through unchanged', async () => {
    const raw = ': keep-alive\n\ndata: {"type":"response.created","response":{}}\r\n\r\n';
    expect(await (await serve(sseResponse(raw))).text()).toBe(raw);
    const bytes = new TextEncoder().encode(raw);
    expect(await (await serve(sseResponse(bytes))).text()).toBe(raw);
  });

  it('paces events with eventDelayMs, one event per write', async () => {
    const started = performance.now();
    const response = await serve(sseResponse(events, { eventDelayMs: 40 }));
    const { chunks } = await readChunks(response);
    // A busy client may get several events in one read, but a read never ends inside an event
    // (one event per write), and the delays between the events show in the elapsed time.
    expect(readSseJson(chunks.join(''))).toEqual(events);
    for (const chunk of chunks) expect(chunk.endsWith('\n\n')).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('stallAfterEvents sends that many events, then keeps the stream open', async () => {
    const server = await startTestServer();
    servers.push(server);
    server.enqueue(sseResponse(events, { stallAfterEvents: 2 }));
    const controller = new AbortController();
    const response = await fetch(server.url, { signal: controller.signal });
    const reader = response.body!.getReader();
    const { value } = await reader.read();
    expect(readSseJson(new TextDecoder().decode(value))).toEqual(events.slice(0, 2));
    let timer: NodeJS.Timeout | undefined;
    const next = await Promise.race([
      reader.read(),
      new Promise((resolve) => {
        timer = setTimeout(() => resolve('silent'), 100);
      }),
    ]);
    clearTimeout(timer);
    expect(next).toBe('silent');
    controller.abort();
    expect(await server.requests[0]!.outcome).toBe('client-disconnected');
  });

  it('dropAfterEvents sends that many events, then breaks the connection', async () => {
    const response = await serve(sseResponse(events, { dropAfterEvents: 3, eventDelayMs: 5 }));
    const { chunks, error } = await readChunks(response);
    expect(readSseJson(chunks.join(''))).toEqual(events.slice(0, 3));
    expect(error).toBeInstanceOf(Error);
  });

  it('splits raw transcripts on blank lines for pacing and drops', async () => {
    const raw = 'data: 1\n\ndata: 2\r\n\r\ndata: 3\n\n';
    const response = await serve(sseResponse(raw, { dropAfterEvents: 2 }));
    const { chunks, error } = await readChunks(response);
    expect(chunks.join('')).toBe('data: 1\n\ndata: 2\r\n\r\n');
    expect(readSseEvents('data: 1\n\n')).toEqual([{ event: undefined, data: '1' }]);
    expect(error).toBeInstanceOf(Error);
  });

  it('serves an error status with SSE framing', async () => {
    const response = await serve(sseResponse([], { status: 500 }));
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('');
  });

  it('validates its options', () => {
    expect(() => sseResponse(events, { eventDelayMs: -1 })).toThrow(RangeError);
    expect(() => sseResponse(events, { dropAfterEvents: 1.5 })).toThrow(RangeError);
    expect(() => sseResponse(events, { dropAfterEvents: 1, stallAfterEvents: 1 })).toThrow(
      TypeError,
    );
  });
});

describe('jsonResponse', () => {
  it('serves JSON with a status and headers', async () => {
    const response = await serve(
      jsonResponse({ error: { message: 'nope' } }, { status: 400, headers: { 'x-a': 'b' } }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-a')).toBe('b');
    expect(await response.json()).toEqual({ error: { message: 'nope' } });
  });
});
