import type { ResponseEvent } from '@codex/protocol';
import { sseFrames } from '@codex/testkit';
import { describe, expect, it } from 'vitest';
import { ResponsesSseDecoder } from './responses-sse-decoder.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('ResponsesSseDecoder', () => {
  it('decodes a chunk up to its first event; then 8 more, then the rest', () => {
    const chunk = bytes(
      sseFrames([
        { type: 'response.created', response: {} },
        { type: 'response.output_text.delta', delta: 'a' },
        { type: 'response.output_text.delta', delta: 'b' },
        { type: 'response.output_text.delta', delta: 'c' },
        { type: 'response.output_text.delta', delta: 'd' },
        { type: 'response.output_text.delta', delta: 'e' },
        { type: 'response.output_text.delta', delta: 'f' },
        { type: 'response.output_text.delta', delta: 'g' },
        { type: 'response.output_text.delta', delta: 'h' },
        { type: 'response.output_text.delta', delta: 'i' },
        { type: 'response.output_text.delta', delta: 'j' },
        { type: 'response.output_text.delta', delta: 'k' },
        { type: 'response.completed', response: { id: 'resp_1' } },
        { type: 'response.output_text.delta', delta: 'after completed' },
      ]).join(''),
    );
    const decoder = new ResponsesSseDecoder();
    const first: ResponseEvent[] = [];
    expect(decoder.decode(chunk, first)).toBe(1);
    expect(first).toEqual([{ type: 'created' }]);
    expect(decoder.pending).toBe(true);
    const next: ResponseEvent[] = [];
    expect(decoder.resume(next)).toBe(8);
    expect(next).toEqual([...'abcdefgh'].map((delta) => ({ type: 'outputTextDelta', delta })));
    expect(decoder.pending).toBe(true);
    const rest: ResponseEvent[] = [];
    // Five SSE events (the one after `completed` is read, never handled).
    expect(decoder.resume(rest)).toBe(5);
    expect(rest).toEqual([
      { type: 'outputTextDelta', delta: 'i' },
      { type: 'outputTextDelta', delta: 'j' },
      { type: 'outputTextDelta', delta: 'k' },
      expect.objectContaining({ type: 'completed', responseId: 'resp_1' }),
    ]);
    expect(decoder.finished).toBe(true);
    expect(decoder.pending).toBe(false);
  });

  it('events that map to nothing do not end the first pass: it stops after the first item', () => {
    const chunk = bytes(
      sseFrames([
        { type: 'response.in_progress', response: {} },
        { type: 'response.unknown_kind', sequence_number: 2 },
        { type: 'response.output_text.delta', delta: 'x' },
        { type: 'response.output_text.delta', delta: 'y' },
      ]).join(''),
    );
    const decoder = new ResponsesSseDecoder();
    const out: ResponseEvent[] = [];
    expect(decoder.decode(chunk, out)).toBe(3);
    expect(out).toEqual([{ type: 'outputTextDelta', delta: 'x' }]);
    expect(decoder.pending).toBe(true);
  });
});
