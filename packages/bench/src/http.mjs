// Over real HTTP: transcript (a) from the loopback server. Two figures per path: full-transcript
// throughput through the real socket, and the time from calling the library to its first text
// delta, compared with a raw `fetch` reading its first body chunk (same request).

import { MB, median, round } from './stats.mjs';
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
 * @param {import('./paths/types.mjs').BenchPath[]} options.paths
 * @param {{ name: string, bytes: Uint8Array, events: number, expected: object }} options.transcript
 *   The transcript the server's `transcript` route sends (regenerated here, same bytes).
 * @param {number} options.rounds        Throughput rounds (after one warm-up).
 * @param {number} options.samples      First-event samples per path (after warm-ups).
 * @param {number} options.budgetMs
 * @param {(check: object) => void} options.onCheck
 */
export async function measureHttp({
  server,
  paths,
  transcript,
  rounds,
  samples,
  budgetMs,
  onCheck,
}) {
  const baseURL = server.baseURL('transcript');
  const runners = [];
  for (const path of paths) {
    runners.push({ path, stream: await path.create({ fetch: globalThis.fetch, baseURL }) });
  }

  // Throughput through the socket.
  const throughput = [];
  for (const runner of runners) {
    const times = [];
    let planned = rounds;
    for (let index = 0; index <= planned; index += 1) {
      const started = performance.now();
      const outcome = await runner.stream();
      const elapsed = performance.now() - started;
      if (index === 0) {
        const problem = checkOutcome(outcome, transcript.expected);
        onCheck({ case: 'http a', path: runner.path.id, ok: problem === null, problem });
        if (elapsed * rounds > budgetMs) planned = Math.max(1, Math.floor(budgetMs / elapsed));
        continue;
      }
      times.push(elapsed);
    }
    const milliseconds = median(times);
    throughput.push({
      case: 'http a',
      path: runner.path.id,
      rounds: times.length,
      medianMs: round(milliseconds, 1),
      mbPerSecond: round(transcript.bytes.length / MB / (milliseconds / 1000), 1),
      eventsPerSecond: Math.round(transcript.events / (milliseconds / 1000)),
    });
  }
  const floorHttpMs = throughput[0].medianMs;
  for (const row of throughput) row.ratioToFloor = round(floorHttpMs / row.medianMs, 3);

  // First event vs raw first chunk, interleaved sample by sample. The order rotates every sample:
  // a measurement right after a heavy path (the AI SDK's clean-up, GC) pays for it, so a fixed
  // order would bias whichever path always comes next (it made the raw fetch look slow).
  const raw = [];
  const perPath = runners.map(() => []);
  const warmups = 3;
  const slots = [-1, ...runners.keys()];
  for (let sample = 0; sample < samples + warmups; sample += 1) {
    for (let position = 0; position < slots.length; position += 1) {
      const index = slots[(sample + position) % slots.length];
      const milliseconds =
        index === -1
          ? await rawFirstChunk(`${baseURL}/responses`)
          : await pathFirstTextDelta(runners[index].stream);
      if (sample < warmups) continue;
      if (index === -1) raw.push(milliseconds);
      else perPath[index].push(milliseconds);
    }
  }
  const rawMedian = median(raw);
  const firstEvent = runners.map((runner, index) => {
    const milliseconds = median(perPath[index]);
    return {
      path: runner.path.id,
      samples: perPath[index].length,
      medianMs: round(milliseconds, 3),
      addedMs: round(milliseconds - rawMedian, 3),
    };
  });
  return { throughput, rawFirstChunkMs: round(rawMedian, 3), firstEvent };
}
