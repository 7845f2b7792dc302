// Checks item parsing against the third-party transcripts in the shared conformance corpus
// (read at run time, never copied). Skipped when the corpus is absent.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { safeParseResponseItem } from '../src/index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dir = process.env.CODEX_CONFORMANCE_DIR ?? join(repoRoot, '../shared/conformance');
const indexPath = join(dir, 'responses/index.json');

interface ExpectedEvent {
  type: string;
  item_type?: string;
  [key: string]: unknown;
}
interface Transcript {
  name: string;
  file: string;
  expected: { events?: ExpectedEvent[] };
}

function dataPayloads(body: string): unknown[] {
  const text = body.replace(/^\ufeff/, '').replace(/\r\n|\r/g, '\n');
  const payloads: unknown[] = [];
  for (const block of text.split('\n\n')) {
    const data = block
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).replace(/^ /, ''));
    if (data.length === 0) continue;
    try {
      payloads.push(JSON.parse(data.join('\n')));
    } catch {
      // Not JSON: the stream processor skips it too.
    }
  }
  return payloads;
}

describe.skipIf(!existsSync(indexPath))('conformance: output items of recorded streams', () => {
  const transcripts: Transcript[] = existsSync(indexPath)
    ? JSON.parse(readFileSync(indexPath, 'utf8')).transcripts
    : [];
  const withItems = transcripts.filter((transcript) =>
    (transcript.expected.events ?? []).some((event) => event.item_type !== undefined),
  );

  it('has transcripts with items', () => {
    expect(withItems.length).toBeGreaterThan(5);
  });

  it.each(withItems.map((transcript) => [transcript.name, transcript] as const))(
    '%s',
    (_name, transcript) => {
      const expected = (transcript.expected.events ?? []).filter(
        (event) => event.type === 'OutputItemAdded' || event.type === 'OutputItemDone',
      );
      const actual: Array<{ event: string; item: Record<string, unknown> }> = [];
      const body = readFileSync(join(dir, 'responses', transcript.file), 'utf8');
      for (const payload of dataPayloads(body)) {
        const event = payload as { type?: unknown; item?: unknown; response?: { id?: unknown } };
        if (event.type === 'response.completed' && typeof event.response?.id === 'string') break;
        const kind =
          event.type === 'response.output_item.added'
            ? 'OutputItemAdded'
            : event.type === 'response.output_item.done'
              ? 'OutputItemDone'
              : undefined;
        if (kind === undefined) continue;
        const result = safeParseResponseItem(event.item);
        if (result.success) {
          actual.push({ event: kind, item: result.value as unknown as Record<string, unknown> });
        }
      }
      expect(actual.map((entry) => [entry.event, entry.item.type])).toEqual(
        expected.map((event) => [event.type, event.item_type]),
      );
      for (const [index, event] of expected.entries()) {
        const item = actual[index]?.item ?? {};
        for (const key of ['role', 'name', 'call_id', 'arguments', 'input', 'status', 'phase']) {
          if (key in event) expect(item[key], `${index}.${key}`).toEqual(event[key]);
        }
        if ('summary' in event) {
          const summary = (item.summary as Array<{ text: string }>).map((part) => part.text);
          expect(summary).toEqual(event.summary);
        }
      }
    },
  );
});
