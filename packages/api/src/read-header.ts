/**
 * The value of header `name`, or `undefined` when it is absent or not visible ASCII (tab, space
 * and `!`…`~`), as upstream's `HeaderValue::to_str` treats such values.
 */
export function readHeader(headers: Headers | undefined, name: string): string | undefined {
  const value = headers?.get(name) ?? undefined;
  if (value === undefined || !/^[\t\x20-\x7e]*$/.test(value)) return undefined;
  return value;
}

/** {@link readHeader}, trimmed; `undefined` when empty after trimming. */
export function readTrimmedHeader(headers: Headers | undefined, name: string): string | undefined {
  const value = readHeader(headers, name)?.trim();
  return value === undefined || value === '' ? undefined : value;
}
