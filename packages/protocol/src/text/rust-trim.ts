// Rust's `str::trim` strips Unicode White_Space, which is not JavaScript's set: it keeps U+FEFF and
// strips U+0085. Rendering must match upstream byte for byte, so trim with Rust's set.
const leading = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
const trailing = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/;

/**
 * Trims whitespace the way Rust's `str::trim` does.
 * @internal
 */
export function rustTrim(text: string): string {
  return text.replace(leading, '').replace(trailing, '');
}
