import type { ResponseItem } from '@codex/protocol';

const TEXT_LIMIT = 72;

/**
 * One line that says what an item is, for the compaction result and the tool call:
 * `user message "Refactor the retry loop…"`, `compaction (encrypted summary, 88 characters)`,
 * `function call shell {"command":["ls","-la"]}`.
 */
export function describeResponseItem(item: ResponseItem): string {
  switch (item.type) {
    case 'message': {
      const text = item.content
        .map((part) => (part.type === 'input_image' ? '[image]' : part.text))
        .join(' ');
      return `${item.role} message ${quote(text)}`;
    }
    case 'reasoning': {
      const text = item.summary.map((part) => part.text).join(' ');
      return text === '' ? 'reasoning (no summary)' : `reasoning ${quote(text)}`;
    }
    case 'function_call':
      return `function call ${item.namespace ? `${item.namespace}.` : ''}${item.name} ${shorten(item.arguments)}`;
    case 'custom_tool_call':
      return `custom tool call ${item.name} ${shorten(item.input)}`;
    case 'function_call_output':
    case 'custom_tool_call_output': {
      const output =
        typeof item.output === 'string'
          ? item.output
          : item.output
              .map((part) => (part.type === 'input_text' ? part.text : `[${part.type}]`))
              .join(' ');
      return `tool output for ${item.call_id} ${quote(output)}`;
    }
    case 'compaction':
      return `compaction (encrypted summary, ${item.encrypted_content.length} characters)`;
    case 'context_compaction':
      return item.encrypted_content === undefined
        ? 'context compaction'
        : `context compaction (encrypted, ${item.encrypted_content.length} characters)`;
    default:
      return item.type.replaceAll('_', ' ');
  }
}

function quote(text: string): string {
  return `"${shorten(text.replace(/\s+/g, ' ').trim())}"`;
}

function shorten(text: string): string {
  const characters = [...text];
  return characters.length <= TEXT_LIMIT
    ? text
    : `${characters.slice(0, TEXT_LIMIT - 1).join('')}…`;
}
