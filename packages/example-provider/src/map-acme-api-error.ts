import { type ApiError, defaultMapApiError } from '@codex/api';
import { type CodexError, UnexpectedStatusError } from '@codex/protocol';
import { ACME_QUOTA_MESSAGE } from './acme-quota-message.js';

/** The marker the Acme gateway puts in the body of a 402 when the plan's quota is used up. */
export const ACME_QUOTA_MARKER = 'quota_exhausted';

/**
 * The Acme provider's error mapping: the neutral `defaultMapApiError` first, then one rule of its
 * own — a `402` whose body contains {@link ACME_QUOTA_MARKER} gets {@link ACME_QUOTA_MESSAGE} as
 * its `userMessage` (status, body, url, request id and `cause` are kept). Every other error is
 * returned exactly as the neutral mapping made it. Synchronous and total, as `ModelProvider`
 * requires.
 *
 * @example
 * mapAcmeApiError(apiError).message;
 * // 'Your Acme plan is out of quota. Top up at https://console.acme.example/billing and retry, url: …, request id: …'
 */
export function mapAcmeApiError(error: ApiError): CodexError {
  const mapped = defaultMapApiError(error);
  if (
    UnexpectedStatusError.isInstance(mapped) &&
    mapped.status === 402 &&
    mapped.body.includes(ACME_QUOTA_MARKER)
  ) {
    return mapped.withUserMessage(ACME_QUOTA_MESSAGE);
  }
  return mapped;
}
