import type { TransportError } from '@codex/client';
import {
  type CodexError,
  ContextWindowExceededError,
  CyberPolicyError,
  cloudflareBlockedMessage,
  InternalServerError,
  InvalidImageRequestError,
  InvalidRequestError,
  parsePlanType,
  parseRateLimitReachedType,
  QuotaExceededError,
  RequestTimeoutError,
  RetryLimitError,
  rustTrim,
  ServerOverloadedError,
  StreamDisconnectedError,
  UnexpectedStatusError,
  UsageLimitReachedError,
  UsageNotIncludedError,
} from '@codex/protocol';
import type { ApiError } from '../errors/api-error.js';
import { extractResponseDebugContext } from '../errors/extract-response-debug-context.js';
import { isI64 } from '../is-i64.js';
import { parsePromoMessage, parseRateLimitForLimit } from '../rate-limits/rate-limit-headers.js';
import { readHeader } from '../read-header.js';

const CYBER_POLICY_FALLBACK = 'This request has been flagged for possible cybersecurity risk.';
const INVALID_IMAGE_MARKER = 'The image data you provided does not represent a valid image';

/**
 * The provider-neutral mapping of an endpoint failure to the error a user sees (upstream
 * `codex-api` `map_api_error`). Every `ModelProvider` uses it unless it overrides `mapApiError`;
 * an override usually calls it first and adjusts the result (e.g. `withUserMessage`).
 *
 * | `ApiError` | result |
 * |---|---|
 * | `contextWindowExceeded`, `quotaExceeded`, `usageNotIncluded`, `serverOverloaded`, `invalidRequest`, `cyberPolicy` | the same-named error |
 * | `retryable` | `StreamDisconnectedError` with the message and `retryDelayMs` |
 * | `stream`, `rateLimit` | `StreamDisconnectedError` |
 * | `api` | `UnexpectedStatusError` (body = message) |
 * | transport `timeout` / `network`, `build` / `retryLimit` | `RequestTimeoutError` / `StreamDisconnectedError` / `RetryLimitError` (status 500) |
 * | transport `http` 503 with `error.code` `server_is_overloaded` or `slow_down` | `ServerOverloadedError` |
 * | transport `http` 400 | `CyberPolicyError` (`error.code` `cyber_policy`, also in the WebSocket-wrapped shape), `InvalidImageRequestError`, else `InvalidRequestError` with the raw body |
 * | transport `http` 500 | `InternalServerError` |
 * | transport `http` 429 | `UsageLimitReachedError` (`usage_limit_reached`), `UsageNotIncludedError` (`usage_not_included`), else `RetryLimitError` (request id: `x-request-id` → `x-oai-request-id` → `cf-ray`) |
 * | transport `http`, any other status | `UnexpectedStatusError` with url, `cf-ray`, request id (`x-request-id` → `x-oai-request-id`), `x-openai-authorization-error`, the `error.code` of the base64 JSON `x-error-json`, and the Cloudflare `userMessage` for a blocked 403 |
 *
 * The `ApiError` is kept as `cause` of the result. Header values that are not visible ASCII
 * count as absent.
 *
 * @example
 * const error = defaultMapApiError(apiError);
 * console.error(error.message); // e.g. 'unexpected status 401 Unauthorized: …, url: …, request id: req-1'
 */
export function defaultMapApiError(error: ApiError): CodexError {
  const cause = { cause: error };
  const details = error.details;
  switch (details.kind) {
    case 'contextWindowExceeded':
      return new ContextWindowExceededError(cause);
    case 'quotaExceeded':
      return new QuotaExceededError(cause);
    case 'usageNotIncluded':
      return new UsageNotIncludedError(cause);
    case 'serverOverloaded':
      return new ServerOverloadedError(cause);
    case 'invalidRequest':
      return new InvalidRequestError({ message: details.message, ...cause });
    case 'cyberPolicy':
      return new CyberPolicyError({ message: details.message, ...cause });
    case 'retryable':
      return new StreamDisconnectedError({
        detail: details.message,
        retryDelayMs: details.delayMs,
        ...cause,
      });
    case 'stream':
    case 'rateLimit':
      return new StreamDisconnectedError({ detail: details.message, ...cause });
    case 'api':
      return new UnexpectedStatusError({
        status: details.status,
        body: details.message,
        userMessage: cloudflareBlockedMessage(details.status, details.message),
        ...cause,
      });
    case 'transport':
      return mapTransportError(details.transportError, error);
  }
}

function mapTransportError(transportError: TransportError, error: ApiError): CodexError {
  const cause = { cause: error };
  switch (transportError.kind) {
    case 'timeout':
      return new RequestTimeoutError(cause);
    case 'network':
    case 'build':
    case 'stream':
      return new StreamDisconnectedError({ detail: transportError.detail ?? '', ...cause });
    case 'idleTimeout':
      return new StreamDisconnectedError({ detail: 'idle timeout waiting for SSE', ...cause });
    case 'retryLimit':
      return new RetryLimitError({ status: 500, ...cause });
    case 'http':
      return mapHttpError(transportError, error);
    case 'redirect': {
      // Not an upstream case: a redirect this transport refuses. It keeps the status and the
      // diagnostics of an unexpected status, with the refusal as the text a user sees.
      const context = extractResponseDebugContext(transportError);
      return new UnexpectedStatusError({
        status: transportError.status ?? 0,
        body: '',
        userMessage: transportError.message,
        url: transportError.url,
        cfRay: context.cfRay,
        requestId: context.requestId,
        ...cause,
      });
    }
  }
}

function mapHttpError(transportError: TransportError, error: ApiError): CodexError {
  const cause = { cause: error };
  const status = transportError.status ?? 0;
  const headers = transportError.headers;
  const body = transportError.body ?? '';

  if (status === 503) {
    const code = errorObject(parseJson(body))?.code;
    if (code === 'server_is_overloaded' || code === 'slow_down') {
      return new ServerOverloadedError(cause);
    }
  } else if (status === 400) {
    const errorBody = errorObject(parseJson(body));
    if (errorBody?.code === 'cyber_policy') {
      const message = typeof errorBody.message === 'string' ? errorBody.message : '';
      return new CyberPolicyError({
        // Rust's `trim`: a message of only U+FEFF is kept, one of only U+0085 is blank.
        message: rustTrim(message) === '' ? CYBER_POLICY_FALLBACK : message,
        ...cause,
      });
    }
    if (body.includes(INVALID_IMAGE_MARKER)) return new InvalidImageRequestError(cause);
    return new InvalidRequestError({ message: body, ...cause });
  } else if (status === 500) {
    return new InternalServerError(cause);
  } else if (status === 429) {
    const usage = parseUsageErrorBody(body);
    if (usage?.type === 'usage_limit_reached') {
      const reachedType = readHeader(headers, 'x-codex-rate-limit-reached-type');
      return new UsageLimitReachedError({
        planType: usage.planType === undefined ? undefined : parsePlanType(usage.planType),
        resetsAt: usage.resetsAt === undefined ? undefined : epochSecondsToDate(usage.resetsAt),
        rateLimits:
          headers === undefined
            ? undefined
            : parseRateLimitForLimit(headers, readHeader(headers, 'x-codex-active-limit')),
        promoMessage: headers === undefined ? undefined : parsePromoMessage(headers),
        rateLimitReachedType:
          reachedType === undefined ? undefined : parseRateLimitReachedType(reachedType),
        ...cause,
      });
    }
    if (usage?.type === 'usage_not_included') return new UsageNotIncludedError(cause);
    return new RetryLimitError({
      status,
      requestId:
        readHeader(headers, 'x-request-id') ??
        readHeader(headers, 'x-oai-request-id') ??
        readHeader(headers, 'cf-ray'),
      ...cause,
    });
  }

  const context = extractResponseDebugContext(transportError);
  return new UnexpectedStatusError({
    status,
    body,
    userMessage: cloudflareBlockedMessage(status, body),
    url: transportError.url,
    cfRay: context.cfRay,
    requestId: context.requestId,
    identityAuthorizationError: context.authError,
    identityErrorCode: context.authErrorCode,
    ...cause,
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The `error` object of `{"error": {…}}` (any other keys, e.g. the WebSocket wrapper's, ignored). */
function errorObject(json: unknown): Record<string, unknown> | undefined {
  if (!isObject(json)) return undefined;
  const inner = json.error;
  return isObject(inner) ? inner : undefined;
}

interface UsageErrorBody {
  readonly type?: string;
  readonly planType?: string;
  readonly resetsAt?: number;
}

// Upstream deserialises `{"error": {"type"?, "plan_type"?, "resets_at"?}}` strictly: a field of
// the wrong JSON type (a `resets_at` that is not an i64: `1.5`, `-0`) makes the whole body "not a
// usage error" (→ RetryLimit).
function parseUsageErrorBody(body: string): UsageErrorBody | undefined {
  const json = parseJson(body);
  if (!isObject(json) || !isObject(json.error)) return undefined;
  const { type, plan_type: planType, resets_at: resetsAt } = json.error;
  if (type != null && typeof type !== 'string') return undefined;
  if (planType != null && typeof planType !== 'string') return undefined;
  if (resetsAt != null && !isI64(resetsAt)) return undefined;
  const result: { type?: string; planType?: string; resetsAt?: number } = {};
  if (typeof type === 'string') result.type = type;
  if (typeof planType === 'string') result.planType = planType;
  if (typeof resetsAt === 'number') result.resetsAt = resetsAt;
  return result;
}

function epochSecondsToDate(seconds: number): Date | undefined {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
