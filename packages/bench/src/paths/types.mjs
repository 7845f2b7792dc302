// The shape every benchmarked path implements. Plain JSDoc so the harness runs on Node 20
// without a build step.

/**
 * @typedef {object} PathSetup
 * @property {typeof fetch} fetch  The `fetch` the library must use (injected transcript or global).
 * @property {string} baseURL      Base URL ending in `/v1`; the request goes to `${baseURL}/responses`.
 */

/**
 * @typedef {object} StreamCall
 * @property {AbortSignal} [signal]            Aborts the request (first-event timing, concurrency).
 * @property {(isTextDelta: boolean) => void} [onEvent]  Called once per event the library yields.
 */

/**
 * @typedef {object} StreamOutcome
 * @property {number} events            Events (or stream parts) the library yielded.
 * @property {number} textDeltas        Output-text deltas seen.
 * @property {string} text              The deltas joined: the final text a user would show.
 * @property {number | null} itemTextLength  Text length of completed message items, or null
 *   when the library does not surface completed items while streaming.
 */

/**
 * @typedef {object} BenchPath
 * @property {string} id       Stable id used in the JSON results.
 * @property {string} label    Human name used in the table.
 * @property {boolean} [instrument]  A measuring instrument (a variant that isolates one cost),
 *   not a library a user would pick; left out of the throughput comparisons.
 * @property {() => Promise<string | null>} unavailable  A reason when the path cannot run yet.
 * @property {(setup: PathSetup) => Promise<(call?: StreamCall) => Promise<StreamOutcome>>} create
 *   Builds the client once (as an application would) and returns a function that streams one
 *   response to the end.
 */

export {};
