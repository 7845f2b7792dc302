// One path, N concurrent open streams against the loopback server's `drip` route, in a fresh
// process (so its heap holds nothing but the library and the streams). Prints one JSON line.
//
// argv: <path id> <base URL> <streams> <hold ms>

import { monitorEventLoopDelay } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { findPath } from './paths/index.mjs';

v8.setFlagsFromString('--expose-gc');
const gc = globalThis.gc ?? vm.runInNewContext('gc');

const [pathId, baseURL, streamsText, holdText] = process.argv.slice(2);
const streamCount = Number(streamsText);
const holdMs = Number(holdText);

function settle() {
  gc();
  gc();
  return process.memoryUsage();
}

const path = findPath(pathId);
const stream = await path.create({ fetch: globalThis.fetch, baseURL });
// One throw-away stream so lazily loaded code and pools exist before the baseline.
{
  const controller = new AbortController();
  await stream({
    signal: controller.signal,
    onEvent: (isTextDelta) => {
      if (isTextDelta) controller.abort();
    },
  }).catch(() => {});
}
await new Promise((resolve) => setTimeout(resolve, 200));
const before = settle();

let errors = 0;
const errorSamples = [];
let events = 0;
let textDeltas = 0;
const controllers = [];
const opened = new Set();
const running = [];
let resolveAllOpen;
const allOpen = new Promise((resolve) => {
  resolveAllOpen = resolve;
});
const startedAt = performance.now();
for (let index = 0; index < streamCount; index += 1) {
  const controller = new AbortController();
  controllers.push(controller);
  running.push(
    stream({
      signal: controller.signal,
      onEvent: (isTextDelta) => {
        events += 1;
        if (!isTextDelta) return;
        textDeltas += 1;
        if (!opened.has(index)) {
          opened.add(index);
          if (opened.size === streamCount) resolveAllOpen();
        }
      },
    }).then(
      () => {
        if (!controller.signal.aborted) {
          errors += 1;
          if (errorSamples.length < 3) errorSamples.push('stream ended early');
          if (opened.size + errors === streamCount) resolveAllOpen();
        }
      },
      (error) => {
        if (controller.signal.aborted) return;
        errors += 1;
        if (errorSamples.length < 3) {
          errorSamples.push(
            String(error?.message ?? error)
              .split('\n')[0]
              .slice(0, 200),
          );
        }
        if (opened.size + errors === streamCount) resolveAllOpen();
      },
    ),
  );
}
const openTimeout = setTimeout(() => resolveAllOpen(), 60_000);
await allOpen;
clearTimeout(openTimeout);
const openMs = performance.now() - startedAt;

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const deltasBeforeHold = textDeltas;
await new Promise((resolve) => setTimeout(resolve, holdMs));
delay.disable();
const deltasDuringHold = textDeltas - deltasBeforeHold;
const during = settle();

for (const controller of controllers) controller.abort();
await Promise.all(running);

const perStream = (key) => (during[key] - before[key]) / streamCount / 1024;
process.stdout.write(
  `${JSON.stringify({
    path: pathId,
    streams: streamCount,
    open: opened.size,
    openMs: Math.round(openMs),
    holdMs,
    textDeltasDuringHold: deltasDuringHold,
    heapPerStreamKB: Math.round(perStream('heapUsed') * 10) / 10,
    rssPerStreamKB: Math.round(perStream('rss') * 10) / 10,
    externalPerStreamKB: Math.round(perStream('external') * 10) / 10,
    eventLoopDelayMs: {
      p50: Math.round(delay.percentile(50) / 1e4) / 100,
      p99: Math.round(delay.percentile(99) / 1e4) / 100,
      max: Math.round(delay.max / 1e4) / 100,
    },
    errors,
    errorSamples,
    events,
  })}\n`,
);
process.exit(0);
