/** Most characters of a response body an error message quotes. */
export const MAX_BODY_EXCERPT = 1000;

/**
 * At most {@link MAX_BODY_EXCERPT} characters of `text` (never splitting a surrogate pair), with
 * `… (<n> characters in all)` when it was cut: an error must stay readable, and a 50 MB body that
 * does not decode must not become a 50-million-character message.
 *
 * @example bodyExcerpt('x'.repeat(5000)) // 'xxx…x… (5000 characters in all)'
 */
export function bodyExcerpt(text: string, limit: number = MAX_BODY_EXCERPT): string {
  if (text.length <= limit) return text;
  let end = limit;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}… (${text.length} characters in all)`;
}
