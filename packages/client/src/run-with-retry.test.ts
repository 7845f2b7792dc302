import { createHash } from 'node:crypto';
import { type ResponseScript, refusedUrl, rejectionOf, startTestServer } from '@codex/testkit';
import { describe, expect, it } from 'vitest';
import { createKyTransport } from './create-ky-transport.js';
import { prepareRequest } from './prepare-request.js';
import { createRequest, jsonBody, type Request } from './request.js';
import { createRetryPolicy, type RetryPolicyOptions } from './retry-policy.js';
import { type AttemptTelemetry, runWithRetry } from './run-with-retry.js';
import { TransportError } from './transport-error.js';

/** A sleep that records the requested delays and returns at once. */
function recordingSleep(): { sleeps: number[]; sleep: (ms: number) => Promise<void> } {
  const sleeps: number[] = [];
  return { sleeps, sleep: async (ms) => void sleeps.push(ms) };
}

const transport = createKyTransport();

/** Runs `transport.execute` under the policy against `url`, recording sleeps and telemetry. */
async function executeWithRetry(
  url: string,
  policy: RetryPolicyOptions,
  extra: { random?: () => number } = {},
) {
  const { sleeps, sleep } = recordingSleep();
  const attempts: AttemptTelemetry[] = [];
  const prepared = prepareRequest(
    createRequest({ method: 'POST', url, body: jsonBody({ model: 'test-model' }) }),
  );
  const outcome = runWithRetry({
    policy: createRetryPolicy({ baseDelayMs: 200, ...policy }),
    makeRequest: () => prepared,
    operation: (request) => transport.execute(request),
    onAttempt: (telemetry) => attempts.push(telemetry),
    sleep,
    random: extra.random,
  });
  return { outcome, sleeps, attempts };
}

describe('runWithRetry with a scripted operation (spec §A.5, §E.1 cases 10, 11, 13)', () => {
  const http = (status: number) => new TransportError({ kind: 'http', status, body: `s${status}` });

  it('case 10: maxAttempts 2 and a 502 every time → 3 calls, the 502 returned, sleeps ≈200 then ≈400', async () => {
    const calls: number[] = [];
    const { sleeps, sleep } = recordingSleep();
    const last = http(502);
    const error = await rejectionOf(
      runWithRetry({
        policy: createRetryPolicy({ maxAttempts: 2, baseDelayMs: 200 }),
        makeRequest: (attempt) => attempt,
        operation: async (_request, attempt) => {
          calls.push(attempt);
          throw attempt === 2 ? last : http(502);
        },
        sleep,
      }),
    );
    expect(calls).toEqual([0, 1, 2]);
    expect(error).toBe(last);
    expect((error as TransportError).kind).toBe('http');
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(180);
    expect(sleeps[0]).toBeLessThan(220);
    expect(sleeps[1]).toBeGreaterThanOrEqual(360);
    expect(sleeps[1]).toBeLessThan(440);
  });

  it('sleeps follow backoff(base, attempt + 1) exactly for a given jitter', async () => {
    for (const [random, expected] of [
      [() => 0, [200, 360, 720, 1440]],
      [() => 0.5, [200, 400, 800, 1600]],
      [() => 0.9999999, [200, 439, 879, 1759]],
    ] as const) {
      const { sleeps, sleep } = recordingSleep();
      await rejectionOf(
        runWithRetry({
          policy: createRetryPolicy({ maxAttempts: 4, baseDelayMs: 200 }),
          makeRequest: () => undefined,
          operation: async () => {
            throw http(500);
          },
          sleep,
          random,
        }),
      );
      // attempt + 1 = 1 uses no doubling but does take jitter: floor(200 × j).
      expect(sleeps.slice(1)).toEqual(expected.slice(1));
      expect(sleeps[0]).toBe(Math.floor(200 * (0.9 + random() * 0.2)));
    }
  });

  it('case 11: maxAttempts 0 → one call, its error, no sleep', async () => {
    let calls = 0;
    const { sleeps, sleep } = recordingSleep();
    const only = http(500);
    const error = await rejectionOf(
      runWithRetry({
        policy: createRetryPolicy({ maxAttempts: 0 }),
        makeRequest: () => undefined,
        operation: async () => {
          calls++;
          throw only;
        },
        sleep,
      }),
    );
    expect(calls).toBe(1);
    expect(error).toBe(only);
    expect(sleeps).toEqual([]);
  });

  it('case 13: a transient failure while preparing (network) is retried; a build failure is not', async () => {
    let prepares = 0;
    let sends = 0;
    const { sleep } = recordingSleep();
    const result = await runWithRetry({
      policy: createRetryPolicy({ maxAttempts: 2 }),
      makeRequest: () => {
        prepares++;
        if (prepares === 1) throw new TransportError({ kind: 'network', detail: 'creds timeout' });
        return 'request';
      },
      operation: async () => {
        sends++;
        return 'ok';
      },
      sleep,
    });
    expect(result).toBe('ok');
    expect([prepares, sends]).toEqual([2, 1]);

    prepares = 0;
    sends = 0;
    const error = await rejectionOf(
      runWithRetry({
        policy: createRetryPolicy({ maxAttempts: 2 }),
        makeRequest: () => {
          prepares++;
          throw new TransportError({ kind: 'build', detail: 'bad' });
        },
        operation: async () => {
          sends++;
        },
        sleep,
      }),
    );
    expect((error as TransportError).message).toBe('request build error: bad');
    expect([prepares, sends]).toEqual([1, 0]);
  });

  it('errors that are not TransportErrors are rethrown at once', async () => {
    let calls = 0;
    const bug = new TypeError('bug');
    const error = await rejectionOf(
      runWithRetry({
        policy: createRetryPolicy(),
        makeRequest: () => undefined,
        operation: async () => {
          calls++;
          throw bug;
        },
        sleep: async () => {},
      }),
    );
    expect(error).toBe(bug);
    expect(calls).toBe(1);
  });

  it('an abort during the backoff sleep rejects with the reason and stops (real timer)', async () => {
    const controller = new AbortController();
    let calls = 0;
    const started = performance.now();
    const pending = runWithRetry({
      policy: createRetryPolicy({ maxAttempts: 3, baseDelayMs: 10_000 }),
      makeRequest: () => undefined,
      operation: async () => {
        calls++;
        setTimeout(() => controller.abort(), 20);
        throw http(500);
      },
      signal: controller.signal,
    });
    const error = await rejectionOf(pending);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
    expect(calls).toBe(1);
    // Generous bound: the 9–11 s sleep was cut short.
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('an already aborted signal makes no attempt', async () => {
    let calls = 0;
    const reason = new Error('stop');
    const error = await rejectionOf(
      runWithRetry({
        policy: createRetryPolicy(),
        makeRequest: () => undefined,
        operation: async () => {
          calls++;
        },
        signal: AbortSignal.abort(reason),
      }),
    );
    expect(error).toBe(reason);
    expect(calls).toBe(0);
  });

  it('validates its options naming them', async () => {
    await expect(
      runWithRetry({
        policy: {
          maxAttempts: -1,
          baseDelayMs: 1,
          retryOn: { retry429: false, retry5xx: true, retryTransport: true },
        },
        makeRequest: () => undefined,
        operation: async () => undefined,
      }),
    ).rejects.toThrow(/`maxAttempts`/);
  });
});

describe('runWithRetry over a real socket', () => {
  it('5xx then 200 → success on the third try; telemetry per try', async () => {
    await using server = await startTestServer();
    server.enqueue({ status: 503, body: 'busy' }, { status: 500 }, { status: 200, body: 'ok' });
    const { url, requests } = server;
    const { outcome, sleeps, attempts } = await executeWithRetry(
      url,
      { maxAttempts: 4 },
      { random: () => 0.5 },
    );
    const response = await outcome;
    expect(new TextDecoder().decode(response.body)).toBe('ok');
    expect(requests).toHaveLength(3);
    expect(sleeps).toEqual([200, 400]);
    expect(attempts.map(({ attempt, status }) => [attempt, status])).toEqual([
      [0, 503],
      [1, 500],
      [2, 200],
    ]);
    expect((attempts[0]!.error as TransportError).message).toBe(
      'http 503 Service Unavailable: Some("busy")',
    );
    expect(attempts[2]?.error).toBeUndefined();
    expect(attempts.every(({ durationMs }) => durationMs >= 0)).toBe(true);
  });

  it('429 is returned at once by default and retried only with retry429', async () => {
    const script: ResponseScript[] = [{ status: 429, body: 'slow down' }, { status: 200 }];
    await using first = await startTestServer();
    first.enqueue(...script);
    const refused = await executeWithRetry(first.url, { maxAttempts: 3 });
    expect(((await rejectionOf(refused.outcome)) as TransportError).status).toBe(429);
    expect(first.requests).toHaveLength(1);
    expect(refused.sleeps).toEqual([]);
    await first.close();

    await using second = await startTestServer();
    second.enqueue(...script);
    const retried = await executeWithRetry(second.url, {
      maxAttempts: 3,
      retryOn: { retry429: true },
    });
    expect((await retried.outcome).status).toBe(200);
    expect(second.requests).toHaveLength(2);
  });

  it.each([401, 400])('%i is never retried', async (status) => {
    await using server = await startTestServer();
    server.enqueue({ status }, { status: 200 });
    const { url, requests } = server;
    const { outcome } = await executeWithRetry(url, {
      maxAttempts: 3,
      retryOn: { retry429: true, retry5xx: true, retryTransport: true },
    });
    expect(((await rejectionOf(outcome)) as TransportError).status).toBe(status);
    expect(requests).toHaveLength(1);
  });

  it('500 with maxAttempts 1 → two tries, then the 500', async () => {
    await using server = await startTestServer();
    server.enqueue({ status: 500, body: 'a' }, { status: 500, body: 'b' });
    const { url, requests } = server;
    const { outcome, sleeps } = await executeWithRetry(url, { maxAttempts: 1 });
    expect(((await rejectionOf(outcome)) as TransportError).body).toBe('b');
    expect(requests).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });

  it('maxAttempts 0 → exactly one try', async () => {
    await using server = await startTestServer();
    server.enqueue({ status: 502 }, { status: 200 });
    const { url, requests } = server;
    const { outcome, sleeps } = await executeWithRetry(url, { maxAttempts: 0 });
    expect(((await rejectionOf(outcome)) as TransportError).status).toBe(502);
    expect(requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('connection refused is retried (maxAttempts + 1 tries), then the network error', async () => {
    const { outcome, sleeps, attempts } = await executeWithRetry(await refusedUrl(), {
      maxAttempts: 2,
    });
    const error = (await rejectionOf(outcome)) as TransportError;
    expect(error.kind).toBe('network');
    expect(attempts).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(attempts.every((attempt) => attempt.status === undefined)).toBe(true);
  });

  it('connection refused is not retried without retryTransport', async () => {
    const { outcome, attempts } = await executeWithRetry(await refusedUrl(), {
      maxAttempts: 2,
      retryOn: { retryTransport: false },
    });
    expect(((await rejectionOf(outcome)) as TransportError).kind).toBe('network');
    expect(attempts).toHaveLength(1);
  });

  it('a timeout is retried, and a later try can succeed', async () => {
    // The server answers by the try's header, not by arrival order: on a busy machine the first
    // try's short timeout may fire before its request reaches the server at all.
    await using server = await startTestServer({
      fallback: (request) =>
        request.headers['x-attempt'] === '0'
          ? { stallBeforeHeaders: true }
          : { status: 200, body: 'late ok' },
    });
    const { url, requests } = server;
    const attempts: AttemptTelemetry[] = [];
    const response = await runWithRetry({
      policy: createRetryPolicy({ maxAttempts: 2, baseDelayMs: 1 }),
      // Only the first try has a short timeout, so a slow machine cannot time out the second.
      makeRequest: (attempt) =>
        createRequest({
          url,
          headers: { 'x-attempt': String(attempt) },
          timeoutMs: attempt === 0 ? 100 : 10_000,
        }),
      operation: (request) => transport.execute(request),
      onAttempt: (telemetry) => attempts.push(telemetry),
    });
    expect(new TextDecoder().decode(response.body)).toBe('late ok');
    expect(attempts.map(({ attempt }) => attempt)).toEqual([0, 1]);
    expect((attempts[0]!.error as TransportError).kind).toBe('timeout');
    expect(attempts[1]!.error).toBeUndefined();
    // The retry went out exactly once (the timed-out first try may or may not have arrived).
    expect(requests.filter((request) => request.headers['x-attempt'] === '1')).toHaveLength(1);
  });

  it('per-attempt preparation signs identical body bytes on every try, after each backoff', async () => {
    await using server = await startTestServer();
    server.enqueue({ status: 500 }, { status: 502 }, { status: 200 });
    const { url, requests } = server;
    const prepared = prepareRequest(
      createRequest({
        method: 'POST',
        url,
        body: jsonBody({ model: 'test-model', input: [{ text: 'héllo' }] }),
        compression: 'zstd',
      }),
      // A reversible stand-in compressor (Node 20 has no zstd): it must run only once.
      { compressor: (bytes) => bytes.slice().reverse() },
    );
    const signed: string[] = [];
    const events: string[] = [];
    const response = await runWithRetry({
      policy: createRetryPolicy({ maxAttempts: 3, baseDelayMs: 1 }),
      makeRequest: (attempt): Request => {
        events.push(`prepare ${attempt}`);
        const bytes =
          prepared.body?.kind === 'encodedJson' ? prepared.body.bytes : new Uint8Array();
        const signature = createHash('sha256').update(bytes).digest('hex');
        signed.push(signature);
        const headers = new Headers(prepared.headers);
        headers.set('authorization', `Bearer token-${attempt}`);
        headers.set('x-signature', signature);
        return { ...prepared, headers };
      },
      operation: (request) => transport.execute(request),
      sleep: async (ms) => void events.push(`sleep ${ms}`),
      random: () => 0.5,
    });
    expect(response.status).toBe(200);
    expect(events).toEqual(['prepare 0', 'sleep 1', 'prepare 1', 'sleep 2', 'prepare 2']);
    expect(new Set(signed).size).toBe(1);
    expect(requests).toHaveLength(3);
    const wire = requests.map((request) => Buffer.from(request.body).toString('hex'));
    expect(new Set(wire).size).toBe(1);
    expect(createHash('sha256').update(requests[0]!.body).digest('hex')).toBe(signed[0]);
    expect(requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer token-0',
      'Bearer token-1',
      'Bearer token-2',
    ]);
    expect(requests.every((request) => request.headers['content-encoding'] === 'zstd')).toBe(true);
    expect(requests.every((request) => request.headers['x-signature'] === signed[0])).toBe(true);
  });

  it('an abort while a try waits for the head ends the loop with the reason', async () => {
    await using server = await startTestServer();
    server.enqueue({ stallBeforeHeaders: true });
    const { url, requests } = server;
    const controller = new AbortController();
    const prepared = createRequest({ url, signal: controller.signal });
    const attempts: AttemptTelemetry[] = [];
    const pending = runWithRetry({
      policy: createRetryPolicy({ maxAttempts: 3 }),
      makeRequest: () => prepared,
      operation: (request) => transport.execute(request),
      signal: controller.signal,
      onAttempt: (telemetry) => attempts.push(telemetry),
    });
    // Abort once the server holds the request (a fixed delay may fire before it arrives).
    while (requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const error = await rejectionOf(pending);
    expect((error as DOMException).name).toBe('AbortError');
    expect(requests).toHaveLength(1);
    expect(attempts).toHaveLength(1);
  });
});
