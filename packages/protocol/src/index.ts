/** @packageDocumentation Provider-neutral types, schemas and errors for the Codex packages. */

export { cloudflareBlockedMessage } from './errors/cloudflare-blocked-message.js';
export type { CodexErrorKind, CodexErrorOptions } from './errors/codex-error.js';
export { CodexError as CodexErrorBase } from './errors/codex-error.js';
export type { CodexErrorInfo, ErrorEvent, HttpStatusCodeInfo } from './errors/codex-error-info.js';
export { CodexError } from './errors/codex-error-union.js';
export type { ConnectionFailedErrorOptions } from './errors/connection-failed-error.js';
export { ConnectionFailedError } from './errors/connection-failed-error.js';
export { ContextWindowExceededError } from './errors/context-window-exceeded-error.js';
export type { CyberPolicyErrorOptions } from './errors/cyber-policy-error.js';
export { CyberPolicyError } from './errors/cyber-policy-error.js';
export type { EnvVarErrorOptions } from './errors/env-var-error.js';
export { EnvVarError } from './errors/env-var-error.js';
export {
  describeCause,
  installInspect,
  installLazyMessage,
  isMarkedError,
  markError,
} from './errors/error-shape.js';
export type { FatalErrorOptions } from './errors/fatal-error.js';
export { FatalError } from './errors/fatal-error.js';
export { getErrorMessageUi } from './errors/get-error-message-ui.js';
export { InternalServerError } from './errors/internal-server-error.js';
export { InvalidImageRequestError } from './errors/invalid-image-request-error.js';
export type { InvalidRequestErrorOptions } from './errors/invalid-request-error.js';
export { InvalidRequestError } from './errors/invalid-request-error.js';
export { QuotaExceededError } from './errors/quota-exceeded-error.js';
export type {
  RefreshTokenFailedErrorOptions,
  RefreshTokenFailedReason,
} from './errors/refresh-token-failed-error.js';
export { RefreshTokenFailedError } from './errors/refresh-token-failed-error.js';
export { RequestTimeoutError } from './errors/request-timeout-error.js';
export type { ResponseStreamFailedErrorOptions } from './errors/response-stream-failed-error.js';
export { ResponseStreamFailedError } from './errors/response-stream-failed-error.js';
export type { RetryLimitErrorOptions } from './errors/retry-limit-error.js';
export { RetryLimitError } from './errors/retry-limit-error.js';
export { ServerOverloadedError } from './errors/server-overloaded-error.js';
export type { StreamDisconnectedErrorOptions } from './errors/stream-disconnected-error.js';
export { StreamDisconnectedError } from './errors/stream-disconnected-error.js';
export type {
  UnexpectedStatusDetails,
  UnexpectedStatusErrorOptions,
} from './errors/unexpected-status-error.js';
export { UnexpectedStatusError } from './errors/unexpected-status-error.js';
export type { UsageLimitReachedErrorOptions } from './errors/usage-limit-reached-error.js';
export { UsageLimitReachedError } from './errors/usage-limit-reached-error.js';
export { UsageNotIncludedError } from './errors/usage-not-included-error.js';
export type {
  CreditsSnapshot,
  KnownPlan,
  PlanType,
  RateLimitReachedType,
  RateLimitSnapshot,
  RateLimitWindow,
  SpendControlLimitSnapshot,
} from './events/rate-limit-snapshot.js';
export {
  isKnownPlan,
  parsePlanType,
  parseRateLimitReachedType,
} from './events/rate-limit-snapshot.js';
export type {
  CompletedEvent,
  CreatedEvent,
  ModelsEtagEvent,
  ModelVerification,
  ModelVerificationsEvent,
  OutputItemAddedEvent,
  OutputItemDoneEvent,
  OutputTextDeltaEvent,
  RateLimitsEvent,
  ReasoningContentDeltaEvent,
  ReasoningSummaryDeltaEvent,
  ReasoningSummaryPartAddedEvent,
  ResponseEvent,
  ResponseEventType,
  ServerModelEvent,
  ServerReasoningIncludedEvent,
  ToolCallInputDeltaEvent,
  TurnModerationMetadataEvent,
} from './events/response-event.js';
export type { TokenUsage } from './events/token-usage.js';

export type { ParseResult } from './items/parse-response-item.js';
export { parseResponseItem, safeParseResponseItem } from './items/parse-response-item.js';
export type { Reasoning, ReasoningEffort, ReasoningSummaryMode } from './items/reasoning.js';
export type {
  AgentMessageContent,
  AgentMessageItem,
  CompactionItem,
  CompactionTriggerItem,
  ContentItem,
  ContextCompactionItem,
  CustomToolCallItem,
  CustomToolCallOutputItem,
  EncryptedContent,
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
  LocalShellCallItem,
  LocalShellExecAction,
  LocalShellStatus,
  MessageItem,
  MessagePhase,
  MetadataPassthrough,
  OtherItem,
  OutputTextContent,
  ReasoningContent,
  ReasoningItem,
  ReasoningSummaryText,
  ResponseItem,
  ResponseItemBase,
  ToolSearchCallItem,
  ToolSearchOutputItem,
  WebSearchAction,
  WebSearchCallItem,
} from './items/response-item.js';
export type {
  JsonObject,
  SerializeResponseItemOptions,
} from './items/serialize-response-item.js';
export { serializeResponseItem } from './items/serialize-response-item.js';
export type {
  CreateTextControlsOptions,
  TextControls,
  TextFormat,
  Verbosity,
} from './items/text-controls.js';
export { createTextControls } from './items/text-controls.js';

export { canonicalReason, formatStatus } from './status-text.js';
export { rustTrim } from './text/rust-trim.js';
export { truncateMiddle } from './text/truncate-middle.js';
