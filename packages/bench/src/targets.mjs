// The targets of issue 16 (and the one of issue 11), each with the figure it is judged on and a
// verdict: `met`, `missed`, `not measured` (its section did not run) or, in a `--quick` run whose
// timings mean nothing, `not judged (quick)`. Ratios between two paths are medians of their
// per-round (per-sample) ratios, from the paired times the sections return.

import { medianOfDifferences, medianOfRatios, round } from './stats.mjs';

const MODEL = 'codex-model-client';
const RESPONSES = 'codex-api';
const FETCH_ONLY = 'codex-model-client-fetch-only';
const TRANSCRIPTS = ['a ascii (16 KiB)', 'a unicode (16 KiB)'];

/** @param {number | null | undefined} value */
function show(value, unit = '') {
  return value === null || value === undefined ? '?' : `${value}${unit}`;
}

/** @param {number | null | undefined} value */
function signed(value, unit = '') {
  if (value === null || value === undefined) return '?';
  return `${value >= 0 ? '+' : ''}${value}${unit}`;
}

/**
 * @param {object} options
 * @param {object} options.results  The run's results (as written to the JSON).
 * @param {object} options.paired   Per-round times by section (see main.mjs).
 * @param {boolean} options.quick
 * @returns {object[]} one row per target
 */
export function evaluateTargets({ results, paired, quick }) {
  const rows = [];
  const add = ({ id, issue, target, figure, value, threshold, met, sections }) => {
    const measured = value !== null && value !== undefined && !Number.isNaN(value);
    rows.push({
      id,
      issue,
      target,
      figure: measured ? figure : 'not measured',
      value: measured ? value : null,
      threshold: threshold ?? null,
      verdict: !measured ? 'not measured' : quick ? 'not judged (quick)' : met ? 'met' : 'missed',
      load: sections
        .filter((name) => results.load[name] !== undefined)
        .map((name) => ({ section: name, ...results.load[name] })),
    });
  };
  const throughputRow = (label, path) =>
    results.throughput?.find((row) => row.case === label && row.path === path);
  const throughputTimes = (label, path) => paired.throughput?.[label]?.get(path);
  // `numerator` time ÷ `denominator` time in the same round, median over rounds.
  const timeRatio = (label, numerator, denominator) => {
    const top = throughputTimes(label, numerator);
    const bottom = throughputTimes(label, denominator);
    return top === undefined || bottom === undefined ? null : medianOfRatios(top, bottom);
  };
  const throughputSections = TRANSCRIPTS.map((label) => `throughput ${label}`);

  for (const [index, label] of TRANSCRIPTS.entries()) {
    const model = throughputRow(label, MODEL);
    const floor = throughputRow(label, 'floor');
    const responses = throughputRow(label, RESPONSES);
    add({
      id: `stream-vs-floor-${index === 0 ? 'ascii' : 'unicode'}`,
      issue: 16,
      target: `ModelClient.stream ≥ 0.85× the floor, ${index === 0 ? 'ASCII' : 'unicode-mixed'} transcript (16 KiB chunks)`,
      value: model?.ratioToFloor,
      threshold: 0.85,
      met: model?.ratioToFloor >= 0.85,
      figure: `${show(model?.ratioToFloor, '×')} (floor ${show(floor?.medianMs)} ms, ModelClient ${show(model?.medianMs)} ms; ResponsesClient ${show(responses?.ratioToFloor, '×')})`,
      sections: [`throughput ${label}`],
    });
  }
  for (const [peer, name, factor] of [
    ['openai', '`openai`', 4],
    ['ai-sdk', 'the AI SDK', 30],
  ]) {
    const ratios = TRANSCRIPTS.map((label) => round(timeRatio(label, peer, MODEL), 1));
    const known = ratios.every((ratio) => ratio !== null);
    const value = known ? Math.min(...ratios) : null;
    add({
      id: `stream-vs-${peer}`,
      issue: 16,
      target: `… hence ModelClient.stream ≥ ${factor}× ${name} on both transcripts`,
      value,
      threshold: factor,
      met: value >= factor,
      figure: `ASCII ${show(ratios[0], '×')}, unicode ${show(ratios[1], '×')} (${name} itself at ${TRANSCRIPTS.map((label) => show(throughputRow(label, peer)?.ratioToFloor, '×')).join(' / ')} the floor)`,
      sections: throughputSections,
    });
  }

  const fixed = (path) => results.fixedCost?.rows.find((row) => row.path === path);
  const fixedModel = fixed(MODEL);
  add({
    id: 'fixed-cost',
    issue: 16,
    target: "fixed cost per request ≤ ¾ of `openai`'s",
    value: fixedModel?.timesOpenai,
    threshold: 0.75,
    met: fixedModel?.timesOpenai <= 0.75,
    figure: `ModelClient ${show(fixedModel?.medianMicroseconds)} µs vs openai ${show(fixed('openai')?.medianMicroseconds)} µs = ${show(fixedModel?.timesOpenai, '×')} (ResponsesClient ${show(fixed(RESPONSES)?.medianMicroseconds)} µs, floor ${show(fixed('floor')?.medianMicroseconds)} µs, AI SDK ${show(fixed('ai-sdk')?.medianMicroseconds)} µs)`,
    sections: ['fixed cost'],
  });

  const bundle = (app) => results.bundle?.find((row) => row.app === app);
  const codexBundle = bundle('codex-api');
  add({
    id: 'bundle',
    issue: 16,
    target: 'a ModelClient streaming app ≤ 18 KB gzip',
    value: codexBundle?.gzipKB,
    threshold: 18,
    met: codexBundle?.gzipKB <= 18,
    figure: `${show(codexBundle?.gzipKB)} KB gzip loaded to stream (${show(codexBundle?.kb)} KB minified; every chunk ${show(codexBundle?.allGzipKB)} KB gzip); openai ${show(bundle('openai')?.gzipKB)} KB, AI SDK ${show(bundle('ai-sdk')?.gzipKB)} KB`,
    sections: ['bundle'],
  });

  const open = (path) => results.concurrency?.find((row) => row.path === path);
  const heapModel = open(MODEL)?.heapOverFloorPerStreamKB;
  const heapOpenai = open('openai')?.heapOverFloorPerStreamKB;
  add({
    id: 'heap-per-stream',
    issue: 16,
    target: "heap per open stream over raw fetch ≤ `openai`'s overhead",
    value: heapModel,
    threshold: heapOpenai,
    met: heapModel <= heapOpenai,
    figure: `ModelClient ${signed(heapModel, ' KB')} vs openai ${signed(heapOpenai, ' KB')} (ResponsesClient ${signed(open(RESPONSES)?.heapOverFloorPerStreamKB, ' KB')}; raw fetch alone ${show(open('floor')?.heapPerStreamKB)} KB per stream; ${show(open(MODEL)?.streams)} streams)`,
    sections: ['concurrency'],
  });

  const first = (path) => results.http?.firstEvent.find((row) => row.path === path);
  const addedModel = first(MODEL)?.addedMs;
  const addedOpenai = first('openai')?.addedMs;
  add({
    id: 'first-text-delta',
    issue: 16,
    target: "added time to the first text delta ≤ `openai`'s",
    value: addedModel,
    threshold: addedOpenai,
    met: addedModel <= addedOpenai,
    figure: `ModelClient ${signed(addedModel, ' ms')} vs openai ${signed(addedOpenai, ' ms')} over raw fetch (${show(results.http?.rawFirstChunkMs)} ms; ResponsesClient ${signed(first(RESPONSES)?.addedMs, ' ms')})`,
    sections: ['first text delta'],
  });

  const socket = results.websocket;
  const wsRow = socket?.throughput.find((row) => row.path === 'websocket');
  const sseRow = socket?.throughput.find((row) => row.path === 'sse');
  add({
    id: 'websocket-throughput',
    issue: 16,
    target: "over WebSocket: throughput ≥ SSE's",
    value: wsRow?.ratioToSse,
    threshold: 1,
    met: wsRow?.ratioToSse >= 1,
    figure: `${show(wsRow?.ratioToSse, '×')} SSE (${show(wsRow?.mbPerSecond)} vs ${show(sseRow?.mbPerSecond)} MB/s; a bare ws client ${show(socket?.throughput.find((row) => row.path === 'ws floor')?.ratioToSse, '×')})`,
    sections: ['websocket throughput'],
  });
  const wsFirst = (connection) =>
    socket?.firstDelta.find((row) => row.path === 'websocket' && row.connection === connection);
  const sseFirst = socket?.firstDelta.find((row) => row.path === 'sse');
  add({
    id: 'websocket-first-event',
    issue: 16,
    target: "over WebSocket: first event ≤ SSE's",
    value: wsFirst('reused')?.medianMs,
    threshold: sseFirst?.medianMs,
    met: wsFirst('reused')?.medianMs <= sseFirst?.medianMs,
    figure: `${show(wsFirst('reused')?.medianMs)} ms on a reused connection vs SSE ${show(sseFirst?.medianMs)} ms (new connection, handshake included: ${show(wsFirst('new (handshake included)')?.medianMs)} ms)`,
    sections: ['websocket first event'],
  });

  const chunking = (path) => results.chunking?.find((row) => row.path === path);
  add({
    id: 'large-item-linear',
    issue: 16,
    target: '(c) linear: one 8 MB event in 1 KiB chunks ≤ 5× one chunk',
    value: chunking(MODEL)?.ratio,
    threshold: 5,
    met: chunking(MODEL)?.ratio <= 5,
    figure: `ModelClient ${show(chunking(MODEL)?.ratio, '×')} (${show(chunking(MODEL)?.smallChunksMs)} / ${show(chunking(MODEL)?.oneChunkMs)} ms); ResponsesClient ${show(chunking(RESPONSES)?.ratio, '×')}, floor ${show(chunking('floor')?.ratio, '×')}`,
    sections: ['throughput c (1 KiB)', 'throughput c (one chunk)'],
  });

  const imported = (module) => results.imports?.find((row) => row.module === module);
  add({
    id: 'cold-import',
    issue: 16,
    target: "cold import ≤ ½ `openai`'s",
    value: imported('@codex/api')?.ratioToOpenai,
    threshold: 0.5,
    met: imported('@codex/api')?.ratioToOpenai <= 0.5,
    figure: `@codex/api ${show(imported('@codex/api')?.medianMs)} ms vs openai ${show(imported('openai')?.medianMs)} ms = ${show(imported('@codex/api')?.ratioToOpenai, '×')}`,
    sections: ['cold import'],
  });

  const versus = TRANSCRIPTS.map((label) => round(timeRatio(label, MODEL, RESPONSES), 3));
  const versusKnown = versus.every((ratio) => ratio !== null);
  add({
    id: 'model-client-vs-responses-client',
    issue: 11,
    target: 'ModelClient.stream within 5% of ResponsesClient (same transcript)',
    value: versusKnown ? Math.max(...versus) : null,
    threshold: 1.05,
    met: versusKnown && Math.max(...versus) <= 1.05,
    figure: `ModelClient time ÷ ResponsesClient time: ASCII ${show(versus[0])}, unicode ${show(versus[1])}`,
    sections: throughputSections,
  });
  return rows;
}

/**
 * What the default transport costs, from the instrument rows: `ModelClient` over the default ky
 * transport minus `ModelClient` over the fetch-only transport, and the floor sent through ky minus
 * the floor (ky alone). Paired per sample where the section pairs; `null` where it did not run.
 * @param {{ results: object, paired: object }} options
 */
export function transportShare({ results, paired }) {
  const difference = (times, minuend, subtrahend) => {
    const left = times?.get(minuend);
    const right = times?.get(subtrahend);
    return left === undefined || right === undefined ? null : medianOfDifferences(left, right);
  };
  const ratio = (times, numerator, denominator) => {
    const top = times?.get(numerator);
    const bottom = times?.get(denominator);
    return top === undefined || bottom === undefined ? null : medianOfRatios(top, bottom);
  };
  const open = (path) => results.concurrency?.find((row) => row.path === path)?.heapPerStreamKB;
  const heapDifference = (left, right) =>
    open(left) === undefined || open(right) === undefined
      ? null
      : round(open(left) - open(right), 1);
  return {
    fixedCostMicroseconds: {
      defaultTransport: round(difference(paired.fixedCost, MODEL, FETCH_ONLY), 1),
      ky: round(difference(paired.fixedCost, 'floor-over-ky', 'floor'), 1),
      fetchOnlyModelClientTimesOpenai: round(ratio(paired.fixedCost, FETCH_ONLY, 'openai'), 3),
    },
    firstTextDeltaMs: {
      defaultTransport: round(difference(paired.firstEvent, MODEL, FETCH_ONLY), 3),
      ky: round(difference(paired.firstEvent, 'floor-over-ky', 'floor'), 3),
      fetchOnlyModelClientMinusOpenai: round(
        difference(paired.firstEvent, FETCH_ONLY, 'openai'),
        3,
      ),
    },
    heapPerStreamKB: {
      defaultTransport: heapDifference(MODEL, FETCH_ONLY),
      ky: heapDifference('floor-over-ky', 'floor'),
      fetchOnlyModelClientMinusOpenai: heapDifference(FETCH_ONLY, 'openai'),
    },
  };
}
