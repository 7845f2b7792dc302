import { ApiError } from '../errors/api-error.js';
import { errorMessage } from './encode-json.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Parses a unary response body as serde_json's `from_slice` does; a failure is `ApiError` of kind
 * `stream` with the parser's text. Bytes that are not UTF-8 fail, and a body that starts with a
 * byte order mark is not JSON (a default `TextDecoder` would strip the mark silently).
 */
export function decodeJsonBody(body: Uint8Array): unknown {
  try {
    return JSON.parse(strictUtf8.decode(body));
  } catch (error) {
    throw ApiError.stream(errorMessage(error), error);
  }
}

/** The `key` array of a decoded `{"key": [...]}` response, or a decode error naming what is wrong. */
export function arrayField(json: unknown, key: string): unknown[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new TypeError(`invalid type: expected a JSON object with \`${key}\``);
  }
  const value = (json as Record<string, unknown>)[key];
  if (value === undefined) throw new TypeError(`missing field \`${key}\``);
  if (!Array.isArray(value))
    throw new TypeError(`invalid type: expected a sequence for \`${key}\``);
  return value;
}
