import { describe, expect, it } from 'vitest';
import { readSseJson } from './read-sse-events.js';
import { textDeltaTranscript } from './text-delta-transcript.js';

describe('textDeltaTranscript', () => {
  it('produces a complete, well-formed stream with count deltas', () => {
    const events = readSseJson(textDeltaTranscript({ count: 25, deltaText: 'tok ' }).toString());
    expect(events.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      ...Array.from({ length: 25 }, () => 'response.output_text.delta'),
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.map((event) => event.sequence_number)).toEqual(
      Array.from({ length: events.length }, (_, index) => index),
    );
    const delta = events[4]!;
    expect(delta).toMatchObject({
      type: 'response.output_text.delta',
      delta: 'tok ',
      content_index: 0,
      output_index: 0,
      logprobs: [],
    });
    expect(typeof delta.item_id).toBe('string');
    expect(typeof delta.obfuscation).toBe('string');
    const completed = events.at(-1)!.response as Record<string, unknown>;
    expect(completed.id).toBe('resp_testkit_text_deltas');
    expect(completed.usage).toEqual({
      input_tokens: 1200,
      input_tokens_details: { cached_tokens: 1024 },
      output_tokens: 25,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 1225,
    });
    const done = events.at(-2)!.item as { content: Array<{ text: string }> };
    expect(done.content[0]!.text).toBe('tok '.repeat(25));
  });

  it('escapes delta text as JSON and can stop after the deltas', () => {
    const events = readSseJson(
      textDeltaTranscript({ count: 3, deltaText: 'a "quote"\n', completed: false }).toString(),
    );
    expect(events).toHaveLength(7);
    expect(events.at(-1)).toMatchObject({ delta: 'a "quote"\n', sequence_number: 6 });
  });

  it('numbers sequence_number correctly across digit-width boundaries', () => {
    for (const count of [0, 1, 5, 6, 95, 96, 97, 996, 1_000]) {
      const events = readSseJson(textDeltaTranscript({ count }).toString());
      expect(events).toHaveLength(count + 8);
      expect(events.every((event, index) => event.sequence_number === index)).toBe(true);
    }
  });

  it('builds 100 000 deltas as one buffer', () => {
    const body = textDeltaTranscript({ count: 100_000, deltaText: 'word ', responseId: 'resp_x' });
    const text = body.toString();
    expect(text.split('event: response.output_text.delta\n')).toHaveLength(100_001);
    expect(text).toContain('"sequence_number":100003}');
    expect(text.endsWith('\n\n')).toBe(true);
    expect(text).toContain('"id":"resp_x"');
  });

  it('validates its options', () => {
    expect(() => textDeltaTranscript({ count: -1 })).toThrow(RangeError);
    expect(() => textDeltaTranscript({ count: 1.5 })).toThrow(RangeError);
    expect(() => textDeltaTranscript({ count: 1, deltaText: '' })).toThrow(TypeError);
  });
});
