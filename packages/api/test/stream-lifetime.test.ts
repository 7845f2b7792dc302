// A stream handed out by ResponsesClient / ModelClient lives as long as the caller holds it,
// whatever the garbage collector does in the meantime: Node's fetch cancels the body of a
// collected Response, and a Request's signal follows its parent only weakly.
import { collectGarbage, sseFrames, startTestServer } from '@codex/testkit';
import { describe, expect, it } from 'vitest';
import { createOpenAIProvider, ModelClient } from '../src/index.js';
import { collectEvents } from './support/collect-events.js';

const created = { type: 'response.created', response: {} };
const delta = { type: 'response.output_text.delta', delta: 'x' };
const completed = { type: 'response.completed', response: { id: 'resp_1' } };

describe('a stream outlives garbage collections', () => {
  it('iterated only after a collection, it yields every event', async () => {
    await using server = await startTestServer();
    server.route('POST', '/v1/responses', {
      headers: { 'content-type': 'text/event-stream' },
      body: sseFrames([created, delta, delta, completed]).map((data, index) => ({
        data,
        delayMs: index === 0 ? 0 : 30,
      })),
    });
    const client = new ModelClient({
      provider: createOpenAIProvider({ apiKey: 'sk-test', baseUrl: `${server.url}/v1`, env: {} }),
    });
    const stream = await client.stream({ model: 'm', input: [] });
    await collectGarbage();
    const { events, error } = await collectEvents(stream);
    expect(error).toBeUndefined();
    expect(events.map((event) => event.type)).toEqual([
      'rateLimits',
      'created',
      'outputTextDelta',
      'outputTextDelta',
      'completed',
    ]);
  });

  it('the call deadline still ends a stream read across collections', async () => {
    await using server = await startTestServer();
    server.route('POST', '/v1/responses', {
      headers: { 'content-type': 'text/event-stream' },
      body: sseFrames([created, delta]).join(''),
      stall: true,
    });
    const client = new ModelClient({
      provider: createOpenAIProvider({ apiKey: 'sk-test', baseUrl: `${server.url}/v1`, env: {} }),
    });
    const stream = await client.stream({ model: 'm', input: [] }, { timeoutMs: 500 });
    await collectGarbage();
    const { events, error } = await collectEvents(stream);
    expect(events.map((event) => event.type)).toEqual(['rateLimits', 'created', 'outputTextDelta']);
    expect((error as Error).name).toBe('RequestTimeoutError');
  });
});
