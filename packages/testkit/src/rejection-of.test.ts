import { describe, expect, it } from 'vitest';
import { rejectionOf } from './rejection-of.js';

class HttpFailure extends Error {
  override readonly name = 'HttpFailure';
  constructor(readonly status: number) {
    super(`http ${status}`);
  }
}

describe('rejectionOf', () => {
  it('resolves with the rejection reason itself', async () => {
    const failure = new Error('boom');
    expect(await rejectionOf(Promise.reject(failure))).toBe(failure);
    expect(await rejectionOf(Promise.reject('not an error'))).toBe('not an error');
  });

  it('rejects when the promise resolves, so the test fails', async () => {
    await expect(rejectionOf(Promise.resolve(42))).rejects.toThrow(
      'expected the promise to reject, but it resolved',
    );
  });

  it('with a class: returns the instance, typed', async () => {
    const error = await rejectionOf(Promise.reject(new HttpFailure(503)), HttpFailure);
    expect(error.status).toBe(503);
  });

  it('with a class: rejects naming the class and what came instead, keeping it as the cause', async () => {
    const other = new TypeError('fetch failed');
    const error = await rejectionOf(rejectionOf(Promise.reject(other), HttpFailure), Error);
    expect(error.message).toBe(
      'expected the promise to reject with a HttpFailure, but it rejected with TypeError: fetch failed',
    );
    expect(error.cause).toBe(other);
    await expect(rejectionOf(Promise.reject('text'), Error)).rejects.toThrow(
      'expected the promise to reject with a Error, but it rejected with "text"',
    );
  });
});
