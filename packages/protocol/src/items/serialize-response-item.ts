import type {
  AgentMessageContent,
  ContentItem,
  FunctionCallOutputContentItem,
  FunctionCallOutputPayload,
  ResponseItem,
  ResponseItemBase,
  WebSearchAction,
} from './response-item.js';

/** Options of {@link serializeResponseItem}. */
export interface SerializeResponseItemOptions {
  /**
   * Whether to write the optional item `id`s. The Responses request body carries them only for
   * Azure endpoints with `store: true`; pass `false` elsewhere. An `image_generation_call`'s `id`
   * is a field of that item, not one of these: it is always written.
   * @default true
   */
  ids?: boolean;
  /**
   * Whether to write `internal_chat_message_metadata_passthrough`. Pass `false` for every provider
   * that is not OpenAI.
   * @default true
   */
  metadataPassthrough?: boolean;
}

/** A JSON object, as `serializeResponseItem` writes it (ready for `JSON.stringify`). */
export type JsonObject = Record<string, unknown>;

/**
 * Turns a {@link ResponseItem} into wire JSON (a plain object ready for `JSON.stringify`), applying
 * the serialisation rules of the Responses API: `reasoning.encrypted_content` is always written
 * (`null` when absent); reasoning `content` is left out when it holds any `reasoning_text` (raw
 * reasoning is never echoed back); the nullable fields of `local_shell_call` and a ghost commit's
 * `parent` are written as `null`; an `image_generation_call` always carries its `id`; optional
 * fields are omitted when absent (an empty string is present, and written); unknown items become
 * `{"type":"other"}`.
 *
 * @example
 * JSON.stringify(serializeResponseItem(item, { metadataPassthrough: false }));
 */
export function serializeResponseItem(
  item: ResponseItem,
  options: SerializeResponseItemOptions = {},
): JsonObject {
  if (item.type === 'other') return { type: 'other' };
  const out: JsonObject = { type: item.type };
  if (item.type === 'image_generation_call' || (options.ids !== false && item.id !== undefined)) {
    out.id = item.id;
  }

  switch (item.type) {
    case 'message':
      out.role = item.role;
      out.content = item.content.map(serializeContent);
      if (item.end_turn !== undefined) out.end_turn = item.end_turn;
      if (item.phase !== undefined) out.phase = item.phase;
      break;
    case 'agent_message':
      out.author = item.author;
      out.recipient = item.recipient;
      out.content = item.content.map(serializeContent);
      break;
    case 'reasoning':
      out.summary = item.summary.map((part) => ({ type: part.type, text: part.text }));
      if (item.content?.every((part) => part.type !== 'reasoning_text')) {
        out.content = item.content.map((part) => ({ type: part.type, text: part.text }));
      }
      out.encrypted_content = item.encrypted_content ?? null;
      break;
    case 'local_shell_call': {
      const action = item.action;
      out.call_id = item.call_id ?? null;
      out.status = item.status;
      out.action = {
        type: 'exec',
        command: [...action.command],
        timeout_ms: action.timeout_ms ?? null,
        working_directory: action.working_directory ?? null,
        env: action.env == null ? null : { ...action.env },
        user: action.user ?? null,
      };
      break;
    }
    case 'function_call':
      out.name = item.name;
      if (item.namespace !== undefined) out.namespace = item.namespace;
      out.arguments = item.arguments;
      out.call_id = item.call_id;
      break;
    case 'tool_search_call':
      out.call_id = item.call_id ?? null;
      if (item.status !== undefined) out.status = item.status;
      out.execution = item.execution;
      out.arguments = item.arguments;
      break;
    case 'function_call_output':
      out.call_id = item.call_id;
      out.output = serializeOutput(item.output);
      break;
    case 'custom_tool_call':
      if (item.status !== undefined) out.status = item.status;
      out.call_id = item.call_id;
      out.name = item.name;
      out.input = item.input;
      break;
    case 'custom_tool_call_output':
      out.call_id = item.call_id;
      if (item.name !== undefined) out.name = item.name;
      out.output = serializeOutput(item.output);
      break;
    case 'tool_search_output':
      out.call_id = item.call_id ?? null;
      out.status = item.status;
      out.execution = item.execution;
      out.tools = [...item.tools];
      break;
    case 'web_search_call':
      if (item.status !== undefined) out.status = item.status;
      if (item.action !== undefined) out.action = serializeWebSearchAction(item.action);
      break;
    case 'image_generation_call':
      out.status = item.status;
      if (item.revised_prompt !== undefined) out.revised_prompt = item.revised_prompt;
      out.result = item.result;
      break;
    case 'ghost_snapshot': {
      const commit = item.ghost_commit;
      out.ghost_commit = {
        id: commit.id,
        parent: commit.parent ?? null,
        preexisting_untracked_files: [...commit.preexisting_untracked_files],
        preexisting_untracked_dirs: [...commit.preexisting_untracked_dirs],
      };
      break;
    }
    case 'compaction':
      out.encrypted_content = item.encrypted_content;
      break;
    case 'compaction_trigger':
      break;
    case 'context_compaction':
      if (item.encrypted_content !== undefined) out.encrypted_content = item.encrypted_content;
      break;
    default: {
      // A variant added to `ResponseItem` without a case here fails to compile.
      const unhandled: never = item;
      return unhandled;
    }
  }

  const metadata = (item as ResponseItemBase).internal_chat_message_metadata_passthrough;
  if (options.metadataPassthrough !== false && metadata !== undefined) {
    out.internal_chat_message_metadata_passthrough = { ...metadata };
  }
  return out;
}

function serializeContent(
  part: ContentItem | FunctionCallOutputContentItem | AgentMessageContent,
): JsonObject {
  switch (part.type) {
    case 'input_image': {
      const out: JsonObject = { type: 'input_image', image_url: part.image_url };
      if (part.detail !== undefined) out.detail = part.detail;
      return out;
    }
    case 'encrypted_content':
      return { type: part.type, encrypted_content: part.encrypted_content };
    default:
      return { type: part.type, text: part.text };
  }
}

function serializeOutput(output: FunctionCallOutputPayload): string | JsonObject[] {
  return typeof output === 'string' ? output : output.map(serializeContent);
}

function serializeWebSearchAction(action: WebSearchAction): JsonObject {
  const out: JsonObject = { type: action.type };
  switch (action.type) {
    case 'search':
      if (action.query !== undefined) out.query = action.query;
      if (action.queries !== undefined) out.queries = [...action.queries];
      break;
    case 'open_page':
      if (action.url !== undefined) out.url = action.url;
      break;
    case 'find_in_page':
      if (action.url !== undefined) out.url = action.url;
      if (action.pattern !== undefined) out.pattern = action.pattern;
      break;
    case 'other':
      break;
  }
  return out;
}
