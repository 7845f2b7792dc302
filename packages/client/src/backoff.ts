/** Options of {@link backoff}. */
export interface BackoffOptions {
  /**
   * Source of uniform numbers in `[0, 1)` for the jitter; inject one in tests.
   * @default Math.random
   */
  readonly random?: (() => number) | undefined;
}

/**
 * Delay before retry number `attempt`, in whole milliseconds.
 *
 * `attempt` 0 returns `baseMs` exactly (no jitter). For `attempt >= 1` the delay is
 * `floor(baseMs × 2^(attempt − 1) × j)` with `j` drawn uniformly from `[0.9, 1.1)`.
 * `runWithRetry` passes `attempt + 1`, so the first sleep is `baseMs × 1` (±10%).
 *
 * @param baseMs - base delay in milliseconds (the whole-millisecond part is used)
 * @param attempt - retry number, 0-based
 * @throws RangeError naming the argument when `baseMs` or `attempt` is invalid
 * @example backoff(200, 1) // 180..219
 * @example backoff(200, 3) // 720..879
 */
export function backoff(baseMs: number, attempt: number, options: BackoffOptions = {}): number {
  if (!Number.isFinite(baseMs) || baseMs < 0) {
    throw new RangeError(`backoff: baseMs must be a finite number >= 0, got ${baseMs}`);
  }
  if (!Number.isInteger(attempt) || attempt < 0) {
    throw new RangeError(`backoff: attempt must be an integer >= 0, got ${attempt}`);
  }
  const base = Math.floor(baseMs);
  if (attempt === 0) return base;
  const jitter = 0.9 + (options.random ?? Math.random)() * 0.2;
  const delay = Math.floor(base * 2 ** (attempt - 1) * jitter);
  // Rust saturates; JS numbers overflow to Infinity instead.
  return Math.min(delay, Number.MAX_SAFE_INTEGER);
}
