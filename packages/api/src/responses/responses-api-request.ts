import {
  type Reasoning,
  type ResponseItem,
  serializeResponseItem,
  type TextControls,
} from '@codex/protocol';

/**
 * One Responses API request (`POST …/responses`), in the library's camelCase. Encode it with
 * {@link encodeResponsesRequest}; `ResponsesClient.streamRequest` does that for you.
 */
export interface ResponsesApiRequest {
  /** Model slug, e.g. `gpt-5.1-codex`. */
  readonly model: string;
  /** System instructions; omitted from the body when empty. */
  readonly instructions?: string | undefined;
  /** The conversation so far. Item ids are not sent (except Azure with `store`). */
  readonly input: readonly ResponseItem[];
  /** Tool definitions (JSON), sent as they are. @default [] */
  readonly tools?: readonly unknown[] | undefined;
  /** @default 'auto' */
  readonly toolChoice?: string | undefined;
  /** @default false */
  readonly parallelToolCalls?: boolean | undefined;
  /** Reasoning settings; sent as `null` when absent. */
  readonly reasoning?: Reasoning | undefined;
  /** Whether the server stores the response (Azure needs `true`). @default false */
  readonly store?: boolean | undefined;
  /** @default true */
  readonly stream?: boolean | undefined;
  /** Extra output to include, e.g. `['reasoning.encrypted_content']`. @default [] */
  readonly include?: readonly string[] | undefined;
  /** e.g. `priority`; omitted when absent. */
  readonly serviceTier?: string | undefined;
  /** Prompt cache key (core uses the conversation id); omitted when absent. */
  readonly promptCacheKey?: string | undefined;
  /** Verbosity and output format; omitted when absent. */
  readonly text?: TextControls | undefined;
  /** Free-form string metadata; omitted when absent. */
  readonly clientMetadata?: Readonly<Record<string, string>> | undefined;
}

/** Named arguments of {@link encodeResponsesRequest}. */
export interface EncodeResponsesRequestOptions {
  /**
   * Whether the provider is an Azure Responses endpoint. With `store: true` the ids of input
   * items are then sent (Azure needs them to find stored items).
   * @default false
   */
  readonly azure?: boolean | undefined;
  /**
   * Whether items keep `internal_chat_message_metadata_passthrough` (only the OpenAI provider).
   * @default false
   */
  readonly metadataPassthrough?: boolean | undefined;
}

// Item kinds whose id Azure needs back when `store` is on; other kinds never carry one.
const ID_KINDS: ReadonlySet<string> = new Set([
  'reasoning',
  'message',
  'web_search_call',
  'function_call',
  'tool_search_call',
  'local_shell_call',
  'custom_tool_call',
]);

/**
 * Encodes a Responses request as the exact wire JSON: keys in the upstream order (`model`,
 * `instructions`, `input`, `tools`, `tool_choice`, `parallel_tool_calls`, `reasoning`, `store`,
 * `stream`, `include`, `service_tier`, `prompt_cache_key`, `text`, `client_metadata`);
 * `instructions` omitted when empty; `reasoning` written as `null` when absent; `tools` and
 * `include` always present; the optional tail omitted when absent. Item ids are written only
 * for Azure with `store: true`, and only non-empty ids of the kinds that have one.
 *
 * @throws TypeError when `model` is not a string or `input` is not an array; whatever
 * `JSON.stringify` throws for values it cannot encode (e.g. a `BigInt` in `tools`).
 * @example
 * const json = encodeResponsesRequest({ model: 'gpt-5.1-codex', input: [] });
 * // {"model":"gpt-5.1-codex","input":[],"tools":[],"tool_choice":"auto",…}
 */
export function encodeResponsesRequest(
  request: ResponsesApiRequest,
  options: EncodeResponsesRequestOptions = {},
): string {
  return JSON.stringify(responsesRequestBody(request, options));
}

/**
 * @internal The JSON object {@link encodeResponsesRequest} writes, keys in the wire order (the
 * WebSocket `response.create` frame is built from it).
 */
export function responsesRequestBody(
  request: ResponsesApiRequest,
  options: EncodeResponsesRequestOptions = {},
): Record<string, unknown> {
  if (typeof request !== 'object' || request === null) {
    throw new TypeError('encodeResponsesRequest: request must be an object');
  }
  if (typeof request.model !== 'string') {
    throw new TypeError('encodeResponsesRequest: `model` must be a string');
  }
  if (!Array.isArray(request.input)) {
    throw new TypeError('encodeResponsesRequest: `input` must be an array of ResponseItem');
  }
  const store = request.store ?? false;
  const attachIds = store && options.azure === true;
  const metadataPassthrough = options.metadataPassthrough === true;
  const input = request.input.map((item) =>
    serializeResponseItem(item, {
      ids: attachIds && ID_KINDS.has(item.type) && hasId(item),
      metadataPassthrough,
    }),
  );
  const body: Record<string, unknown> = { model: request.model };
  if (request.instructions !== undefined && request.instructions !== '') {
    body.instructions = request.instructions;
  }
  body.input = input;
  body.tools = request.tools ?? [];
  body.tool_choice = request.toolChoice ?? 'auto';
  body.parallel_tool_calls = request.parallelToolCalls ?? false;
  body.reasoning = request.reasoning === undefined ? null : encodeReasoning(request.reasoning);
  body.store = store;
  body.stream = request.stream ?? true;
  body.include = request.include ?? [];
  if (request.serviceTier !== undefined) body.service_tier = request.serviceTier;
  if (request.promptCacheKey !== undefined) body.prompt_cache_key = request.promptCacheKey;
  if (request.text !== undefined) body.text = encodeText(request.text);
  if (request.clientMetadata !== undefined) body.client_metadata = request.clientMetadata;
  return body;
}

function hasId(item: ResponseItem): boolean {
  const id = (item as { id?: unknown }).id;
  return typeof id === 'string' && id !== '';
}

function encodeReasoning(reasoning: Reasoning): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (reasoning.effort !== undefined) out.effort = reasoning.effort;
  if (reasoning.summary !== undefined) out.summary = reasoning.summary;
  if (reasoning.context !== undefined) out.context = reasoning.context;
  return out;
}

function encodeText(text: TextControls): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (text.verbosity !== undefined) out.verbosity = text.verbosity;
  if (text.format !== undefined) {
    const { format } = text;
    out.format = {
      type: format.type,
      strict: format.strict,
      schema: format.schema,
      name: format.name,
    };
  }
  return out;
}
