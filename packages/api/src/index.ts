/** @packageDocumentation Typed clients for the Responses API and its companions. */
export type { ApiErrorDetails, ApiErrorKind } from './api-error.js';
export { ApiError } from './api-error.js';
export type { AuthErrorKind } from './auth/auth-error.js';
export { AuthError } from './auth/auth-error.js';
export type { AuthProvider } from './auth/auth-provider.js';
export { applyAuth, noAuth } from './auth/auth-provider.js';
export { buildConversationHeaders } from './build-conversation-headers.js';
export type { EndpointCall, EndpointSessionOptions } from './endpoint-session.js';
export { EndpointSession } from './endpoint-session.js';
export type { ModelProvider, ResolvedProvider } from './model-provider.js';
export type { HeadersInput, Provider, ProviderOptions } from './provider.js';
export {
  CHATGPT_CODEX_BASE_URL,
  createProvider,
  DEFAULT_REQUEST_MAX_RETRIES,
  DEFAULT_STREAM_IDLE_TIMEOUT_MS,
  isAzureResponsesProvider,
  MAX_REQUEST_MAX_RETRIES,
  OPENAI_API_BASE_URL,
  providerUrl,
  toHeadersLenient,
} from './provider.js';
export type { RateLimitHeaders } from './rate-limits.js';
export {
  parseAllRateLimits,
  parseDefaultRateLimit,
  parsePromoMessage,
  parseRateLimitEvent,
  parseRateLimitForLimit,
} from './rate-limits.js';
export { responseHeaderEvents } from './response-header-events.js';
export { ResponseStream } from './response-stream.js';
export type {
  EncodeResponsesRequestOptions,
  ResponsesApiRequest,
} from './responses-api-request.js';
export { encodeResponsesRequest } from './responses-api-request.js';
export type { ResponsesClientOptions, ResponsesOptions } from './responses-client.js';
export { ResponsesClient } from './responses-client.js';
export type { SessionSource, SubAgentSource } from './session-source.js';
export { subAgentLabel } from './session-source.js';
export type { StreamFromFixtureOptions } from './stream-from-fixture.js';
export { streamFromFixture } from './stream-from-fixture.js';
export { TurnState } from './turn-state.js';
export { urlForPath } from './url-for-path.js';
