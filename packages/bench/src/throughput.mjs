// Parse throughput: every ready path consumes the same transcript bytes, delivered through an
// injected `fetch` as pre-sliced chunks, in this one process. Every round runs each path once, in
// a fresh shuffled order; the figure is the median round after a warm-up, and a ratio between two
// paths is the median of their per-round ratios.

import { createTranscriptFetch, sliceChunks } from './delivery.mjs';
import { MB, median, medianOfRatios, round, settleAndCollectGarbage } from './stats.mjs';

const baseURL = 'http://bench.invalid/v1';

/**
 * Checks one outcome against what the transcript generator recorded.
 * @returns {string | null} a mismatch description, or null when it matches
 */
export function checkOutcome(outcome, expected) {
  const problems = [];
  if (outcome.textDeltas !== expected.textDeltas) {
    problems.push(`text deltas ${outcome.textDeltas} ≠ ${expected.textDeltas}`);
  }
  if (outcome.text !== expected.text) {
    problems.push(`final text differs (length ${outcome.text.length} ≠ ${expected.text.length})`);
  }
  if (outcome.itemTextLength !== null && outcome.itemTextLength !== expected.itemTextLength) {
    problems.push(`item text length ${outcome.itemTextLength} ≠ ${expected.itemTextLength}`);
  }
  return problems.length === 0 ? null : problems.join('; ');
}

/**
 * Measures every path on one transcript delivered in `chunkSize` chunks.
 * @param {object} options
 * @param {{ name: string, bytes: Uint8Array, events: number, expected: object }} options.transcript
 * @param {number} options.chunkSize
 * @param {string} options.label           Row label, e.g. `a ascii (16 KiB)`.
 * @param {import('./paths/types.mjs').BenchPath[]} options.paths  Floor first.
 * @param {number} options.warmups
 * @param {number} options.rounds
 * @param {number} options.budgetMs        Per path: fewer rounds when one round is slower than
 *   budgetMs / rounds (reported), so a very slow peer cannot blow the run time.
 * @param {<T>(items: readonly T[]) => T[]} options.shuffle  A fresh order for every round.
 * @param {(check: object) => void} options.onCheck
 * @returns {Promise<{ rows: object[], timesByPath: Map<string, Map<number, number>> }>} a row per
 *   path, and every measured time by path id and round (for ratios of paths side by side)
 */
export async function measureThroughput({
  transcript,
  chunkSize,
  label,
  paths,
  warmups,
  rounds,
  budgetMs,
  shuffle,
  onCheck,
}) {
  const chunks = sliceChunks(transcript.bytes, chunkSize);
  const runners = [];
  for (const path of paths) {
    const stream = await path.create({ fetch: createTranscriptFetch(chunks), baseURL });
    runners.push({ path, stream, times: new Map(), plannedRounds: rounds, checked: false });
  }
  const runOnce = async (runner) => {
    await settleAndCollectGarbage();
    const started = performance.now();
    const outcome = await runner.stream();
    const elapsed = performance.now() - started;
    if (!runner.checked) {
      runner.checked = true;
      const problem = checkOutcome(outcome, transcript.expected);
      onCheck({ case: label, path: runner.path.id, ok: problem === null, problem });
    }
    return elapsed;
  };
  for (let index = 0; index < warmups; index += 1) {
    for (const runner of shuffle(runners)) {
      const elapsed = await runOnce(runner);
      if (elapsed * rounds > budgetMs) {
        runner.plannedRounds = Math.max(1, Math.floor(budgetMs / elapsed));
      }
    }
  }
  for (let round = 0; round < rounds; round += 1) {
    for (const runner of shuffle(runners)) {
      // A path on a reduced budget runs in rounds spread over the whole measurement.
      const due = Math.floor(((round + 1) * runner.plannedRounds) / rounds) > runner.times.size;
      if (due) runner.times.set(round, await runOnce(runner));
    }
  }
  const floorTimes = runners[0].times;
  const rows = runners.map(({ path, times }) => {
    const milliseconds = median([...times.values()]);
    return {
      case: label,
      transcript: transcript.name,
      bytes: transcript.bytes.length,
      events: transcript.events,
      chunkSize,
      path: path.id,
      rounds: times.size,
      // Every measured round, in the order the rounds ran (for a reader who wants the spread).
      roundsMs: [...times.values()].map((value) => round(value, 1)),
      medianMs: round(milliseconds, 1),
      mbPerSecond: round(transcript.bytes.length / MB / (milliseconds / 1000), 1),
      eventsPerSecond: Math.round(transcript.events / (milliseconds / 1000)),
      // Floor time ÷ path time in the same round, median over rounds.
      ratioToFloor: round(medianOfRatios(floorTimes, times), 3),
    };
  });
  return {
    rows,
    timesByPath: new Map(runners.map((runner) => [runner.path.id, runner.times])),
  };
}
