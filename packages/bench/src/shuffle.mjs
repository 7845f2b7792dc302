// The order in which paths run inside one round or one sample. A fixed or cyclic order biases
// whichever path always follows a heavy one (its garbage, its timers, a JIT tier-up), so every
// round and every sample draws a fresh order. Seeded, so a run can be repeated exactly
// (`--seed=N`; the seed is in the JSON).

/**
 * @param {number} seed
 * @returns {<T>(items: readonly T[]) => T[]} returns a shuffled copy (Fisher–Yates)
 */
export function createShuffle(seed) {
  // mulberry32, as in transcripts.mjs.
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (items) => {
    const copy = [...items];
    for (let index = copy.length - 1; index > 0; index -= 1) {
      const other = Math.floor(random() * (index + 1));
      [copy[index], copy[other]] = [copy[other], copy[index]];
    }
    return copy;
  };
}
