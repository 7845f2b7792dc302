import { afterEach, describe, expect, it } from 'vitest';
import { loadJsonFixture, loadTranscript } from './fixture-path.js';
import { readSseJson } from './read-sse-events.js';
import { sseResponse } from './sse-response.js';
import { type ResponsesServer, startResponsesServer } from './start-responses-server.js';

const servers: ResponsesServer[] = [];
async function start(...args: Parameters<typeof startResponsesServer>): Promise<ResponsesServer> {
  const server = await startResponsesServer(...args);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('startResponsesServer', () => {
  it('streams the turn transcript from POST /v1/responses and records the request', async () => {
    const server = await start();
    expect(server.baseUrl).toBe(`${server.url}/v1`);
    const response = await postJson(
      `${server.baseUrl}/responses`,
      { model: 'gpt-5.1-codex', input: [], stream: true },
      { accept: 'text/event-stream', authorization: 'Bearer sk-test' },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('x-request-id')).toBe('req_testkit_1');
    const text = await response.text();
    expect(text).toBe(loadTranscript('turn').toString());
    expect(readSseJson(text).at(-1)?.type).toBe('response.completed');
    const [request] = server.responses.requests;
    expect(request?.json()).toEqual({ model: 'gpt-5.1-codex', input: [], stream: true });
    expect(request?.headers.accept).toBe('text/event-stream');
    expect(request?.headers.authorization).toBe('Bearer sk-test');
  });

  it('serves the configured transcript with the configured stream headers', async () => {
    const server = await start({
      transcript: [{ type: 'response.completed', response: { id: 'resp_a' } }],
      responsesHeaders: {
        'openai-model': 'gpt-5.1-codex-max',
        'x-models-etag': 'etag-2',
        'x-reasoning-included': 'true',
        'x-codex-turn-state': 'ts-1',
        'x-codex-primary-used-percent': '12.5',
        'x-codex-primary-window-minutes': '300',
        'x-codex-primary-reset-at': '1781003600',
      },
      headers: { 'x-request-id': 'req_fixed' },
    });
    const response = await postJson(`${server.baseUrl}/responses`, {});
    expect(response.headers.get('openai-model')).toBe('gpt-5.1-codex-max');
    expect(response.headers.get('x-models-etag')).toBe('etag-2');
    expect(response.headers.get('x-reasoning-included')).toBe('true');
    expect(response.headers.get('x-codex-turn-state')).toBe('ts-1');
    expect(response.headers.get('x-codex-primary-used-percent')).toBe('12.5');
    expect(response.headers.get('x-codex-primary-window-minutes')).toBe('300');
    expect(response.headers.get('x-codex-primary-reset-at')).toBe('1781003600');
    expect(response.headers.get('x-request-id')).toBe('req_fixed');
    expect(readSseJson(await response.text())).toEqual([
      { type: 'response.completed', response: { id: 'resp_a' } },
    ]);
  });

  it('scripts a fault per call on /responses, then falls back to the transcript', async () => {
    const server = await start();
    const expired = 'Signature expired: 20260609T133205Z is now earlier than 20260614T062525Z';
    server.responses.enqueue(
      { status: 401, headers: { 'content-type': 'text/plain' }, body: expired },
      { status: 429, headers: { 'retry-after': '1', 'x-request-id': 'req_429' }, body: '{}' },
    );
    const first = await postJson(`${server.baseUrl}/responses`, {});
    expect(first.status).toBe(401);
    expect(await first.text()).toBe(expired);
    expect(first.headers.get('x-request-id')).toBe('req_testkit_1');
    const second = await postJson(`${server.baseUrl}/responses`, {});
    expect(second.status).toBe(429);
    expect(second.headers.get('x-request-id')).toBe('req_429');
    await second.text();
    const third = await postJson(`${server.baseUrl}/responses`, {});
    expect(third.status).toBe(200);
    expect(readSseJson(await third.text()).at(-1)?.type).toBe('response.completed');
  });

  it('drops a stream mid-way when scripted', async () => {
    const server = await start();
    server.responses.enqueue(sseResponse(loadTranscript('turn'), { dropAfterEvents: 5 }));
    const response = await postJson(`${server.baseUrl}/responses`, {});
    await expect(response.text()).rejects.toThrow();
    expect(await server.responses.requests[0]!.outcome).toBe('dropped');
  });

  it('paces events with eventDelayMs so output arrives progressively', async () => {
    const transcript = [
      { type: 'response.created', response: {} },
      { type: 'response.output_text.delta', delta: 'a' },
      { type: 'response.output_text.delta', delta: 'b' },
    ];
    const server = await start({ transcript, eventDelayMs: 30 });
    const started = performance.now();
    const response = await postJson(`${server.baseUrl}/responses`, {});
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const reads: string[] = [];
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      reads.push(decoder.decode(read.value));
    }
    // A busy client may get two events in one read, but a read never ends inside an event (one
    // event per write), and the two delays between the three events show in the elapsed time.
    expect(readSseJson(reads.join(''))).toEqual(transcript);
    for (const text of reads) expect(text.endsWith('\n\n')).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(50);
  });

  it('answers POST /responses/compact with {"output": [...]}', async () => {
    const server = await start();
    const response = await postJson(`${server.baseUrl}/responses/compact`, {
      model: 'gpt-5.1-codex',
      input: [],
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = (await response.json()) as { output: Array<{ type: string }> };
    expect(body).toEqual(loadJsonFixture('compact.json'));
    expect(body.output.map((item) => item.type)).toEqual(['message', 'compaction']);
    expect(server.compact.requests[0]?.json()).toEqual({ model: 'gpt-5.1-codex', input: [] });
  });

  it('answers POST /memories/trace_summarize with trace_summary and memory_summary', async () => {
    const server = await start({
      memorySummaries: [{ trace_summary: 'did X', memory_summary: 'likes Y' }],
    });
    const response = await postJson(`${server.baseUrl}/memories/trace_summarize`, {
      model: 'm',
      traces: [{ id: 't1', metadata: { source_path: '/a' }, items: [] }],
    });
    expect(await response.json()).toEqual({
      output: [{ trace_summary: 'did X', memory_summary: 'likes Y' }],
    });
    expect(server.memories.requests[0]?.json()).toMatchObject({ traces: [{ id: 't1' }] });
  });

  it('answers GET /models with {"models": [...]} and a verbatim ETag, any query', async () => {
    const server = await start();
    const response = await fetch(`${server.baseUrl}/models?client_version=0.125.0`);
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"testkit-models-1"');
    const body = (await response.json()) as { models: Array<{ slug: string }> };
    expect(body.models.map((model) => model.slug)).toEqual(['gpt-5.1-codex', 'gpt-5.1-codex-mini']);
    expect(server.models.requests[0]?.url).toBe('/v1/models?client_version=0.125.0');
  });

  it('configures the models list and ETag, or omits the ETag', async () => {
    const server = await start({ models: [{ slug: 'a' }], modelsEtag: 'W/"abc"' });
    const response = await fetch(`${server.baseUrl}/models`);
    expect(response.headers.get('etag')).toBe('W/"abc"');
    expect(await response.json()).toEqual({ models: [{ slug: 'a' }] });
    const bare = await start({ modelsEtag: null });
    expect((await fetch(`${bare.baseUrl}/models`)).headers.get('etag')).toBeNull();
  });

  it('replaces a standing answer with respondWith', async () => {
    const server = await start();
    server.models.respondWith({ status: 500, body: 'models down' });
    const response = await fetch(`${server.baseUrl}/models`);
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('models down');
    expect(response.headers.get('x-request-id')).toBe('req_testkit_1');
  });

  it('serves under another base path such as /openai/v1, and 404s elsewhere', async () => {
    const server = await start({ basePath: '/openai/v1/' });
    expect(server.basePath).toBe('/openai/v1');
    expect(server.baseUrl).toBe(`${server.url}/openai/v1`);
    const ok = await postJson(`${server.url}/openai/v1/responses`, {});
    expect(ok.status).toBe(200);
    await ok.text();
    expect((await postJson(`${server.url}/v1/responses`, {})).status).toBe(404);
    expect((await fetch(`${server.url}/openai/v1/responses`)).status).toBe(404);
  });

  it('supports an empty base path', async () => {
    const server = await start({ basePath: '' });
    expect((await fetch(`${server.url}/models`)).status).toBe(200);
  });

  it('validates its options', async () => {
    await expect(startResponsesServer({ basePath: 'v1' })).rejects.toThrow(TypeError);
    await expect(startResponsesServer({ eventDelayMs: -5 })).rejects.toThrow(RangeError);
  });

  it('closes with Symbol.asyncDispose', async () => {
    let url = '';
    {
      await using server = await startResponsesServer();
      url = server.baseUrl;
      expect((await fetch(`${url}/models`)).status).toBe(200);
    }
    await expect(fetch(`${url}/models`)).rejects.toThrow(TypeError);
  });
});
