// Deterministic Responses SSE transcripts. Every path parses exactly the same bytes, and the
// generator records what a correct consumer must see (text-delta count, final text), so the
// harness can check every path against the same expectation.

const encoder = new TextEncoder();

/** A small seeded PRNG (mulberry32) so every run produces byte-identical transcripts. */
function createRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomToken(random, length) {
  let out = '';
  for (let index = 0; index < length; index += 1) {
    out += alphabet[Math.floor(random() * alphabet.length)];
  }
  return out;
}

function randomHex(random, length) {
  let out = '';
  for (let index = 0; index < length; index += 1) {
    out += Math.floor(random() * 16).toString(16);
  }
  return out;
}

// Token-sized pieces like a model emits: mostly short words with a leading space, some
// punctuation, newlines, quotes, backslashes and tabs (escaped in JSON). Every byte is ASCII.
const asciiPieces = [
  ' the',
  ' a',
  ' of',
  ' to',
  ' and',
  ' in',
  ' is',
  ' that',
  ' for',
  ' it',
  ' with',
  ' as',
  ' function',
  ' return',
  ' value',
  ' stream',
  ' event',
  ' parse',
  ' buffer',
  ' request',
  ' response',
  ' model',
  ' token',
  ' output',
  ' input',
  ' error',
  ' retry',
  ' timeout',
  '.',
  ',',
  ':',
  ';',
  '\n',
  '\n\n',
  ' `code`',
  ' "quoted"',
  ' 42',
  ' 2026',
  '-',
  ' (',
  ')',
  ' =>',
  ' {',
  ' }',
  '\\',
  ' \t',
];

// What the unicode-mixed transcript adds: accented letters (2-byte UTF-8), CJK and typographic
// punctuation (3 bytes), emoji (4 bytes, a surrogate pair in JavaScript) and a terminal colour
// code, whose control characters JSON escapes as `\u001b`.
const unicodePieces = [
  ' café',
  ' naïve',
  ' über',
  ' déjà',
  ' señor',
  ' Ωmega',
  ' 日本語',
  ' “smart”',
  ' €5',
  ' —',
  ' 🙂',
  ' 🚀',
  ' \u001b[1mbold\u001b[0m',
];

/** How often a unicode-mixed transcript picks a non-ASCII piece (about one delta in three). */
const UNICODE_SHARE = 0.25;

/**
 * @param {() => number} random
 * @param {'ascii' | 'unicode'} charset
 */
function pickPiece(random, charset = 'unicode') {
  const list = charset === 'unicode' && random() < UNICODE_SHARE ? unicodePieces : asciiPieces;
  return list[Math.floor(random() * list.length)];
}

/** One SSE frame: an `event:` line and a `data:` line carrying `{type, ...payload}`. */
export function frame(type, payload) {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...payload })}\n\n`;
}

/** A Responses `response` object shaped like the real API's. */
export function responseObject({ id, model, status, createdAt, output, usage }) {
  return {
    id,
    object: 'response',
    created_at: createdAt,
    status,
    background: false,
    completed_at: status === 'completed' ? createdAt + 7 : null,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    max_tool_calls: null,
    model,
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    prompt_cache_key: null,
    reasoning: { effort: 'medium', summary: 'auto' },
    safety_identifier: null,
    service_tier: 'default',
    store: false,
    temperature: 1,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: 'auto',
    tools: [],
    top_logprobs: 0,
    top_p: 1,
    truncation: 'disabled',
    usage,
    user: null,
    metadata: {},
  };
}

function usage({ input, output, reasoning }) {
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: reasoning },
    total_tokens: input + output,
  };
}

/**
 * Builds a transcript from a list of SSE frames.
 * @returns {{ name: string, bytes: Uint8Array, events: number, expected: { textDeltas: number, text: string, itemTextLength: number } }}
 */
function finish(name, frames, expected) {
  const bytes = encoder.encode(frames.join(''));
  return { name, bytes, events: frames.length, expected };
}

/**
 * Transcript (a): one assistant message streamed as `deltaCount` `response.output_text.delta`
 * events (about 265 bytes each with real-length ids, so 100,000 deltas ≈ 26 MB), framed like a
 * real turn. `charset: 'ascii'` keeps every byte below 0x80; `'unicode'` (the default, what the
 * loopback servers send) mixes in accented letters, CJK, emoji and escaped control characters.
 *
 * @param {{ deltaCount?: number, seed?: number, charset?: 'ascii' | 'unicode' }} [options]
 */
export function createTextDeltaTranscript({
  deltaCount = 100_000,
  seed = 1,
  charset = 'unicode',
} = {}) {
  if (charset !== 'ascii' && charset !== 'unicode') {
    throw new RangeError(`createTextDeltaTranscript: unknown charset ${charset}`);
  }
  const random = createRandom(seed);
  const responseId = `resp_${randomHex(random, 48)}`;
  const itemId = `msg_${randomHex(random, 32)}`;
  const model = 'gpt-5.1-2025-11-13';
  const createdAt = 1_787_659_560;
  const frames = [];
  let sequence = 0;
  frames.push(
    frame('response.created', {
      response: responseObject({
        id: responseId,
        model,
        status: 'in_progress',
        createdAt,
        output: [],
        usage: null,
      }),
      sequence_number: sequence++,
    }),
  );
  frames.push(
    frame('response.output_item.added', {
      item: { id: itemId, type: 'message', status: 'in_progress', content: [], role: 'assistant' },
      output_index: 0,
      sequence_number: sequence++,
    }),
  );
  frames.push(
    frame('response.content_part.added', {
      content_index: 0,
      item_id: itemId,
      output_index: 0,
      part: { type: 'output_text', annotations: [], logprobs: [], text: '' },
      sequence_number: sequence++,
    }),
  );
  const texts = [];
  for (let index = 0; index < deltaCount; index += 1) {
    const delta = pickPiece(random, charset) + (random() < 0.3 ? pickPiece(random, charset) : '');
    texts.push(delta);
    frames.push(
      frame('response.output_text.delta', {
        sequence_number: sequence++,
        item_id: itemId,
        output_index: 0,
        content_index: 0,
        delta,
        logprobs: [],
        // The real API pads each delta with a random string so lengths do not leak tokens.
        obfuscation: randomToken(random, 2 + Math.floor(random() * 9)),
      }),
    );
  }
  const text = texts.join('');
  const part = { type: 'output_text', annotations: [], logprobs: [], text };
  const item = {
    id: itemId,
    type: 'message',
    status: 'completed',
    content: [part],
    role: 'assistant',
  };
  frames.push(
    frame('response.output_text.done', {
      content_index: 0,
      item_id: itemId,
      logprobs: [],
      output_index: 0,
      sequence_number: sequence++,
      text,
    }),
  );
  frames.push(
    frame('response.content_part.done', {
      content_index: 0,
      item_id: itemId,
      output_index: 0,
      part,
      sequence_number: sequence++,
    }),
  );
  frames.push(
    frame('response.output_item.done', { item, output_index: 0, sequence_number: sequence++ }),
  );
  frames.push(
    frame('response.completed', {
      response: responseObject({
        id: responseId,
        model,
        status: 'completed',
        createdAt,
        output: [item],
        usage: usage({ input: 1200, output: deltaCount, reasoning: 0 }),
      }),
      sequence_number: sequence++,
    }),
  );
  return finish(`a: text deltas (${charset})`, frames, {
    textDeltas: deltaCount,
    text,
    itemTextLength: text.length,
  });
}

/**
 * Transcript (b): a reasoning-heavy turn — a reasoning item with a streamed summary, then a
 * message with text deltas, then a function call with streamed arguments.
 */
export function createReasoningTranscript({
  summaryDeltas = 20_000,
  textDeltas = 10_000,
  argumentDeltas = 5_000,
  seed = 2,
} = {}) {
  const random = createRandom(seed);
  const responseId = `resp_${randomHex(random, 48)}`;
  const reasoningId = `rs_${randomHex(random, 48)}`;
  const messageId = `msg_${randomHex(random, 48)}`;
  const callItemId = `fc_${randomHex(random, 48)}`;
  const callId = `call_${randomToken(random, 24)}`;
  const model = 'gpt-5.1-codex';
  const createdAt = 1_787_659_600;
  const frames = [];
  let sequence = 0;
  frames.push(
    frame('response.created', {
      response: responseObject({
        id: responseId,
        model,
        status: 'in_progress',
        createdAt,
        output: [],
        usage: null,
      }),
      sequence_number: sequence++,
    }),
  );

  // Reasoning item with one summary part.
  frames.push(
    frame('response.output_item.added', {
      item: { id: reasoningId, type: 'reasoning', summary: [] },
      output_index: 0,
      sequence_number: sequence++,
    }),
  );
  frames.push(
    frame('response.reasoning_summary_part.added', {
      item_id: reasoningId,
      output_index: 0,
      part: { type: 'summary_text', text: '' },
      sequence_number: sequence++,
      summary_index: 0,
    }),
  );
  const summaryPieces = [];
  for (let index = 0; index < summaryDeltas; index += 1) {
    const delta = pickPiece(random);
    summaryPieces.push(delta);
    frames.push(
      frame('response.reasoning_summary_text.delta', {
        delta,
        item_id: reasoningId,
        obfuscation: randomToken(random, 4 + Math.floor(random() * 12)),
        output_index: 0,
        sequence_number: sequence++,
        summary_index: 0,
      }),
    );
  }
  const summary = summaryPieces.join('');
  frames.push(
    frame('response.reasoning_summary_text.done', {
      item_id: reasoningId,
      output_index: 0,
      sequence_number: sequence++,
      summary_index: 0,
      text: summary,
    }),
  );
  frames.push(
    frame('response.reasoning_summary_part.done', {
      item_id: reasoningId,
      output_index: 0,
      part: { type: 'summary_text', text: summary },
      sequence_number: sequence++,
      summary_index: 0,
    }),
  );
  const reasoningItem = {
    id: reasoningId,
    type: 'reasoning',
    encrypted_content: randomToken(random, 4096),
    summary: [{ type: 'summary_text', text: summary }],
  };
  frames.push(
    frame('response.output_item.done', {
      item: reasoningItem,
      output_index: 0,
      sequence_number: sequence++,
    }),
  );

  // Message.
  frames.push(
    frame('response.output_item.added', {
      item: {
        id: messageId,
        type: 'message',
        status: 'in_progress',
        content: [],
        role: 'assistant',
      },
      output_index: 1,
      sequence_number: sequence++,
    }),
  );
  frames.push(
    frame('response.content_part.added', {
      content_index: 0,
      item_id: messageId,
      output_index: 1,
      part: { type: 'output_text', annotations: [], logprobs: [], text: '' },
      sequence_number: sequence++,
    }),
  );
  const textPieces = [];
  for (let index = 0; index < textDeltas; index += 1) {
    const delta = pickPiece(random);
    textPieces.push(delta);
    frames.push(
      frame('response.output_text.delta', {
        sequence_number: sequence++,
        item_id: messageId,
        output_index: 1,
        content_index: 0,
        delta,
        logprobs: [],
        obfuscation: randomToken(random, 4 + Math.floor(random() * 12)),
      }),
    );
  }
  const text = textPieces.join('');
  const part = { type: 'output_text', annotations: [], logprobs: [], text };
  const messageItem = {
    id: messageId,
    type: 'message',
    status: 'completed',
    content: [part],
    role: 'assistant',
  };
  frames.push(
    frame('response.output_text.done', {
      content_index: 0,
      item_id: messageId,
      logprobs: [],
      output_index: 1,
      sequence_number: sequence++,
      text,
    }),
  );
  frames.push(
    frame('response.content_part.done', {
      content_index: 0,
      item_id: messageId,
      output_index: 1,
      part,
      sequence_number: sequence++,
    }),
  );
  frames.push(
    frame('response.output_item.done', {
      item: messageItem,
      output_index: 1,
      sequence_number: sequence++,
    }),
  );

  // Function call with streamed JSON arguments: {"path":"…","content":"…"}.
  frames.push(
    frame('response.output_item.added', {
      item: {
        id: callItemId,
        type: 'function_call',
        status: 'in_progress',
        arguments: '',
        call_id: callId,
        name: 'write_file',
      },
      output_index: 2,
      sequence_number: sequence++,
    }),
  );
  const argumentPieces = ['{"path":"src/bench.ts","content":"'];
  for (let index = 1; index < argumentDeltas - 1; index += 1) {
    // Inner content is JSON-escaped once more because it sits inside the arguments string.
    argumentPieces.push(JSON.stringify(pickPiece(random)).slice(1, -1));
  }
  argumentPieces.push('"}');
  const argumentsText = argumentPieces.join('');
  for (const delta of argumentPieces) {
    frames.push(
      frame('response.function_call_arguments.delta', {
        delta,
        item_id: callItemId,
        obfuscation: randomToken(random, 4 + Math.floor(random() * 12)),
        output_index: 2,
        sequence_number: sequence++,
      }),
    );
  }
  frames.push(
    frame('response.function_call_arguments.done', {
      arguments: argumentsText,
      item_id: callItemId,
      output_index: 2,
      sequence_number: sequence++,
    }),
  );
  const callItem = {
    id: callItemId,
    type: 'function_call',
    status: 'completed',
    arguments: argumentsText,
    call_id: callId,
    name: 'write_file',
  };
  frames.push(
    frame('response.output_item.done', {
      item: callItem,
      output_index: 2,
      sequence_number: sequence++,
    }),
  );
  frames.push(
    frame('response.completed', {
      response: responseObject({
        id: responseId,
        model,
        status: 'completed',
        createdAt,
        output: [reasoningItem, messageItem, callItem],
        usage: usage({
          input: 5000,
          output: summaryDeltas + textDeltas + argumentDeltas,
          reasoning: summaryDeltas,
        }),
      }),
      sequence_number: sequence++,
    }),
  );
  return finish('b: reasoning turn', frames, {
    textDeltas,
    text,
    itemTextLength: text.length,
  });
}

/**
 * Transcript (c): `response.created`, a small `response.output_item.added`, one
 * `response.output_item.done` whose message text is
 * `textBytes` long (8 MB by default), then `response.completed`. There are no text deltas, so the
 * "final text" every path builds from deltas is empty; `itemTextLength` checks the big field.
 */
export function createLargeItemTranscript({ textBytes = 8 * 1024 * 1024, seed = 3 } = {}) {
  const random = createRandom(seed);
  const responseId = `resp_${randomHex(random, 48)}`;
  const itemId = `msg_${randomHex(random, 48)}`;
  const model = 'gpt-5.1-2025-11-13';
  const createdAt = 1_787_659_700;
  const chunks = [];
  let length = 0;
  while (length < textBytes) {
    const piece = pickPiece(random);
    chunks.push(piece);
    length += piece.length;
  }
  const text = chunks.join('');
  const item = {
    id: itemId,
    type: 'message',
    status: 'completed',
    content: [{ type: 'output_text', annotations: [], logprobs: [], text }],
    role: 'assistant',
  };
  const frames = [
    frame('response.created', {
      response: responseObject({
        id: responseId,
        model,
        status: 'in_progress',
        createdAt,
        output: [],
        usage: null,
      }),
      sequence_number: 0,
    }),
    // The AI SDK (correctly) rejects a message that ends without having been added.
    frame('response.output_item.added', {
      item: { id: itemId, type: 'message', status: 'in_progress', content: [], role: 'assistant' },
      output_index: 0,
      sequence_number: 1,
    }),
    frame('response.output_item.done', { item, output_index: 0, sequence_number: 2 }),
    frame('response.completed', {
      response: responseObject({
        id: responseId,
        model,
        status: 'completed',
        createdAt,
        // The real API repeats the item here; keeping it out keeps (c) about one 8 MB event.
        output: [],
        usage: usage({ input: 100, output: 2_000_000, reasoning: 0 }),
      }),
      sequence_number: 3,
    }),
  ];
  return finish('c: one 8 MB item', frames, {
    textDeltas: 0,
    text: '',
    itemTextLength: text.length,
  });
}

/**
 * The transcripts of one run. `quick` shrinks them so the whole harness runs in seconds.
 * `ascii` and `unicode` are transcript (a) in both character sets (the loopback servers send
 * `unicode`); `oneDelta` is the one-delta response of the fixed-cost case.
 */
export function createTranscripts({ quick }) {
  const deltaCount = quick ? 5_000 : 100_000;
  return {
    ascii: createTextDeltaTranscript({ deltaCount, charset: 'ascii' }),
    unicode: createTextDeltaTranscript({ deltaCount, charset: 'unicode' }),
    reasoning: quick
      ? createReasoningTranscript({ summaryDeltas: 1_000, textDeltas: 500, argumentDeltas: 250 })
      : createReasoningTranscript(),
    large: createLargeItemTranscript(quick ? { textBytes: 512 * 1024 } : {}),
    oneDelta: createTextDeltaTranscript({ deltaCount: 1, seed: 11 }),
  };
}
