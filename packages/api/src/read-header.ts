import { rustTrim } from '@codex/protocol';

// Upstream's `HeaderValue::to_str` accepts tab, space and `!`…`~` only.
const VISIBLE_ASCII = /^[\t\x20-\x7e]*$/;
// The Fetch standard combines a header received more than once into one value joined by `, `.
const COMBINE_SEPARATOR = ', ';

/** Response headers: a `Headers` (as `fetch` delivers them) or a plain record of single values. */
export type HeaderSource = Headers | Readonly<Record<string, string>>;

/**
 * The first value of header `name` as it arrived, whatever its characters, or `undefined` when
 * the header is absent. Upstream reads `HeaderMap::get`, the first of repeated values. `fetch`
 * does not keep repeated values apart (undici does only for `set-cookie`): it joins them with
 * `, `, so the first value is the text before the first `, `. That is exact for every header
 * whose values cannot themselves contain `, ` — ids, model slugs, numbers, booleans, base64,
 * tokens, and entity tags (RFC 9110 `etagc` has no space). A record holds single values: read
 * whole. Names are case-insensitive either way.
 */
export function firstHeaderValue(
  headers: HeaderSource | undefined,
  name: string,
): string | undefined {
  if (headers === undefined) return undefined;
  if (headers instanceof Headers) {
    const joined = getOrNull(headers, name);
    if (joined === null) return undefined;
    const end = joined.indexOf(COMBINE_SEPARATOR);
    return end === -1 ? joined : joined.slice(0, end);
  }
  return recordValue(headers, name);
}

/**
 * The value of header `name` as upstream reads it (`HeaderMap::get` + `to_str().ok()`): the first
 * value when the header arrived more than once (see {@link firstHeaderValue}), and `undefined`
 * when it is absent or that value is not visible ASCII (tab, space and `!`…`~`).
 *
 * @example readHeader(new Headers([['x-request-id', 'a'], ['x-request-id', 'b']]), 'x-request-id') // 'a'
 */
export function readHeader(headers: HeaderSource | undefined, name: string): string | undefined {
  const value = firstHeaderValue(headers, name);
  return value === undefined || !VISIBLE_ASCII.test(value) ? undefined : value;
}

/**
 * A header upstream reads whole as free text (`x-codex-promo-message`): the whole received value,
 * trimmed as Rust trims, or `undefined` when absent, not visible ASCII, or blank. Not split at
 * `, `: a sentence is far more likely to contain `, ` than the header is to arrive twice (then
 * both values are kept, joined by `, `).
 */
export function readTextHeader(
  headers: HeaderSource | undefined,
  name: string,
): string | undefined {
  if (headers === undefined) return undefined;
  const value =
    headers instanceof Headers
      ? (getOrNull(headers, name) ?? undefined)
      : recordValue(headers, name);
  if (value === undefined || !VISIBLE_ASCII.test(value)) return undefined;
  const trimmed = rustTrim(value);
  return trimmed === '' ? undefined : trimmed;
}

// `Headers#get` throws for a name that is not an HTTP token (e.g. a family named with U+FEFF);
// upstream's `HeaderMap::get` finds nothing.
function getOrNull(headers: Headers, name: string): string | null {
  try {
    return headers.get(name);
  } catch {
    return null;
  }
}

function recordValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const key in headers) {
    if (key.toLowerCase() !== lower) continue;
    const value = headers[key];
    if (typeof value === 'string') return value;
  }
  return undefined;
}
