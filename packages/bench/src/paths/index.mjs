import { aiSdkPath } from './ai-sdk.mjs';
import { codexModelClientPath, codexResponsesPath } from './codex-api.mjs';
import { floorPath } from './floor.mjs';
import { openaiPath } from './openai-sdk.mjs';

/** Every path, floor first (ratios are relative to it). */
export const allPaths = [
  floorPath,
  codexResponsesPath,
  codexModelClientPath,
  openaiPath,
  aiSdkPath,
];

/** @param {string} id */
export function findPath(id) {
  const path = allPaths.find((candidate) => candidate.id === id);
  if (path === undefined) throw new RangeError(`unknown path: ${id}`);
  return path;
}

/**
 * The paths that can run now; prints one "not yet available" line for each that cannot.
 * @returns {Promise<{ ready: import('./types.mjs').BenchPath[], skipped: { id: string, reason: string }[] }>}
 */
export async function resolvePaths(log = console.log) {
  const ready = [];
  const skipped = [];
  for (const path of allPaths) {
    const reason = await path.unavailable();
    if (reason === null) {
      ready.push(path);
    } else {
      skipped.push({ id: path.id, reason });
      log(`${path.label}: ${reason}`);
    }
  }
  return { ready, skipped };
}
