// The 1-, 5- and 15-minute load averages, recorded at the start and end of every section and
// printed with every table: on a shared 2-core box other work skews every absolute figure.

import os from 'node:os';

/** @returns {number[]} the three load averages, rounded to 0.01 */
export function loadAverage() {
  return os.loadavg().map((value) => Math.round(value * 100) / 100);
}

/**
 * `start → end` of the 1-minute load average, for a table's title.
 * @param {{ start: number[], end: number[] } | undefined} load
 */
export function formatLoad(load) {
  if (load === undefined) return 'load ?';
  return `load ${load.start[0]} → ${load.end[0]}`;
}
