/** @packageDocumentation Typed clients for the Responses API and its companions. */
export { urlForPath } from './url-for-path.js';
