import { parseResponseItem, type ResponseItem, serializeResponseItem } from '@codex/protocol';
import { ApiError } from '../errors/api-error.js';
import { toApiError } from '../errors/to-api-error.js';
import type { CompactionInput } from './compaction-input.js';
import { arrayField, decodeJsonBody } from './decode-json.js';
import { encodeJson, errorMessage } from './encode-json.js';
import {
  type EndpointCallOptions,
  type EndpointClientOptions,
  toEndpointSession,
} from './endpoint-client-options.js';
import type { EndpointSession } from './endpoint-session.js';

/** The remote compaction request timeout is the stream idle timeout times this. */
const COMPACT_TIMEOUT_MULTIPLIER = 4;

/** Per-call options of {@link CompactClient}. */
export interface CompactOptions extends EndpointCallOptions {
  /**
   * Whether items keep `internal_chat_message_metadata_passthrough` (OpenAI only).
   * @default false
   */
  readonly metadataPassthrough?: boolean | undefined;
}

/**
 * Client of `POST {base}/responses/compact`: sends a conversation, receives its compacted
 * replacement (`{"output": [ResponseItem…]}`; unknown item types come back as `{ type: 'other' }`).
 * No `Accept` override, no compression; each attempt may take up to the settings' stream idle
 * timeout × 4. Failures are `ApiError`s: transport failures as they are (a non-2xx is kind
 * `transport` with the HTTP status), `stream error: failed to encode compaction input: …` when
 * the input cannot be serialised, `stream error: <decoder message>` when the answer does not decode.
 *
 * @example
 * const compact = new CompactClient({ provider, auth, transport: createKyTransport() });
 * const history = await compact.compact({ model: 'gpt-5.1-codex', input, tools: [], parallelToolCalls: true });
 */
export class CompactClient {
  readonly #session: EndpointSession;

  constructor(options: EndpointClientOptions) {
    this.#session = toEndpointSession(options, 'CompactClient');
  }

  /** Compacts `input.input`. @throws ApiError (a user abort rejects with the signal's reason) */
  async compact(input: CompactionInput, options: CompactOptions = {}): Promise<ResponseItem[]> {
    const passthrough = options.metadataPassthrough === true;
    return this.#send(() => encodeCompactionInput(input, passthrough), options);
  }

  /**
   * Sends `body` (any JSON value) as it is: the escape hatch for fields {@link CompactionInput}
   * does not model. @throws ApiError
   */
  async compactRaw(body: unknown, options: EndpointCallOptions = {}): Promise<ResponseItem[]> {
    return this.#send(() => body, options);
  }

  async #send(body: () => unknown, options: EndpointCallOptions): Promise<ResponseItem[]> {
    try {
      const response = await this.#session.execute({
        path: 'responses/compact',
        body: encodeJson(body, 'compaction input'),
        extraHeaders: options.extraHeaders,
        responseTimeoutMs: this.#session.settings.streamIdleTimeoutMs * COMPACT_TIMEOUT_MULTIPLIER,
        signal: options.signal,
        timeoutMs: options.timeoutMs,
      });
      return decodeCompactOutput(decodeJsonBody(response.body));
    } catch (error) {
      throw toApiError(error, options.signal);
    }
  }
}

function encodeCompactionInput(input: CompactionInput, metadataPassthrough: boolean): unknown {
  const body: Record<string, unknown> = {
    model: input.model,
    input: input.input.map((item) =>
      serializeResponseItem(item, { ids: false, metadataPassthrough }),
    ),
  };
  if (input.instructions !== undefined && input.instructions !== '') {
    body.instructions = input.instructions;
  }
  body.tools = input.tools;
  body.parallel_tool_calls = input.parallelToolCalls;
  if (input.reasoning !== undefined) body.reasoning = input.reasoning;
  if (input.text !== undefined) body.text = input.text;
  return body;
}

function decodeCompactOutput(json: unknown): ResponseItem[] {
  try {
    return arrayField(json, 'output').map((item) => parseResponseItem(item));
  } catch (error) {
    throw ApiError.stream(errorMessage(error), error);
  }
}
