import type { Transcript } from './sse-response.js';

const decoder = new TextDecoder();

/**
 * The `data` payload of every event of a transcript, in order: for event objects their JSON, for
 * SSE text or bytes the data of each dispatched event (WHATWG framing: CR, LF or CRLF line ends,
 * `data:` lines joined with LF, one leading space dropped, blocks without data skipped, a leading
 * BOM ignored, an unterminated last block discarded). What a WebSocket server sends as text
 * frames for the same answer.
 *
 * @example
 * transcriptPayloads('event: response.created\ndata: {"type":"response.created"}\n\n')
 * // ['{"type":"response.created"}']
 */
export function transcriptPayloads(transcript: Transcript): string[] {
  if (Array.isArray(transcript)) return transcript.map((event) => JSON.stringify(event));
  let text = typeof transcript === 'string' ? transcript : decoder.decode(transcript as Uint8Array);
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const payloads: string[] = [];
  let data: string[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  // The last element follows the last line end: an unterminated line, never dispatched.
  lines.pop();
  for (const line of lines) {
    if (line === '') {
      if (data.length > 0) payloads.push(data.join('\n'));
      data = [];
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    if (field !== 'data') continue;
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    data.push(value);
  }
  return payloads;
}
