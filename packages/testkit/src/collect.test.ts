import { describe, expect, it } from 'vitest';
import { collect, collectSettled } from './collect.js';
import { streamOf } from './stream-of.js';

async function* numbers(count: number, failure?: Error): AsyncGenerator<number> {
  for (let index = 0; index < count; index++) yield index;
  if (failure !== undefined) throw failure;
}

describe('collect', () => {
  it('reads an async generator to its end, in order', async () => {
    expect(await collect(numbers(4))).toEqual([0, 1, 2, 3]);
    expect(await collect(numbers(0))).toEqual([]);
  });

  it('reads a ReadableStream', async () => {
    const chunks = await collect(streamOf(['a', 'b']));
    expect(chunks.map((chunk) => new TextDecoder().decode(chunk))).toEqual(['a', 'b']);
  });

  it('rejects with the very error the iteration threw', async () => {
    const failure = new Error('stream failed');
    await expect(collect(numbers(2, failure))).rejects.toBe(failure);
  });
});

describe('collectSettled', () => {
  it('returns every item and no error when the source ends normally', async () => {
    expect(await collectSettled(numbers(3))).toEqual({ items: [0, 1, 2], error: undefined });
  });

  it('returns the items before a failure and the failure, without rejecting', async () => {
    const failure = new Error('dropped');
    const settled = await collectSettled(numbers(2, failure));
    expect(settled.items).toEqual([0, 1]);
    expect(settled.error).toBe(failure);
  });

  it('keeps a thrown value that is not an Error', async () => {
    const source: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject('plain reason') }),
    };
    expect(await collectSettled(source)).toEqual({ items: [], error: 'plain reason' });
  });
});
