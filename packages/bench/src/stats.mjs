/** Median of a non-empty list of numbers. */
export function median(values) {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Lets the event loop turn once, then collects garbage: what a sample starts from. The turn runs
 * the FinalizationRegistry callbacks that are due — Node's fetch registers one for every `Request`
 * made with an abort signal, and ky makes two per request — which, in a loop of in-memory requests
 * that never waits for I/O, would otherwise pile up for the whole section, as no application that
 * talks to a network would let them.
 */
export function settleAndCollectGarbage() {
  return settleBeforeBatch({ forcedGc: true });
}

/**
 * What every timed batch of the fixed-cost section starts from: one turn of the event loop (see
 * {@link settleAndCollectGarbage} for why), and a forced full GC (`--expose-gc`) only when `forcedGc` is true
 * (`--fixed-cost-forced-gc`, the method of earlier runs).
 *
 * A forced full GC (`gc()`) does not keep the maps that optimized code embeds, as the collections
 * V8 starts by itself do: every optimized function that embedded one is deoptimized (in a loop of
 * one-delta requests, about 2,000 deoptimizations with reason "weak objects" per forced GC), and
 * it takes about 2,000 requests before the code is fast again. A batch of 200 requests after a
 * forced GC measures that recovery — every library's cost per request rose 2.5–3× under it, the
 * floor's 1.4× — while in the same loop left to itself (7 mark-compacts in 22,000 requests) the
 * code stays optimized. Without it, the garbage of a batch is collected as an application's is,
 * by the collections its allocation triggers.
 * @param {{ forcedGc: boolean }} options
 */
export async function settleBeforeBatch({ forcedGc }) {
  await new Promise((resolve) => setImmediate(resolve));
  if (forcedGc) globalThis.gc?.();
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
