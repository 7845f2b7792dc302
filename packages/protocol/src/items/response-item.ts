/**
 * Wire shapes of the Responses API items, exactly as they travel as JSON (snake_case keys).
 *
 * These are plain data types; {@link parseResponseItem} validates unknown JSON into them and
 * {@link serializeResponseItem} turns them back into wire JSON.
 */

/** Image detail level of an `input_image` content item. Codex uses `high` by default. */
export type ImageDetail = 'auto' | 'low' | 'high' | 'original';

/** Text typed by the user (or injected as input). */
export interface InputTextContent {
  type: 'input_text';
  text: string;
}

/** An image given as a URL or a `data:` URL. */
export interface InputImageContent {
  type: 'input_image';
  image_url: string;
  detail?: ImageDetail;
}

/** Text produced by the model. */
export interface OutputTextContent {
  type: 'output_text';
  text: string;
}

/** Opaque encrypted content that is echoed back to the server unchanged. */
export interface EncryptedContent {
  type: 'encrypted_content';
  encrypted_content: string;
}

/** One entry of a `message` item's `content`. */
export type ContentItem = InputTextContent | InputImageContent | OutputTextContent;

/** One entry of an `agent_message` item's `content`. */
export type AgentMessageContent = InputTextContent | EncryptedContent;

/** One entry of a function or custom tool call output given as an array. */
export type FunctionCallOutputContentItem = InputTextContent | InputImageContent | EncryptedContent;

/**
 * The `output` of a `function_call_output` or `custom_tool_call_output` item: a plain string or an
 * array of content items (the JSON is untagged: whichever shape it has).
 */
export type FunctionCallOutputPayload = string | FunctionCallOutputContentItem[];

/** One entry of a reasoning item's `summary`. */
export interface ReasoningSummaryText {
  type: 'summary_text';
  text: string;
}

/** One entry of a reasoning item's `content`: raw reasoning or plain text. */
export type ReasoningContent =
  | { type: 'reasoning_text'; text: string }
  | { type: 'text'; text: string };

/** What a web search call did. Unknown action types are kept as `{ type: 'other' }`. */
export type WebSearchAction =
  | { type: 'search'; query?: string; queries?: string[] }
  | { type: 'open_page'; url?: string }
  | { type: 'find_in_page'; url?: string; pattern?: string }
  | { type: 'other' };

/** The command of a `local_shell_call`; every nullable field is serialised, as `null` when absent. */
export interface LocalShellExecAction {
  type: 'exec';
  command: string[];
  /** A Rust `u64` upstream: an integer from 0 to 2^64 − 1; anything else fails the item's parse. */
  timeout_ms: number | null;
  working_directory: string | null;
  env: Record<string, string> | null;
  user: string | null;
}

/** Status of a `local_shell_call`. */
export type LocalShellStatus = 'completed' | 'in_progress' | 'incomplete';

/** Phase of an assistant `message`. */
export type MessagePhase = 'commentary' | 'final_answer';

/**
 * Metadata a server attaches to items for its own use. Kept as received (unknown keys included) and
 * echoed back; strip it before sending to a provider that is not OpenAI.
 */
export interface MetadataPassthrough {
  turn_id?: string;
  [key: string]: unknown;
}

/** Fields every item variant may carry. */
export interface ResponseItemBase {
  /** Server-assigned item id; omitted when absent. */
  id?: string;
  /** Server metadata; omitted when absent. */
  internal_chat_message_metadata_passthrough?: MetadataPassthrough;
}

/** A chat message (user, assistant, developer, system…). */
export interface MessageItem extends ResponseItemBase {
  type: 'message';
  role: string;
  content: ContentItem[];
  /**
   * Whether the model ended its turn with this message. Not sent consistently by every provider:
   * kept and echoed back as received, never a signal to rely on.
   */
  end_turn?: boolean;
  phase?: MessagePhase;
}

/** A message between agents. */
export interface AgentMessageItem extends ResponseItemBase {
  type: 'agent_message';
  author: string;
  recipient: string;
  content: AgentMessageContent[];
}

/** Model reasoning. `encrypted_content` is always serialised, `null` when absent. */
export interface ReasoningItem extends ResponseItemBase {
  type: 'reasoning';
  summary: ReasoningSummaryText[];
  content?: ReasoningContent[];
  encrypted_content: string | null;
}

/** A shell command the model wants to run locally. */
export interface LocalShellCallItem extends ResponseItemBase {
  type: 'local_shell_call';
  call_id: string | null;
  status: LocalShellStatus;
  action: LocalShellExecAction;
}

/** A function tool call; `arguments` is the JSON text the model produced, never an object. */
export interface FunctionCallItem extends ResponseItemBase {
  type: 'function_call';
  name: string;
  namespace?: string;
  arguments: string;
  call_id: string;
}

/** A tool search call. */
export interface ToolSearchCallItem extends ResponseItemBase {
  type: 'tool_search_call';
  call_id: string | null;
  status?: string;
  execution: string;
  arguments: unknown;
}

/** The output of a function tool call. */
export interface FunctionCallOutputItem extends ResponseItemBase {
  type: 'function_call_output';
  call_id: string;
  output: FunctionCallOutputPayload;
}

/** A custom (free-form) tool call. */
export interface CustomToolCallItem extends ResponseItemBase {
  type: 'custom_tool_call';
  status?: string;
  call_id: string;
  name: string;
  input: string;
}

/** The output of a custom tool call. */
export interface CustomToolCallOutputItem extends ResponseItemBase {
  type: 'custom_tool_call_output';
  call_id: string;
  name?: string;
  output: FunctionCallOutputPayload;
}

/** The output of a tool search. */
export interface ToolSearchOutputItem extends ResponseItemBase {
  type: 'tool_search_output';
  call_id: string | null;
  status: string;
  execution: string;
  tools: unknown[];
}

/** A web search the server ran. */
export interface WebSearchCallItem extends ResponseItemBase {
  type: 'web_search_call';
  status?: string;
  action?: WebSearchAction;
}

/**
 * An image generation the server ran. Unlike the other variants' ids, its `id` is a field of the
 * item upstream: required when read, and always serialised (`serializeResponseItem`'s `ids: false`
 * does not drop it).
 */
export interface ImageGenerationCallItem extends ResponseItemBase {
  type: 'image_generation_call';
  id: string;
  status: string;
  revised_prompt?: string;
  result: string;
}

/**
 * A commit Codex made of the working tree without touching the branch or the index, so that a turn
 * can be undone (`ghost_commit` of a `ghost_snapshot` item). `parent` is always serialised, `null`
 * when the repository had no `HEAD`.
 */
export interface GhostCommit {
  /** The snapshot's commit id. */
  id: string;
  /** The commit `HEAD` pointed at, or `null`. */
  parent: string | null;
  /** Untracked files that already existed when the snapshot was taken (kept on undo). */
  preexisting_untracked_files: string[];
  /** Untracked directories that already existed when the snapshot was taken (kept on undo). */
  preexisting_untracked_dirs: string[];
}

/**
 * A working-tree snapshot the harness (not the model) records in the history so that a turn can be
 * undone. It reads and serialises like every item (for stored histories); whether it goes into a
 * request to a model is the caller's choice.
 */
export interface GhostSnapshotItem extends ResponseItemBase {
  type: 'ghost_snapshot';
  ghost_commit: GhostCommit;
}

/** A compacted history (`compaction_summary` is accepted as an alias of the type on input). */
export interface CompactionItem extends ResponseItemBase {
  type: 'compaction';
  encrypted_content: string;
}

/** A request to compact (a control item without fields). */
export interface CompactionTriggerItem extends ResponseItemBase {
  type: 'compaction_trigger';
}

/** A context compaction marker. */
export interface ContextCompactionItem extends ResponseItemBase {
  type: 'context_compaction';
  encrypted_content?: string;
}

/** An item of a type this version does not know; it re-serialises as `{"type":"other"}`. */
export interface OtherItem {
  type: 'other';
}

/** Every Responses API item variant, discriminated by `type`. */
export type ResponseItem =
  | MessageItem
  | AgentMessageItem
  | ReasoningItem
  | LocalShellCallItem
  | FunctionCallItem
  | ToolSearchCallItem
  | FunctionCallOutputItem
  | CustomToolCallItem
  | CustomToolCallOutputItem
  | ToolSearchOutputItem
  | WebSearchCallItem
  | ImageGenerationCallItem
  | GhostSnapshotItem
  | CompactionItem
  | CompactionTriggerItem
  | ContextCompactionItem
  | OtherItem;
