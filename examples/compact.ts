// Compacts a conversation: the server replaces the history with a shorter equivalent (an
// encrypted summary), to be sent in place of the original items on the next turn.
//
//   OPENAI_API_KEY=sk-… node compact.ts
import { createOpenAIProvider, ModelClient, type ResponseItem } from '@codex/api';

const client = new ModelClient({ provider: createOpenAIProvider() });
const model = process.env.CODEX_EXAMPLE_MODEL ?? 'gpt-5.1-codex-mini';

const history: ResponseItem[] = [
  {
    type: 'message',
    role: 'user',
    content: [{ type: 'input_text', text: 'Refactor the retry loop to use the shared helper.' }],
  },
  {
    type: 'message',
    role: 'assistant',
    content: [{ type: 'output_text', text: 'Done: the loop now calls backoff() from utils.' }],
  },
];

const compacted = await client.compact({
  model,
  input: history,
  tools: [],
  parallelToolCalls: false,
});
console.log(`${history.length} items compacted into ${compacted.length}:`);
for (const item of compacted) console.log(`- ${item.type}`);
