/**
 * Decodes UTF-8 arriving in chunks exactly as one WHATWG `TextDecoder` would decode the whole
 * stream: characters split across chunks are joined, invalid bytes become U+FFFD, and one leading
 * BOM is stripped. Internal.
 *
 * Why not `TextDecoder` with `{ stream: true }`: on Node 20 a streaming call moves the decoder off
 * its simdutf fast path onto ICU's converter for good, 3–5× slower on ASCII-heavy SSE (measured),
 * and decoding is most of the cost of SSE framing.
 * So each chunk is plain-decoded, except for an incomplete sequence at its end (at most 3 bytes),
 * which is carried over and decoded together with the continuation bytes that start the next
 * chunk. Cutting the bytes anywhere else does not change the result: a decoder holding a partial
 * sequence that meets a byte it cannot accept emits one U+FFFD and starts afresh, which is what
 * a plain decode does at the end of its input.
 */
export class Utf8ChunkDecoder {
  // The BOM is handled here, once for the stream, not once per decode call.
  readonly #decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  #tail: Uint8Array | undefined;
  #started = false;

  /** The text of `bytes`, given everything decoded before. */
  decode(bytes: Uint8Array): string {
    let start = 0;
    let prefix = '';
    const tail = this.#tail;
    if (tail !== undefined) {
      const missing = sequenceLength(tail[0]!) - tail.length;
      let taken = 0;
      while (taken < missing && taken < bytes.length && isContinuation(bytes[taken]!)) taken++;
      if (taken < missing && taken === bytes.length) {
        // Still incomplete (tiny chunks): keep carrying.
        this.#tail = concat(tail, bytes);
        return '';
      }
      this.#tail = undefined;
      prefix = this.#decoder.decode(concat(tail, bytes.subarray(0, taken)));
      start = taken;
    }
    let end = bytes.length;
    // A pending sequence has at most 3 bytes, so its lead byte is among the last 3.
    for (let index = end - 1; index >= start && index >= end - 3; index--) {
      const byte = bytes[index]!;
      if (isContinuation(byte)) continue;
      if (byte >= 0xc0 && end - index < sequenceLength(byte)) {
        this.#tail = bytes.slice(index, end);
        end = index;
      }
      break;
    }
    let text = start === end ? '' : this.#decoder.decode(bytes.subarray(start, end));
    if (prefix !== '') text = prefix + text;
    if (!this.#started && text !== '') {
      this.#started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    return text;
  }

  /**
   * The text of a sequence still incomplete at the end of the stream (U+FFFD), then resets.
   * SSE framing never needs it: such bytes can only belong to an unterminated, discarded line.
   */
  end(): string {
    const tail = this.#tail;
    this.#tail = undefined;
    const text = tail === undefined ? '' : this.#decoder.decode(tail);
    this.#started = false;
    return text;
  }
}

function isContinuation(byte: number): boolean {
  return (byte & 0xc0) === 0x80;
}

// Over-approximates for invalid lead bytes (C0, C1, F5–F7): carrying them a little longer is
// harmless, because bytes decoded together always decode as they would in one stream.
function sequenceLength(lead: number): number {
  if (lead >= 0xf8) return 1;
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 1;
}

function concat(first: Uint8Array, second: Uint8Array): Uint8Array {
  const joined = new Uint8Array(first.length + second.length);
  joined.set(first);
  joined.set(second, first.length);
  return joined;
}
