/** An HTTP status carried by a {@link CodexErrorInfo}; `null` when there was none. */
export interface HttpStatusCodeInfo {
  http_status_code: number | null;
}

/**
 * The client-facing classification of an error, in its wire form: a bare snake_case name or a
 * one-key object with details. `JSON.stringify` gives exactly the upstream serialisation, e.g.
 * `"other"` or `{"response_stream_disconnected":{"http_status_code":401}}`.
 */
export type CodexErrorInfo =
  | 'context_window_exceeded'
  | 'usage_limit_exceeded'
  | 'server_overloaded'
  | 'cyber_policy'
  | 'internal_server_error'
  | 'unauthorized'
  | 'bad_request'
  | 'sandbox_error'
  | 'thread_rollback_failed'
  | 'other'
  | { http_connection_failed: HttpStatusCodeInfo }
  | { response_stream_connection_failed: HttpStatusCodeInfo }
  | { response_stream_disconnected: HttpStatusCodeInfo }
  | { response_too_many_failed_attempts: HttpStatusCodeInfo }
  | { active_turn_not_steerable: { turn_kind: 'review' | 'compact' } };

/** What a turn reports when it fails: the rendered message and its classification. */
export interface ErrorEvent {
  message: string;
  codexErrorInfo: CodexErrorInfo;
}
