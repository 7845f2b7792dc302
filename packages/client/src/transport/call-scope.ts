import { TransportError } from '../transport-error.js';

// setTimeout fires at once for delays above 2^31 − 1 ms; longer limits are treated as that long.
const MAX_TIMER_MS = 2_147_483_647;

/**
 * The abort plumbing of one call: a fresh controller that the caller's signal and the call's
 * deadline abort. No `AbortSignal.any` is ever made from the caller's (possibly long-lived)
 * signal — that leaks on Node 20–22 — and `dispose` removes the listener and the timer. Without a
 * caller signal and a deadline there is nothing to wire and `signal` is `undefined`.
 */
export class CallScope {
  /** Aborts on the caller's abort (its reason) or at the deadline (a `timeout`). */
  readonly signal: AbortSignal | undefined;
  readonly #controller: AbortController | undefined;
  readonly #userSignal: AbortSignal | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #deadlinePassed = false;

  constructor(userSignal: AbortSignal | undefined, deadlineMs: number | undefined) {
    this.#userSignal = userSignal;
    if (userSignal === undefined && deadlineMs === undefined) return;
    const controller = new AbortController();
    this.#controller = controller;
    this.signal = controller.signal;
    userSignal?.addEventListener('abort', this.#onUserAbort, { once: true });
    if (deadlineMs !== undefined) {
      this.#timer = setTimeout(this.#onDeadline, Math.min(deadlineMs, MAX_TIMER_MS));
    }
  }

  /** True once the caller's signal fired. */
  get userAborted(): boolean {
    return this.#userSignal?.aborted === true;
  }

  /** True once the deadline passed. */
  get deadlinePassed(): boolean {
    return this.#deadlinePassed;
  }

  /**
   * What a failure of the call surfaces as when the call itself was stopped: the caller's abort
   * reason untouched, or a `timeout` for the deadline; `undefined` otherwise.
   */
  stoppedReason(): unknown {
    if (this.#userSignal?.aborted) return this.#userSignal.reason;
    if (this.#deadlinePassed) return new TransportError({ kind: 'timeout' });
    return undefined;
  }

  /** Removes the listener and the timer. Idempotent. */
  dispose(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#userSignal?.removeEventListener('abort', this.#onUserAbort);
  }

  readonly #onUserAbort = (): void => {
    this.#controller?.abort(this.#userSignal?.reason);
    this.dispose();
  };

  readonly #onDeadline = (): void => {
    this.#timer = undefined;
    this.#deadlinePassed = true;
    this.#controller?.abort(new TransportError({ kind: 'timeout' }));
    this.#userSignal?.removeEventListener('abort', this.#onUserAbort);
  };
}
