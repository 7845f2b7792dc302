import { schemaForItemType } from './item-schemas.js';
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
  const schema = schemaForItemType(type);
  if (schema === undefined) return { success: true, value: { type: 'other' } };

  const result = schema.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues
      .map((issue) => {
        const path = issue.path.length > 0 ? issue.path.join('.') : '(item)';
        const expected = 'expected' in issue ? ` (expected ${String(issue.expected)})` : '';
        return `${path}: ${issue.code}${expected}`;
      })
      .join('; ');
    return failure(`invalid "${type}" response item: ${issues}`, result.error);
  }
  const value = result.data;
  // `compaction_summary` is an input alias of `compaction`; the library only speaks the latter.
  if ((value.type as string) === 'compaction_summary') value.type = 'compaction';
  return { success: true, value };
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

function failure(message: string, cause?: unknown): ParseResult<never> {
  return {
    success: false,
    error: cause === undefined ? new TypeError(message) : new TypeError(message, { cause }),
  };
}
