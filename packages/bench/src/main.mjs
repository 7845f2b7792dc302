// `pnpm --filter @codex/bench bench [--quick] [--only=throughput,http,concurrency,bundle,import,websocket]
//  [--streams=N] [--out=FILE]`
//
// Full run: the figures of issue 8, written to results/latest.json. `--quick`: small inputs, one
// round, 50 streams, results to bench-results/quick.json (git-ignored); it exists to check the
// harness in CI, so it asserts that every path produced the same text deltas and final text (and
// that streams and bundles worked) — never a time. Any failed check exits 1.

import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureConcurrency } from './concurrency.mjs';
import { measureHttp } from './http.mjs';
import { resolvePaths } from './paths/index.mjs';
import { formatReport } from './report.mjs';
import { startBenchServer } from './server.mjs';
import { measureBundles, measureImports } from './startup.mjs';
import { round } from './stats.mjs';
import { measureThroughput } from './throughput.mjs';
import { createTextDeltaTranscript, createTranscripts } from './transcripts.mjs';
import { formatWebsocketReport, measureWebsocket } from './websocket.mjs';

const benchRoot = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const option = (name) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const quick = argv.includes('--quick');
const sections = new Set(
  (option('only') ?? 'throughput,http,concurrency,bundle,import,websocket').split(','),
);
for (const section of sections) {
  if (!['throughput', 'http', 'concurrency', 'bundle', 'import', 'websocket'].includes(section)) {
    throw new RangeError(`--only: unknown section ${section}`);
  }
}
const streams = Number(option('streams') ?? (quick ? 50 : 1000));
if (!Number.isInteger(streams) || streams < 1)
  throw new RangeError('--streams must be a positive integer');
const outFile = resolve(
  benchRoot,
  option('out') ?? (quick ? 'bench-results/quick.json' : 'results/latest.json'),
);

const settings = quick
  ? { warmups: 0, rounds: 1, budgetMs: 60_000, httpRounds: 1, samples: 3, holdMs: 2_000, spawns: 1 }
  : {
      warmups: 1,
      rounds: 9,
      budgetMs: 30_000,
      httpRounds: 3,
      samples: 40,
      holdMs: 10_000,
      spawns: 7,
    };

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
    loadAverageAtStart: os.loadavg().map((value) => round(value, 2)),
  },
  settings: { ...settings, streams },
  skipped: [],
  checks: [],
};
const onCheck = (check) => {
  results.checks.push(check);
  if (!check.ok) log(`  CHECK FAILED ${check.case} / ${check.path}: ${check.problem}`);
};

const { ready, skipped } = await resolvePaths(log);
results.skipped.push(...skipped);
const transcripts = createTranscripts({ quick });

if (sections.has('throughput')) {
  log('throughput…');
  const cases = [
    { transcript: transcripts.text, chunkSize: 16 * 1024, label: 'a (16 KiB)' },
    { transcript: transcripts.reasoning, chunkSize: 16 * 1024, label: 'b (16 KiB)' },
    { transcript: transcripts.large, chunkSize: 1024, label: 'c (1 KiB)' },
    {
      transcript: transcripts.large,
      chunkSize: transcripts.large.bytes.length,
      label: 'c (one chunk)',
    },
  ];
  results.throughput = [];
  for (const entry of cases) {
    log(
      `  ${entry.label}: ${(entry.transcript.bytes.length / 1e6).toFixed(1)} MB, ${entry.transcript.events} events`,
    );
    results.throughput.push(
      ...(await measureThroughput({ ...entry, paths: ready, ...settings, onCheck })),
    );
  }
  results.chunking = ready.map((path) => {
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

const needsServer = ['http', 'concurrency', 'bundle'].some((section) => sections.has(section));
const server = needsServer ? await startBenchServer({ quick }) : null;
try {
  if (sections.has('http')) {
    log('over HTTP…');
    results.http = await measureHttp({
      server,
      paths: ready,
      transcript: transcripts.text,
      rounds: settings.httpRounds,
      samples: settings.samples,
      budgetMs: settings.budgetMs,
      onCheck,
    });
  }
  if (sections.has('concurrency')) {
    log('concurrency…');
    results.concurrency = await measureConcurrency({
      server,
      paths: ready,
      streams,
      holdMs: settings.holdMs,
      log,
    });
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
    results.bundle = await measureBundles({
      server,
      expectedText: createTextDeltaTranscript({ deltaCount: 200, seed: 7 }).expected.text,
      log,
      onCheck,
    });
  }
} finally {
  await server?.close();
}
if (sections.has('import')) {
  log('cold imports…');
  results.imports = await measureImports({ spawns: settings.spawns, log });
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
    rounds: quick ? 1 : 5,
    samples: quick ? 3 : 20,
    log,
    onCheck,
  });
}

results.machine.loadAverageAtEnd = os.loadavg().map((value) => round(value, 2));
results.durationSeconds = round((performance.now() - startedAt) / 1000, 1);
console.log(`\n${formatReport(results)}`);
if (results.websocket !== undefined) console.log(`\n${formatWebsocketReport(results.websocket)}`);
await mkdir(dirname(outFile), { recursive: true });
await writeFile(outFile, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nJSON: ${outFile} (${results.durationSeconds} s)`);
process.exitCode = results.checks.every((check) => check.ok) ? 0 : 1;
