import { spawn } from 'node:child_process';

/** Children still running, so that a signal handler can stop them (see {@link stopRunningCommands}). */
const runningChildren = new Set();

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
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      runningChildren.delete(child);
      reject(new CommandError({ message: `${display}: ${error.message}`, output, exitCode: null }));
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
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

/** Stops every command still running (used on failure and on SIGINT/SIGTERM). */
export function stopRunningCommands() {
  for (const child of runningChildren) killGroup(child);
}

/** @param {import('node:child_process').ChildProcess} child */
function killGroup(child) {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    // A negative pid signals the whole process group the child leads.
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}
