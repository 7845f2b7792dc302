// Plain-text tables for the terminal. The JSON written beside them holds the same figures.

import { formatLoad } from './load-average.mjs';

/**
 * @param {string[]} headers
 * @param {unknown[][]} rows
 * @param {number} [leftColumns]  How many leading columns are text (left-aligned); the rest are
 *   figures (right-aligned).
 */
function table(headers, rows, leftColumns = 1) {
  const cells = rows.map((row) => row.map((cell) => (cell === null ? '—' : String(cell))));
  const widths = headers.map((header, index) =>
    Math.max(header.length, ...cells.map((row) => row[index].length)),
  );
  const line = (row) =>
    row
      .map((cell, index) =>
        index < leftColumns ? cell.padEnd(widths[index]) : cell.padStart(widths[index]),
      )
      .join('  ')
      .trimEnd();
  return [
    line(headers),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...cells.map(line),
  ].join('\n');
}

const loadOf = (results, name) => formatLoad(results.load?.[name]);

/** The targets table: every target, its figure, its verdict. */
export function formatTargets(results) {
  return (
    `Targets (issue 16; the last row issue 11)${results.mode === 'quick' ? ' — quick run: timings mean nothing, nothing is judged' : ''}\n` +
    table(
      ['target', 'figure', 'verdict', 'load (1 min, start → end)'],
      results.targets.map((row) => [
        row.target,
        row.figure,
        row.verdict,
        row.load.map((entry) => `${entry.start[0]} → ${entry.end[0]}`).join(', ') || null,
      ]),
      4,
    )
  );
}

export function formatReport(results) {
  const sections = [];
  const { machine } = results;
  sections.push(
    `Machine: Node ${machine.node}, ${machine.cores} cores, ${machine.cpu}, ${machine.platform}` +
      ` (${results.mode} run, ${results.date}; load average ${machine.loadAverageAtStart?.[0]} at start,` +
      ` ${machine.loadAverageAtEnd?.[0]} at end; seed ${results.settings.seed})\nCommand: ${results.command} (revision ${results.revision ?? 'unknown'})`,
  );
  if (results.throughput) {
    sections.push(
      'Parse throughput (injected fetch, in-process; median after warm-up; × floor = median over rounds of floor time ÷ path time)\n' +
        table(
          ['case', 'path', 'MB', 'events', 'rounds', 'ms', 'MB/s', 'events/s', '× floor', 'load'],
          results.throughput.map((row, index, rows) => [
            index > 0 && rows[index - 1].case === row.case ? '' : row.case,
            row.path,
            (row.bytes / 1e6).toFixed(1),
            row.events,
            row.rounds,
            row.medianMs,
            row.mbPerSecond,
            row.eventsPerSecond,
            row.ratioToFloor,
            index > 0 && rows[index - 1].case === row.case
              ? ''
              : loadOf(results, `throughput ${row.case}`).replace('load ', ''),
          ]),
          2,
        ),
    );
    sections.push(
      'Transcript (c): time in 1 KiB chunks ÷ time in one chunk\n' +
        table(
          ['path', '1 KiB ms', 'one chunk ms', 'ratio'],
          results.chunking.map((row) => [row.path, row.smallChunksMs, row.oneChunkMs, row.ratio]),
        ),
    );
  }
  if (results.fixedCost) {
    sections.push(
      `Fixed cost per request (one-delta response, injected fetch, ${results.fixedCost.batch} requests per sample, ${results.fixedCost.forcedGc ? 'a forced full GC before each' : 'no forced GC between samples'}; ${loadOf(results, 'fixed cost')})\n` +
        table(
          ['path', 'requests', 'µs/request', '× floor', '× openai'],
          results.fixedCost.rows.map((row) => [
            row.path,
            row.requests,
            row.medianMicroseconds,
            row.timesFloor,
            row.timesOpenai,
          ]),
        ),
    );
  }
  if (results.http) {
    sections.push(
      `Over HTTP (127.0.0.1, transcript a unicode, paths interleaved; ${loadOf(results, 'http throughput')})\n` +
        table(
          ['path', 'rounds', 'ms', 'MB/s', 'events/s', '× floor'],
          results.http.throughput.map((row) => [
            row.path,
            row.rounds,
            row.medianMs,
            row.mbPerSecond,
            row.eventsPerSecond,
            row.ratioToFloor,
          ]),
        ),
    );
    sections.push(
      `Time to first text delta (raw fetch first chunk: ${results.http.rawFirstChunkMs} ms; added = median of path − raw fetch in the same sample; ${loadOf(results, 'first text delta')})\n` +
        table(
          ['path', 'samples', 'median ms', 'added ms'],
          results.http.firstEvent.map((row) => [row.path, row.samples, row.medianMs, row.addedMs]),
        ),
    );
  }
  if (results.concurrency) {
    sections.push(
      `Concurrent open streams (one text delta per second each; ${loadOf(results, 'concurrency')})\n` +
        table(
          [
            'path',
            'streams',
            'open',
            'heap KB/stream',
            'over floor',
            'RSS KB/stream',
            'loop p50 ms',
            'p99 ms',
            'max ms',
            'deltas in hold',
            'errors',
          ],
          results.concurrency.map((row) => [
            row.path,
            row.streams,
            row.open,
            row.heapPerStreamKB,
            row.heapOverFloorPerStreamKB ?? null,
            row.rssPerStreamKB,
            row.eventLoopDelayMs.p50,
            row.eventLoopDelayMs.p99,
            row.eventLoopDelayMs.max,
            row.textDeltasDuringHold,
            row.errors,
          ]),
        ),
    );
  }
  if (results.bundle) {
    sections.push(
      `Streaming app bundle (esbuild, minified ESM, code splitting, platform node; gzip -9 per chunk; "to stream" = the entry and its static imports; ${loadOf(results, 'bundle')})\n` +
        table(
          ['app', 'KB to stream', 'gzip KB to stream', 'chunks', 'all KB', 'all gzip KB', 'runs'],
          results.bundle.map((row) => [
            row.app,
            row.kb,
            row.gzipKB,
            `${row.startChunks}/${row.chunks}`,
            row.allKB,
            row.allGzipKB,
            row.runs ? 'yes' : 'NO',
          ]),
        ) +
        results.bundle
          .filter((row) => row.app === 'codex-api')
          .map(
            (row) =>
              `\n${row.app} to stream, minified KB by package: ${row.composition.map((entry) => `${entry.package} ${entry.kb}`).join(', ')}`,
          )
          .join(''),
    );
  }
  if (results.imports) {
    sections.push(
      `Cold import in a fresh process (${loadOf(results, 'cold import')})\n` +
        table(
          ['module', 'spawns', 'median ms', '× openai'],
          results.imports.map((row) => [
            row.module,
            row.spawns,
            row.medianMs,
            row.ratioToOpenai ?? null,
          ]),
        ),
    );
  }
  if (results.websocket) {
    const socket = results.websocket;
    sections.push(
      `WebSocket vs SSE (ModelClient.stream, loopback; transcript a unicode: ${(socket.transcript.bytes / 1e6).toFixed(1)} MB of SSE, ${socket.transcript.events} events; × SSE = median over rounds of SSE time ÷ path time; ${loadOf(results, 'websocket throughput')})\n` +
        table(
          ['path', 'rounds', 'median ms', 'MB/s', 'events/s', '× SSE'],
          socket.throughput.map((row) => [
            row.path,
            row.rounds,
            row.medianMs,
            row.mbPerSecond,
            row.eventsPerSecond,
            row.ratioToSse,
          ]),
        ),
    );
    sections.push(
      `WebSocket vs SSE, time to first text delta (small transcript; ${loadOf(results, 'websocket first event')})\n` +
        table(
          ['path', 'connection', 'samples', 'median ms', '− SSE ms'],
          socket.firstDelta.map((row) => [
            row.path,
            row.connection,
            row.samples,
            row.medianMs,
            row.minusSseMs,
          ]),
          2,
        ),
    );
  }
  const share = results.transportShare;
  if (share !== undefined && (results.fixedCost || results.http || results.concurrency)) {
    sections.push(
      'What the default transport costs (instruments: ModelClient over ky − ModelClient over a fetch-only transport; floor over ky − floor)\n' +
        table(
          ['figure', 'default transport', 'ky alone', 'fetch-only ModelClient vs openai'],
          [
            [
              'fixed cost µs/request',
              share.fixedCostMicroseconds.defaultTransport,
              share.fixedCostMicroseconds.ky,
              share.fixedCostMicroseconds.fetchOnlyModelClientTimesOpenai === null
                ? null
                : `${share.fixedCostMicroseconds.fetchOnlyModelClientTimesOpenai}×`,
            ],
            [
              'first text delta ms',
              share.firstTextDeltaMs.defaultTransport,
              share.firstTextDeltaMs.ky,
              share.firstTextDeltaMs.fetchOnlyModelClientMinusOpenai,
            ],
            [
              'heap KB per open stream',
              share.heapPerStreamKB.defaultTransport,
              share.heapPerStreamKB.ky,
              share.heapPerStreamKB.fetchOnlyModelClientMinusOpenai,
            ],
          ],
        ),
    );
  }
  if (results.skipped.length > 0) {
    sections.push(
      `Skipped: ${results.skipped.map((entry) => `${entry.id} (${entry.reason})`).join(', ')}`,
    );
  }
  const failed = results.checks.filter((check) => !check.ok);
  sections.push(
    failed.length === 0
      ? `Checks: ${results.checks.length} passed (same text-delta count and final text on every path)`
      : `Checks FAILED:\n${failed.map((check) => `  ${check.case} / ${check.path}: ${check.problem}`).join('\n')}`,
  );
  sections.push(formatTargets(results));
  return sections.join('\n\n');
}
