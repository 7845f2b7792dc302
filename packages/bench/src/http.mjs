// Over real HTTP: transcript (a, unicode-mixed) from the loopback server. Two figures per path:
// full-transcript throughput through the real socket (paths interleaved round by round), and the
// time from calling the library to its first text delta, compared with a raw `fetch` reading its
// first body chunk (same request), sample by sample.

import { MB, median, medianOfDifferences, medianOfRatios, round } from './stats.mjs';
import { checkOutcome } from './throughput.mjs';

function isAbort(error, signal) {
  return signal.aborted || error?.name === 'AbortError' || error?.name === 'APIUserAbortError';
}

async function rawFirstChunk(url) {
  const controller = new AbortController();
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
    body: JSON.stringify({ model: 'gpt-5.1', input: 'bench', stream: true }),
    signal: controller.signal,
  });
  const reader = response.body.getReader();
  await reader.read();
  const elapsed = performance.now() - started;
  await reader.cancel();
  controller.abort();
  return elapsed;
}

async function pathFirstTextDelta(stream) {
  const controller = new AbortController();
  let firstAt = null;
  const started = performance.now();
  try {
    await stream({
      signal: controller.signal,
      onEvent: (isTextDelta) => {
        if (isTextDelta && firstAt === null) {
          firstAt = performance.now();
          controller.abort();
        }
      },
    });
  } catch (error) {
    if (!isAbort(error, controller.signal)) throw error;
  }
  if (firstAt === null) throw new Error('stream ended without a text delta');
  return firstAt - started;
}

/**
 * @param {object} options
 * @param {{ baseURL: (route: string) => string }} options.server
 * @param {import('./paths/types.mjs').BenchPath[]} options.paths  Floor first.
 * @param {{ name: string, bytes: Uint8Array, events: number, expected: object }} options.transcript
 *   The transcript the server's `transcript` route sends (regenerated here, same bytes).
 * @param {number} options.rounds        Throughput rounds (after one warm-up round).
 * @param {number} options.samples      First-event samples per path (after warm-ups).
 * @param {number} options.budgetMs
 * @param {<T>(items: readonly T[]) => T[]} options.shuffle
 * @param {(check: object) => void} options.onCheck
 * @param {(line: string) => void} options.log
 * @param {(name: string, work: () => Promise<unknown>) => Promise<any>} options.section  Runs one
 *   part, recording the load average at its start and end.
 */
export async function measureHttp({
  server,
  paths,
  transcript,
  rounds,
  samples,
  budgetMs,
  shuffle,
  onCheck,
  log,
  section,
}) {
  const baseURL = server.baseURL('transcript');
  const runners = [];
  for (const path of paths) {
    runners.push({
      path,
      stream: await path.create({ fetch: globalThis.fetch, baseURL }),
      times: new Map(),
      planned: rounds,
    });
  }
  const compared = runners.filter((runner) => !runner.path.instrument);

  // Throughput through the socket: a warm-up round, then rounds, every one in a fresh order.
  log(`  throughput: 1 warm-up + ${rounds} rounds, ${compared.length} paths interleaved`);
  const throughput = await section('http throughput', async () => {
    for (let index = 0; index <= rounds; index += 1) {
      for (const runner of shuffle(compared)) {
        const warmup = index === 0;
        const due = warmup || Math.floor((index * runner.planned) / rounds) > runner.times.size;
        if (!due) continue;
        const started = performance.now();
        const outcome = await runner.stream();
        const elapsed = performance.now() - started;
        if (warmup) {
          const problem = checkOutcome(outcome, transcript.expected);
          onCheck({ case: 'http a', path: runner.path.id, ok: problem === null, problem });
          if (elapsed * rounds > budgetMs) {
            runner.planned = Math.max(1, Math.floor(budgetMs / elapsed));
          }
          continue;
        }
        runner.times.set(index, elapsed);
      }
    }
    const floorTimes = compared[0].times;
    return compared.map(({ path, times }) => {
      const milliseconds = median([...times.values()]);
      return {
        case: 'http a',
        path: path.id,
        rounds: times.size,
        roundsMs: [...times.values()].map((value) => round(value, 1)),
        medianMs: round(milliseconds, 1),
        mbPerSecond: round(transcript.bytes.length / MB / (milliseconds / 1000), 1),
        eventsPerSecond: Math.round(transcript.events / (milliseconds / 1000)),
        ratioToFloor: round(medianOfRatios(floorTimes, times), 3),
      };
    });
  });

  // First text delta vs a raw fetch's first chunk, sample by sample; every sample runs raw fetch
  // and every path once, in a fresh order (a fixed or cyclic order would make one of them always
  // pay for the clean-up of the same heavy predecessor).
  const warmups = 3;
  log(`  time to first text delta: ${warmups} warm-ups + ${samples} samples, order shuffled`);
  const firstEventResult = await section('first text delta', async () => {
    const raw = new Map();
    const perPath = runners.map(() => new Map());
    const slots = [-1, ...runners.keys()];
    for (let sample = 0; sample < samples + warmups; sample += 1) {
      for (const index of shuffle(slots)) {
        const milliseconds =
          index === -1
            ? await rawFirstChunk(`${baseURL}/responses`)
            : await pathFirstTextDelta(runners[index].stream);
        if (sample < warmups) continue;
        (index === -1 ? raw : perPath[index]).set(sample, milliseconds);
      }
    }
    const rawMedian = median([...raw.values()]);
    return {
      rawFirstChunkMs: round(rawMedian, 3),
      firstEvent: runners.map((runner, index) => ({
        path: runner.path.id,
        samples: perPath[index].size,
        medianMs: round(median([...perPath[index].values()]), 3),
        // Path − raw fetch in the same sample, median over samples.
        addedMs: round(medianOfDifferences(perPath[index], raw), 3),
      })),
      timesByPath: new Map([
        ['raw fetch', raw],
        ...runners.map((runner, index) => [runner.path.id, perPath[index]]),
      ]),
    };
  });
  return { throughput, ...firstEventResult };
}
