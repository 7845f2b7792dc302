import { describe, expect, it } from 'vitest';
import { bytesOf, iterableOf, streamOf } from './stream-of.js';

const decoder = new TextDecoder();

/** Resolves with the next read, or with 'pending' when it does not settle within `ms`. */
function readOrPending(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  ms: number,
): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const pending = new Promise<'pending'>((resolve) => {
    timer = setTimeout(() => resolve('pending'), ms);
  });
  return Promise.race([reader.read(), pending]).finally(() => clearTimeout(timer));
}

describe('bytesOf', () => {
  it('encodes UTF-8, a leading U+FEFF as the byte-order mark', () => {
    expect([...bytesOf('é')]).toEqual([0xc3, 0xa9]);
    expect([...bytesOf('\ufeffa')]).toEqual([0xef, 0xbb, 0xbf, 0x61]);
  });
});

describe('streamOf', () => {
  it('delivers exactly the chunks, one per read, strings as UTF-8, then closes', async () => {
    const raw = new Uint8Array([0xff, 0x00]);
    const reader = streamOf(['data: é\n\n', raw]).getReader();
    const first = await reader.read();
    expect(decoder.decode(first.value)).toBe('data: é\n\n');
    const second = await reader.read();
    expect(second.value).toBe(raw);
    expect(await reader.read()).toEqual({ done: true, value: undefined });
  });

  it('with stayOpen: after the chunks, a read stays pending until cancelled', async () => {
    const reader = streamOf(['data: 1\n\n'], { stayOpen: true }).getReader();
    await reader.read();
    expect(await readOrPending(reader, 50)).toBe('pending');
    await reader.cancel();
  });

  it('with error: after the chunks, the stream fails with that error', async () => {
    const failure = new TypeError('terminated');
    const reader = streamOf(['data: 1\n\n'], { error: failure }).getReader();
    await reader.read();
    await expect(reader.read()).rejects.toBe(failure);
  });

  it('refuses stayOpen together with error', () => {
    expect(() => streamOf([], { stayOpen: true, error: new Error('x') })).toThrow(TypeError);
  });

  it('produces chunks on demand only', async () => {
    let reads = 0;
    const chunks = new Proxy(['a', 'b', 'c'], {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const reader = streamOf(chunks).getReader();
    await reader.read();
    await reader.cancel();
    // The first read, plus at most the one chunk the stream's queue pulled ahead.
    expect(reads).toBeLessThanOrEqual(2);
  });
});

describe('iterableOf', () => {
  it('is an async iterable of the chunks, not a ReadableStream', async () => {
    const iterable = iterableOf(['a', new Uint8Array([0x62])]);
    expect(iterable).not.toBeInstanceOf(ReadableStream);
    const chunks: string[] = [];
    for await (const chunk of iterable) chunks.push(decoder.decode(chunk));
    expect(chunks).toEqual(['a', 'b']);
  });
});
