import { describe, expect, it } from 'vitest';
import { createRetryPolicy, shouldRetry } from './retry-policy.js';
import { TransportError } from './transport-error.js';

const policy = createRetryPolicy({ maxAttempts: 3 });
const http = (status: number) => new TransportError({ kind: 'http', status });

describe('shouldRetry (spec §A.5, §E.1 case 9)', () => {
  it.each([
    [429, false],
    [500, true],
    [502, true],
    [599, true],
    [400, false],
    [401, false],
    [404, false],
    [600, false],
  ])('http %i → %s with the default retryOn', (status, expected) => {
    expect(shouldRetry({ error: http(status), attempt: 0, policy })).toBe(expected);
  });

  it('transport failures follow retryTransport; build, retryLimit and non-transport errors never retry', () => {
    expect(
      shouldRetry({ error: new TransportError({ kind: 'timeout' }), attempt: 0, policy }),
    ).toBe(true);
    expect(
      shouldRetry({
        error: new TransportError({ kind: 'network', detail: 'x' }),
        attempt: 0,
        policy,
      }),
    ).toBe(true);
    expect(
      shouldRetry({
        error: new TransportError({ kind: 'build', detail: 'x' }),
        attempt: 0,
        policy,
      }),
    ).toBe(false);
    expect(
      shouldRetry({ error: new TransportError({ kind: 'retryLimit' }), attempt: 0, policy }),
    ).toBe(false);
    expect(
      shouldRetry({ error: new DOMException('aborted', 'AbortError'), attempt: 0, policy }),
    ).toBe(false);
    const noTransport = createRetryPolicy({ retryOn: { retryTransport: false } });
    expect(
      shouldRetry({
        error: new TransportError({ kind: 'timeout' }),
        attempt: 0,
        policy: noTransport,
      }),
    ).toBe(false);
  });

  it('429 only with retry429; 5xx only with retry5xx', () => {
    const only429 = createRetryPolicy({ retryOn: { retry429: true, retry5xx: false } });
    expect(shouldRetry({ error: http(429), attempt: 0, policy: only429 })).toBe(true);
    expect(shouldRetry({ error: http(503), attempt: 0, policy: only429 })).toBe(false);
  });

  it('nothing is retried once attempt == maxAttempts', () => {
    for (const error of [http(500), new TransportError({ kind: 'timeout' })]) {
      expect(shouldRetry({ error, attempt: 2, policy })).toBe(true);
      expect(shouldRetry({ error, attempt: 3, policy })).toBe(false);
    }
  });
});

describe('createRetryPolicy', () => {
  it('defaults to the upstream provider defaults', () => {
    expect(createRetryPolicy()).toEqual({
      maxAttempts: 4,
      baseDelayMs: 200,
      retryOn: { retry429: false, retry5xx: true, retryTransport: true },
    });
  });

  it('rejects invalid values naming the option', () => {
    expect(() => createRetryPolicy({ maxAttempts: -1 })).toThrow(/`maxAttempts`/);
    expect(() => createRetryPolicy({ maxAttempts: 1.5 })).toThrow(RangeError);
    expect(() => createRetryPolicy({ baseDelayMs: Number.NaN })).toThrow(/`baseDelayMs`/);
  });
});
