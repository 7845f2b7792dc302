import type { ResponseItem } from '@codex/protocol';

/**
 * The output an agent would add after running a tool call (the demo runs no commands; the real
 * service rejects a history with a call that has no output). Nothing for other items.
 */
export function toolOutputFor(item: ResponseItem): ResponseItem[] {
  if (item.type !== 'function_call') return [];
  return [
    {
      type: 'function_call_output',
      call_id: item.call_id,
      output: 'Not run: this is the @codex/demo, which executes no commands.',
    },
  ];
}
