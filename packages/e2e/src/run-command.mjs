import { spawn } from 'node:child_process';

/** Children still running, so that a signal handler can stop them (see {@link stopRunningCommands}). */
const runningChildren = new Set();

/** False once {@link stopRunningCommands} was called: the run is shutting down. */
let acceptingCommands = true;

/** How many trailing output lines a failure shows. */
const FAILURE_TAIL_LINES = 40;

/** A command that exited non-zero, was killed, or ran past its time limit. */
export class CommandError extends Error {
  /**
   * @param {object} options
   * @param {string} options.message one line: what failed
   * @param {string} options.output the command's combined stdout and stderr
   * @param {number | null} options.exitCode
   */
  constructor({ message, output, exitCode }) {
    super(message);
    this.name = 'CommandError';
    this.output = output;
    this.exitCode = exitCode;
  }

  /** The last lines of the output, for a failure report. */
  get outputTail() {
    return this.output.trimEnd().split('\n').slice(-FAILURE_TAIL_LINES).join('\n');
  }
}

/**
 * Runs a command without a shell and without standard input, and collects its output.
 *
 * The child gets its own process group so that {@link stopRunningCommands} (and the time limit) can
 * stop it together with its grandchildren (pnpm → turbo → tsup, …).
 *
 * @param {object} options
 * @param {string} options.command executable, looked up on `PATH`
 * @param {string[]} options.args
 * @param {string} options.cwd
 * @param {NodeJS.ProcessEnv} options.env the child's whole environment
 * @param {number} [options.timeoutMs] @default 300_000
 * @param {boolean} [options.allowFailure] resolve with the exit code instead of throwing
 * @returns {Promise<{ stdout: string, stderr: string, output: string, exitCode: number | null }>}
 */
export function runCommand({ command, args, cwd, env, timeoutMs = 300_000, allowFailure = false }) {
  const display = [command, ...args].join(' ');
  if (!acceptingCommands) {
    return Promise.reject(
      new CommandError({
        message: `${display} not started: shutting down`,
        output: '',
        exitCode: null,
      }),
    );
  }
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    runningChildren.add(child);
    let stdout = '';
    let stderr = '';
    let output = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk;
      output += chunk;
    });
    /** @type {NodeJS.Timeout | undefined} */
    let killTimer;
    const timer = setTimeout(() => {
      timedOut = true;
      signalGroup(child, 'SIGTERM');
      killTimer = setTimeout(() => signalGroup(child, 'SIGKILL'), STOP_GRACE_MS);
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      runningChildren.delete(child);
      reject(new CommandError({ message: `${display}: ${error.message}`, output, exitCode: null }));
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      runningChildren.delete(child);
      if (exitCode === 0 || (allowFailure && !timedOut && signal === null)) {
        resolve({ stdout, stderr, output, exitCode });
        return;
      }
      const why = timedOut
        ? `timed out after ${Math.round(timeoutMs / 1000)} s`
        : signal !== null
          ? `killed by ${signal}`
          : `exited with code ${exitCode}`;
      reject(new CommandError({ message: `${display} ${why}`, output, exitCode }));
    });
  });
}

/** How long stopped children get to exit after SIGTERM before SIGKILL. */
const STOP_GRACE_MS = 5_000;

/**
 * Stops every command still running, and refuses to start new ones from then on (used when the
 * run fails or is interrupted, before its files are removed). Resolves once the children exited.
 *
 * @returns {Promise<void>}
 */
export async function stopRunningCommands() {
  acceptingCommands = false;
  const children = [...runningChildren];
  const exited = children.map(
    (child) => new Promise((resolve) => child.once('close', () => resolve(undefined))),
  );
  for (const child of children) signalGroup(child, 'SIGTERM');
  let timer;
  const graceOver = new Promise((resolve) => {
    timer = setTimeout(() => resolve('grace over'), STOP_GRACE_MS);
  });
  if ((await Promise.race([Promise.all(exited), graceOver])) === 'grace over') {
    for (const child of children) signalGroup(child, 'SIGKILL');
    await Promise.all(exited);
  }
  clearTimeout(timer);
}

/**
 * @param {import('node:child_process').ChildProcess} child
 * @param {NodeJS.Signals} signal
 */
function signalGroup(child, signal) {
  if (child.pid === undefined) return;
  try {
    // A negative pid signals the whole process group the child leads (pnpm, turbo, tsup, …).
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}
