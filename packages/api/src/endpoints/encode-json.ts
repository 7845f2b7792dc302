import { encodedJsonBody, type RequestBody } from '@codex/client';
import { ApiError } from '../errors/api-error.js';

/**
 * Serialises a request body up front, so that a value JSON cannot represent (a `BigInt`, a
 * cycle) fails with the endpoint's own `stream error: failed to encode …: …` message instead of
 * a generic build error.
 */
export function encodeJson(value: () => unknown, what: string): RequestBody {
  let text: string | undefined;
  try {
    text = JSON.stringify(value());
  } catch (error) {
    throw ApiError.stream(`failed to encode ${what}: ${errorMessage(error)}`, error);
  }
  if (text === undefined) {
    throw ApiError.stream(`failed to encode ${what}: value is not representable as JSON`);
  }
  return encodedJsonBody(text);
}

/** The message of an error, or its string form. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
