import { isHTTPError, isTimeoutError, type RetryOptions } from 'ky';
import { type RetryPolicy, shouldRetry } from '../retry-policy.js';

/** Named arguments of {@link kyRetryOptions}. */
export interface KyRetryOptionsInput {
  /** The policy to express; none means no retry. */
  readonly policy: RetryPolicy | undefined;
  /** The request's method (every method is retried, as upstream). */
  readonly method: string;
  /** Jitter source. */
  readonly random: () => number;
  /** True once the call itself was stopped (aborted, deadline passed): never retry then. */
  readonly stopped: () => boolean;
}

/**
 * ky's `retry` options that reproduce the upstream `RetryPolicy` exactly:
 *
 * - `limit`: `maxAttempts` (ky counts retries, so tries = `maxAttempts + 1`);
 * - `methods`: the request's own method — upstream retries any method, POST included;
 * - `statusCodes`: 500–599 when `retry5xx`, 429 when `retry429`; `afterStatusCodes: []` because
 *   upstream never consults `Retry-After`;
 * - `retryOnTimeout`: `retryTransport` (a response timeout is a transport timeout);
 * - `delay(n)` = `floor(base) × 2^(n−1)` and `jitter(d)` = `floor(d × U[0.9, 1.1))`, which is
 *   upstream's `backoff(base, attempt + 1)`;
 * - `shouldRetry`: only for what ky cannot classify — the transport's own `TransportError`s
 *   (`network` and `timeout` follow `retryTransport`, `build` and the rest never) and anything
 *   else (an abort, a bug), never. ky's `HTTPError` and `TimeoutError` are left to the rules above.
 */
export function kyRetryOptions(input: KyRetryOptionsInput): RetryOptions {
  const { policy } = input;
  if (policy === undefined || policy.maxAttempts === 0) return { limit: 0 };
  const base = Math.floor(policy.baseDelayMs);
  const statusCodes = retriedStatuses(policy.retryOn.retry429, policy.retryOn.retry5xx);
  return {
    limit: policy.maxAttempts,
    methods: [input.method.toLowerCase()],
    statusCodes,
    afterStatusCodes: [],
    retryOnTimeout: policy.retryOn.retryTransport,
    backoffLimit: Number.POSITIVE_INFINITY,
    delay: (retryCount) => base * 2 ** (retryCount - 1),
    jitter: (delay) =>
      Math.min(Math.floor(delay * (0.9 + input.random() * 0.2)), Number.MAX_SAFE_INTEGER),
    shouldRetry: ({ error }) => {
      if (input.stopped()) return false;
      if (isHTTPError(error) || isTimeoutError(error)) return undefined;
      return shouldRetry({ error, attempt: 0, policy });
    },
  };
}

const SERVER_ERRORS: readonly number[] = Array.from({ length: 100 }, (_, index) => 500 + index);
// The four lists a policy can ask for, built once (ky only reads them).
const RETRIED_STATUSES: readonly (readonly number[])[] = [
  [],
  SERVER_ERRORS,
  [429],
  [429, ...SERVER_ERRORS],
];

function retriedStatuses(retry429: boolean, retry5xx: boolean): number[] {
  return RETRIED_STATUSES[(retry429 ? 2 : 0) + (retry5xx ? 1 : 0)] as number[];
}
