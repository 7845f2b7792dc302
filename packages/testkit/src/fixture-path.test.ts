import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixturePath, loadJsonFixture, loadTranscript, TRANSCRIPT_NAMES } from './fixture-path.js';
import { readSseJson } from './read-sse-events.js';

type Event = Record<string, unknown>;
const load = (name: string): Event[] => readSseJson(loadTranscript(name).toString());

describe('fixtures', () => {
  it('resolves every shipped fixture to an existing file', () => {
    for (const name of TRANSCRIPT_NAMES) expect(existsSync(fixturePath(`${name}.sse`))).toBe(true);
    for (const name of ['compact.json', 'memories.json', 'models.json'])
      expect(existsSync(fixturePath(name))).toBe(true);
    expect(loadTranscript('turn.sse').equals(loadTranscript('turn'))).toBe(true);
    expect(() => fixturePath('../package.json')).toThrow(TypeError);
  });

  it('frames every transcript as event/data pairs with contiguous sequence numbers', () => {
    for (const name of TRANSCRIPT_NAMES) {
      const events = load(name);
      expect(events.length).toBeGreaterThan(0);
      expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
      expect(events[0]?.type).toBe('response.created');
    }
  });

  it('turn: reasoning summary deltas, 20-40 text deltas, a function call, usage', () => {
    const events = load('turn');
    const types = events.map((event) => event.type as string);
    expect(types).toContain('response.reasoning_summary_part.added');
    const summaryDeltas = events.filter(
      (event) => event.type === 'response.reasoning_summary_text.delta',
    );
    expect(summaryDeltas.length).toBeGreaterThan(5);
    for (const delta of summaryDeltas) {
      expect(delta).toMatchObject({ summary_index: 0, output_index: 0 });
      expect(typeof delta.obfuscation).toBe('string');
    }
    const textDeltas = events.filter((event) => event.type === 'response.output_text.delta');
    expect(textDeltas.length).toBeGreaterThanOrEqual(20);
    expect(textDeltas.length).toBeLessThanOrEqual(40);
    for (const delta of textDeltas)
      expect(delta).toMatchObject({ content_index: 0, output_index: 1, logprobs: [] });
    const text = textDeltas.map((delta) => delta.delta).join('');
    const doneItems = events
      .filter((event) => event.type === 'response.output_item.done')
      .map((event) => event.item as Event);
    expect(doneItems.map((item) => item.type)).toEqual(['reasoning', 'message', 'function_call']);
    expect(doneItems[1]).toMatchObject({ content: [{ type: 'output_text', text }] });
    const call = doneItems[2]!;
    expect(call).toMatchObject({ name: 'shell', call_id: expect.stringMatching(/^call_/) });
    expect(JSON.parse(call.arguments as string)).toEqual({
      command: ['ls', '-la'],
      workdir: '/repo',
    });
    const addedTypes = events
      .filter((event) => event.type === 'response.output_item.added')
      .map((event) => (event.item as Event).type);
    expect(addedTypes).toEqual(['reasoning', 'message', 'function_call']);
    const completed = events.at(-1)!;
    expect(completed.type).toBe('response.completed');
    expect((completed.response as Event).usage).toEqual({
      input_tokens: 8421,
      input_tokens_details: { cached_tokens: 7936 },
      output_tokens: 187,
      output_tokens_details: { reasoning_tokens: 64 },
      total_tokens: 8608,
    });
  });

  it('failed-rate-limit: response.failed with rate_limit_exceeded and a 1.5s hint', () => {
    const failed = load('failed-rate-limit').at(-1)!;
    expect(failed.type).toBe('response.failed');
    const error = (failed.response as Event).error as { code: string; message: string };
    expect(error.code).toBe('rate_limit_exceeded');
    expect(error.message).toMatch(/try again in\s*1\.5s/i);
  });

  it('incomplete: text deltas then response.incomplete with a reason', () => {
    const events = load('incomplete');
    expect(events.some((event) => event.type === 'response.output_text.delta')).toBe(true);
    const last = events.at(-1)!;
    expect(last.type).toBe('response.incomplete');
    expect((last.response as Event).incomplete_details).toEqual({ reason: 'max_output_tokens' });
    expect(events.some((event) => event.type === 'response.completed')).toBe(false);
  });

  it('JSON fixtures use the wire names of the spec', () => {
    expect(loadJsonFixture<{ output: unknown[] }>('compact.json').output.length).toBeGreaterThan(0);
    const memories = loadJsonFixture<{ output: Array<Record<string, string>> }>('memories.json');
    expect(Object.keys(memories.output[0]!).sort()).toEqual(['memory_summary', 'trace_summary']);
    const models = loadJsonFixture<{ models: Array<Record<string, unknown>> }>('models.json');
    for (const model of models.models) {
      expect(typeof model.slug).toBe('string');
      expect(typeof model.context_window).toBe('number');
    }
  });
});
