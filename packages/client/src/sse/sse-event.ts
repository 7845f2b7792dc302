/**
 * One event dispatched from a `text/event-stream`, read by the WHATWG rules.
 *
 * Structurally compatible with `EventSourceMessage` from `@microsoft/fetch-event-source`, but
 * `id` and `retry` are stream state rather than fields of one block (see each field).
 */
export interface SseEvent {
  /** The `event` field of the block; `"message"` when the block had none or an empty one. */
  event: string;
  /** The block's `data` lines joined with `\n`. */
  data: string;
  /**
   * The last event ID when the event was dispatched: it persists across events until an `id`
   * field changes it (an empty `id` resets it to `""`; an `id` containing U+0000 is ignored).
   */
  id: string;
  /**
   * The reconnection time in milliseconds most recently set by a valid `retry` field (ASCII
   * digits only) anywhere earlier in the stream; absent until the server sends one.
   */
  retry?: number;
}
