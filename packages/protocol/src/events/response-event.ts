import type { ResponseItem } from '../items/response-item.js';
import type { RateLimitSnapshot } from './rate-limit-snapshot.js';
import type { TokenUsage } from './token-usage.js';

/** A model verification the server reports; the only value today. */
export type ModelVerification = 'trusted_access_for_cyber';

/** The server created the response (`response.created`); nothing else is known yet. */
export interface CreatedEvent {
  type: 'created';
}

/** An output item started (`response.output_item.added`); it may still be incomplete. */
export interface OutputItemAddedEvent {
  type: 'outputItemAdded';
  /** The item as far as it is known; unknown item types arrive as `{ type: 'other' }`. */
  item: ResponseItem;
}

/** An output item is complete (`response.output_item.done`): add it to the conversation. */
export interface OutputItemDoneEvent {
  type: 'outputItemDone';
  /** The complete item; unknown item types arrive as `{ type: 'other' }`. */
  item: ResponseItem;
}

/**
 * The model the server actually used: from the `openai-model` response header at the start of
 * the stream, or later from an event's `response.headers` / `headers` when it changes.
 */
export interface ServerModelEvent {
  type: 'serverModel';
  /** The model slug, e.g. `gpt-5.1-codex`. */
  model: string;
}

/** Verifications the server applied to the model, from `response.metadata`. */
export interface ModelVerificationsEvent {
  type: 'modelVerifications';
  /** The verifications, in the order the server listed them. */
  verifications: ModelVerification[];
}

/** The server includes reasoning in its output (the `x-reasoning-included` response header). */
export interface ServerReasoningIncludedEvent {
  type: 'serverReasoningIncluded';
  /** Always `true`: the event is sent only when the header is present. */
  included: true;
}

/** The response completed (`response.completed`): the last event of a successful stream. */
export interface CompletedEvent {
  type: 'completed';
  /** The response id (`resp_…`). */
  responseId: string;
  /** Token counts of the response, when the server reported them. */
  tokenUsage?: TokenUsage;
  /** Whether the model ended its turn, when the server said so (`end_turn`). */
  endTurn?: boolean;
}

/** A piece of assistant text (`response.output_text.delta`): print it as it arrives. */
export interface OutputTextDeltaEvent {
  type: 'outputTextDelta';
  /** The next characters of the text. */
  delta: string;
}

/** A piece of a custom tool call's input (`response.custom_tool_call_input.delta`). */
export interface ToolCallInputDeltaEvent {
  type: 'toolCallInputDelta';
  /** The id of the output item the input belongs to. */
  itemId: string;
  /** The tool call's id, when the server sent it. */
  callId?: string;
  /** The next characters of the input. */
  delta: string;
}

/** A piece of a reasoning summary (`response.reasoning_summary_text.delta`). */
export interface ReasoningSummaryDeltaEvent {
  type: 'reasoningSummaryDelta';
  /** The next characters of the summary. */
  delta: string;
  /** Which part of the summary it belongs to (0-based). */
  summaryIndex: number;
}

/** A piece of raw reasoning text (`response.reasoning_text.delta`). */
export interface ReasoningContentDeltaEvent {
  type: 'reasoningContentDelta';
  /** The next characters of the reasoning text. */
  delta: string;
  /** Which content part it belongs to (0-based). */
  contentIndex: number;
}

/** A new part of the reasoning summary started (`response.reasoning_summary_part.added`). */
export interface ReasoningSummaryPartAddedEvent {
  type: 'reasoningSummaryPartAdded';
  /** The index of the new part (0-based). */
  summaryIndex: number;
}

/**
 * The rate limits of one limit family, from the response headers (at least the default `codex`
 * family, at the start of every stream).
 */
export interface RateLimitsEvent {
  type: 'rateLimits';
  /** The family's windows, credits and plan. */
  snapshot: RateLimitSnapshot;
}

/** The version tag of the model list (the `X-Models-Etag` response header). */
export interface ModelsEtagEvent {
  type: 'modelsEtag';
  /** The header value, untrimmed: compare it with the `etag` of an earlier `listModels`. */
  etag: string;
}

/** Moderation metadata of the turn, from `response.metadata` (newer servers). */
export interface TurnModerationMetadataEvent {
  type: 'turnModerationMetadata';
  /** The metadata as the server sent it. */
  metadata: unknown;
}

/**
 * What a Responses stream yields, discriminated by `type` (a `switch (event.type)` narrows to one
 * event).
 *
 * A stream starts with the events derived from the response headers (`serverModel`, `rateLimits`,
 * `modelsEtag`, `serverReasoningIncluded`) and ends after `completed` or with one thrown error.
 */
export type ResponseEvent =
  | CreatedEvent
  | OutputItemAddedEvent
  | OutputItemDoneEvent
  | ServerModelEvent
  | ModelVerificationsEvent
  | ServerReasoningIncludedEvent
  | CompletedEvent
  | OutputTextDeltaEvent
  | ToolCallInputDeltaEvent
  | ReasoningSummaryDeltaEvent
  | ReasoningContentDeltaEvent
  | ReasoningSummaryPartAddedEvent
  | RateLimitsEvent
  | ModelsEtagEvent
  | TurnModerationMetadataEvent;

/** The `type` of every {@link ResponseEvent}. */
export type ResponseEventType = ResponseEvent['type'];
