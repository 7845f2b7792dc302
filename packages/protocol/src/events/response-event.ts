import type { ResponseItem } from '../items/response-item.js';
import type { RateLimitSnapshot } from './rate-limit-snapshot.js';
import type { TokenUsage } from './token-usage.js';

/** A model verification the server reports; the only value today. */
export type ModelVerification = 'trusted_access_for_cyber';

/**
 * What a Responses stream yields, discriminated by `type` (camelCase library type).
 *
 * A stream starts with the events derived from the response headers (`serverModel`, `rateLimits`,
 * `modelsEtag`, `serverReasoningIncluded`) and ends after `completed` or with one thrown error.
 */
export type ResponseEvent =
  /** `response.created` was seen. */
  | { type: 'created' }
  /** `response.output_item.added`. */
  | { type: 'outputItemAdded'; item: ResponseItem }
  /** `response.output_item.done`. */
  | { type: 'outputItemDone'; item: ResponseItem }
  /** The model the server actually used (`openai-model` header or `response.headers`). */
  | { type: 'serverModel'; model: string }
  /** Verifications from `response.metadata`. */
  | { type: 'modelVerifications'; verifications: ModelVerification[] }
  /** The server includes reasoning (`x-reasoning-included` present); always `true`. */
  | { type: 'serverReasoningIncluded'; included: true }
  /** `response.completed`: the last event of a successful stream. */
  | { type: 'completed'; responseId: string; tokenUsage?: TokenUsage; endTurn?: boolean }
  /** `response.output_text.delta`. */
  | { type: 'outputTextDelta'; delta: string }
  /** `response.custom_tool_call_input.delta`. */
  | { type: 'toolCallInputDelta'; itemId: string; callId?: string; delta: string }
  /** `response.reasoning_summary_text.delta`. */
  | { type: 'reasoningSummaryDelta'; delta: string; summaryIndex: number }
  /** `response.reasoning_text.delta`. */
  | { type: 'reasoningContentDelta'; delta: string; contentIndex: number }
  /** `response.reasoning_summary_part.added`. */
  | { type: 'reasoningSummaryPartAdded'; summaryIndex: number }
  /** A rate-limit snapshot from the response headers. */
  | { type: 'rateLimits'; snapshot: RateLimitSnapshot }
  /** The `X-Models-Etag` response header, untrimmed. */
  | { type: 'modelsEtag'; etag: string }
  /** Moderation metadata from `response.metadata` (newer upstream servers), kept as received. */
  | { type: 'turnModerationMetadata'; metadata: unknown };

/** The `type` of every {@link ResponseEvent}. */
export type ResponseEventType = ResponseEvent['type'];
