import { type ResponseScript, rejectionOf, startTestServer, type TestServer } from '@codex/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backoff } from '../backoff.js';
import type { AttemptTelemetry } from '../http-transport.js';
import { createRequest, jsonBody, type Request } from '../request.js';
import { createRetryPolicy, type RetryPolicyOptions, shouldRetry } from '../retry-policy.js';
import { TransportError } from '../transport-error.js';
import { createKyTransport } from './create-ky-transport.js';
import { kyRetryOptions } from './ky-retry-options.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

function post(method = 'POST'): Request {
  return createRequest({
    method,
    url: `${server.url}/v1/x`,
    body: method === 'GET' ? undefined : jsonBody({ model: 'test-model' }),
  });
}

/** Arrival times of the requests, in milliseconds. */
function arrivals(answer: (index: number) => ResponseScript): number[] {
  const times: number[] = [];
  server.route('*', '/v1/x', (request) => {
    times.push(performance.now());
    return answer(request.index);
  });
  return times;
}

const fast = (options: RetryPolicyOptions = {}) =>
  createRetryPolicy({ baseDelayMs: 1, ...options });

describe("ky's retry options express the upstream backoff (spec §A.5, §E.1 case 12)", () => {
  it('delay then jitter equals backoff(base, retry number) for any jitter draw', () => {
    for (const draw of [0, 0.25, 0.5, 0.9999999]) {
      const options = kyRetryOptions({
        policy: createRetryPolicy({ maxAttempts: 4, baseDelayMs: 200 }),
        method: 'POST',
        random: () => draw,
        stopped: () => false,
      });
      for (let retry = 1; retry <= 4; retry++) {
        const delay = options.jitter as (delay: number) => number;
        const computed = delay((options.delay as (n: number) => number)(retry));
        expect(computed).toBe(backoff(200, retry, { random: () => draw }));
      }
    }
    // backoff(200, 3) ∈ [720, 880)
    const slowest = kyRetryOptions({
      policy: createRetryPolicy({ baseDelayMs: 200 }),
      method: 'POST',
      random: () => 0.9999999,
      stopped: () => false,
    });
    const third = (slowest.jitter as (d: number) => number)(
      (slowest.delay as (n: number) => number)(3),
    );
    expect(third).toBeGreaterThanOrEqual(720);
    expect(third).toBeLessThan(880);
  });

  it('retries only the policy statuses, never consults Retry-After, retries the request method', () => {
    const options = kyRetryOptions({
      policy: createRetryPolicy({ maxAttempts: 2 }),
      method: 'POST',
      random: Math.random,
      stopped: () => false,
    });
    expect(options.limit).toBe(2);
    expect(options.methods).toEqual(['post']);
    expect(options.statusCodes).toHaveLength(100);
    expect(options.statusCodes).not.toContain(429);
    expect(options.afterStatusCodes).toEqual([]);
    expect(options.retryOnTimeout).toBe(true);
    expect(
      kyRetryOptions({
        policy: undefined,
        method: 'GET',
        random: Math.random,
        stopped: () => false,
      }),
    ).toEqual({ limit: 0 });
  });
});

describe('retries through the transport (spec §A.5, §E.1 cases 9–13, §8.3 54–56, 61)', () => {
  const transport = createKyTransport({ random: () => 0 });

  it('case 10: maxAttempts 2 and a 502 every time → 3 requests, the last 502 returned, gaps ≥ the backoff', async () => {
    const times = arrivals((index) => ({ status: 502, body: `try ${index}` }));
    const error = await rejectionOf(
      transport.execute(post(), { retry: createRetryPolicy({ maxAttempts: 2, baseDelayMs: 100 }) }),
    );
    expect(server.requests).toHaveLength(3);
    expect(TransportError.isInstance(error) && error.body).toBe('try 2');
    // random() = 0 → jitter 0.9: sleeps of 90 and 180 ms at least.
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(89);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(179);
  });

  it('case 11: maxAttempts 0 → one request, its error', async () => {
    arrivals(() => ({ status: 500 }));
    const error = await rejectionOf(
      transport.execute(post(), { retry: createRetryPolicy({ maxAttempts: 0 }) }),
    );
    expect(server.requests).toHaveLength(1);
    expect(TransportError.isInstance(error) && error.status).toBe(500);
  });

  it('§8.3 61: 503 twice then 200 → success after three tries', async () => {
    arrivals((index) => (index < 2 ? { status: 503 } : { body: 'ok' }));
    const response = await transport.execute(post(), { retry: fast({ maxAttempts: 4 }) });
    expect(new TextDecoder().decode(response.body)).toBe('ok');
    expect(server.requests).toHaveLength(3);
  });

  it('429 is returned at once by default and retried when retry429 is on', async () => {
    arrivals(() => ({ status: 429 }));
    await rejectionOf(transport.execute(post(), { retry: fast({ maxAttempts: 3 }) }));
    expect(server.requests).toHaveLength(1);
    server.reset();
    await rejectionOf(
      transport.execute(post(), { retry: fast({ maxAttempts: 3, retryOn: { retry429: true } }) }),
    );
    expect(server.requests).toHaveLength(4);
  });

  it('4xx other than 429 are never retried; 5xx only with retry5xx', async () => {
    for (const status of [400, 401, 404, 413]) {
      server.reset();
      arrivals(() => ({ status }));
      await rejectionOf(transport.execute(post(), { retry: fast({ maxAttempts: 3 }) }));
      expect(server.requests).toHaveLength(1);
    }
    server.reset();
    arrivals(() => ({ status: 599 }));
    await rejectionOf(
      transport.execute(post(), { retry: fast({ maxAttempts: 3, retryOn: { retry5xx: false } }) }),
    );
    expect(server.requests).toHaveLength(1);
  });

  it('Retry-After is not consulted: a 503 asking for an hour is retried after the backoff', async () => {
    arrivals((index) =>
      index === 0 ? { status: 503, headers: { 'retry-after': '3600' } } : { body: 'ok' },
    );
    const response = await transport.execute(post(), { retry: fast({ maxAttempts: 1 }) });
    expect(response.status).toBe(200);
    expect(server.requests).toHaveLength(2);
  });

  it('§8.3 54: a dropped connection is retried; with retryTransport off it is not', async () => {
    arrivals((index) => (index === 0 ? { closeWithoutResponse: true } : { body: 'ok' }));
    await transport.execute(post(), { retry: fast({ maxAttempts: 2 }) });
    expect(server.requests).toHaveLength(2);
    server.reset();
    arrivals(() => ({ closeWithoutResponse: true }));
    const error = await rejectionOf(
      transport.execute(post(), {
        retry: fast({ maxAttempts: 2, retryOn: { retryTransport: false } }),
      }),
    );
    expect(TransportError.isInstance(error) && error.kind).toBe('network');
    expect(server.requests).toHaveLength(1);
  });

  it('a response timeout is retried as a transport failure', async () => {
    arrivals((index) => (index === 0 ? { stallBeforeHeaders: true } : { body: 'ok' }));
    const request = createRequest({ ...post(), responseTimeoutMs: 150 });
    const response = await transport.execute(request, { retry: fast({ maxAttempts: 1 }) });
    expect(response.status).toBe(200);
    expect(server.requests).toHaveLength(2);
  });

  it('every method is retried, as upstream (POST, PUT, GET, and a custom one)', async () => {
    for (const method of ['POST', 'PUT', 'GET', 'PROPFIND']) {
      server.reset();
      arrivals(() => ({ status: 500 }));
      await rejectionOf(transport.execute(post(method), { retry: fast({ maxAttempts: 1 }) }));
      expect(server.requests.map((request) => request.method)).toEqual([method, method]);
    }
  });

  it('§8.3 55 / §E.1 13: a transient hook failure is retried without sending; a build one is not', async () => {
    arrivals(() => ({ body: 'ok' }));
    let calls = 0;
    await transport.execute(post(), {
      retry: fast({ maxAttempts: 2 }),
      beforeAttempt: (request) => {
        calls++;
        if (calls === 1)
          throw new TransportError({ kind: 'network', detail: 'sts temporarily unavailable' });
        return request;
      },
    });
    expect(calls).toBe(2);
    expect(server.requests).toHaveLength(1);

    server.reset();
    calls = 0;
    const error = await rejectionOf(
      transport.execute(post(), {
        retry: fast({ maxAttempts: 2 }),
        beforeAttempt: () => {
          calls++;
          throw new TransportError({ kind: 'build', detail: 'invalid auth configuration' });
        },
      }),
    );
    expect((error as TransportError).message).toBe(
      'request build error: invalid auth configuration',
    );
    expect(calls).toBe(1);
    expect(server.requests).toHaveLength(0);
  });

  it('the hook runs before every attempt, after the backoff sleep, over the same bytes', async () => {
    const hookTimes: number[] = [];
    const times = arrivals((index) => (index < 2 ? { status: 500 } : { body: 'ok' }));
    const bodies: string[] = [];
    await transport.execute(post(), {
      retry: createRetryPolicy({ maxAttempts: 2, baseDelayMs: 60 }),
      beforeAttempt: (request) => {
        hookTimes.push(performance.now());
        bodies.push(new TextDecoder().decode(request.body));
        return request;
      },
    });
    expect(hookTimes).toHaveLength(3);
    expect(new Set(bodies)).toEqual(new Set(['{"model":"test-model"}']));
    expect(server.requests.map((request) => request.text())).toEqual(bodies);
    // Each retry's hook ran after the sleep that followed the previous failure.
    expect(hookTimes[1]! - times[0]!).toBeGreaterThanOrEqual(53);
    expect(hookTimes[2]! - times[1]!).toBeGreaterThanOrEqual(107);
  });

  it('reports every attempt once, numbered from 0, with its status or error', async () => {
    arrivals((index) =>
      index === 0 ? { status: 503 } : index === 1 ? { closeWithoutResponse: true } : { body: 'ok' },
    );
    const attempts: AttemptTelemetry[] = [];
    await transport.execute(post(), {
      retry: fast({ maxAttempts: 3 }),
      onAttempt: (telemetry) => attempts.push(telemetry),
    });
    expect(attempts.map(({ attempt, status }) => [attempt, status])).toEqual([
      [0, 503],
      [1, undefined],
      [2, 200],
    ]);
    expect(TransportError.isInstance(attempts[0]!.error) && attempts[0]!.error.kind).toBe('http');
    expect(TransportError.isInstance(attempts[1]!.error) && attempts[1]!.error.kind).toBe(
      'network',
    );
    expect(attempts[2]!.error).toBeUndefined();
    for (const { durationMs } of attempts) expect(durationMs).toBeGreaterThanOrEqual(0);
  });

  it('the call deadline bounds the retries too, and is not retried itself', async () => {
    arrivals(() => ({ status: 503 }));
    const request = createRequest({ ...post(), timeoutMs: 300 });
    const error = await rejectionOf(
      transport.execute(request, {
        retry: createRetryPolicy({ maxAttempts: 50, baseDelayMs: 100 }),
      }),
    );
    expect(TransportError.isInstance(error) && error.kind).toBe('timeout');
    expect(server.requests.length).toBeLessThan(50);
  });

  it('the number of tries is what shouldRetry predicts, for every failure and policy', async () => {
    const failures = [
      { script: { status: 500 }, error: new TransportError({ kind: 'http', status: 500 }) },
      { script: { status: 429 }, error: new TransportError({ kind: 'http', status: 429 }) },
      { script: { status: 400 }, error: new TransportError({ kind: 'http', status: 400 }) },
      {
        script: { closeWithoutResponse: true },
        error: new TransportError({ kind: 'network', detail: 'x' }),
      },
    ] as const;
    const policies = [
      fast({ maxAttempts: 2 }),
      fast({ maxAttempts: 2, retryOn: { retry429: true, retry5xx: false } }),
      fast({ maxAttempts: 1, retryOn: { retryTransport: false } }),
    ];
    for (const policy of policies) {
      for (const { script, error } of failures) {
        server.reset();
        arrivals(() => script);
        await rejectionOf(transport.execute(post(), { retry: policy }));
        let expected = 1;
        while (shouldRetry({ error, attempt: expected - 1, policy })) expected++;
        expect(server.requests.length).toBe(expected);
      }
    }
  });
});
