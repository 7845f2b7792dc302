// Plain-text tables for the terminal. The JSON written beside them holds the same figures.

function table(headers, rows) {
  const cells = rows.map((row) => row.map((cell) => (cell === null ? '—' : String(cell))));
  const widths = headers.map((header, index) =>
    Math.max(header.length, ...cells.map((row) => row[index].length)),
  );
  const line = (row) =>
    row
      .map((cell, index) =>
        index === 0 ? cell.padEnd(widths[index]) : cell.padStart(widths[index]),
      )
      .join('  ');
  return [
    line(headers),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...cells.map(line),
  ].join('\n');
}

export function formatReport(results) {
  const sections = [];
  const { machine } = results;
  sections.push(
    `Machine: Node ${machine.node}, ${machine.cores} cores, ${machine.cpu}, ${machine.platform}` +
      ` (${results.mode} run, ${results.date}; load average ${machine.loadAverageAtStart?.[0]} at start,` +
      ` ${machine.loadAverageAtEnd?.[0]} at end)`,
  );
  if (results.throughput) {
    sections.push(
      'Parse throughput (injected fetch, in-process; median after warm-up)\n' +
        table(
          ['case', 'path', 'MB', 'events', 'rounds', 'ms', 'MB/s', 'events/s', '× floor'],
          results.throughput.map((row) => [
            row.case,
            row.path,
            (row.bytes / 1e6).toFixed(1),
            row.events,
            row.rounds,
            row.medianMs,
            row.mbPerSecond,
            row.eventsPerSecond,
            row.ratioToFloor,
          ]),
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
  if (results.http) {
    sections.push(
      'Over HTTP (127.0.0.1, transcript a)\n' +
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
      `Time to first text delta (raw fetch first chunk: ${results.http.rawFirstChunkMs} ms)\n` +
        table(
          ['path', 'samples', 'median ms', 'added ms'],
          results.http.firstEvent.map((row) => [row.path, row.samples, row.medianMs, row.addedMs]),
        ),
    );
  }
  if (results.concurrency) {
    sections.push(
      'Concurrent open streams (one text delta per second each)\n' +
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
      'Streaming app bundle (esbuild, minified ESM, platform node; gzip -9)\n' +
        table(
          ['app', 'KB', 'gzip KB', 'runs'],
          results.bundle.map((row) => [row.app, row.kb, row.gzipKB, row.runs ? 'yes' : 'NO']),
        ),
    );
  }
  if (results.imports) {
    sections.push(
      'Cold import in a fresh process\n' +
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
  return sections.join('\n\n');
}
