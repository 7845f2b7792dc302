import { TransportError } from './transport-error.js';

/** Which failures a {@link RetryPolicy} retries. */
export interface RetryOn {
  /** Retry HTTP 429. */
  readonly retry429: boolean;
  /** Retry HTTP 500–599. */
  readonly retry5xx: boolean;
  /** Retry `timeout` and `network` failures. */
  readonly retryTransport: boolean;
}

/** How a transport retries obtaining a response (the upstream `RetryPolicy`). */
export interface RetryPolicy {
  /** Retries after the first try: at most `maxAttempts + 1` tries in total. */
  readonly maxAttempts: number;
  /** Base of the exponential backoff, in milliseconds. */
  readonly baseDelayMs: number;
  /** Which failures are retried. */
  readonly retryOn: RetryOn;
}

/** Named arguments of `createRetryPolicy` (and of the `retry` setting of the providers); every field is optional. */
export interface RetryPolicyOptions {
  /** @default 4 */
  readonly maxAttempts?: number | undefined;
  /** @default 200 */
  readonly baseDelayMs?: number | undefined;
  /** @default { retry429: false, retry5xx: true, retryTransport: true } */
  readonly retryOn?: Partial<RetryOn> | undefined;
}

/**
 * A validated {@link RetryPolicy}. The defaults are the upstream provider defaults: 4 retries
 * (5 tries), 200 ms base, 5xx and transport failures retried, 429 not.
 *
 * @throws RangeError naming the option when `maxAttempts` is not an integer >= 0 or
 * `baseDelayMs` is not a finite number >= 0.
 * @example createRetryPolicy({ maxAttempts: 2, retryOn: { retry429: true } })
 */
export function createRetryPolicy(options: RetryPolicyOptions = {}): RetryPolicy {
  const policy: RetryPolicy = {
    maxAttempts: options.maxAttempts ?? 4,
    baseDelayMs: options.baseDelayMs ?? 200,
    retryOn: {
      retry429: options.retryOn?.retry429 ?? false,
      retry5xx: options.retryOn?.retry5xx ?? true,
      retryTransport: options.retryOn?.retryTransport ?? true,
    },
  };
  validateRetryPolicy(policy, 'createRetryPolicy');
  return policy;
}

/** @internal Throws a RangeError/TypeError naming the field of an invalid policy. */
export function validateRetryPolicy(policy: RetryPolicy, caller: string): void {
  if (typeof policy !== 'object' || policy === null) {
    throw new TypeError(`${caller}: \`policy\` must be a RetryPolicy object`);
  }
  if (!Number.isSafeInteger(policy.maxAttempts) || policy.maxAttempts < 0) {
    throw new RangeError(`${caller}: \`maxAttempts\` must be an integer >= 0`);
  }
  if (!Number.isFinite(policy.baseDelayMs) || policy.baseDelayMs < 0) {
    throw new RangeError(`${caller}: \`baseDelayMs\` must be a finite number >= 0`);
  }
  if (typeof policy.retryOn !== 'object' || policy.retryOn === null) {
    throw new TypeError(`${caller}: \`retryOn\` must be an object`);
  }
}

/** Named arguments of {@link shouldRetry}. */
export interface ShouldRetryOptions {
  /** The failure of the try. */
  readonly error: unknown;
  /** 0-based number of the try that failed. */
  readonly attempt: number;
  /** The policy in force. */
  readonly policy: RetryPolicy;
}

/**
 * Whether a failed try is retried (upstream `RetryPolicy::should_retry`): never once
 * `attempt >= maxAttempts`; `http` when (`retry429` and status 429) or (`retry5xx` and status
 * 500–599); `timeout`/`network` when `retryTransport`; `build`, `retryLimit`, `redirect`, the
 * stream kinds and anything that is not a `TransportError` (an abort, a bug) never.
 * `createKyTransport` configures ky's retry to follow exactly this rule.
 */
export function shouldRetry(options: ShouldRetryOptions): boolean {
  const { error, attempt, policy } = options;
  if (attempt >= policy.maxAttempts) return false;
  if (!TransportError.isInstance(error)) return false;
  switch (error.kind) {
    case 'http': {
      const status = error.status ?? 0;
      return (
        (policy.retryOn.retry429 && status === 429) ||
        (policy.retryOn.retry5xx && status >= 500 && status <= 599)
      );
    }
    case 'timeout':
    case 'network':
      return policy.retryOn.retryTransport;
    default:
      return false;
  }
}
