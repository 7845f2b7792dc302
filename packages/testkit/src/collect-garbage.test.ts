import { describe, expect, it } from 'vitest';
import { collectGarbage } from './collect-garbage.js';

describe('collectGarbage', () => {
  it('collects an object nothing holds and runs its finalization callback', async () => {
    const finalized: string[] = [];
    const registry = new FinalizationRegistry<string>((held) => finalized.push(held));
    let weak: WeakRef<object> | undefined;
    (() => {
      const object = {};
      registry.register(object, 'gone');
      weak = new WeakRef(object);
    })();
    await collectGarbage();
    expect(weak?.deref()).toBeUndefined();
    expect(finalized).toEqual(['gone']);
  });
});
