import { type ApiError, defaultMapApiError } from '@codex/api';
import type { CodexError } from '@codex/protocol';
import { bedrockExpiredSignatureGuidance } from './bedrock-expired-signature-guidance.js';
import { isBedrockExpiredSignature } from './is-bedrock-expired-signature.js';

/** Options of {@link mapBedrockApiError}. */
export interface MapBedrockApiErrorOptions {
  /** Named in the guidance's last words (`then restart …`). @default 'Codex' */
  readonly applicationName?: string | undefined;
}

/**
 * The Bedrock provider's error mapping: the provider-neutral `defaultMapApiError`, then, for an
 * `UnexpectedStatusError` with status 401 whose raw body contains `Signature expired:`, the
 * expired-signature guidance as its `userMessage` (url, cf-ray, request id and the other
 * diagnostics are kept and still rendered after it). Every other error is returned unchanged.
 * Synchronous and total.
 */
export function mapBedrockApiError(
  error: ApiError,
  options: MapBedrockApiErrorOptions = {},
): CodexError {
  const mapped = defaultMapApiError(error);
  if (!isBedrockExpiredSignature(mapped)) return mapped;
  return mapped.withUserMessage(bedrockExpiredSignatureGuidance(options.applicationName));
}
