// Test-only helper (not exported from the package): a deliberately simple SSE reader for the
// well-formed LF-framed bodies the kit produces, so tests can assert on what was served.

/** One SSE block as parsed by {@link readSseEvents}. */
export interface ParsedSseEvent {
  readonly event: string | undefined;
  readonly data: string;
}

/** Splits LF-framed SSE text into events; only `event:` and `data:` fields are read. */
export function readSseEvents(text: string): ParsedSseEvent[] {
  const events: ParsedSseEvent[] = [];
  for (const block of text.split('\n\n')) {
    if (block.length === 0) continue;
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice('event: '.length);
      else if (line.startsWith('data: ')) data.push(line.slice('data: '.length));
    }
    events.push({ event, data: data.join('\n') });
  }
  return events;
}

/** The JSON payloads of every event, checking that `event:` names the payload's `type`. */
export function readSseJson(text: string): Array<Record<string, unknown>> {
  return readSseEvents(text).map(({ event, data }) => {
    const payload = JSON.parse(data) as Record<string, unknown>;
    if (event !== undefined && event !== payload.type)
      throw new Error(`event name ${event} does not match type ${String(payload.type)}`);
    return payload;
  });
}
