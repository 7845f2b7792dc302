import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const childScript = fileURLToPath(new URL('./concurrency-child.mjs', import.meta.url));

function runChild(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', childScript, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data) => {
      stdout += data;
    });
    child.stderr.on('data', (data) => {
      stderr += data;
    });
    child.once('exit', (code) => {
      const line = stdout.trim().split('\n').at(-1);
      try {
        resolve(JSON.parse(line));
      } catch {
        reject(new Error(`concurrency child failed (${code}): ${stderr.slice(-500)}`));
      }
    });
  });
}

/**
 * N concurrent open streams per path, each in a fresh process against the `drip` route, the
 * processes one after another in a shuffled order.
 * @param {{ server: object, paths: object[], streams: number, holdMs: number,
 *   shuffle: <T>(items: readonly T[]) => T[], log: (line: string) => void }} options
 * @returns {Promise<object[]>} one row per path, in the order of `paths`
 */
export async function measureConcurrency({ server, paths, streams, holdMs, shuffle, log }) {
  const results = new Map();
  for (const path of shuffle(paths)) {
    log(`  concurrency: ${path.id} × ${streams} streams…`);
    results.set(
      path.id,
      await runChild([path.id, server.baseURL('drip'), String(streams), String(holdMs)]),
    );
  }
  return paths.map((path) => results.get(path.id));
}
