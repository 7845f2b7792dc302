/** @packageDocumentation Typed clients for the Responses API and its companions. */

// The transport names a provider package needs, re-exported so that it depends on `@codex/api`
// (and `@codex/protocol`) only, as upstream `codex-api` re-exports its transport types.
export type {
  AttemptContext,
  AttemptTelemetry,
  FetchFunction,
  HttpTransport,
  PreparedRequest,
  Request,
  RequestBody,
  Response,
  RetryPolicy,
  RetryPolicyOptions,
  SecretsOptions,
  StreamEventTelemetry,
  StreamResponse,
} from '@codex/client';
export { createKyTransport, REDACTED, redactError, Secrets, TransportError } from '@codex/client';
// The `@codex/protocol` names a user of this package needs (items, events, the error family), so
// that `npm install @codex/api` alone is enough: with a strict package manager (pnpm) a user
// cannot import `@codex/protocol` without installing it too.
export type {
  AgentMessageContent,
  AgentMessageItem,
  CodexErrorInfo,
  CodexErrorKind,
  CompactionItem,
  CompactionTriggerItem,
  CompletedEvent,
  ContentItem,
  ContextCompactionItem,
  CreatedEvent,
  CreditsSnapshot,
  CustomToolCallItem,
  CustomToolCallOutputItem,
  EncryptedContent,
  ErrorEvent,
  FunctionCallItem,
  FunctionCallOutputContentItem,
  FunctionCallOutputItem,
  FunctionCallOutputPayload,
  GhostCommit,
  GhostSnapshotItem,
  ImageDetail,
  ImageGenerationCallItem,
  InputImageContent,
  InputTextContent,
  KnownPlan,
  LocalShellCallItem,
  LocalShellExecAction,
  LocalShellStatus,
  MessageItem,
  MessagePhase,
  MetadataPassthrough,
  ModelsEtagEvent,
  ModelVerification,
  ModelVerificationsEvent,
  OtherItem,
  OutputItemAddedEvent,
  OutputItemDoneEvent,
  OutputTextContent,
  OutputTextDeltaEvent,
  PlanType,
  RateLimitReachedType,
  RateLimitSnapshot,
  RateLimitsEvent,
  RateLimitWindow,
  Reasoning,
  ReasoningContent,
  ReasoningContentDeltaEvent,
  ReasoningEffort,
  ReasoningItem,
  ReasoningSummaryDeltaEvent,
  ReasoningSummaryMode,
  ReasoningSummaryPartAddedEvent,
  ReasoningSummaryText,
  ResponseEvent,
  ResponseEventType,
  ResponseItem,
  ResponseItemBase,
  ServerModelEvent,
  ServerReasoningIncludedEvent,
  SpendControlLimitSnapshot,
  TextControls,
  TextFormat,
  TokenUsage,
  ToolCallInputDeltaEvent,
  ToolSearchCallItem,
  ToolSearchOutputItem,
  TurnModerationMetadataEvent,
  Verbosity,
  WebSearchAction,
  WebSearchCallItem,
} from '@codex/protocol';
export {
  CodexError,
  ConnectionFailedError,
  ContextWindowExceededError,
  CyberPolicyError,
  EnvVarError,
  FatalError,
  InternalServerError,
  InvalidImageRequestError,
  InvalidRequestError,
  isKnownPlan,
  parseResponseItem,
  QuotaExceededError,
  RefreshTokenFailedError,
  RequestTimeoutError,
  ResponseStreamFailedError,
  RetryLimitError,
  ServerOverloadedError,
  StreamDisconnectedError,
  safeParseResponseItem,
  serializeResponseItem,
  UnexpectedStatusError,
  UsageLimitReachedError,
  UsageNotIncludedError,
} from '@codex/protocol';
export type { AuthErrorKind, AuthErrorOptions } from './auth/auth-error.js';
export { createAuthError } from './auth/auth-error.js';
export type { AuthHeaderTelemetry } from './auth/auth-header-telemetry.js';
export { authHeaderTelemetry } from './auth/auth-header-telemetry.js';
export type { AuthProvider } from './auth/auth-provider.js';
export { noAuth } from './auth/auth-provider.js';
export type { BearerAuthOptions, BearerTokenSource } from './auth/create-bearer-auth.js';
export { createBearerAuth } from './auth/create-bearer-auth.js';
export type { CompactOptions } from './endpoints/compact-client.js';
export { CompactClient } from './endpoints/compact-client.js';
export type { CompactionInput } from './endpoints/compaction-input.js';
export type {
  EndpointCallOptions,
  EndpointClientOptions,
} from './endpoints/endpoint-client-options.js';
export type { EndpointCall, EndpointSessionOptions } from './endpoints/endpoint-session.js';
export { EndpointSession } from './endpoints/endpoint-session.js';
export { MemoriesClient } from './endpoints/memories-client.js';
export type {
  MemorySummarizeInput,
  MemorySummarizeOutput,
  RawMemory,
} from './endpoints/memory-summarize.js';
export type { ListModelsResult, ModelInfo } from './endpoints/models-client.js';
export { ModelsClient } from './endpoints/models-client.js';
export type {
  RealtimeCallResponse,
  RealtimeSessionConfig,
} from './endpoints/realtime-call-client.js';
export { REALTIME_CALL_BOUNDARY, RealtimeCallClient } from './endpoints/realtime-call-client.js';
export type { UploadedFile, UploadLocalFileOptions } from './endpoints/upload-local-file.js';
export {
  FILE_FINALIZE_RETRY_DELAY_MS,
  FILE_FINALIZE_TIMEOUT_MS,
  FILE_REQUEST_TIMEOUT_MS,
  OPENAI_FILE_UPLOAD_LIMIT_BYTES,
  OPENAI_FILE_URI_PREFIX,
  uploadLocalFile,
} from './endpoints/upload-local-file.js';
export type { ApiErrorDetails, ApiErrorKind } from './errors/api-error.js';
export { ApiError } from './errors/api-error.js';
export { apiErrorTelemetryMessage } from './errors/api-error-telemetry-message.js';
export type { ResponseDebugContext } from './errors/extract-response-debug-context.js';
export { extractResponseDebugContext } from './errors/extract-response-debug-context.js';
export type { HeadersInput } from './headers-input.js';
export { toHeadersLenient } from './headers-input.js';
export type { Logger, LoggingOptions, LogLevel } from './logging/logger.js';
export type {
  ModelCall,
  ModelClientOptions,
  ModelClientWarning,
  ModelStreamOptions,
} from './model-client/model-client.js';
export { DEFAULT_RESOLVE_TIMEOUT_MS, ModelClient } from './model-client/model-client.js';
export type { WebsocketSessionsOptions } from './model-client/websocket-sessions.js';
export { WebsocketSessions } from './model-client/websocket-sessions.js';
export type { OpenAIProviderOptions } from './provider/create-openai-provider.js';
export { createOpenAIProvider } from './provider/create-openai-provider.js';
export { defaultMapApiError } from './provider/default-map-api-error.js';
export type { ModelProviderDefinition } from './provider/define-model-provider.js';
export { defineModelProvider } from './provider/define-model-provider.js';
export type { ModelProvider, ResolvedProvider } from './provider/model-provider.js';
export type { ProviderCapabilities } from './provider/provider-capabilities.js';
export {
  DEFAULT_PROVIDER_CAPABILITIES,
  providerCapabilities,
} from './provider/provider-capabilities.js';
export type { RateLimitHeaders } from './rate-limits/rate-limit-headers.js';
export {
  parseAllRateLimits,
  parseDefaultRateLimit,
  parsePromoMessage,
  parseRateLimitEvent,
  parseRateLimitForLimit,
} from './rate-limits/rate-limit-headers.js';
export type { HeaderSource } from './read-header.js';
export { buildConversationHeaders } from './responses/build-conversation-headers.js';
export { responseHeaderEvents } from './responses/response-header-events.js';
export type { ResponseStreamOptions } from './responses/response-stream.js';
export { ResponseStream } from './responses/response-stream.js';
export type {
  EncodeResponsesRequestOptions,
  ResponsesApiRequest,
} from './responses/responses-api-request.js';
export { encodeResponsesRequest } from './responses/responses-api-request.js';
export type { ResponsesClientOptions } from './responses/responses-client.js';
export { ResponsesClient } from './responses/responses-client.js';
export type { ResponsesOptions } from './responses/responses-options.js';
export type { SessionSource, SubAgentSource } from './responses/session-source.js';
export { subAgentLabel } from './responses/session-source.js';
export type { StreamFromFixtureOptions } from './responses/stream-from-fixture.js';
export { streamFromFixture } from './responses/stream-from-fixture.js';
export type { TurnResult } from './responses/turn-result.js';
export { TurnState } from './responses/turn-state.js';
export type {
  WebSocketConstructor,
  WebSocketHandshakeResponse,
  WebSocketLike,
  WebSocketOpenOptions,
} from './responses/websocket/load-websocket.js';
export type {
  ResponseCreateOptions,
  TraceContext,
} from './responses/websocket/response-create-request.js';
export {
  encodeResponseCreate,
  responseCreateClientMetadata,
  WS_REQUEST_HEADER_TRACEPARENT_CLIENT_METADATA_KEY,
  WS_REQUEST_HEADER_TRACESTATE_CLIENT_METADATA_KEY,
} from './responses/websocket/response-create-request.js';
export type {
  ResponsesWebsocketClientOptions,
  WebsocketConnectOptions,
} from './responses/websocket/responses-websocket-client.js';
export {
  DEFAULT_WEBSOCKET_CONNECT_TIMEOUT_MS,
  ResponsesWebsocketClient,
} from './responses/websocket/responses-websocket-client.js';
export type { WebsocketStreamOptions } from './responses/websocket/responses-websocket-connection.js';
export { ResponsesWebsocketConnection } from './responses/websocket/responses-websocket-connection.js';
export type { WebsocketFrame } from './responses/websocket/websocket-frame.js';
export { RESPONSES_WEBSOCKETS_BETA } from './responses/websocket/websocket-handshake-headers.js';
export {
  WEBSOCKET_CONNECTION_LIMIT_REACHED_CODE,
  WEBSOCKET_CONNECTION_LIMIT_REACHED_MESSAGE,
} from './responses/websocket/wrapped-websocket-error.js';
export {
  DEFAULT_ORIGINATOR,
  defaultUserAgent,
  PACKAGE_VERSION,
} from './settings/client-identity.js';
export type {
  EndpointSettings,
  EndpointSettingsOptions,
} from './settings/endpoint-settings.js';
export {
  CHATGPT_CODEX_BASE_URL,
  createEndpointSettings,
  DEFAULT_AUTH_TIMEOUT_MS,
  DEFAULT_REQUEST_MAX_RETRIES,
  DEFAULT_RESPONSE_TIMEOUT_MS,
  DEFAULT_STREAM_IDLE_TIMEOUT_MS,
  endpointUrl,
  endpointWebsocketUrl,
  isAzureResponsesProvider,
  MAX_REQUEST_MAX_RETRIES,
  OPENAI_API_BASE_URL,
} from './settings/endpoint-settings.js';
export { urlForPath } from './settings/url-for-path.js';
export { websocketUrlForPath } from './settings/websocket-url-for-path.js';
