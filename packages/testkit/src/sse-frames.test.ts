import { describe, expect, it } from 'vitest';
import { sseFrames } from './sse-frames.js';

describe('sseFrames', () => {
  it('frames each payload as event + data, in order', () => {
    const completed = { type: 'response.completed', response: { id: 'resp1' } };
    const delta = { type: 'response.output_text.delta', delta: 'a\nb' };
    expect(sseFrames([delta, completed])).toEqual([
      'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"a\\nb"}\n\n',
      'event: response.completed\ndata: {"type":"response.completed","response":{"id":"resp1"}}\n\n',
    ]);
  });

  it('writes a payload with nothing but a type without a data line (§8 notation)', () => {
    expect(sseFrames([{ type: 'response.new_tool_event' }])).toEqual([
      'event: response.new_tool_event\n\n',
    ]);
  });

  it('gives one frame per payload', () => {
    expect(sseFrames([])).toEqual([]);
    expect(sseFrames([{ type: 'a' }, { type: 'b', x: 1 }, { type: 'a' }])).toHaveLength(3);
  });
});
