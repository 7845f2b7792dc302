// WebSocket vs SSE (issue 12): the same transcript through `ModelClient.stream` over HTTPS (SSE)
// and over a WebSocket (`webSockets: new WebsocketSessions()`), from a loopback server in its own process
// (`websocket-server.mjs`). Two figures:
//   - throughput: transcript (a) to its end (checked: every text delta, the final text), with a
//     `ws floor` row (a bare `ws` client that only `JSON.parse`s each frame);
//   - time to first text delta, on a small transcript read to its end each time: SSE (a kept-alive
//     HTTP connection), WebSocket on a reused connection, and WebSocket with a new connection
//     (the handshake included).
// Self-contained: its own server process, its own table.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MB, median, medianOfDifferences, medianOfRatios, round } from './stats.mjs';
import { checkOutcome } from './throughput.mjs';
import { createTextDeltaTranscript } from './transcripts.mjs';

const serverScript = fileURLToPath(new URL('./websocket-server.mjs', import.meta.url));

async function startServer(quick) {
  const child = spawn(process.execPath, [serverScript, ...(quick ? ['--quick'] : [])], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text) => {
      out += text;
      const match = /listening (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`websocket bench server exited (${code})`)));
  });
  return {
    baseUrl: (route) => `http://127.0.0.1:${port}/${route}/v1`,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.stdin.end();
      }),
  };
}

/**
 * The floor of the WebSocket transport: a bare `ws` client that sends the request and
 * `JSON.parse`s every text frame (counting and joining text deltas), nothing else.
 */
async function rawWebsocketTurn(WebSocket, url) {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const started = performance.now();
  let textDeltas = 0;
  const texts = [];
  let itemTextLength = null;
  await new Promise((resolve, reject) => {
    socket.on('error', reject);
    socket.on('message', (data) => {
      const event = JSON.parse(data.toString());
      if (event.type === 'response.output_text.delta') {
        textDeltas += 1;
        texts.push(event.delta);
      } else if (event.type === 'response.output_item.done' && event.item.type === 'message') {
        itemTextLength = event.item.content.reduce((sum, part) => sum + part.text.length, 0);
      } else if (event.type === 'response.completed') resolve();
    });
    socket.send(JSON.stringify({ type: 'response.create', model: 'gpt-5.1', input: [] }));
  });
  const ms = performance.now() - started;
  socket.terminate();
  return { ms, outcome: { textDeltas, text: texts.join(''), itemTextLength } };
}

/** Streams one turn; returns what a consumer saw and when the first text delta came. */
async function streamTurn(client) {
  const started = performance.now();
  let firstDeltaMs = null;
  let textDeltas = 0;
  const texts = [];
  let itemTextLength = null;
  for await (const event of await client.stream({ model: 'gpt-5.1', input: [] })) {
    if (event.type === 'outputTextDelta') {
      if (firstDeltaMs === null) firstDeltaMs = performance.now() - started;
      textDeltas += 1;
      texts.push(event.delta);
    } else if (event.type === 'outputItemDone' && event.item.type === 'message') {
      itemTextLength = event.item.content.reduce((sum, part) => sum + (part.text ?? '').length, 0);
    }
  }
  return {
    ms: performance.now() - started,
    firstDeltaMs,
    outcome: { textDeltas, text: texts.join(''), itemTextLength },
  };
}

/**
 * @param {{ quick: boolean, warmups: number, rounds: number, samples: number,
 *   shuffle: <T>(items: readonly T[]) => T[], log: (line: string) => void,
 *   onCheck: (check: object) => void,
 *   section: (name: string, work: () => Promise<unknown>) => Promise<any> }} options
 */
export async function measureWebsocket({
  quick,
  warmups,
  rounds,
  samples,
  shuffle,
  log,
  onCheck,
  section,
}) {
  const { ModelClient, WebsocketSessions, createOpenAIProvider } = await import('@codex/api');
  const big = createTextDeltaTranscript({ deltaCount: quick ? 5_000 : 100_000 });
  const small = createTextDeltaTranscript({ deltaCount: 200, seed: 7 });
  const server = await startServer(quick);
  const provider = (route) =>
    createOpenAIProvider({ apiKey: 'sk-bench', baseUrl: server.baseUrl(route), env: {} });
  const paths = [
    { id: 'sse', route: '', webSockets: false },
    { id: 'websocket', route: '', webSockets: true },
    { id: 'websocket (deflate)', route: 'deflate/', webSockets: true },
  ];
  const clients = [];
  try {
    const client = (path, size) => {
      const created = new ModelClient({
        provider: provider(`${path.route}${size}`),
        ...(path.webSockets ? { webSockets: new WebsocketSessions() } : {}),
      });
      clients.push(created);
      return created;
    };
    const check = (label, path, outcome, expected) => {
      const problem = checkOutcome(outcome, expected);
      onCheck({ case: label, path: path.id, ok: problem === null, problem });
      return problem === null;
    };

    log(
      `  throughput: ${(big.bytes.length / MB).toFixed(1)} MB of SSE, ${big.events} events, ${warmups} warm-up + ${rounds} rounds`,
    );
    const { WebSocket } = await import('ws');
    const floor = { id: 'ws floor' };
    const runners = [
      ...paths.map((path) => ({ path, client: client(path, 'big'), times: new Map() })),
      { path: floor, times: new Map() },
    ];
    const throughput = await section('websocket throughput', async () => {
      for (let index = 0; index < warmups + rounds; index += 1) {
        // Every round runs each path once, in a fresh order.
        for (const runner of shuffle(runners)) {
          globalThis.gc?.();
          const turn =
            runner.path === floor
              ? await rawWebsocketTurn(
                  WebSocket,
                  `${server.baseUrl('big').replace('http', 'ws')}/responses`,
                )
              : await streamTurn(runner.client);
          check('websocket a', runner.path, turn.outcome, big.expected);
          if (index >= warmups) runner.times.set(index, turn.ms);
        }
      }
      const sseTimes = runners[0].times;
      return runners.map(({ path, times }) => {
        const ms = median([...times.values()]);
        return {
          path: path.id,
          rounds: times.size,
          roundsMs: [...times.values()].map((value) => round(value, 1)),
          medianMs: round(ms, 1),
          mbPerSecond: round(big.bytes.length / MB / (ms / 1000), 1),
          eventsPerSecond: Math.round(big.events / (ms / 1000)),
          // SSE time ÷ path time in the same round, median over rounds.
          ratioToSse: round(medianOfRatios(sseTimes, times), 2),
        };
      });
    });

    const warmupSamples = 3;
    log(
      `  time to first text delta: ${warmupSamples} warm-ups + ${samples} samples per path (small transcript), order shuffled`,
    );
    const firstDelta = await section('websocket first event', async () => {
      const reused = paths.map((path) => ({
        path,
        connection: path.webSockets ? 'reused' : 'keep-alive HTTP',
        client: client(path, 'small'),
        values: new Map(),
      }));
      const fresh = paths
        .filter((path) => path.webSockets)
        .map((path) => ({ path, connection: 'new (handshake included)', values: new Map() }));
      for (let sample = 0; sample < warmupSamples + samples; sample += 1) {
        for (const runner of shuffle([...reused, ...fresh])) {
          let turn;
          if (runner.client === undefined) {
            const once = new ModelClient({
              provider: provider(`${runner.path.route}small`),
              webSockets: new WebsocketSessions(),
            });
            turn = await streamTurn(once);
            once.close();
          } else {
            turn = await streamTurn(runner.client);
          }
          check(
            `websocket first delta (${runner.connection})`,
            runner.path,
            turn.outcome,
            small.expected,
          );
          if (sample >= warmupSamples) runner.values.set(sample, turn.firstDeltaMs);
        }
      }
      const sseValues = reused[0].values;
      return [...reused, ...fresh].map((runner) => ({
        path: runner.path.id,
        connection: runner.connection,
        samples: runner.values.size,
        medianMs: round(median([...runner.values.values()]), 2),
        // Path − SSE in the same sample, median over samples.
        minusSseMs: round(medianOfDifferences(runner.values, sseValues), 3),
      }));
    });
    return {
      transcript: { bytes: big.bytes.length, events: big.events },
      throughput,
      firstDelta,
    };
  } finally {
    for (const created of clients) created.close();
    await server.close();
  }
}
