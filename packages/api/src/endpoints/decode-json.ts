import { ApiError } from '../errors/api-error.js';
import { errorMessage } from './encode-json.js';

/** Parses a unary response body; a failure is `ApiError` of kind `stream` with the parser's text. */
export function decodeJsonBody(body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(body));
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
