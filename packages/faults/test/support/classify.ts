import { ApiError } from '@codex/api';
import { CodexError } from '@codex/protocol';

/**
 * The outcome class of a call, the same for every client: `ok`, `abort` (the caller's reason,
 * unwrapped), or the `ApiError` behind the failure — for `ModelClient`, the `cause` of the
 * provider-mapped `CodexError`:
 *
 * - `http:<status>`, `redirect:<status>`, `network`, `timeout`, `build`, `transport-stream`:
 *   a transport failure of that kind;
 * - `stream`: a stream (or decode) failure; its message is checked by the cell;
 * - any other `ApiError` kind by name (`retryable`, …);
 * - `foreign:<name>` for anything else — always a defect (the clients only throw their own errors).
 */
export function classify(error: unknown, abortReason: unknown): string {
  if (abortReason !== undefined && error === abortReason) return 'abort';
  const apiError = CodexError.isInstance(error) ? error.cause : error;
  if (!ApiError.isInstance(apiError)) {
    return `foreign:${error instanceof Error ? error.name : typeof error}`;
  }
  const details = apiError.details;
  if (details.kind !== 'transport') return details.kind;
  const transportError = details.transportError;
  switch (transportError.kind) {
    case 'http':
    case 'redirect':
      return `${transportError.kind}:${transportError.status}`;
    case 'stream':
      return 'transport-stream';
    default:
      return transportError.kind;
  }
}

/** The message a user reads: the mapped error's, else the `ApiError`'s. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
