import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from './run-command.mjs';

/** File name of the throwaway changeset (in the copy's `.changeset/`). */
export const THROWAWAY_CHANGESET = 'e2e-publish-check.md';

/** The summary line the throwaway changeset carries into each CHANGELOG.md. */
export const THROWAWAY_SUMMARY =
  'Throwaway patch release made by the e2e publishing check (pnpm e2e:publish).';

/**
 * @typedef {object} WorkspacePackage
 * @property {string} name
 * @property {string} version
 * @property {boolean} isPrivate
 * @property {string} directory absolute
 * @property {Record<string, string>} dependencies
 */

/**
 * Clones the repository's committed HEAD into `destination` (a local clone: the source repository
 * and its working tree are only read). Uncommitted changes are deliberately not part of the copy.
 *
 * @param {{ repositoryRoot: string, destination: string, env: NodeJS.ProcessEnv }} options
 * @returns {Promise<string>} the commit that was checked out
 */
export async function cloneHead({ repositoryRoot, destination, env }) {
  const { stdout } = await runCommand({
    command: 'git',
    args: ['rev-parse', 'HEAD'],
    cwd: repositoryRoot,
    env,
  });
  const commit = stdout.trim();
  await runCommand({
    command: 'git',
    args: ['clone', '--quiet', '--no-checkout', repositoryRoot, destination],
    cwd: repositoryRoot,
    env,
  });
  await runCommand({
    command: 'git',
    args: ['checkout', '--quiet', '--detach', commit],
    cwd: destination,
    env,
  });
  return commit;
}

/**
 * Reads `packages/*\/package.json` of a workspace.
 *
 * @param {string} workspaceRoot
 * @returns {Promise<WorkspacePackage[]>} sorted by name
 */
export async function readWorkspacePackages(workspaceRoot) {
  const packagesDirectory = join(workspaceRoot, 'packages');
  /** @type {WorkspacePackage[]} */
  const found = [];
  for (const entry of await readdir(packagesDirectory, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const directory = join(packagesDirectory, entry.name);
    let manifest;
    try {
      manifest = JSON.parse(await readFile(join(directory, 'package.json'), 'utf8'));
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT') continue;
      throw error;
    }
    found.push({
      name: manifest.name,
      version: manifest.version,
      isPrivate: manifest.private === true,
      directory,
      dependencies: manifest.dependencies ?? {},
    });
  }
  return found.sort((left, right) => left.name.localeCompare(right.name));
}

/**
 * Writes a changeset that bumps every given package by a patch.
 *
 * @param {{ workspaceRoot: string, packageNames: string[] }} options
 * @returns {Promise<string>} the file written
 */
export async function writeThrowawayChangeset({ workspaceRoot, packageNames }) {
  const file = join(workspaceRoot, '.changeset', THROWAWAY_CHANGESET);
  const frontMatter = packageNames.map((name) => `"${name}": patch`).join('\n');
  await writeFile(file, `---\n${frontMatter}\n---\n\n${THROWAWAY_SUMMARY}\n`);
  return file;
}

/**
 * The version a patch bump of `version` gives (`0.1.0` → `0.1.1`; a pre-release is not expected).
 *
 * @param {string} version
 * @returns {string}
 */
export function nextPatchVersion(version) {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (match === null) throw new RangeError(`cannot patch-bump version "${version}"`);
  return `${match[1]}.${match[2]}.${Number(match[3]) + 1}`;
}

/**
 * Reads one published version's metadata from a registry with `npm view --json`.
 *
 * @param {{ spec: string, env: NodeJS.ProcessEnv, cwd: string }} options `spec` like `@codex/api@0.1.1`
 * @returns {Promise<{ found: true, metadata: Record<string, any> } | { found: false, output: string }>}
 *   `found: false` only for a 404; any other failure throws
 */
export async function viewPublished({ spec, env, cwd }) {
  const result = await runCommand({
    command: 'npm',
    args: ['view', spec, '--json'],
    cwd,
    env,
    timeoutMs: 60_000,
    allowFailure: true,
  });
  if (result.exitCode === 0 && result.stdout.trim() !== '') {
    return { found: true, metadata: JSON.parse(result.stdout) };
  }
  if (
    /E404|404 Not Found|is not in this registry/.test(result.output) ||
    result.stdout.trim() === ''
  ) {
    return { found: false, output: result.output };
  }
  throw new Error(`npm view ${spec} failed: ${result.output.trim().split('\n').at(-1)}`);
}
