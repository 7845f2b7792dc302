import { aiSdkPath } from './ai-sdk.mjs';
import {
  codexModelClientFetchOnlyPath,
  codexModelClientPath,
  codexResponsesPath,
} from './codex-api.mjs';
import { floorPath } from './floor.mjs';
import { floorOverKyPath } from './floor-over-ky.mjs';
import { openaiPath } from './openai-sdk.mjs';

/**
 * Every path, floor first. The ones marked `instrument` exist only to measure a piece of the
 * library's cost exactly (the default transport, ky); they run where that piece shows — the fixed
 * cost per request, the first text delta, the open streams — and never stand in a comparison.
 */
export const allPaths = [
  floorPath,
  codexResponsesPath,
  codexModelClientPath,
  openaiPath,
  aiSdkPath,
  codexModelClientFetchOnlyPath,
  floorOverKyPath,
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
