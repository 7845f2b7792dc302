// One fault cell: a watchdog against hangs, and the checks that nothing outlives the call — no
// socket, no timer, no abort listener, no unhandled rejection.
import { getEventListeners } from 'node:events';

/** Longest a cell may take before it counts as a hang. */
export const WATCHDOG_MS = 15_000;
// How long resources may take to wind down once the servers are closed (sockets close
// asynchronously; a loaded machine is slow).
const SETTLE_MS = 5_000;

const unhandled: unknown[] = [];
let listening = false;

/** Starts recording unhandled rejections (once per file). */
export function recordUnhandledRejections(): void {
  if (listening) return;
  listening = true;
  process.on('unhandledRejection', (reason) => {
    unhandled.push(reason);
  });
}

/** The resources a leak would show up as: sockets and servers (nothing else uses TCP here). */
function resourceCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of process.getActiveResourcesInfo()) {
    if (name === 'TCPSocketWrap' || name === 'TCPServerWrap') {
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  return counts;
}

function exceeds(current: Map<string, number>, baseline: Map<string, number>): string[] {
  const over: string[] = [];
  for (const [name, count] of current) {
    const before = baseline.get(name) ?? 0;
    if (count > before) over.push(`${name}: ${count} (before the cell: ${before})`);
  }
  return over;
}

// Timers are tracked one by one rather than counted: the test runner's own timers come and go
// during a cell, so a count cannot tell a leaked timer from one of its. A timer counts when code
// of the packages under test (or ky) created it, and it neither fired nor was cleared.
const LIBRARY_FRAME = /[\\/]packages[\\/](client|api|protocol|provider-bedrock)[\\/]|[\\/]ky[\\/]/;
const liveTimers = new Map<unknown, string>();
let tracking = false;

function installTimerTracking(): void {
  const globals = globalThis as unknown as Record<string, unknown>;
  if (globals.__faultsTimerTracking === true) return;
  globals.__faultsTimerTracking = true;
  for (const [create, clear] of [
    ['setTimeout', 'clearTimeout'],
    ['setInterval', 'clearInterval'],
  ] as const) {
    const original = globalThis[create] as (...args: unknown[]) => unknown;
    const originalClear = globalThis[clear] as (timer: unknown) => void;
    const wrapped = (callback: unknown, ...rest: unknown[]): unknown => {
      const stack = tracking ? (new Error().stack ?? '') : '';
      const library = tracking && LIBRARY_FRAME.test(stack.split('\n').slice(2).join('\n'));
      let timer: unknown;
      const fire =
        typeof callback === 'function'
          ? (...args: unknown[]): unknown => {
              if (create === 'setTimeout') liveTimers.delete(timer);
              return (callback as (...args: unknown[]) => unknown)(...args);
            }
          : callback;
      timer = original(fire, ...rest);
      if (library) liveTimers.set(timer, stack);
      return timer;
    };
    Object.assign(wrapped, original);
    globals[create] = wrapped;
    globals[clear] = (timer: unknown): void => {
      liveTimers.delete(timer);
      originalClear(timer);
    };
  }
}

/** Named arguments of {@link runCell}. */
export interface RunCellOptions {
  /** The cell: arranges, calls, asserts. Must close the servers it started before it returns. */
  readonly run: () => Promise<void>;
  /** Signals whose abort listeners must all be gone after the cell. */
  readonly signals: () => readonly AbortSignal[];
}

/**
 * Runs a cell under a watchdog, then checks that no abort listener is left on its signals, waits
 * (bounded) for sockets to fall back to what was open before it, and fails naming what stayed —
 * also any timer the library created during the cell that neither fired nor was cleared: a
 * leaked idle timer, deadline timer or socket would keep a real process alive.
 */
export async function runCell(options: RunCellOptions): Promise<void> {
  installTimerTracking();
  liveTimers.clear();
  const baseline = resourceCounts();
  const unhandledBefore = unhandled.length;
  tracking = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watchdog = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`hang: the cell did not settle within ${WATCHDOG_MS} ms`)),
      WATCHDOG_MS,
    );
  });
  try {
    await Promise.race([options.run(), watchdog]);
  } finally {
    tracking = false;
    clearTimeout(timer);
  }
  for (const signal of options.signals()) {
    const listeners = getEventListeners(signal, 'abort').length;
    if (listeners > 0) throw new Error(`leak: ${listeners} abort listener(s) left on the signal`);
  }
  const started = performance.now();
  let over = exceeds(resourceCounts(), baseline);
  while (over.length > 0 && performance.now() - started < SETTLE_MS) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    // The wait's own timer has fired by now; a fresh count sees only what the cell left.
    over = exceeds(resourceCounts(), baseline);
  }
  if (over.length > 0) throw new Error(`leak after ${SETTLE_MS} ms: ${over.join('; ')}`);
  if (liveTimers.size > 0) {
    const [stack] = liveTimers.values();
    throw new Error(
      `leak: ${liveTimers.size} library timer(s) still pending, the first from\n${stack}`,
    );
  }
  // Give a rejection that nobody handled the turn it needs to be reported.
  await new Promise((resolve) => setImmediate(resolve));
  if (unhandled.length > unhandledBefore) {
    throw new Error(`unhandled rejection: ${String(unhandled.at(-1))}`);
  }
}
