import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import verdaccio from 'verdaccio';

/** Packages the local registry keeps to itself: never looked up on, nor proxied to, the uplink. */
export const LOCAL_ONLY_PACKAGES = ['@codex/*', 'codex-provider-acme'];

/**
 * @typedef {object} LocalRegistry
 * @property {string} url base URL with a trailing slash, e.g. `http://127.0.0.1:41234/`
 * @property {string} host `127.0.0.1:PORT`, the key npm uses for per-registry settings
 * @property {string} logFile verdaccio's own log (warnings and errors)
 * @property {() => Promise<void>} stop closes the server and every open connection; safe to call twice
 */

/**
 * Starts verdaccio in this process on 127.0.0.1 with a port the kernel picks.
 *
 * `@codex/*` and the third-party test provider are local-only (anyone may publish, nothing is
 * proxied: the real registry must never answer for them); every other package is proxied to
 * `uplinkUrl`, so that zod, ky and friends install as they would for a user.
 *
 * @param {object} options
 * @param {string} options.directory an empty directory for the config, storage and log
 * @param {string} options.uplinkUrl the npm registry the machine uses
 * @returns {Promise<LocalRegistry>}
 */
export async function startLocalRegistry({ directory, uplinkUrl }) {
  const configPath = join(directory, 'config.yaml');
  const logFile = join(directory, 'verdaccio.log');
  await mkdir(join(directory, 'storage'), { recursive: true });
  // JSON is valid YAML, and verdaccio resolves relative paths against the config file's location.
  await writeFile(
    configPath,
    `${JSON.stringify(createRegistryConfig({ uplinkUrl, logFile }), null, 2)}\n`,
  );

  const server = await verdaccio.runServer(configPath);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const url = `http://127.0.0.1:${port}/`;

  let stopped;
  const stop = () => {
    stopped ??= new Promise((resolve) => {
      server.close(() => resolve(undefined));
      server.closeAllConnections();
    });
    return stopped;
  };

  try {
    await waitUntilAnswering(url);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, host: `127.0.0.1:${port}`, logFile, stop };
}

/**
 * The verdaccio configuration (same shape as its `config.yaml`).
 *
 * @param {{ uplinkUrl: string, logFile: string }} options
 * @returns {Record<string, unknown>}
 */
function createRegistryConfig({ uplinkUrl, logFile }) {
  /** @type {Record<string, unknown>} */
  const packages = {};
  for (const pattern of LOCAL_ONLY_PACKAGES) {
    packages[pattern] = { access: '$all', publish: '$all', unpublish: '$all' };
  }
  packages['**'] = { access: '$all', publish: '$authenticated', proxy: 'npmjs' };
  return {
    storage: './storage',
    // Registration is off (max_users -1): publishing works with any token because the local-only
    // packages allow `$all`, which is what the fake token in the temporary npmrc relies on.
    auth: { htpasswd: { file: './htpasswd', max_users: -1 } },
    uplinks: { npmjs: { url: uplinkUrl, timeout: '60s', max_fails: 5, cache: true } },
    packages,
    web: { enable: false },
    log: { type: 'file', path: logFile, format: 'json', level: 'warn' },
    max_body_size: '50mb',
  };
}

/**
 * Polls `GET /-/ping` until the registry answers 200.
 *
 * @param {string} url
 * @param {number} [timeoutMs] @default 15_000
 * @returns {Promise<void>}
 */
async function waitUntilAnswering(url, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(new URL('-/ping', url), { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (response.ok) return;
      lastProblem = `status ${response.status}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `local registry at ${url} did not answer /-/ping within ${timeoutMs} ms (${lastProblem})`,
  );
}
