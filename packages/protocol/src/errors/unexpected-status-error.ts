import { formatStatus } from '../status-text.js';
import { rustTrim } from '../text/rust-trim.js';
import { truncateUtf8 } from '../text/truncate-utf8.js';
import { assertStatus } from './assert-status.js';
import { CodexError, type CodexErrorOptions, isMarked, markErrorClass } from './codex-error.js';
import type { CodexErrorInfo } from './codex-error-info.js';

/** The rendered body is cut to this many UTF-8 bytes (plus `...`). */
const BODY_MAX_BYTES = 1000;

/** The data of an {@link UnexpectedStatusError}. */
export interface UnexpectedStatusDetails {
  /** The HTTP status code. */
  status: number;
  /** The raw response body; `""` when there was none. */
  body: string;
  /**
   * Text shown instead of `unexpected status …: …` (the diagnostics are still appended). Set by a
   * provider's error hook, or by the neutral mapping for a Cloudflare block.
   */
  userMessage?: string | undefined;
  /** The URL actually requested. */
  url?: string | undefined;
  /** The `cf-ray` response header. */
  cfRay?: string | undefined;
  /** The `x-request-id` (or `x-oai-request-id`) response header. */
  requestId?: string | undefined;
  /** The `x-openai-authorization-error` response header. */
  identityAuthorizationError?: string | undefined;
  /** `error.code` of the base64 JSON in the `x-error-json` response header. */
  identityErrorCode?: string | undefined;
}

/** Named arguments of {@link UnexpectedStatusError}. */
export interface UnexpectedStatusErrorOptions extends UnexpectedStatusDetails, CodexErrorOptions {}

/**
 * The server answered with a status nothing else classified (upstream `UnexpectedResponseError`).
 *
 * Message: the `userMessage` when set, otherwise `unexpected status {code} {reason}: {body}`, where
 * body is the JSON `error.message` when there is a non-blank one, else the trimmed body cut to 1000
 * bytes (`...` appended), else `Unknown error`; then, each only when present and in this order,
 * `, url: …`, `, cf-ray: …`, `, request id: …`, `, auth error: …`, `, auth error code: …`.
 * Retryable (a turn retries it).
 *
 * @example
 * new UnexpectedStatusError({ status: 403, body: 'plain text error', url: 'http://example.com/plain' })
 *   .message; // 'unexpected status 403 Forbidden: plain text error, url: http://example.com/plain'
 */
export class UnexpectedStatusError extends CodexError {
  override readonly name: string = 'UnexpectedStatusError';
  readonly kind: 'unexpected_status' = 'unexpected_status';
  readonly isRetryable: boolean = true;
  /** The HTTP status code. */
  readonly status: number;
  /** The raw response body; `""` when there was none. */
  readonly body: string;
  /** Text shown instead of `unexpected status …: …`. */
  readonly userMessage?: string;
  /** The URL actually requested. */
  readonly url?: string;
  /** The `cf-ray` response header. */
  readonly cfRay?: string;
  /** The request id response header. */
  readonly requestId?: string;
  /** The `x-openai-authorization-error` response header. */
  readonly identityAuthorizationError?: string;
  /** The decoded `x-error-json` error code. */
  readonly identityErrorCode?: string;

  constructor(options: UnexpectedStatusErrorOptions) {
    assertStatus(options.status, 'status');
    if (typeof options.body !== 'string') throw new TypeError('body must be a string');
    const details: UnexpectedStatusDetails = { ...options };
    super(() => renderUnexpectedStatus(details), options);
    markErrorClass(this, 'UnexpectedStatusError');
    this.status = options.status;
    this.body = options.body;
    if (options.userMessage !== undefined) this.userMessage = options.userMessage;
    if (options.url !== undefined) this.url = options.url;
    if (options.cfRay !== undefined) this.cfRay = options.cfRay;
    if (options.requestId !== undefined) this.requestId = options.requestId;
    if (options.identityAuthorizationError !== undefined) {
      this.identityAuthorizationError = options.identityAuthorizationError;
    }
    if (options.identityErrorCode !== undefined) this.identityErrorCode = options.identityErrorCode;
  }

  override get httpStatus(): number {
    return this.status;
  }

  get errorInfo(): CodexErrorInfo {
    return 'other';
  }

  /** The error's data, for building a modified copy. */
  get details(): UnexpectedStatusDetails {
    const details: UnexpectedStatusDetails = { status: this.status, body: this.body };
    if (this.userMessage !== undefined) details.userMessage = this.userMessage;
    if (this.url !== undefined) details.url = this.url;
    if (this.cfRay !== undefined) details.cfRay = this.cfRay;
    if (this.requestId !== undefined) details.requestId = this.requestId;
    if (this.identityAuthorizationError !== undefined) {
      details.identityAuthorizationError = this.identityAuthorizationError;
    }
    if (this.identityErrorCode !== undefined) details.identityErrorCode = this.identityErrorCode;
    return details;
  }

  /**
   * A new error equal to this one (status, body, diagnostics, cause) but showing `userMessage` in
   * place of `unexpected status …: …`. This is how a provider attaches guidance.
   *
   * @example
   * error.withUserMessage('Refresh your credentials and retry').message;
   * // 'Refresh your credentials and retry, url: https://…/responses, request id: req-1'
   */
  withUserMessage(userMessage: string): UnexpectedStatusError {
    if (typeof userMessage !== 'string') throw new TypeError('userMessage must be a string');
    return withUserMessage(this, userMessage);
  }

  /** Whether `value` is an `UnexpectedStatusError`, from any installed copy of this package. */
  static override isInstance(value: unknown): value is UnexpectedStatusError {
    return isMarked(value, 'UnexpectedStatusError');
  }
}

// Outside the class body: a class that names itself inside its body is emitted by esbuild as
// `var UnexpectedStatusError = class _UnexpectedStatusError`, and its `name` changes with it.
function withUserMessage(error: UnexpectedStatusError, userMessage: string): UnexpectedStatusError {
  return new UnexpectedStatusError({ ...error.details, userMessage, cause: error.cause });
}

function renderUnexpectedStatus(details: UnexpectedStatusDetails): string {
  let message =
    details.userMessage ??
    `unexpected status ${formatStatus(details.status)}: ${displayBody(details.body)}`;
  if (details.url !== undefined) message += `, url: ${details.url}`;
  if (details.cfRay !== undefined) message += `, cf-ray: ${details.cfRay}`;
  if (details.requestId !== undefined) message += `, request id: ${details.requestId}`;
  if (details.identityAuthorizationError !== undefined) {
    message += `, auth error: ${details.identityAuthorizationError}`;
  }
  if (details.identityErrorCode !== undefined) {
    message += `, auth error code: ${details.identityErrorCode}`;
  }
  return message;
}

function displayBody(body: string): string {
  const fromJson = jsonErrorMessage(body);
  if (fromJson !== undefined) return fromJson;
  const trimmed = rustTrim(body);
  if (trimmed === '') return 'Unknown error';
  return truncateUtf8(trimmed, BODY_MAX_BYTES);
}

function jsonErrorMessage(body: string): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  const error = (json as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const message = (error as { message?: unknown }).message;
  if (typeof message !== 'string') return undefined;
  const trimmed = rustTrim(message);
  return trimmed === '' ? undefined : trimmed;
}
