import { jsonResponse, rejectionOf, startResponsesServer } from '@codex/testkit';
import { describe, expect, it } from 'vitest';
import { testSession } from '../../test/support/endpoint-fixtures.js';
import { ApiError } from '../errors/api-error.js';
import { MemoriesClient } from './memories-client.js';

const input = {
  model: 'gpt-test',
  rawMemories: [
    {
      id: 'trace-1',
      metadata: { sourcePath: '/tmp/trace.json' },
      items: [{ type: 'message', role: 'user', content: [] }],
    },
  ],
};

describe('MemoriesClient over HTTP (§6.2, §8.4 63–64, §9.24)', () => {
  it('sends traces and reads trace_summary into rawMemory', async () => {
    await using server = await startResponsesServer({
      basePath: '/api/codex',
      memorySummaries: [{ trace_summary: 'raw summary', memory_summary: 'memory summary' }],
    });
    const client = new MemoriesClient({ session: testSession({ baseUrl: server.baseUrl }) });
    const output = await client.summarize(input);
    expect(output).toEqual([{ rawMemory: 'raw summary', memorySummary: 'memory summary' }]);
    const request = server.memories.requests[0]!;
    expect(request.method).toBe('POST');
    expect(`${server.url}${request.url}`).toBe(`${server.url}/api/codex/memories/trace_summarize`);
    expect(request.text()).toBe(
      '{"model":"gpt-test","traces":[{"id":"trace-1","metadata":{"source_path":"/tmp/trace.json"},"items":[{"type":"message","role":"user","content":[]}]}]}',
    );
    expect(request.json()).not.toHaveProperty('reasoning');
  });

  it('sends reasoning when given', async () => {
    await using server = await startResponsesServer();
    const client = new MemoriesClient({ session: testSession({ baseUrl: server.baseUrl }) });
    await client.summarize({ ...input, reasoning: { effort: 'low' } });
    expect(server.memories.requests[0]!.json()).toMatchObject({ reasoning: { effort: 'low' } });
  });

  it('accepts the raw_memory alias; rejects both names, missing and mistyped fields', async () => {
    await using server = await startResponsesServer();
    const client = new MemoriesClient({ session: testSession({ baseUrl: server.baseUrl }) });
    server.memories.enqueue(jsonResponse({ output: [{ raw_memory: 'r', memory_summary: 'm' }] }));
    expect(await client.summarize(input)).toEqual([{ rawMemory: 'r', memorySummary: 'm' }]);

    const cases: Array<[unknown, string]> = [
      [
        { output: [{ raw_memory: 'r', trace_summary: 't', memory_summary: 'm' }] },
        'stream error: output[0]: duplicate field `trace_summary`',
      ],
      [
        { output: [{ trace_summary: 't' }] },
        'stream error: output[0]: missing field `memory_summary`',
      ],
      [
        { output: [{ memory_summary: 'm' }] },
        'stream error: output[0]: missing field `trace_summary`',
      ],
      [
        { output: [{ trace_summary: 1, memory_summary: 'm' }] },
        'stream error: output[0]: invalid type: expected a string for `trace_summary`',
      ],
      [{ summaries: [] }, 'stream error: missing field `output`'],
    ];
    for (const [body, message] of cases) {
      server.memories.enqueue(jsonResponse(body));
      const error = await rejectionOf(client.summarize(input));
      expect(ApiError.isInstance(error) && error.message).toBe(message);
    }
  });

  it('an input JSON cannot represent fails with the encode message, nothing sent', async () => {
    await using server = await startResponsesServer();
    const client = new MemoriesClient({ session: testSession({ baseUrl: server.baseUrl }) });
    const items: unknown[] = [];
    items.push(items);
    const error = await rejectionOf(
      client.summarize({
        model: 'm',
        rawMemories: [{ id: 'x', metadata: { sourcePath: '' }, items }],
      }),
    );
    expect((error as ApiError).message).toMatch(
      /^stream error: failed to encode memory summarize input: /,
    );
    expect(server.requests).toHaveLength(0);
  });
});
