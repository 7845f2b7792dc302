import { describe, expect, it } from 'vitest';
import { createIndentedWriter } from './create-indented-writer.js';

function sink(): { writes: string[]; write(text: string): void } {
  const writes: string[] = [];
  return { writes, write: (text) => void writes.push(text) };
}

describe('createIndentedWriter', () => {
  it('indents every line, wherever the deltas split it, with one write per delta', () => {
    const out = sink();
    const writer = createIndentedWriter(out, '  ');
    for (const delta of ['**Insp', 'ecting**\n', '\nThe', ' user', '\nwants']) writer.write(delta);
    expect(out.writes).toHaveLength(5);
    expect(out.writes.join('')).toBe('  **Inspecting**\n\n  The user\n  wants');
    expect(writer.atLineStart).toBe(false);
  });

  it('styles the text but not the indent or the newlines', () => {
    const out = sink();
    const writer = createIndentedWriter(out, '> ', (text) => `<${text}>`);
    writer.write('a\nb\n');
    expect(out.writes.join('')).toBe('> <a>\n> <b>\n');
    expect(writer.atLineStart).toBe(true);
  });

  it('writes nothing for an empty delta', () => {
    const out = sink();
    createIndentedWriter(out, '  ').write('');
    expect(out.writes).toEqual([]);
  });
});
