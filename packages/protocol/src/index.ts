/** @packageDocumentation Provider-neutral types, schemas and errors for the Codex packages. */
export { canonicalReason, formatStatus } from './status-text.js';
