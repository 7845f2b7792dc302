import { TransportError } from '../transport-error.js';

/**
 * The abort plumbing of one send: a fresh controller that the user's signal and the total
 * timeout abort, so that no long-lived user signal ever gets a per-request dependent
 * (`AbortSignal.any` on a long-lived signal leaks on Node 20–22). `dispose` must run when the
 * exchange ends: it clears the timer and removes the listener.
 */
export class AttemptScope {
  readonly controller: AbortController = new AbortController();
  #timedOut = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #headTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #userSignal: AbortSignal | undefined;
  readonly #onUserAbort: () => void;

  constructor(
    userSignal: AbortSignal | undefined,
    timeoutMs: number | undefined,
    responseTimeoutMs?: number | undefined,
  ) {
    this.#userSignal = userSignal;
    this.#onUserAbort = () => {
      this.controller.abort(userSignal?.reason);
      this.dispose();
    };
    userSignal?.addEventListener('abort', this.#onUserAbort, { once: true });
    if (timeoutMs !== undefined) {
      this.#timer = setTimeout(() => {
        this.#timedOut = true;
        this.controller.abort(new TransportError({ kind: 'timeout' }));
        this.dispose();
      }, clampDelay(timeoutMs));
    }
    if (responseTimeoutMs !== undefined) {
      this.#headTimer = setTimeout(() => {
        this.#timedOut = true;
        this.controller.abort(new TransportError({ kind: 'timeout' }));
        this.dispose();
      }, clampDelay(responseTimeoutMs));
    }
  }

  /** The response head arrived: the response timeout no longer applies. */
  headReceived(): void {
    if (this.#headTimer !== undefined) clearTimeout(this.#headTimer);
    this.#headTimer = undefined;
  }

  /** True once the user's signal fired. */
  get userAborted(): boolean {
    return this.#userSignal?.aborted === true;
  }

  /**
   * What a failure of this exchange surfaces as: the user's abort reason untouched, a
   * `timeout`, a `TransportError` as is, else `fallback(error)`.
   */
  mapError(error: unknown, fallback: (error: unknown) => TransportError): unknown {
    if (this.#userSignal?.aborted) return this.#userSignal.reason;
    if (this.#timedOut) return new TransportError({ kind: 'timeout' });
    if (TransportError.isInstance(error)) return error;
    return fallback(error);
  }

  dispose(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.headReceived();
    this.#userSignal?.removeEventListener('abort', this.#onUserAbort);
  }
}

// setTimeout fires at once for delays above 2^31 − 1 ms (about 24.8 days); longer limits are
// treated as that long.
function clampDelay(ms: number): number {
  return Math.min(ms, 2_147_483_647);
}
