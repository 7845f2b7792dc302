import { createKyTransport } from '@codex/client';
import { StreamDisconnectedError } from '@codex/protocol';
import { rejectionOf, sseFrames, startResponsesServer } from '@codex/testkit';
import { describe, expect, it } from 'vitest';
import { noAuth } from '../auth/auth-provider.js';
import { ApiError } from '../errors/api-error.js';
import { ModelClient } from '../model-client/model-client.js';
import { defineModelProvider } from '../provider/define-model-provider.js';
import { createEndpointSettings } from '../settings/endpoint-settings.js';
import { ResponsesClient } from './responses-client.js';

const message = (text: string) => ({
  type: 'response.output_item.done',
  item: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text }] },
});
const turn = sseFrames([
  { type: 'response.created', response: { id: 'resp_1' } },
  { type: 'response.output_text.delta', delta: 'Hel' },
  { type: 'response.output_text.delta', delta: 'lo' },
  message('Hello'),
  {
    type: 'response.completed',
    response: {
      id: 'resp_1',
      end_turn: true,
      usage: { input_tokens: 3, output_tokens: 2, total_tokens: 5 },
    },
  },
]).join('');

function clientFor(baseUrl: string): ResponsesClient {
  return new ResponsesClient({
    settings: createEndpointSettings({ name: 'openai', baseUrl, retry: { maxAttempts: 0 } }),
    auth: noAuth,
    transport: createKyTransport(),
  });
}

const request = { model: 'm', input: [] };

describe('ResponseStream.finalResponse and textStream', () => {
  it('finalResponse reads the stream and returns the turn: id, text, items, usage, model, limits', async () => {
    await using server = await startResponsesServer({
      transcript: turn,
      responsesHeaders: { 'openai-model': 'gpt-test', 'x-codex-primary-used-percent': '12' },
    });
    const result = await (await clientFor(server.baseUrl).streamRequest(request)).finalResponse();
    expect(result).toMatchObject({
      responseId: 'resp_1',
      text: 'Hello',
      endTurn: true,
      serverModel: 'gpt-test',
      usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
    });
    expect(result.output).toHaveLength(1);
    expect(result.output[0]).toMatchObject({ type: 'message', role: 'assistant' });
    expect(result.rateLimits[0]).toMatchObject({ limitId: 'codex', primary: { usedPercent: 12 } });
  });

  it('includes the events a loop already consumed, and answers again once the stream ended', async () => {
    await using server = await startResponsesServer({ transcript: turn });
    // The turn stops before `completed` and the server stays silent: the loop leaves early.
    server.responses.enqueue({
      body: turn.slice(0, turn.indexOf('event: response.completed')),
      stall: true,
    });
    const stream = await clientFor(server.baseUrl).streamRequest(request);
    for await (const event of stream) {
      if (event.type === 'outputItemDone') break;
    }
    const error = await rejectionOf(stream.finalResponse());
    expect(ApiError.isInstance(error) && error.message).toMatch(/without response\.completed/);

    const whole = await clientFor(server.baseUrl).streamRequest(request);
    await whole.next();
    await whole.next();
    const first = await whole.finalResponse();
    expect(first.text).toBe('Hello');
    expect(await whole.finalResponse()).toEqual(first);
  });

  it('rejects with the terminal error: an ApiError from ResponsesClient, the mapped one from ModelClient', async () => {
    const broken = sseFrames([{ type: 'response.output_text.delta', delta: 'x' }]).join('');
    await using server = await startResponsesServer({ transcript: broken });
    const apiError = await rejectionOf(
      (await clientFor(server.baseUrl).streamRequest(request)).finalResponse(),
    );
    expect(ApiError.isInstance(apiError) && apiError.message).toBe(
      'stream error: stream closed before response.completed',
    );

    const provider = defineModelProvider({
      id: 'test',
      name: 'Test',
      resolve: async () => ({
        settings: createEndpointSettings({ name: 'Test', baseUrl: server.baseUrl }),
        auth: noAuth,
      }),
    });
    const stream = await new ModelClient({ provider }).stream(request);
    const mapped = await rejectionOf(stream.finalResponse());
    expect(StreamDisconnectedError.isInstance(mapped)).toBe(true);
    expect(await rejectionOf(stream.finalResponse())).toBe(mapped);
  });

  it('textStream yields only the text deltas; leaving it early cancels the request', async () => {
    await using server = await startResponsesServer({ transcript: turn });
    const texts: string[] = [];
    for await (const text of (
      await clientFor(server.baseUrl).streamRequest(request)
    ).textStream()) {
      texts.push(text);
    }
    expect(texts).toEqual(['Hel', 'lo']);

    const open = sseFrames([{ type: 'response.output_text.delta', delta: 'a' }]).join('');
    await using stalled = await startResponsesServer({ transcript: open });
    stalled.responses.enqueue({ body: open, stall: true });
    for await (const text of (
      await clientFor(stalled.baseUrl).streamRequest(request)
    ).textStream()) {
      expect(text).toBe('a');
      break;
    }
    expect(await stalled.responses.requests[0]!.outcome).toBe('client-disconnected');
  });
});
