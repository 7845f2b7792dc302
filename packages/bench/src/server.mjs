import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const serverScript = fileURLToPath(new URL('./server-process.mjs', import.meta.url));

/**
 * Starts the loopback server in a child process.
 * @param {{ quick: boolean }} options
 * @returns {Promise<{ baseURL: (route: 'transcript' | 'small' | 'drip') => string, close: () => Promise<void> }>}
 */
export async function startBenchServer({ quick }) {
  const child = spawn(process.execPath, [serverScript, ...(quick ? ['--quick'] : [])], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const port = await new Promise((resolve, reject) => {
    let output = '';
    const onData = (data) => {
      output += data;
      const match = /listening (\d+)/.exec(output);
      if (match) {
        child.stdout.off('data', onData);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return {
    baseURL: (route) => `http://127.0.0.1:${port}/${route}/v1`,
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}
