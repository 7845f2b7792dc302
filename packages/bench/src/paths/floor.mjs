// The floor: split the body on blank lines and JSON.parse each `data:` payload, nothing else.
// No validation, no event objects, no SSE field handling beyond finding `data: `. Any real
// client does at least this much work, so its throughput is the ceiling everyone is compared to.

const requestBody = JSON.stringify({ model: 'gpt-5.1', input: 'bench', stream: true });

/** The floor's request: what every path sends, give or take a header. */
export function floorRequestInit(signal) {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
    body: requestBody,
    signal,
  };
}

/**
 * Reads one SSE response to its end the floor's way.
 * @param {Response} response
 * @param {((isTextDelta: boolean) => void) | undefined} onEvent
 * @returns {Promise<import('./types.mjs').StreamOutcome>}
 */
export async function readFloor(response, onEvent) {
  if (!response.ok || response.body === null) {
    throw new Error(`floor: unexpected status ${response.status}`);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const outcome = { events: 0, textDeltas: 0, text: '', itemTextLength: 0 };
  const texts = [];
  // Text not yet split. Pieces without a blank line are only collected, so one huge event
  // arriving in small chunks costs one join instead of a rescan per chunk.
  let tail = '';
  const pieces = [];
  let lastChar = '';
  const handle = (payload) => {
    const event = JSON.parse(payload);
    outcome.events += 1;
    if (event.type === 'response.output_text.delta') {
      outcome.textDeltas += 1;
      texts.push(event.delta);
      onEvent?.(true);
      return;
    }
    if (event.type === 'response.output_item.done' && event.item.type === 'message') {
      for (const part of event.item.content) outcome.itemTextLength += part.text.length;
    }
    onEvent?.(false);
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const piece = decoder.decode(value, { stream: true });
      if (piece.length === 0) continue;
      const boundary = piece.includes('\n\n') || (lastChar === '\n' && piece.charCodeAt(0) === 10);
      lastChar = piece[piece.length - 1];
      if (!boundary) {
        pieces.push(piece);
        continue;
      }
      pieces.push(piece);
      const buffer = tail + pieces.join('');
      pieces.length = 0;
      let start = 0;
      for (;;) {
        const end = buffer.indexOf('\n\n', start);
        if (end === -1) break;
        const data = buffer.indexOf('data: ', start);
        if (data !== -1 && data < end) handle(buffer.slice(data + 6, end));
        start = end + 2;
      }
      tail = buffer.slice(start);
    }
  } finally {
    reader.releaseLock();
  }
  outcome.text = texts.join('');
  return outcome;
}

/** @type {import('./types.mjs').BenchPath} */
export const floorPath = {
  id: 'floor',
  label: 'floor (split + JSON.parse)',
  unavailable: async () => null,
  create: async ({ fetch, baseURL }) => {
    return async ({ signal, onEvent } = {}) => {
      const response = await fetch(`${baseURL}/responses`, floorRequestInit(signal));
      return readFloor(response, onEvent);
    };
  },
};
