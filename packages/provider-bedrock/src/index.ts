/** @packageDocumentation Amazon Bedrock (Mantle) provider for @codex/api. */
export { MANTLE_SUPPORTED_REGIONS, mantleBaseUrl } from './mantle-base-url.js';
