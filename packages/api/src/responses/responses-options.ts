import type { RequestCompression } from '@codex/client';
import type { HeadersInput } from '../headers-input.js';
import type { SessionSource } from './session-source.js';
import type { TurnState } from './turn-state.js';

/** Per-call options of a Responses stream: headers and transport concerns. */
export interface ResponsesOptions {
  /** Sent as `x-client-request-id` and `session_id`. */
  readonly conversationId?: string | undefined;
  /** A sub-agent source adds `x-openai-subagent: <label>`. */
  readonly sessionSource?: SessionSource | undefined;
  /** Headers on top of the settings' headers (invalid ones are skipped). */
  readonly extraHeaders?: HeadersInput | undefined;
  /** Request body compression. @default 'none' */
  readonly compression?: RequestCompression | undefined;
  /** Receives `x-codex-turn-state` from the response when still empty. */
  readonly turnState?: TurnState | undefined;
  /** Cancels the request, its retries and the stream; its reason is thrown as it is. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Overall deadline of the call, in milliseconds: every attempt, the backoff sleeps and the
   * whole stream to its last event (with `ModelClient`, resolving the provider too). Expiry
   * fails the call — or the stream, once it started — with a transport `timeout`, not retried.
   * Not an upstream setting.
   * @default none (the response timeout bounds each attempt's head, the idle timeout each gap)
   */
  readonly timeoutMs?: number | undefined;
  /**
   * Whether input items keep `internal_chat_message_metadata_passthrough` (OpenAI only).
   * Used by `streamRequest`.
   * @default false
   */
  readonly metadataPassthrough?: boolean | undefined;
}
