import type { ResponseEvent } from '@codex/protocol';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../errors/api-error.js';
import { ResponsesWebsocketDecoder } from './responses-websocket-decoder.js';
import type { WebsocketFrame } from './websocket-frame.js';

const text = (value: unknown): WebsocketFrame => ({ kind: 'text', text: JSON.stringify(value) });
const CREATED = text({ type: 'response.created', response: {} });
const FAILED = text({
  type: 'response.failed',
  response: { error: { code: 'insufficient_quota' } },
});
const COMPLETED = text({ type: 'response.completed', response: { id: 'r' } });

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('ResponsesWebsocketDecoder', () => {
  it('counts every frame as an event, pings and pongs included, and stops after completed', () => {
    const decoder = new ResponsesWebsocketDecoder();
    const out: ResponseEvent[] = [];
    expect(decoder.decode([CREATED, { kind: 'ping' }, { kind: 'pong' }], out)).toBe(3);
    expect(decoder.decode([COMPLETED, CREATED], out)).toBe(1);
    expect(out).toEqual([{ type: 'created' }, { type: 'completed', responseId: 'r' }]);
    expect(decoder.finished).toBe(true);
  });

  it('a failure with no event before it in the chunk is thrown at once', () => {
    const decoder = new ResponsesWebsocketDecoder();
    const out: ResponseEvent[] = [];
    expect((thrown(() => decoder.decode([FAILED, COMPLETED], out)) as ApiError).kind).toBe(
      'quotaExceeded',
    );
    expect(out).toEqual([]);
  });

  it('a failure after events of the same chunk waits for them: the source ends, end() returns it', () => {
    const decoder = new ResponsesWebsocketDecoder();
    const out: ResponseEvent[] = [];
    expect(decoder.decode([CREATED, FAILED, COMPLETED], out)).toBe(2);
    expect(out).toEqual([{ type: 'created' }]);
    expect(decoder.failed).toBe(true);
    expect(decoder.finished).toBe(false);
    expect((decoder.end() as ApiError).kind).toBe('quotaExceeded');
  });

  it('binary, close and connection failures; non-JSON text is skipped; the end without completed', () => {
    const decoder = () => new ResponsesWebsocketDecoder();
    expect(
      (thrown(() => decoder().decode([{ kind: 'binary', byteLength: 4 }], [])) as Error).message,
    ).toBe('stream error: unexpected binary websocket event');
    expect(
      (thrown(() => decoder().decode([{ kind: 'close', code: 1011, reason: 'x' }], [])) as Error)
        .message,
    ).toBe('stream error: websocket closed by server before response.completed');
    const failure = ApiError.stream('boom');
    expect(thrown(() => decoder().decode([{ kind: 'failure', error: failure }], []))).toBe(failure);
    const skipping = decoder();
    const out: ResponseEvent[] = [];
    expect(
      skipping.decode(
        [
          { kind: 'text', text: 'not json' },
          { kind: 'text', text: '[DONE]' },
        ],
        out,
      ),
    ).toBe(2);
    expect(out).toEqual([]);
    expect((skipping.end() as Error).message).toBe(
      'stream error: stream closed before response.completed',
    );
  });

  it('an `error` frame without a status is an ignored event; with one it fails', () => {
    const out: ResponseEvent[] = [];
    const decoder = new ResponsesWebsocketDecoder();
    decoder.decode([text({ type: 'error', error: { message: 'x' } })], out);
    expect(out).toEqual([]);
    const error = thrown(() => decoder.decode([text({ type: 'error', status: 500 })], out));
    expect((error as ApiError).kind).toBe('transport');
  });

  it('tells an observer every event it yields', () => {
    const seen: ResponseEvent[] = [];
    const decoder = new ResponsesWebsocketDecoder({ onEvent: (event) => seen.push(event) });
    decoder.decode([CREATED, text({ type: 'response.output_text.delta', delta: 'a' })], []);
    expect(seen).toEqual([{ type: 'created' }, { type: 'outputTextDelta', delta: 'a' }]);
  });
});
