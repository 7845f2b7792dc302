import { ApiError } from '../errors/api-error.js';
import { toApiError } from '../errors/to-api-error.js';
import { arrayField, decodeJsonBody } from './decode-json.js';
import { encodeJson, errorMessage } from './encode-json.js';
import {
  type EndpointCallOptions,
  type EndpointClientOptions,
  toEndpointSession,
} from './endpoint-client-options.js';
import type { EndpointSession } from './endpoint-session.js';
import type { MemorySummarizeInput, MemorySummarizeOutput } from './memory-summarize.js';

/**
 * Client of `POST {base}/memories/trace_summarize`: sends traces (wire key `traces`), receives
 * `{"output": [{"trace_summary", "memory_summary"}]}` (`raw_memory` accepted as an alias of
 * `trace_summary`). Failures are `ApiError`s: transport failures as they are,
 * `stream error: failed to encode memory summarize input: …`, or
 * `stream error: <decoder message>` for an answer that does not decode.
 *
 * @example
 * const memories = new MemoriesClient({ provider, auth, transport: createKyTransport() });
 * const [summary] = await memories.summarize({ model: 'gpt-5.4-mini', rawMemories: [trace] });
 */
export class MemoriesClient {
  readonly #session: EndpointSession;

  constructor(options: EndpointClientOptions) {
    this.#session = toEndpointSession(options, 'MemoriesClient');
  }

  /** Summarises `input.rawMemories`. @throws ApiError */
  async summarize(
    input: MemorySummarizeInput,
    options: EndpointCallOptions = {},
  ): Promise<MemorySummarizeOutput[]> {
    return this.#send(() => encodeMemorySummarizeInput(input), options);
  }

  /** Sends `body` (any JSON value) as it is. @throws ApiError */
  async summarizeRaw(
    body: unknown,
    options: EndpointCallOptions = {},
  ): Promise<MemorySummarizeOutput[]> {
    return this.#send(() => body, options);
  }

  async #send(body: () => unknown, options: EndpointCallOptions): Promise<MemorySummarizeOutput[]> {
    try {
      const response = await this.#session.execute({
        path: 'memories/trace_summarize',
        body: encodeJson(body, 'memory summarize input'),
        extraHeaders: options.extraHeaders,
        signal: options.signal,
        timeoutMs: options.timeoutMs,
      });
      return decodeMemorySummaries(decodeJsonBody(response.body));
    } catch (error) {
      throw toApiError(error, options.signal);
    }
  }
}

function encodeMemorySummarizeInput(input: MemorySummarizeInput): unknown {
  const body: Record<string, unknown> = {
    model: input.model,
    traces: input.rawMemories.map((memory) => ({
      id: memory.id,
      metadata: { source_path: memory.metadata.sourcePath },
      items: memory.items,
    })),
  };
  if (input.reasoning !== undefined) body.reasoning = input.reasoning;
  return body;
}

function decodeMemorySummaries(json: unknown): MemorySummarizeOutput[] {
  try {
    return arrayField(json, 'output').map(decodeMemorySummary);
  } catch (error) {
    throw ApiError.stream(errorMessage(error), error);
  }
}

function decodeMemorySummary(entry: unknown, index: number): MemorySummarizeOutput {
  const at = `output[${index}]`;
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new TypeError(`${at}: invalid type: expected a JSON object`);
  }
  const record = entry as Record<string, unknown>;
  // As serde with `alias`: either name is accepted, both at once is a duplicate field.
  if ('trace_summary' in record && 'raw_memory' in record) {
    throw new TypeError(`${at}: duplicate field \`trace_summary\``);
  }
  const summaryKey = 'raw_memory' in record ? 'raw_memory' : 'trace_summary';
  const rawMemory = record[summaryKey];
  const memorySummary = record.memory_summary;
  if (rawMemory === undefined) throw new TypeError(`${at}: missing field \`trace_summary\``);
  if (typeof rawMemory !== 'string') {
    throw new TypeError(`${at}: invalid type: expected a string for \`${summaryKey}\``);
  }
  if (memorySummary === undefined) throw new TypeError(`${at}: missing field \`memory_summary\``);
  if (typeof memorySummary !== 'string') {
    throw new TypeError(`${at}: invalid type: expected a string for \`memory_summary\``);
  }
  return { rawMemory, memorySummary };
}
