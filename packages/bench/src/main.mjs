// `pnpm --filter @codex/bench bench [--quick] [--only=SECTIONS] [--streams=N] [--seed=N] [--out=FILE]
//   [--fixed-cost-forced-gc]`
//
// Full run: every figure of issues 16 and 11 and the targets table, written to
// results/latest.json. `--quick`: small inputs, one round, 50 streams, results to
// bench-results/quick.json (git-ignored); it exists to check the harness in CI, so it asserts that
// every path produced the same text deltas and final text (and that streams and bundles worked) —
// never a time, and it judges no target. A run with `--only` writes bench-results/partial.json
// unless `--out` says otherwise, so results/latest.json always holds one whole run. Any failed
// check exits 1. `--fixed-cost-forced-gc`: a forced full GC before every fixed-cost batch, the
// method of earlier runs (`settleBeforeBatch` in stats.mjs says why it is no longer the default).

import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureConcurrency } from './concurrency.mjs';
import { measureFixedCost } from './fixed-cost.mjs';
import { measureHttp } from './http.mjs';
import { loadAverage } from './load-average.mjs';
import { resolvePaths } from './paths/index.mjs';
import { formatReport } from './report.mjs';
import { startBenchServer } from './server.mjs';
import { createShuffle } from './shuffle.mjs';
import { measureBundles, measureImports } from './startup.mjs';
import { round } from './stats.mjs';
import { evaluateTargets, transportShare } from './targets.mjs';
import { measureThroughput } from './throughput.mjs';
import { createTextDeltaTranscript, createTranscripts } from './transcripts.mjs';
import { measureWebsocket } from './websocket.mjs';

const benchRoot = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const option = (name) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const quick = argv.includes('--quick');
const fixedCostForcedGc = argv.includes('--fixed-cost-forced-gc');
const allSections = [
  'throughput',
  'fixed-cost',
  'http',
  'concurrency',
  'bundle',
  'import',
  'websocket',
];
const only = option('only');
const sections = new Set((only ?? allSections.join(',')).split(','));
for (const section of sections) {
  if (!allSections.includes(section)) {
    throw new RangeError(`--only: unknown section ${section} (known: ${allSections.join(', ')})`);
  }
}
const streams = Number(option('streams') ?? (quick ? 50 : 1000));
if (!Number.isInteger(streams) || streams < 1)
  throw new RangeError('--streams must be a positive integer');
const seed = Number(option('seed') ?? 1);
if (!Number.isInteger(seed)) throw new RangeError('--seed must be an integer');
const defaultOut = quick
  ? 'bench-results/quick.json'
  : only === undefined
    ? 'results/latest.json'
    : 'bench-results/partial.json';
const outFile = resolve(benchRoot, option('out') ?? defaultOut);

const settings = quick
  ? {
      warmups: 0,
      rounds: 1,
      budgetMs: 60_000,
      fixedCost: { warmups: 0, samples: 1, batch: 5 },
      httpRounds: 1,
      samples: 3,
      holdMs: 2_000,
      spawns: 1,
      websocket: { rounds: 1, samples: 3 },
    }
  : {
      warmups: 1,
      rounds: 15,
      budgetMs: 30_000,
      fixedCost: { warmups: 5, samples: 25, batch: 200 },
      httpRounds: 5,
      samples: 200,
      holdMs: 10_000,
      spawns: 7,
      websocket: { rounds: 5, samples: 40 },
    };
const shuffle = createShuffle(seed);

/** The commit measured (`+` when the working tree has changes), or null outside a git checkout. */
function gitRevision() {
  try {
    const git = (...args) => execFileSync('git', args, { cwd: benchRoot, encoding: 'utf8' }).trim();
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain') === '' ? '' : '+'}`;
  } catch {
    return null;
  }
}

const startedAt = performance.now();
const log = (line) =>
  console.log(
    line.startsWith(' ') || line === ''
      ? line
      : `[${((performance.now() - startedAt) / 1000).toFixed(1)} s] ${line}`,
  );
const results = {
  mode: quick ? 'quick' : 'full',
  date: new Date().toISOString(),
  machine: {
    node: process.version,
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    platform: `${os.platform()} ${os.arch()}`,
    totalMemoryGB: round(os.totalmem() / 1024 ** 3, 1),
    // Other work on a shared box skews every absolute figure; ratios suffer less.
    loadAverageAtStart: loadAverage(),
  },
  command: `pnpm --filter @codex/bench bench${argv.length > 0 ? ` ${argv.join(' ')}` : ''}`,
  revision: gitRevision(),
  settings: { ...settings, streams, seed },
  // The 1-, 5- and 15-minute load averages at the start and end of every section, by name.
  load: {},
  skipped: [],
  checks: [],
};
// Per-round (per-sample) times of each path, for ratios of paths measured side by side. Not in
// the JSON: the medians and ratios derived from them are.
const paired = {};
/** Runs one section, recording the load average at its start and end. */
const section = async (name, work) => {
  const start = loadAverage();
  const value = await work();
  results.load[name] = { start, end: loadAverage() };
  return value;
};
const onCheck = (check) => {
  results.checks.push(check);
  if (!check.ok) log(`  CHECK FAILED ${check.case} / ${check.path}: ${check.problem}`);
};

const { ready, skipped } = await resolvePaths(log);
results.skipped.push(...skipped);
// The instruments isolate one cost of the library; they never stand in a throughput comparison.
const compared = ready.filter((path) => !path.instrument);
const transcripts = createTranscripts({ quick });

if (sections.has('throughput')) {
  log('throughput…');
  const cases = [
    { transcript: transcripts.ascii, chunkSize: 16 * 1024, label: 'a ascii (16 KiB)' },
    { transcript: transcripts.unicode, chunkSize: 16 * 1024, label: 'a unicode (16 KiB)' },
    { transcript: transcripts.reasoning, chunkSize: 16 * 1024, label: 'b (16 KiB)' },
    { transcript: transcripts.large, chunkSize: 1024, label: 'c (1 KiB)' },
    {
      transcript: transcripts.large,
      chunkSize: transcripts.large.bytes.length,
      label: 'c (one chunk)',
    },
  ];
  results.throughput = [];
  paired.throughput = {};
  for (const entry of cases) {
    log(
      `  ${entry.label}: ${(entry.transcript.bytes.length / 1e6).toFixed(1)} MB, ${entry.transcript.events} events`,
    );
    const { rows, timesByPath } = await section(`throughput ${entry.label}`, () =>
      measureThroughput({ ...entry, paths: compared, ...settings, shuffle, onCheck }),
    );
    results.throughput.push(...rows);
    paired.throughput[entry.label] = timesByPath;
  }
  results.chunking = compared.map((path) => {
    const small = results.throughput.find(
      (row) => row.case === 'c (1 KiB)' && row.path === path.id,
    );
    const one = results.throughput.find(
      (row) => row.case === 'c (one chunk)' && row.path === path.id,
    );
    return {
      path: path.id,
      smallChunksMs: small.medianMs,
      oneChunkMs: one.medianMs,
      ratio: round(small.medianMs / one.medianMs, 2),
    };
  });
}

if (sections.has('fixed-cost')) {
  log(
    `fixed cost per request (a one-delta response, ${settings.fixedCost.batch} requests per path per sample)…`,
  );
  const { timesByPath, ...fixedCost } = await section('fixed cost', () =>
    measureFixedCost({
      transcript: transcripts.oneDelta,
      paths: ready,
      ...settings.fixedCost,
      forcedGc: fixedCostForcedGc,
      shuffle,
      onCheck,
    }),
  );
  results.fixedCost = fixedCost;
  paired.fixedCost = timesByPath;
}

const needsServer = ['http', 'concurrency', 'bundle'].some((name) => sections.has(name));
const server = needsServer ? await startBenchServer({ quick }) : null;
try {
  if (sections.has('http')) {
    log('over HTTP…');
    const { timesByPath, ...http } = await measureHttp({
      server,
      paths: ready,
      transcript: transcripts.unicode,
      rounds: settings.httpRounds,
      samples: settings.samples,
      budgetMs: settings.budgetMs,
      shuffle,
      onCheck,
      log,
      section,
    });
    results.http = http;
    paired.firstEvent = timesByPath;
  }
  if (sections.has('concurrency')) {
    log('concurrency…');
    results.concurrency = await section('concurrency', () =>
      measureConcurrency({ server, paths: ready, streams, holdMs: settings.holdMs, shuffle, log }),
    );
    // Every fetch-based client pays undici's per-connection cost; the floor row is raw `fetch`
    // with the thinnest parser, so this is what the library itself adds per open stream.
    const floorRow = results.concurrency.find((row) => row.path === 'floor');
    for (const row of results.concurrency) {
      row.heapOverFloorPerStreamKB =
        floorRow === undefined ? null : round(row.heapPerStreamKB - floorRow.heapPerStreamKB, 1);
    }
    for (const row of results.concurrency) {
      const ok = row.errors === 0 && row.open === row.streams && row.textDeltasDuringHold > 0;
      onCheck({
        case: `concurrency ×${row.streams}`,
        path: row.path,
        ok,
        problem: ok
          ? null
          : `${row.open}/${row.streams} open, ${row.errors} errors ${row.errorSamples.join(' | ')}`,
      });
    }
  }
  if (sections.has('bundle')) {
    log('bundles…');
    results.bundle = await section('bundle', () =>
      measureBundles({
        server,
        expectedText: createTextDeltaTranscript({ deltaCount: 200, seed: 7 }).expected.text,
        log,
        onCheck,
      }),
    );
  }
} finally {
  await server?.close();
}
if (sections.has('import')) {
  log('cold imports…');
  results.imports = await section('cold import', () =>
    measureImports({ spawns: settings.spawns, shuffle, log }),
  );
  const openaiImport = results.imports.find((row) => row.module === 'openai');
  for (const row of results.imports) {
    row.ratioToOpenai =
      openaiImport === undefined ? null : round(row.medianMs / openaiImport.medianMs, 2);
  }
}

if (sections.has('websocket')) {
  log('WebSocket vs SSE…');
  results.websocket = await measureWebsocket({
    quick,
    warmups: settings.warmups,
    ...settings.websocket,
    shuffle,
    log,
    onCheck,
    section,
  });
}

results.machine.loadAverageAtEnd = loadAverage();
results.durationSeconds = round((performance.now() - startedAt) / 1000, 1);
results.transportShare = transportShare({ results, paired });
results.targets = evaluateTargets({ results, paired, quick });
console.log(`\n${formatReport(results)}`);
await mkdir(dirname(outFile), { recursive: true });
await writeFile(outFile, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nJSON: ${outFile} (${results.durationSeconds} s)`);
process.exitCode = results.checks.every((check) => check.ok) ? 0 : 1;
