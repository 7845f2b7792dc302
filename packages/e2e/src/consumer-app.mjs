import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listInstalledPackages } from './installed-packages.mjs';
import { runCommand } from './run-command.mjs';

/** packages/e2e/fixtures: the consumer scripts, the SSE helper and the third-party provider. */
export const FIXTURES_DIRECTORY = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** Scopes of the AWS SDK packages that must never reach a user who did not ask for them. */
export const AWS_SCOPES = ['@aws-sdk/', '@smithy/', '@aws-crypto/'];

/**
 * Third-party packages the published `@codex/*` packages may pull in, and nothing else: zod
 * (@codex/protocol) and ky (@codex/client). No AWS package, ever.
 */
export const ALLOWED_THIRD_PARTY = ['zod', 'ky'];

/**
 * Creates an empty npm app (a `package.json` and nothing else) with copies of the given fixtures.
 *
 * @param {{ directory: string, name: string, fixtures: string[] }} options
 * @returns {Promise<void>}
 */
export async function createConsumerApp({ directory, name, fixtures }) {
  await mkdir(directory, { recursive: true });
  const manifest = {
    name,
    version: '1.0.0',
    private: true,
    description: 'e2e:publish consumer app',
  };
  await writeFile(join(directory, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const fixture of fixtures) {
    await copyFile(join(FIXTURES_DIRECTORY, fixture), join(directory, fixture));
  }
}

/**
 * `npm install <specs>` in an app directory (plain npm, the registry and userconfig from `env`).
 *
 * @param {{ directory: string, specs: string[], env: NodeJS.ProcessEnv }} options
 * @returns {Promise<void>}
 */
export async function npmInstall({ directory, specs, env }) {
  await runCommand({
    command: 'npm',
    args: ['install', ...specs],
    cwd: directory,
    env,
    timeoutMs: 180_000,
  });
}

/**
 * @typedef {object} TreeReport
 * @property {import('./installed-packages.mjs').InstalledPackage[]} installed
 * @property {string[]} aws installed packages from an AWS scope (`name@version at location`)
 * @property {string[]} unexpected installed packages outside the allow-list
 * @property {string[]} versionMismatches `@codex/*` packages installed at another version than published
 * @property {string[]} duplicates packages installed more than once
 */

/**
 * Inspects an app's installed tree against an allow-list.
 *
 * @param {{ directory: string, allowed: string[], expectedVersions: Record<string, string> }} options
 *   `expectedVersions`: the version each allowed package must have, where it matters
 * @returns {Promise<TreeReport>}
 */
export async function inspectInstalledTree({ directory, allowed, expectedVersions }) {
  const installed = await listInstalledPackages(directory);
  const describe = (/** @type {import('./installed-packages.mjs').InstalledPackage} */ item) =>
    `${item.name}@${item.version} at ${item.location}`;
  /** @type {Map<string, number>} */
  const counts = new Map();
  for (const item of installed) counts.set(item.name, (counts.get(item.name) ?? 0) + 1);
  return {
    installed,
    aws: installed
      .filter((item) => AWS_SCOPES.some((scope) => item.name.startsWith(scope)))
      .map(describe),
    unexpected: installed.filter((item) => !allowed.includes(item.name)).map(describe),
    versionMismatches: installed
      .filter(
        (item) =>
          expectedVersions[item.name] !== undefined && expectedVersions[item.name] !== item.version,
      )
      .map((item) => `${describe(item)} (expected ${expectedVersions[item.name]})`),
    duplicates: [...counts].filter(([, count]) => count > 1).map(([name]) => name),
  };
}

/**
 * @typedef {object} FixtureResult
 * @property {string[]} passed descriptions of the fixture's `ok - ` lines
 * @property {Record<string, string[]>} exports the fixture's `exports <label> [...]` lines, by label
 */

/**
 * Runs a consumer script with `node` in its app directory and reads its report lines.
 *
 * @param {{ directory: string, script: string, env: NodeJS.ProcessEnv }} options
 * @returns {Promise<FixtureResult>}
 * @throws {Error} with the script's `not ok - ` line when it failed
 */
export async function runConsumerScript({ directory, script, env }) {
  const result = await runCommand({
    command: process.execPath,
    args: [script],
    cwd: directory,
    env,
    timeoutMs: 60_000,
    allowFailure: true,
  });
  const lines = result.stdout.split('\n');
  const failure = lines.find((line) => line.startsWith('not ok - '));
  if (result.exitCode !== 0 || failure !== undefined) {
    // A crash before the script's own reporting (e.g. a missing export at import time) leaves only
    // Node's error print-out: its `SomethingError: …` line says what happened.
    const crash = /^[A-Za-z]*Error\b.*$/m.exec(result.stderr)?.[0];
    const reason = failure?.slice('not ok - '.length) ?? crash ?? `exit code ${result.exitCode}`;
    throw new Error(`${script} failed: ${reason}`);
  }
  /** @type {Record<string, string[]>} */
  const exports = {};
  for (const line of lines) {
    const match = /^exports (.+?) (\[.*\])$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined)
      exports[match[1]] = JSON.parse(match[2]);
  }
  return {
    passed: lines
      .filter((line) => line.startsWith('ok - '))
      .map((line) => line.slice('ok - '.length)),
    exports,
  };
}
