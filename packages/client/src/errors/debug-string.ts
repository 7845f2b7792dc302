// Characters Rust's `Debug for str` escapes as `\u{…}`: everything `char::is_printable` rejects
// (control, format, surrogate, private-use, unassigned and separator characters other than the
// ASCII space) plus grapheme extenders such as combining marks.
const ESCAPED =
  /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Grapheme_Extend}]|[^\P{Zs} ]|["\\]/gu;

const NAMED: Readonly<Record<string, string>> = {
  '\0': '\\0',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  '"': '\\"',
  '\\': '\\\\',
};

/** Renders a string the way Rust's `{:?}` does: quoted, with the same escapes. */
export function formatDebugString(value: string): string {
  const escaped = value.replace(ESCAPED, (character) => {
    const named = NAMED[character];
    if (named !== undefined) return named;
    return `\\u{${character.codePointAt(0)!.toString(16)}}`;
  });
  return `"${escaped}"`;
}
