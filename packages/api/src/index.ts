/** @packageDocumentation Typed clients for the Responses API and its companions. */

// The transport names a provider package needs, re-exported so that it depends on `@codex/api`
// (and `@codex/protocol`) only, as upstream `codex-api` re-exports its transport types.
export type {
  AttemptTelemetry,
  FetchFunction,
  HttpTransport,
  Request,
  RequestBody,
  Response,
  RetryPolicy,
  StreamResponse,
} from '@codex/client';
export { createKyTransport, prepareBodyForSend, TransportError } from '@codex/client';
export type { ApiErrorDetails, ApiErrorKind } from './api-error.js';
export { ApiError } from './api-error.js';
export { apiErrorTelemetryMessage } from './api-error-telemetry-message.js';
export type { AuthErrorKind } from './auth/auth-error.js';
export { AuthError } from './auth/auth-error.js';
export type { AuthHeaderTelemetry } from './auth/auth-header-telemetry.js';
export { authHeaderTelemetry } from './auth/auth-header-telemetry.js';
export type { AuthProvider } from './auth/auth-provider.js';
export { applyAuth, noAuth } from './auth/auth-provider.js';
export type { BearerAuthOptions, BearerTokenSource } from './auth/create-bearer-auth.js';
export { createBearerAuth } from './auth/create-bearer-auth.js';
export { buildConversationHeaders } from './build-conversation-headers.js';
export type { CompactOptions } from './compact-client.js';
export { CompactClient } from './compact-client.js';
export type { CompactionInput } from './compaction-input.js';
export type { OpenAIProviderOptions } from './create-openai-provider.js';
export { createOpenAIProvider } from './create-openai-provider.js';
export { defaultMapApiError } from './default-map-api-error.js';
export type { ModelProviderDefinition } from './define-model-provider.js';
export { defineModelProvider } from './define-model-provider.js';
export type { EndpointCallOptions, EndpointClientOptions } from './endpoint-client-options.js';
export type { EndpointCall, EndpointSessionOptions } from './endpoint-session.js';
export { EndpointSession } from './endpoint-session.js';
export type { ResponseDebugContext } from './extract-response-debug-context.js';
export { extractResponseDebugContext } from './extract-response-debug-context.js';
export { MemoriesClient } from './memories-client.js';
export type {
  MemorySummarizeInput,
  MemorySummarizeOutput,
  RawMemory,
} from './memory-summarize.js';
export type { ModelClientOptions, ModelStreamOptions } from './model-client.js';
export { ModelClient } from './model-client.js';
export type { ModelProvider, ResolvedProvider } from './model-provider.js';
export { ModelResponseStream } from './model-response-stream.js';
export type { ListModelsResult, ModelInfo } from './models-client.js';
export { ModelsClient } from './models-client.js';
export type { HeadersInput, Provider, ProviderOptions } from './provider.js';
export {
  CHATGPT_CODEX_BASE_URL,
  createProvider,
  DEFAULT_REQUEST_MAX_RETRIES,
  DEFAULT_RESPONSE_TIMEOUT_MS,
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
