import { TransportError } from './transport-error.js';

// setTimeout fires at once for delays above 2^31 − 1 ms; longer limits are treated as that long.
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Runs `work` within a deadline: resolves or rejects as `work()` does, unless `timeoutMs` passes
 * first (a `TransportError` of kind `timeout`) or `signal` aborts (its reason, as it is). A `work`
 * that throws instead of returning a promise rejects the same way. The timer and the abort
 * listener are removed as soon as it settles. What the transport bounds its per-attempt hook with,
 * and `@codex/api`'s `ModelClient` a provider's `resolve()` and its 401 recovery.
 *
 * @example
 * const token = await withinDeadline(() => refreshToken(), 30_000, signal);
 */
export function withinDeadline<T>(
  work: () => T | Promise<T>,
  timeoutMs: number,
  signal?: AbortSignal | undefined,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => {
        cleanup();
        reject(new TransportError({ kind: 'timeout' }));
      },
      Math.min(timeoutMs, MAX_TIMER_MS),
    );
    const onAbort = (): void => {
      cleanup();
      reject(signal?.reason);
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    if (signal?.aborted) {
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    let pending: Promise<T>;
    try {
      pending = Promise.resolve(work());
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (value) => {
        cleanup();
        resolve(value);
      },
      (error: unknown) => {
        cleanup();
        reject(error);
      },
    );
  });
}
