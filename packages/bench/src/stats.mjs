/** Median of a non-empty list of numbers. */
export function median(values) {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs a full GC when the process was started with --expose-gc (the bench scripts are). */
export function collectGarbage() {
  globalThis.gc?.();
}

/**
 * Lets the event loop turn once, then collects garbage: what a sample starts from. The turn runs
 * the FinalizationRegistry callbacks that are due — Node's fetch registers one for every `Request`
 * made with an abort signal, and ky makes two per request — which, in a loop of in-memory requests
 * that never waits for I/O, would otherwise pile up for the whole section, as no application that
 * talks to a network would let them.
 */
export async function settleAndCollectGarbage() {
  await new Promise((resolve) => setImmediate(resolve));
  globalThis.gc?.();
}

export const MB = 1_000_000;

export function round(value, digits = 2) {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * Median over the keys present in both maps of `numerator[key] / denominator[key]`: a ratio of
 * two paths measured side by side in the same round (or sample), so slow drift of the machine's
 * load between rounds cancels out.
 * @param {Map<number, number>} numerator
 * @param {Map<number, number>} denominator
 * @returns {number | null}
 */
export function medianOfRatios(numerator, denominator) {
  const ratios = [];
  for (const [key, value] of numerator) {
    const other = denominator.get(key);
    if (other !== undefined && other > 0) ratios.push(value / other);
  }
  return ratios.length === 0 ? null : median(ratios);
}

/**
 * Median over the keys present in both maps of `minuend[key] - subtrahend[key]`.
 * @param {Map<number, number>} minuend
 * @param {Map<number, number>} subtrahend
 * @returns {number | null}
 */
export function medianOfDifferences(minuend, subtrahend) {
  const differences = [];
  for (const [key, value] of minuend) {
    const other = subtrahend.get(key);
    if (other !== undefined) differences.push(value - other);
  }
  return differences.length === 0 ? null : median(differences);
}
