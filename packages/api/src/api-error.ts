import { TransportError } from '@codex/client';

const MARKER = Symbol.for('codex.api.error');

/**
 * What went wrong, as the kinds of the upstream `codex-api` `ApiError` (§7.1 of the spec).
 * `transport` carries the `TransportError` of `@codex/client` (HTTP status, network, timeout,
 * build); the other kinds come from the Responses stream and the decoders.
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
 * maps it to a `CodexError`. `message` is the upstream Display string: `stream error: …`,
 * `retryable error: …`, `context window exceeded`, …; a `transport` error shows the transport
 * error's own message. Never holds a secret: a transport error keeps only the URL sent, the
 * response headers and a size-capped body.
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
    super(renderApiError(details), cause === undefined ? undefined : { cause });
    this.name = 'ApiError';
    this.details = details;
    Object.defineProperty(this, MARKER, { value: true });
  }

  /** The kind of failure (shorthand for `details.kind`). */
  get kind(): ApiErrorKind {
    return this.details.kind;
  }

  /** True for an `ApiError` from any copy of this package. */
  static isInstance(value: unknown): value is ApiError {
    return typeof value === 'object' && value !== null && MARKER in value;
  }

  /** `ApiError` of kind `stream` with `message`. */
  static stream(message: string, cause?: unknown): ApiError {
    return new ApiError({ kind: 'stream', message }, cause === undefined ? undefined : { cause });
  }

  /** `ApiError` of kind `transport` wrapping `error`. */
  static transport(error: TransportError): ApiError {
    return new ApiError({ kind: 'transport', transportError: error });
  }

  /** A JSON view: the kind, the message and the transport error's safe fields. */
  toJSON(): Record<string, unknown> {
    const { details } = this;
    if (details.kind === 'transport') {
      return {
        name: this.name,
        kind: details.kind,
        message: this.message,
        transportError: details.transportError.toJSON(),
      };
    }
    return { name: this.name, ...details, message: this.message };
  }
}

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

/**
 * Converts anything an endpoint call failed with into an `ApiError`, except a user abort, which
 * is returned unchanged (callers rethrow it as it is).
 */
export function toApiError(error: unknown, signal?: AbortSignal): unknown {
  if (signal?.aborted && error === signal.reason) return error;
  if (ApiError.isInstance(error)) return error;
  if (TransportError.isInstance(error)) return ApiError.transport(error);
  if (isAbortError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return ApiError.stream(message, error);
}

function isAbortError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'AbortError'
  );
}
