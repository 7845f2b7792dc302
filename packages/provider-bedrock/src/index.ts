/** @packageDocumentation Amazon Bedrock (Mantle) provider for @codex/api. */

// The errors this provider hands to callers, so that a Bedrock user checks them with this package
// and `@codex/api` only (a strict package manager hides `@codex/protocol` unless it is installed).
export { CodexError, FatalError, UnexpectedStatusError } from '@codex/protocol';
export type { AwsCredentialProvider, AwsCredentials } from './aws-credentials.js';
export {
  bedrockExpiredSignatureGuidance,
  DEFAULT_APPLICATION_NAME,
} from './bedrock-expired-signature-guidance.js';
export { BEDROCK_CAPABILITIES, BEDROCK_MODEL_CATALOG } from './bedrock-model-catalog.js';
export type { BedrockFetch, BedrockProviderSettings } from './create-bedrock-provider.js';
export {
  BEDROCK_PROVIDER_ID,
  BEDROCK_PROVIDER_NAME,
  createBedrockProvider,
  MANTLE_CLIENT_AGENT_HEADER,
} from './create-bedrock-provider.js';
export { BEDROCK_MANTLE_SIGNING_SERVICE } from './create-sigv4-auth.js';
export {
  EXPIRED_SIGNATURE_MARKER,
  isBedrockExpiredSignature,
} from './is-bedrock-expired-signature.js';
export { MANTLE_SUPPORTED_REGIONS, mantleBaseUrl } from './mantle-base-url.js';
export type { MapBedrockApiErrorOptions } from './map-bedrock-api-error.js';
export { mapBedrockApiError } from './map-bedrock-api-error.js';
export type { Environment } from './resolve-bedrock-region.js';
export { stripUnderscoreHeaders } from './strip-underscore-headers.js';
