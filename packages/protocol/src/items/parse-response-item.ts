import { ItemIssue, readResponseItem } from './read-response-item.js';
import type { ResponseItem } from './response-item.js';

/** The result of a `safeParse…` function: never throws, tells success from failure. */
export type ParseResult<T> = { success: true; value: T } | { success: false; error: TypeError };

/**
 * Validates a JSON value as a {@link ResponseItem} without throwing.
 *
 * Unknown item types succeed as `{ type: 'other' }`; a known type with a missing or mistyped
 * required field fails. Only the shape of the item's own variant is checked.
 *
 * @example
 * const result = safeParseResponseItem(JSON.parse(data).item);
 * if (result.success) handle(result.value);
 */
export function safeParseResponseItem(json: unknown): ParseResult<ResponseItem> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return failure('invalid response item: expected a JSON object');
  }
  const type = (json as { type?: unknown }).type;
  if (typeof type !== 'string') {
    return failure('invalid response item: expected a string "type"');
  }
  try {
    return {
      success: true,
      value: readResponseItem(type, json as Record<string, unknown>) ?? { type: 'other' },
    };
  } catch (error) {
    if (!(error instanceof ItemIssue)) throw error;
    const path = error.path.length > 0 ? error.path.join('.') : '(item)';
    return failure(`invalid "${type}" response item: ${path}: ${error.problem}`);
  }
}

/**
 * Validates a JSON value as a {@link ResponseItem}.
 *
 * @throws {TypeError} naming the item type and the offending fields when the value is not a valid
 * item of a known type.
 */
export function parseResponseItem(json: unknown): ResponseItem {
  const result = safeParseResponseItem(json);
  if (!result.success) throw result.error;
  return result.value;
}

function failure(message: string): ParseResult<never> {
  return { success: false, error: new TypeError(message) };
}
