/**
 * One SSE frame per payload, in the notation of the upstream conformance cases:
 * `event: <type>\ndata: <json>\n\n`, except that a payload with nothing but a `type` key is written
 * as `event: <type>\n\n`, without data. Unlike {@link encodeSseEvent}, which always writes the
 * data line, this lets a test send an event the parser never dispatches. Join the frames for one
 * body, or feed them to {@link streamOf} as one chunk each.
 *
 * @example
 * ```ts
 * const body = streamOf(sseFrames([{ type: 'response.new_tool_event' }, completed]));
 * const text = sseFrames([completed]).join('');
 * ```
 */
export function sseFrames(payloads: readonly Readonly<Record<string, unknown>>[]): string[] {
  return payloads.map((payload) =>
    Object.keys(payload).length === 1 && 'type' in payload
      ? `event: ${String(payload.type)}\n\n`
      : `event: ${String(payload.type)}\ndata: ${JSON.stringify(payload)}\n\n`,
  );
}
