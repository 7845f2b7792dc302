const encoder = new TextEncoder();

/**
 * Shortens text longer than `maxBytes` UTF-8 bytes by cutting out its middle: the first
 * `floor(maxBytes / 2)` bytes and the last remaining bytes are kept (on character boundaries) around
 * a `…{N} chars truncated…` marker, N being the number of characters removed.
 *
 * @param maxBytes - @default 2048 (the size of error messages shown in a UI)
 * @example
 * truncateMiddle('a'.repeat(3000)); // 'aaa…952 chars truncated…aaa' (1024 + 1024 kept)
 */
export function truncateMiddle(text: string, maxBytes = 2048): string {
  if (!Number.isInteger(maxBytes) || maxBytes < 0) {
    throw new RangeError('maxBytes must be a non-negative integer');
  }
  if (text.length * 3 <= maxBytes || encoder.encode(text).length <= maxBytes) return text;

  const characters = Array.from(text);
  const prefixBudget = Math.floor(maxBytes / 2);
  const suffixBudget = maxBytes - prefixBudget;

  let prefixEnd = 0;
  for (let used = 0; prefixEnd < characters.length; prefixEnd += 1) {
    const size = utf8Length(characters[prefixEnd] as string);
    if (used + size > prefixBudget) break;
    used += size;
  }
  let suffixStart = characters.length;
  for (let used = 0; suffixStart > prefixEnd; suffixStart -= 1) {
    const size = utf8Length(characters[suffixStart - 1] as string);
    if (used + size > suffixBudget) break;
    used += size;
  }
  const removed = suffixStart - prefixEnd;
  return `${characters.slice(0, prefixEnd).join('')}…${removed} chars truncated…${characters.slice(suffixStart).join('')}`;
}

function utf8Length(character: string): number {
  const code = character.codePointAt(0) ?? 0;
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code < 0x10000) return 3;
  return 4;
}
