import { describe, expect, it } from 'vitest';
import { describeResponseItem } from './describe-response-item.js';

describe('describeResponseItem', () => {
  it('quotes message text on one line', () => {
    expect(
      describeResponseItem({
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: 'Refactor the retry loop\nto use backoff.' }],
      }),
    ).toBe('user message "Refactor the retry loop to use backoff."');
  });

  it('shortens long text with an ellipsis', () => {
    const text = describeResponseItem({
      type: 'message',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'x'.repeat(200) }],
    });
    expect(text).toBe(`assistant message "${'x'.repeat(71)}…"`);
  });

  it('names a function call with its arguments', () => {
    expect(
      describeResponseItem({
        type: 'function_call',
        name: 'shell',
        arguments: '{"command":["ls","-la"]}',
        call_id: 'call_1',
      }),
    ).toBe('function call shell {"command":["ls","-la"]}');
  });

  it('says a compaction is an encrypted summary and how long it is', () => {
    expect(describeResponseItem({ type: 'compaction', encrypted_content: 'abcd' })).toBe(
      'compaction (encrypted summary, 4 characters)',
    );
  });

  it('falls back to the item type', () => {
    expect(describeResponseItem({ type: 'compaction_trigger' })).toBe('compaction trigger');
  });
});
