/** Options of {@link textDeltaTranscript}. */
export interface TextDeltaTranscriptOptions {
  /** Number of `response.output_text.delta` events (0 or more). */
  readonly count: number;
  /**
   * The text of every delta.
   * @default 'lorem '
   */
  readonly deltaText?: string;
  /**
   * End with `response.output_text.done`, `response.content_part.done`,
   * `response.output_item.done` (carrying the whole text) and `response.completed` with usage.
   * With `false` the stream stops after the last delta.
   * @default true
   */
  readonly completed?: boolean;
  /**
   * The response id.
   * @default 'resp_testkit_text_deltas'
   */
  readonly responseId?: string;
  /**
   * The model name reported in the response object.
   * @default 'gpt-5.1-codex'
   */
  readonly model?: string;
}

const ITEM_ID = 'msg_0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const CREATED_AT = 1_781_000_000;

function frame(event: Record<string, unknown>): string {
  return `event: ${event.type as string}\ndata: ${JSON.stringify(event)}\n\n`;
}

function responseObject(input: {
  id: string;
  model: string;
  status: string;
  output: unknown[];
  usage: unknown;
}): Record<string, unknown> {
  return {
    id: input.id,
    object: 'response',
    created_at: CREATED_AT,
    status: input.status,
    background: false,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    model: input.model,
    output: input.output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: 'medium', summary: 'auto' },
    service_tier: 'auto',
    store: false,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: 'auto',
    tools: [],
    usage: input.usage,
    metadata: {},
  };
}

/** The total number of decimal digits of the integers in `[from, to)`. */
function decimalDigitsInRange(from: number, to: number): number {
  let total = 0;
  let start = from;
  let width = String(from).length;
  while (start < to) {
    const limit = Math.min(to, 10 ** width);
    total += (limit - start) * width;
    start = limit;
    width++;
  }
  return total;
}

/**
 * Generates a realistic Responses stream with `count` text deltas, encoded once into a single
 * Buffer: `response.created`, `response.in_progress`, an assistant message item, the deltas (each
 * with `sequence_number`, `item_id`, `output_index`, `content_index`, `logprobs` and
 * `obfuscation` like the real API), then the closing events unless `completed` is `false`.
 * Cost is linear in the output size; 100 000 deltas build in milliseconds.
 *
 * @example
 * ```ts
 * const body = textDeltaTranscript({ count: 100_000, deltaText: 'token ' });
 * server.enqueue(sseResponse(body));
 * ```
 */
export function textDeltaTranscript(options: TextDeltaTranscriptOptions): Buffer {
  const { count } = options;
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`\`count\` must be a non-negative integer, got ${count}`);
  const deltaText = options.deltaText ?? 'lorem ';
  if (typeof deltaText !== 'string' || deltaText.length === 0)
    throw new TypeError('`deltaText` must be a non-empty string');
  const responseId = options.responseId ?? 'resp_testkit_text_deltas';
  const model = options.model ?? 'gpt-5.1-codex';
  const completed = options.completed ?? true;

  let sequence = 0;
  const head =
    frame({
      type: 'response.created',
      response: responseObject({
        id: responseId,
        model,
        status: 'in_progress',
        output: [],
        usage: null,
      }),
      sequence_number: sequence++,
    }) +
    frame({
      type: 'response.in_progress',
      response: responseObject({
        id: responseId,
        model,
        status: 'in_progress',
        output: [],
        usage: null,
      }),
      sequence_number: sequence++,
    }) +
    frame({
      type: 'response.output_item.added',
      item: { id: ITEM_ID, type: 'message', status: 'in_progress', content: [], role: 'assistant' },
      output_index: 0,
      sequence_number: sequence++,
    }) +
    frame({
      type: 'response.content_part.added',
      content_index: 0,
      item_id: ITEM_ID,
      output_index: 0,
      part: { type: 'output_text', annotations: [], logprobs: [], text: '' },
      sequence_number: sequence++,
    });

  // Every delta is the same bytes except its sequence number, so write prefix + number + suffix
  // straight into one preallocated buffer instead of building `count` strings.
  const deltaPrefix = Buffer.from(
    `event: response.output_text.delta\ndata: {"type":"response.output_text.delta","content_index":0,"delta":${JSON.stringify(deltaText)},"item_id":"${ITEM_ID}","logprobs":[],"obfuscation":"kT3xQ9","output_index":0,"sequence_number":`,
  );
  const deltaSuffix = Buffer.from('}\n\n');
  const firstDelta = sequence;
  const digits = decimalDigitsInRange(firstDelta, firstDelta + count);
  sequence += count;

  let tail = '';
  if (completed) {
    const text = deltaText.repeat(count);
    const message = {
      id: ITEM_ID,
      type: 'message',
      status: 'completed',
      content: [{ type: 'output_text', annotations: [], logprobs: [], text }],
      role: 'assistant',
    };
    const outputTokens = count;
    tail =
      frame({
        type: 'response.output_text.done',
        content_index: 0,
        item_id: ITEM_ID,
        logprobs: [],
        output_index: 0,
        sequence_number: sequence++,
        text,
      }) +
      frame({
        type: 'response.content_part.done',
        content_index: 0,
        item_id: ITEM_ID,
        output_index: 0,
        part: { type: 'output_text', annotations: [], logprobs: [], text },
        sequence_number: sequence++,
      }) +
      frame({
        type: 'response.output_item.done',
        item: message,
        output_index: 0,
        sequence_number: sequence++,
      }) +
      frame({
        type: 'response.completed',
        response: responseObject({
          id: responseId,
          model,
          status: 'completed',
          output: [message],
          usage: {
            input_tokens: 1200,
            input_tokens_details: { cached_tokens: 1024 },
            output_tokens: outputTokens,
            output_tokens_details: { reasoning_tokens: 0 },
            total_tokens: 1200 + outputTokens,
          },
        }),
        sequence_number: sequence++,
      });
  }

  const headBytes = Buffer.from(head);
  const tailBytes = Buffer.from(tail);
  const size =
    headBytes.length +
    count * (deltaPrefix.length + deltaSuffix.length) +
    digits +
    tailBytes.length;
  const output = Buffer.allocUnsafe(size);
  let offset = headBytes.copy(output, 0);
  for (let index = 0; index < count; index++) {
    offset += deltaPrefix.copy(output, offset);
    offset += output.write(String(firstDelta + index), offset, 'latin1');
    offset += deltaSuffix.copy(output, offset);
  }
  offset += tailBytes.copy(output, offset);
  if (offset !== size) throw new Error(`testkit: transcript size mismatch (${offset} != ${size})`);
  return output;
}
