/** Header values accepted wherever this package takes headers. */
export type HeadersInput =
  | Headers
  | Readonly<Record<string, string>>
  | ReadonlyArray<readonly [string, string]>;

/**
 * Copies header input into a new `Headers`, skipping names or values that are not valid HTTP
 * (upstream drops them silently rather than failing).
 *
 * @example toHeadersLenient({ 'x-ok': '1', 'bad name': 'x' }) // Headers { 'x-ok': '1' }
 */
export function toHeadersLenient(input: HeadersInput | undefined): Headers {
  const headers = new Headers();
  if (input === undefined) return headers;
  const entries: Iterable<readonly [string, string]> =
    input instanceof Headers
      ? input.entries()
      : Array.isArray(input)
        ? (input as ReadonlyArray<readonly [string, string]>)
        : Object.entries(input as Record<string, string>);
  for (const [name, value] of entries) setLenient(headers, name, value);
  return headers;
}

/**
 * Sets a header, or does nothing when the name or value is not valid HTTP (upstream skips such
 * values silently; the runtime's error would quote the value, which may be a credential).
 */
export function setLenient(headers: Headers, name: string, value: string): void {
  try {
    headers.set(name, value);
  } catch {
    // Skipped, as upstream does.
  }
}
