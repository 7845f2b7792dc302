import v8 from 'node:v8';
import vm from 'node:vm';

let gc: (() => void) | undefined;

/**
 * Runs a full garbage collection, then lets the event loop turn so that finalization callbacks
 * (`FinalizationRegistry`) run — three times, so that what the first round freed is collected
 * too. For tests that an object outlives a collection it does not own (a streamed body, a signal
 * link), without starting Node with `--expose-gc`.
 *
 * @example
 * const stream = await client.stream(request);
 * await collectGarbage();
 * expect(await collect(stream)).toHaveLength(5);
 */
export async function collectGarbage(): Promise<void> {
  if (gc === undefined) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  for (let round = 0; round < 3; round++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
