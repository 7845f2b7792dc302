import { backoff } from './backoff.js';
import { sleep as abortableSleep } from './internal/sleep.js';
import type { Request } from './request.js';
import { type RetryPolicy, shouldRetry, validateRetryPolicy } from './retry-policy.js';
import { TransportError } from './transport-error.js';

/** What `onAttempt` learns about one try. */
export interface AttemptTelemetry {
  /** 0-based number of the try. */
  readonly attempt: number;
  /** Response status: of the result on success, of an `http` `TransportError` on failure. */
  readonly status?: number | undefined;
  /** The failure of the try (usually a `TransportError`; the abort reason when aborted). */
  readonly error?: unknown;
  /** Time from `makeRequest` to the end of `operation`, in milliseconds. */
  readonly durationMs: number;
}

/** Named arguments of {@link runWithRetry}. */
export interface RunWithRetryOptions<T, R = Request> {
  /** When and how long to retry. */
  readonly policy: RetryPolicy;
  /**
   * Builds the request for one try; runs before every try, after any backoff sleep. This is the
   * per-attempt preparation hook: apply auth headers or sign here, over a request prepared once
   * with `prepareRequest` (so every try carries identical body bytes). A `TransportError` thrown
   * here counts as the try's failure (`network` is retried, `build` is not); anything else is
   * rethrown at once.
   */
  readonly makeRequest: (attempt: number) => R | Promise<R>;
  /** Performs one try, e.g. `(request) => transport.execute(request)`. */
  readonly operation: (request: R, attempt: number) => Promise<T>;
  /**
   * Stops retrying: checked before each try and aborts the backoff sleep; the failure is the
   * signal's reason. Give the request the same signal to cancel a try in flight.
   */
  readonly signal?: AbortSignal | undefined;
  /** Called once per try with its outcome and duration. */
  readonly onAttempt?: ((telemetry: AttemptTelemetry) => void) | undefined;
  /**
   * Waits between tries; must reject with `signal.reason` when the signal aborts.
   * @default a `setTimeout` sleep
   */
  readonly sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** Jitter source for {@link backoff}. @default Math.random */
  readonly random?: (() => number) | undefined;
}

/**
 * Runs `operation` with the upstream retry semantics: tries `attempt = 0 … maxAttempts`
 * (at most `maxAttempts + 1` tries), each with a fresh `makeRequest(attempt)`; on a failure that
 * {@link shouldRetry} accepts it sleeps `backoff(baseDelayMs, attempt + 1)` (≈ base, 2×base,
 * 4×base … ±10%) and tries again; otherwise it rejects with that failure as it is (the last
 * try's error, never `retryLimit`). `Retry-After` is not consulted. Only obtaining the response
 * is retried: failures while reading a returned stream are the caller's.
 *
 * @example
 * const response = await runWithRetry({
 *   policy: createRetryPolicy(),
 *   makeRequest: () => ({ ...prepared, headers: withAuth(prepared.headers) }),
 *   operation: (request) => transport.execute(request),
 *   signal,
 * });
 */
export async function runWithRetry<T, R = Request>(options: RunWithRetryOptions<T, R>): Promise<T> {
  const { policy, makeRequest, operation, signal, onAttempt } = options;
  validateRetryPolicy(policy, 'runWithRetry');
  if (typeof makeRequest !== 'function' || typeof operation !== 'function') {
    throw new TypeError('runWithRetry: `makeRequest` and `operation` must be functions');
  }
  const sleep = options.sleep ?? abortableSleep;
  for (let attempt = 0; attempt <= policy.maxAttempts; attempt++) {
    if (signal?.aborted) throw signal.reason;
    const started = performance.now();
    let failure: unknown;
    try {
      const request = await makeRequest(attempt);
      const result = await operation(request, attempt);
      onAttempt?.({ attempt, status: statusOf(result), durationMs: performance.now() - started });
      return result;
    } catch (error) {
      failure = signal?.aborted ? signal.reason : error;
      onAttempt?.({
        attempt,
        status: TransportError.isInstance(failure) ? failure.status : undefined,
        error: failure,
        durationMs: performance.now() - started,
      });
    }
    if (!shouldRetry({ error: failure, attempt, policy })) throw failure;
    await sleep(backoff(policy.baseDelayMs, attempt + 1, { random: options.random }), signal);
  }
  // Unreachable: shouldRetry is false at attempt === maxAttempts. Kept for parity with upstream.
  throw new TransportError({ kind: 'retryLimit' });
}

function statusOf(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const status = (value as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}
