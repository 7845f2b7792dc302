// Rust's `str::trim` strips what `char::is_whitespace` accepts: the Unicode White_Space property,
// which is not JavaScript's `String#trim` set. Rust keeps U+FEFF (JavaScript strips it) and strips
// U+0085 (JavaScript keeps it). Every White_Space character is in the BMP, so one UTF-16 code unit
// decides. Scanning from both ends is linear; an anchored `[…]+$` regex is quadratic on a long run
// of white space inside the text, and the text trimmed here is an HTTP body of any size.
function isRustWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/**
 * Trims white space the way Rust's `str::trim` does: leading and trailing characters with the
 * Unicode White_Space property. Unlike `String#trim`, it keeps U+FEFF (a byte order mark is not
 * white space in Rust) and strips U+0085 (NEXT LINE). Use it wherever a value must match what
 * upstream Codex trims byte for byte.
 *
 * @example
 * rustTrim('\u0085 text \ufeff'); // 'text \ufeff'
 */
export function rustTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isRustWhitespace(text.charCodeAt(start))) start += 1;
  while (end > start && isRustWhitespace(text.charCodeAt(end - 1))) end -= 1;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}
