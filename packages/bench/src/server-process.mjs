// Runs the loopback server in its own process so the client under test does not share an event
// loop (or a heap) with it. Prints `listening <port>` and serves until stdin closes.

import { listenBenchServer } from './local-server.mjs';
import { createTextDeltaTranscript } from './transcripts.mjs';

const quick = process.argv.includes('--quick');
const dripIntervalMs = Number(process.env.BENCH_DRIP_INTERVAL_MS ?? 1000);
const { port, close } = await listenBenchServer({
  transcript: createTextDeltaTranscript({ deltaCount: quick ? 5_000 : 100_000 }).bytes,
  small: createTextDeltaTranscript({ deltaCount: 200, seed: 7 }).bytes,
  dripIntervalMs,
});
process.stdout.write(`listening ${port}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void close().then(() => process.exit(0));
});
