import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/**
 * @typedef {object} InstalledPackage
 * @property {string} name from the package's own package.json
 * @property {string} version
 * @property {string} location path relative to the app directory, e.g. `node_modules/zod`
 */

/**
 * Lists every package installed under `appDirectory/node_modules`, nested copies included.
 *
 * It reads what is on disk rather than `npm ls`, whose JSON also names optional peers that are
 * *not* installed (as empty objects), which is exactly what must not be mistaken for an install.
 *
 * @param {string} appDirectory
 * @returns {Promise<InstalledPackage[]>}
 */
export async function listInstalledPackages(appDirectory) {
  /** @type {InstalledPackage[]} */
  const found = [];
  await collectFrom(join(appDirectory, 'node_modules'), appDirectory, found);
  return found.sort((left, right) => left.location.localeCompare(right.location));
}

/**
 * @param {string} nodeModules
 * @param {string} appDirectory
 * @param {InstalledPackage[]} found
 */
async function collectFrom(nodeModules, appDirectory, found) {
  for (const entry of await readDirectory(nodeModules)) {
    // `.bin`, `.package-lock.json` and the like are npm's bookkeeping, not packages.
    if (entry.name.startsWith('.')) continue;
    const path = join(nodeModules, entry.name);
    if (entry.name.startsWith('@')) {
      for (const scoped of await readDirectory(path)) {
        await collectPackage(join(path, scoped.name), appDirectory, found);
      }
    } else {
      await collectPackage(path, appDirectory, found);
    }
  }
}

/**
 * @param {string} packageDirectory
 * @param {string} appDirectory
 * @param {InstalledPackage[]} found
 */
async function collectPackage(packageDirectory, appDirectory, found) {
  const manifest = JSON.parse(await readFile(join(packageDirectory, 'package.json'), 'utf8'));
  found.push({
    name: manifest.name,
    version: manifest.version,
    location: relative(appDirectory, packageDirectory),
  });
  await collectFrom(join(packageDirectory, 'node_modules'), appDirectory, found);
}

/**
 * @param {string} directory
 * @returns {Promise<import('node:fs').Dirent[]>} the entries, or none when the directory is absent
 */
async function readDirectory(directory) {
  try {
    return await readdir(directory, { withFileTypes: true });
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT') return [];
    throw error;
  }
}
