import { rejectionOf } from '@codex/testkit';
import { describe, expect, it } from 'vitest';
import { TransportError } from './transport-error.js';
import { withinDeadline } from './within-deadline.js';

function timerCount(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
}

describe('withinDeadline', () => {
  it('settles as the work does, and leaves no timer or listener behind', async () => {
    const controller = new AbortController();
    const timers = timerCount();
    expect(await withinDeadline(async () => 'done', 60_000, controller.signal)).toBe('done');
    expect(await withinDeadline(() => 7, 60_000)).toBe(7);
    const failure = new Error('work failed');
    expect(await rejectionOf(withinDeadline(() => Promise.reject(failure), 60_000))).toBe(failure);
    // A work that throws instead of returning a promise rejects the same way.
    expect(
      await rejectionOf(
        withinDeadline(() => {
          throw failure;
        }, 60_000),
      ),
    ).toBe(failure);
    expect(timerCount()).toBe(timers);
  });

  it('a work that outlasts the deadline is a transport timeout', async () => {
    const error = await rejectionOf(withinDeadline(() => new Promise(() => undefined), 20));
    expect(TransportError.isInstance(error) && error.kind).toBe('timeout');
  });

  it('an abort rejects with the signal’s reason, at once and when already aborted', async () => {
    const controller = new AbortController();
    const pending = withinDeadline(() => new Promise(() => undefined), 60_000, controller.signal);
    const reason = new Error('stop');
    controller.abort(reason);
    expect(await rejectionOf(pending)).toBe(reason);
    let called = false;
    const early = withinDeadline(
      () => {
        called = true;
        return 1;
      },
      60_000,
      controller.signal,
    );
    expect(await rejectionOf(early)).toBe(reason);
    expect(called).toBe(false);
  });
});
