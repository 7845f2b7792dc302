/**
 * Reads `body` to its end, or to `limit` bytes (then cancels the rest). Returns the bytes and
 * whether they were cut.
 */
export async function readBody(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<{ data: Uint8Array; truncated: boolean }> {
  if (body === null) return { data: new Uint8Array(0), truncated: false };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
      if (size > limit) {
        truncated = true;
        break;
      }
    }
  } finally {
    if (truncated) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  if (chunks.length === 1 && !truncated) return { data: chunks[0]!, truncated };
  const data = new Uint8Array(Math.min(size, limit));
  let offset = 0;
  for (const chunk of chunks) {
    if (offset >= data.byteLength) break;
    const part = chunk.subarray(0, data.byteLength - offset);
    data.set(part, offset);
    offset += part.byteLength;
  }
  return { data, truncated };
}

/**
 * The text of an error body: `strict` gives `undefined` for bytes that are not UTF-8 (upstream
 * `execute`), `lossy` replaces them (upstream `stream`). A body cut at the size cap first loses
 * the incomplete character at its end.
 */
export function decodeErrorBody(
  bytes: Uint8Array,
  mode: 'strict' | 'lossy',
  truncated: boolean,
): string | undefined {
  const data = truncated ? bytes.subarray(0, utf8Boundary(bytes)) : bytes;
  if (mode === 'lossy') return new TextDecoder().decode(data);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(data);
  } catch {
    return undefined;
  }
}

function utf8Boundary(bytes: Uint8Array): number {
  const end = bytes.byteLength;
  // Step back over at most three continuation bytes to the lead byte of the last character.
  for (let back = 1; back <= 4 && end - back >= 0; back++) {
    const byte = bytes[end - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? end - back : end;
  }
  return end;
}
