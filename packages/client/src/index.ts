/** @packageDocumentation Generic HTTP transport: retry policy, per-attempt preparation and SSE framing. */
export { backoff } from './backoff.js';
