import type { TransportError } from '@codex/client';
import {
  describeCause,
  installInspect,
  installLazyMessage,
  isMarkedError,
  markError,
} from '@codex/protocol';

/**
 * What went wrong, as the kinds of the upstream `codex-api` `ApiError`. `transport` carries the
 * `TransportError` of `@codex/client` (HTTP status, network, timeout, build — including auth
 * failures, which are `build` or, when retrying can help, `network`); the other kinds come from the
 * Responses stream and the decoders.
 */
export type ApiErrorDetails =
  | { readonly kind: 'transport'; readonly transportError: TransportError }
  | { readonly kind: 'api'; readonly status: number; readonly message: string }
  | { readonly kind: 'stream'; readonly message: string }
  | { readonly kind: 'contextWindowExceeded' }
  | { readonly kind: 'quotaExceeded' }
  | { readonly kind: 'usageNotIncluded' }
  | { readonly kind: 'retryable'; readonly message: string; readonly delayMs?: number | undefined }
  | { readonly kind: 'rateLimit'; readonly message: string }
  | { readonly kind: 'invalidRequest'; readonly message: string }
  | { readonly kind: 'cyberPolicy'; readonly message: string }
  | { readonly kind: 'serverOverloaded' };

/** The kind names of {@link ApiErrorDetails}. */
export type ApiErrorKind = ApiErrorDetails['kind'];

/**
 * The failure of an endpoint client (`ResponsesClient`, `CompactClient`, …), before a provider
 * maps it to a `CodexError`. `message` is the upstream Display string — `stream error: …`,
 * `retryable error: …`, `context window exceeded`, …; a `transport` error shows the transport
 * error's own message — rendered when first read. Never holds a secret: a transport error keeps
 * only the URL sent, the response headers and a size-capped body.
 *
 * @example
 * if (ApiError.isInstance(error) && error.details.kind === 'transport') {
 *   console.log(error.details.transportError.status);
 * }
 */
export class ApiError extends Error {
  /** The kind and its data. */
  readonly details: ApiErrorDetails;

  constructor(details: ApiErrorDetails, options?: { readonly cause?: unknown }) {
    const cause =
      options?.cause ?? (details.kind === 'transport' ? details.transportError : undefined);
    super(undefined, cause === undefined ? undefined : { cause });
    markError(this, 'ApiError');
    this.name = 'ApiError';
    this.details = details;
  }

  /** The kind of failure (shorthand for `details.kind`). */
  get kind(): ApiErrorKind {
    return this.details.kind;
  }

  /** True for an `ApiError` from any copy of this package. */
  static isInstance(value: unknown): value is ApiError {
    return isMarkedError(value, 'ApiError');
  }

  /** `ApiError` of kind `stream` with `message`. */
  static stream(message: string, cause?: unknown): ApiError {
    return createApiError({ kind: 'stream', message }, cause);
  }

  /** `ApiError` of kind `transport` wrapping `error`. */
  static transport(error: TransportError): ApiError {
    return createApiError({ kind: 'transport', transportError: error }, undefined);
  }

  /** A plain, secret-free view: name, kind, message, the kind's fields, and the cause's safe view. */
  toJSON(): Record<string, unknown> {
    const { details } = this;
    const json: Record<string, unknown> =
      details.kind === 'transport'
        ? { name: this.name, kind: details.kind, message: this.message }
        : { name: this.name, ...details, message: this.message };
    const cause = describeCause(this.cause);
    if (cause !== undefined) json.cause = cause;
    return json;
  }
}

// Outside the class body: a class that names itself inside its body is emitted by esbuild as
// `var ApiError = class _ApiError`, and its `name` becomes `_ApiError`.
function createApiError(details: ApiErrorDetails, cause: unknown): ApiError {
  return new ApiError(details, cause === undefined ? undefined : { cause });
}

installLazyMessage(ApiError.prototype, (error) => renderApiError(error.details));
installInspect(ApiError.prototype);

/** The upstream Display string of each kind. */
function renderApiError(details: ApiErrorDetails): string {
  switch (details.kind) {
    case 'transport':
      return details.transportError.message;
    case 'api':
      return `api error ${details.status}: ${details.message}`;
    case 'stream':
      return `stream error: ${details.message}`;
    case 'contextWindowExceeded':
      return 'context window exceeded';
    case 'quotaExceeded':
      return 'quota exceeded';
    case 'usageNotIncluded':
      return 'usage not included';
    case 'retryable':
      return `retryable error: ${details.message}`;
    case 'rateLimit':
      return `rate limit: ${details.message}`;
    case 'invalidRequest':
      return `invalid request: ${details.message}`;
    case 'cyberPolicy':
      return `cyber policy: ${details.message}`;
    case 'serverOverloaded':
      return 'server overloaded';
  }
}
