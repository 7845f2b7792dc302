import {
  type ModelVerification,
  type ResponseEvent,
  rustTrim,
  safeParseResponseItem,
  type TokenUsage,
} from '@codex/protocol';
import { ApiError } from '../errors/api-error.js';
import { isI64 } from '../is-i64.js';

const TRUSTED_ACCESS_FOR_CYBER: ModelVerification = 'trusted_access_for_cyber';
const CYBER_POLICY_FALLBACK = 'This request has been flagged for possible cybersecurity risk.';
const INVALID_REQUEST_FALLBACK = 'Invalid request.';
const FAILED_EVENT_RECEIVED = 'response.failed event received';
// regex-lite semantics: `\d` and `\s` are ASCII-only there, so spell them out; the `i` flag
// without `u` never folds a non-ASCII character onto an ASCII one.
const RETRY_AFTER = /try again in[\t\n\v\f\r ]*([0-9]+(?:\.[0-9]+)?)[\t\n\v\f\r ]*(s|ms|seconds?)/i;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * @internal The per-event state machine of a Responses stream (upstream `process_sse`): one
 * `JSON.parse` per event, hand-written type checks, a `switch` on `type`. The same machine serves
 * SSE and WebSocket; only what their transports do with {@link pendingError} differs (SSE defers
 * it to the end of the stream, WebSocket fails at once).
 */
export class ResponsesEventProcessor {
  /** The last failure seen (`response.failed`, `response.incomplete`, bad `completed`). */
  pendingError: ApiError | undefined;
  /** True once a `completed` event was produced: nothing more may be handled. */
  completed = false;
  #lastServerModel: string | undefined;

  /**
   * Handles the JSON of one event and appends what it maps to, in order, to `out`: first the
   * events it implies (`serverModel`, `modelVerifications`, `turnModerationMetadata`), then the
   * mapped event, if any. Data that is not an event object is skipped.
   */
  handle(data: string, out: ResponseEvent[]): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return;
    }
    this.handleParsed(parsed, out);
  }

  /**
   * {@link handle} for an event already parsed from JSON (a transport that looks at the JSON
   * itself first, as WebSocket does for wrapped errors, parses it once).
   */
  handleParsed(parsed: unknown, out: ResponseEvent[]): void {
    // Most events of a turn are text deltas: a well-formed one takes the short way (the same
    // checks as below, in the order that rejects nothing).
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      (parsed as Json).type === 'response.output_text.delta'
    ) {
      const delta = (parsed as Json).delta;
      if (typeof delta === 'string' && isPlainDelta(parsed as Json)) {
        out.push({ type: 'outputTextDelta', delta });
        return;
      }
    }
    const event = this.#handle(parsed, out);
    if (event === undefined) return;
    out.push(event);
    if (event.type === 'completed') this.completed = true;
  }

  #handle(parsed: unknown, before: ResponseEvent[]): ResponseEvent | undefined {
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const event = parsed as Json;
    const type = event.type;
    if (typeof type !== 'string') return undefined;
    // A known key of the wrong JSON type makes the whole event unreadable: skip it.
    const delta = event.delta;
    const itemId = event.item_id;
    const callId = event.call_id;
    const summaryIndex = event.summary_index;
    const contentIndex = event.content_index;
    if (
      (delta != null && typeof delta !== 'string') ||
      (itemId != null && typeof itemId !== 'string') ||
      (callId != null && typeof callId !== 'string') ||
      (summaryIndex != null && !isI64(summaryIndex)) ||
      (contentIndex != null && !isI64(contentIndex))
    ) {
      return undefined;
    }
    const response = event.response;

    // Only events that carry headers can name the model; most deltas skip this entirely.
    const responseHeaders = isObject(response) ? response.headers : undefined;
    if (responseHeaders != null || event.headers != null) {
      this.#serverModel(responseHeaders, event.headers, before);
    }
    if (type === 'response.metadata') this.#metadata(event.metadata, before);

    switch (type) {
      case 'response.output_text.delta':
        return typeof delta === 'string' ? { type: 'outputTextDelta', delta } : undefined;
      case 'response.created':
        return response != null ? { type: 'created' } : undefined;
      case 'response.output_item.added':
      case 'response.output_item.done': {
        if (event.item == null) return undefined;
        const result = safeParseResponseItem(event.item);
        if (!result.success) return undefined;
        return {
          type: type === 'response.output_item.done' ? 'outputItemDone' : 'outputItemAdded',
          item: result.value,
        };
      }
      case 'response.custom_tool_call_input.delta': {
        const id = typeof itemId === 'string' ? itemId : callId;
        if (typeof delta !== 'string' || typeof id !== 'string') return undefined;
        return typeof callId === 'string'
          ? { type: 'toolCallInputDelta', itemId: id, callId, delta }
          : { type: 'toolCallInputDelta', itemId: id, delta };
      }
      case 'response.reasoning_summary_text.delta':
        return typeof delta === 'string' && typeof summaryIndex === 'number'
          ? { type: 'reasoningSummaryDelta', delta, summaryIndex }
          : undefined;
      case 'response.reasoning_text.delta':
        return typeof delta === 'string' && typeof contentIndex === 'number'
          ? { type: 'reasoningContentDelta', delta, contentIndex }
          : undefined;
      case 'response.reasoning_summary_part.added':
        return typeof summaryIndex === 'number'
          ? { type: 'reasoningSummaryPartAdded', summaryIndex }
          : undefined;
      case 'response.completed': {
        if (response == null) return undefined;
        const completed = parseCompleted(response);
        if (typeof completed !== 'string') return completed;
        this.pendingError = ApiError.stream(`failed to parse ResponseCompleted: ${completed}`);
        return undefined;
      }
      case 'response.failed':
        this.pendingError = classifyFailure(response);
        return undefined;
      case 'response.incomplete': {
        const details = isObject(response) ? response.incomplete_details : undefined;
        const reason = isObject(details) ? details.reason : undefined;
        this.pendingError = ApiError.stream(
          `Incomplete response returned, reason: ${typeof reason === 'string' ? reason : 'unknown'}`,
        );
        return undefined;
      }
      default:
        return undefined;
    }
  }

  #serverModel(responseHeaders: unknown, topLevelHeaders: unknown, out: ResponseEvent[]): void {
    const model = modelFromHeaders(responseHeaders) ?? modelFromHeaders(topLevelHeaders);
    if (model === undefined || model === this.#lastServerModel) return;
    this.#lastServerModel = model;
    out.push({ type: 'serverModel', model });
  }

  #metadata(metadata: unknown, out: ResponseEvent[]): void {
    if (!isObject(metadata)) return;
    const recommendations = metadata.openai_verification_recommendation;
    if (Array.isArray(recommendations) && recommendations.includes(TRUSTED_ACCESS_FOR_CYBER)) {
      out.push({ type: 'modelVerifications', verifications: [TRUSTED_ACCESS_FOR_CYBER] });
    }
    const moderation = metadata.openai_chatgpt_moderation_metadata;
    if (moderation !== undefined)
      out.push({ type: 'turnModerationMetadata', metadata: moderation });
  }
}

/**
 * Whether a text delta event carries nothing but its delta: no headers that could name the
 * model, and its other known keys absent or of their JSON types.
 */
function isPlainDelta(event: Json): boolean {
  const itemId = event.item_id;
  const callId = event.call_id;
  const summaryIndex = event.summary_index;
  const contentIndex = event.content_index;
  return (
    event.response == null &&
    event.headers == null &&
    (itemId == null || typeof itemId === 'string') &&
    (callId == null || typeof callId === 'string') &&
    (summaryIndex == null || isI64(summaryIndex)) &&
    (contentIndex == null || isI64(contentIndex))
  );
}

/** `openai-model` / `x-openai-model` (any case) of a JSON headers object. */
function modelFromHeaders(headers: unknown): string | undefined {
  if (!isObject(headers)) return undefined;
  for (const key in headers) {
    const lower = key.toLowerCase();
    if (lower !== 'openai-model' && lower !== 'x-openai-model') continue;
    const model = firstString(headers[key]);
    if (model !== undefined) return model;
  }
  return undefined;
}

function firstString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.length > 0) return firstString(value[0]);
  return undefined;
}

/** The `Completed` event of a `response.completed` payload, or why it does not parse. */
function parseCompleted(response: unknown): ResponseEvent | string {
  if (!isObject(response)) return 'invalid type: expected struct ResponseCompleted';
  const id = response.id;
  if (id == null) return 'missing field `id`';
  if (typeof id !== 'string') return 'invalid type for `id`: expected a string';
  const endTurn = response.end_turn;
  if (endTurn != null && typeof endTurn !== 'boolean') {
    return 'invalid type for `end_turn`: expected a boolean';
  }
  let tokenUsage: TokenUsage | undefined;
  const usage = response.usage;
  if (usage != null) {
    const parsed = parseUsage(usage);
    if (typeof parsed === 'string') return parsed;
    tokenUsage = parsed;
  }
  const event: ResponseEvent = { type: 'completed', responseId: id };
  if (tokenUsage !== undefined) event.tokenUsage = tokenUsage;
  if (typeof endTurn === 'boolean') event.endTurn = endTurn;
  return event;
}

function parseUsage(usage: unknown): TokenUsage | string {
  if (!isObject(usage)) return 'invalid type for `usage`: expected struct ResponseCompletedUsage';
  const inputTokens = requiredInteger(usage, 'input_tokens');
  if (typeof inputTokens === 'string') return inputTokens;
  const outputTokens = requiredInteger(usage, 'output_tokens');
  if (typeof outputTokens === 'string') return outputTokens;
  const totalTokens = requiredInteger(usage, 'total_tokens');
  if (typeof totalTokens === 'string') return totalTokens;
  const cached = detailCount(usage.input_tokens_details, 'cached_tokens');
  if (typeof cached === 'string') return cached;
  const reasoning = detailCount(usage.output_tokens_details, 'reasoning_tokens');
  if (typeof reasoning === 'string') return reasoning;
  return {
    inputTokens,
    cachedInputTokens: cached,
    outputTokens,
    reasoningOutputTokens: reasoning,
    totalTokens,
  };
}

function requiredInteger(object: Json, key: string): number | string {
  const value = object[key];
  if (value == null) return `missing field \`${key}\``;
  return isI64(value) ? value : `invalid type for \`${key}\``;
}

function detailCount(details: unknown, key: string): number | string {
  if (details == null) return 0;
  if (!isObject(details)) return `invalid type: expected an object with \`${key}\``;
  return requiredInteger(details, key);
}

/** The error a `response.failed` event stands for, by `error.code` only. */
function classifyFailure(response: unknown): ApiError {
  if (!isObject(response)) return ApiError.stream(FAILED_EVENT_RECEIVED);
  const error = response.error;
  if (!isObject(error)) return ApiError.stream(FAILED_EVENT_RECEIVED);
  const { code, message } = error;
  if (
    !optionalOf(error.type, 'string') ||
    !optionalOf(code, 'string') ||
    !optionalOf(message, 'string') ||
    !optionalOf(error.plan_type, 'string') ||
    !(error.resets_at == null || isI64(error.resets_at))
  ) {
    return ApiError.stream(FAILED_EVENT_RECEIVED);
  }
  const text = message as string | null | undefined;
  switch (code) {
    case 'context_length_exceeded':
      return new ApiError({ kind: 'contextWindowExceeded' });
    case 'insufficient_quota':
      return new ApiError({ kind: 'quotaExceeded' });
    case 'usage_not_included':
      return new ApiError({ kind: 'usageNotIncluded' });
    case 'cyber_policy':
      return new ApiError({
        kind: 'cyberPolicy',
        // Rust's `trim` (U+FEFF is not white space there, U+0085 is).
        message: text == null || rustTrim(text) === '' ? CYBER_POLICY_FALLBACK : text,
      });
    case 'invalid_prompt':
      return new ApiError({ kind: 'invalidRequest', message: text ?? INVALID_REQUEST_FALLBACK });
    case 'server_is_overloaded':
    case 'slow_down':
      return new ApiError({ kind: 'serverOverloaded' });
    default: {
      const delayMs =
        code === 'rate_limit_exceeded' && text != null ? retryAfterMs(text) : undefined;
      return new ApiError(
        delayMs === undefined
          ? { kind: 'retryable', message: text ?? '' }
          : { kind: 'retryable', message: text ?? '', delayMs },
      );
    }
  }
}

function optionalOf(value: unknown, type: 'string'): boolean {
  return value == null || typeof value === type;
}

/**
 * The delay a rate-limit message asks for (`… try again in 1.5s …`), in milliseconds: seconds
 * keep their fraction, milliseconds are truncated to an integer; `undefined` when none is given.
 *
 * @internal exported for tests.
 */
export function retryAfterMs(message: string): number | undefined {
  const match = RETRY_AFTER.exec(message);
  if (match === null) return undefined;
  const value = Number(match[1]);
  if (!Number.isFinite(value)) return undefined;
  const unit = match[2]!.toLowerCase();
  if (unit === 'ms') return Math.trunc(value);
  // Seconds: keep the fraction, rounded to the microsecond so 1.898 s is 1898 ms, not 1897.99….
  return Math.round(value * 1_000_000) / 1000;
}
