// Fixed cost per request: every path streams a one-delta response (the whole turn is 8 events,
// 3.4 KB) again and again through an injected `fetch`, in this process, so what is measured is
// what a library spends per request around the parsing: building the request, auth, headers,
// the transport, abort wiring, setting up and tearing down its stream objects. Every sample runs
// `batch` requests per path, paths in a fresh order each sample; the figure is the median sample's
// time per request in µs, and a ratio between two paths the median of their per-sample ratios.

import { createTranscriptFetch, sliceChunks } from './delivery.mjs';
import { median, medianOfRatios, round, settleBeforeBatch } from './stats.mjs';
import { checkOutcome } from './throughput.mjs';

const baseURL = 'http://bench.invalid/v1';

/**
 * @param {object} options
 * @param {{ name: string, bytes: Uint8Array, events: number, expected: object }} options.transcript
 * @param {import('./paths/types.mjs').BenchPath[]} options.paths  Floor first.
 * @param {number} options.warmups   Samples thrown away first (the JIT settles).
 * @param {number} options.samples
 * @param {number} options.batch     Requests per path per sample.
 * @param {<T>(items: readonly T[]) => T[]} options.shuffle
 * @param {(check: object) => void} options.onCheck
 * @param {boolean} [options.forcedGc]  A forced full GC before every batch (see `settleBeforeBatch`).
 */
export async function measureFixedCost({
  transcript,
  paths,
  warmups,
  samples,
  batch,
  shuffle,
  onCheck,
  forcedGc = false,
}) {
  const chunks = sliceChunks(transcript.bytes);
  const runners = [];
  for (const path of paths) {
    const stream = await path.create({ fetch: createTranscriptFetch(chunks), baseURL });
    // Every request is checked once before any is timed.
    const problem = checkOutcome(await stream(), transcript.expected);
    onCheck({ case: 'fixed cost', path: path.id, ok: problem === null, problem });
    runners.push({ path, stream, perRequest: new Map() });
  }
  for (let sample = 0; sample < warmups + samples; sample += 1) {
    for (const runner of shuffle(runners)) {
      await settleBeforeBatch({ forcedGc });
      const started = performance.now();
      for (let index = 0; index < batch; index += 1) await runner.stream();
      const microseconds = ((performance.now() - started) * 1000) / batch;
      if (sample >= warmups) runner.perRequest.set(sample, microseconds);
    }
  }
  const byId = new Map(runners.map((runner) => [runner.path.id, runner.perRequest]));
  const floor = runners[0].perRequest;
  const openai = byId.get('openai');
  return {
    batch,
    forcedGc,
    rows: runners.map(({ path, perRequest }) => ({
      path: path.id,
      samples: perRequest.size,
      samplesMicroseconds: [...perRequest.values()].map((value) => round(value, 1)),
      requests: perRequest.size * batch,
      medianMicroseconds: round(median([...perRequest.values()]), 1),
      // Path ÷ floor and path ÷ openai in the same sample, median over samples.
      timesFloor: round(medianOfRatios(perRequest, floor), 2),
      timesOpenai: openai === undefined ? null : round(medianOfRatios(perRequest, openai), 3),
    })),
    timesByPath: byId,
  };
}
