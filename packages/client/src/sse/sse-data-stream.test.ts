import { byteByByte, bytesOf, collectSettled, streamOf } from '@codex/testkit';
import { describe, expect, it } from 'vitest';
import { TransportError } from '../transport-error.js';
import { sseDataStream } from './sse-stream.js';

describe('sseDataStream (the upstream minimal helper)', () => {
  it('yields only data, ignoring event names, with the same framing', async () => {
    const bytes = bytesOf(
      '\uFEFFevent: a\ndata: 1\r\n\r\n: comment\n\nevent: b\ndata: 2\ndata: 3\r\r',
    );
    const { items: data, error } = await collectSettled(sseDataStream(streamOf(byteByByte(bytes))));
    expect(data).toEqual(['1', '2\n3']);
    expect(TransportError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      kind: 'stream',
      detail: 'stream closed before completion',
      message: 'stream failed: stream closed before completion',
    });
  });

  it('fails at a clean end even when nothing was sent', async () => {
    const { items: data, error } = await collectSettled(sseDataStream(streamOf([])));
    expect(data).toEqual([]);
    expect(error).toMatchObject({ message: 'stream failed: stream closed before completion' });
  });

  it('reports a read error as stream failed: {error}', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytesOf('data: 1\n\n'));
      },
      pull(controller) {
        controller.error(new TypeError('terminated'));
      },
    });
    const { items: data, error } = await collectSettled(sseDataStream(body));
    expect(data).toEqual(['1']);
    expect(error).toMatchObject({ kind: 'stream', message: 'stream failed: terminated' });
  });

  it('ends quietly after the consumer breaks out, and cancels the body', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(bytesOf('data: x\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const iterator = sseDataStream(body);
    for await (const item of iterator) {
      expect(item).toBe('x');
      break;
    }
    expect(cancelled).toBe(true);
    await expect(iterator.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it('validates its options under its own name', () => {
    expect(() => sseDataStream(streamOf([]), { idleTimeoutMs: -1 })).toThrow(
      /sseDataStream: idleTimeoutMs/,
    );
  });
});
