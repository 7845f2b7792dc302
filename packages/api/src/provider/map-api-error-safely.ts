import { CodexError } from '@codex/protocol';
import type { ApiError } from '../errors/api-error.js';
import { defaultMapApiError } from './default-map-api-error.js';
import type { ModelProvider } from './model-provider.js';

/**
 * `provider.mapApiError(error)`, guarded: a hook that throws or returns something that is not a
 * `CodexError` must not replace the real failure with a confusing one, so the neutral mapping is
 * used instead (the hook's own failure is dropped; the `ApiError` stays the `cause`).
 */
export function mapApiErrorSafely(provider: ModelProvider, error: ApiError): CodexError {
  try {
    const mapped: unknown = provider.mapApiError(error);
    if (CodexError.isInstance(mapped)) return mapped;
  } catch {
    // Fall through to the neutral mapping.
  }
  return defaultMapApiError(error);
}
