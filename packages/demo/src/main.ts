#!/usr/bin/env node
import { runCli } from './run-cli.js';

// Ctrl-C aborts the requests in flight; the servers are then closed and the process ends by
// itself with 130 (a second Ctrl-C falls through to Node's default and kills it at once).
const controller = new AbortController();
// `pnpm demo | head` closes the pipe early: stop quietly instead of crashing on EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const onInterrupt = (): void => {
  controller.abort(new Error('interrupted'));
};
process.once('SIGINT', onInterrupt);
// Pacing of the local server's events, for slower presentations and for the demo's own test on
// a busy machine. Ignored unless it is a whole number of milliseconds from 0 to 1000.
function eventDelayFromEnvironment(value: string | undefined): number | undefined {
  if (value === undefined || !/^[0-9]+$/.test(value)) return undefined;
  const delay = Number(value);
  return delay <= 1000 ? delay : undefined;
}

try {
  process.exitCode = await runCli({
    argv: process.argv.slice(2),
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    signal: controller.signal,
    eventDelayMs: eventDelayFromEnvironment(process.env.CODEX_DEMO_EVENT_DELAY_MS),
  });
} finally {
  process.off('SIGINT', onInterrupt);
}
