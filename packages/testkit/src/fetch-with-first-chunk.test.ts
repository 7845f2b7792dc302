import { afterEach, describe, expect, it } from 'vitest';
import { fetchWithFirstChunk } from './fetch-with-first-chunk.js';
import { startTestServer, type TestServer } from './start-test-server.js';

const servers: TestServer[] = [];
async function start(): Promise<TestServer> {
  const server = await startTestServer();
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const decoder = new TextDecoder();

describe('fetchWithFirstChunk', () => {
  it('resolves with the first chunk already in the body; status and headers are kept', async () => {
    const server = await start();
    server.route('GET', '/stream', {
      status: 202,
      headers: { 'x-request-id': 'req-1' },
      // The head leaves at once, the first chunk later: a plain fetch would resolve in between.
      body: [
        { data: 'first', delayMs: 100 },
        { data: 'second', delayMs: 20 },
      ],
    });
    const response = await fetchWithFirstChunk(`${server.url}/stream`);
    expect(response.status).toBe(202);
    expect(response.headers.get('x-request-id')).toBe('req-1');
    const reader = response.body!.getReader();
    // Already buffered: the read settles before any I/O callback runs.
    const immediate = await Promise.race([
      reader.read().then(({ value }) => decoder.decode(value)),
      new Promise<'not buffered'>((resolve) => setImmediate(() => resolve('not buffered'))),
    ]);
    expect(immediate).toBe('first');
    let rest = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest += decoder.decode(value);
    }
    expect(rest).toBe('second');
  });

  it('cancelling the body closes the real connection', async () => {
    const server = await start();
    server.route('GET', '/stall', { body: [{ data: 'first' }], stall: true });
    const response = await fetchWithFirstChunk(`${server.url}/stall`);
    await response.body!.cancel();
    expect(await server.requests[0]!.outcome).toBe('client-disconnected');
  });

  it('passes responses without a body or with an empty one through', async () => {
    const server = await start();
    server.route('GET', '/none', { status: 204 });
    server.route('GET', '/empty', { status: 200 });
    const none = await fetchWithFirstChunk(`${server.url}/none`);
    expect(none.status).toBe(204);
    expect(none.body).toBeNull();
    const empty = await fetchWithFirstChunk(`${server.url}/empty`);
    expect(empty.status).toBe(200);
    expect(await empty.text()).toBe('');
  });
});
