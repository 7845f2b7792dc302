import { TransportError } from '@codex/client';
import { ApiError } from './api-error.js';

/**
 * Converts anything an endpoint call failed with into an `ApiError`, except the caller's abort,
 * which is returned unchanged (callers rethrow it as it is): an `ApiError` as it is, a
 * `TransportError` wrapped as kind `transport`, anything else as kind `stream` with its message.
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
