// Streams one turn through the OpenAI provider and prints the text as it arrives, then the
// response id and the token usage.
//
//   OPENAI_API_KEY=sk-… node stream-turn.ts          (Node ≥ 22.18; on Node 20: npx tsx stream-turn.ts)
//
// OPENAI_BASE_URL, when set, points it at another server (the test kit in CI).
import { createOpenAIProvider, ModelClient } from '@codex/api';

const client = new ModelClient({ provider: createOpenAIProvider() });

const stream = await client.stream({
  model: process.env.CODEX_EXAMPLE_MODEL ?? 'gpt-5.1-codex-mini',
  input: [
    {
      type: 'message',
      role: 'user',
      content: [{ type: 'input_text', text: 'Explain server-sent events in two sentences.' }],
    },
  ],
});

for await (const event of stream) {
  switch (event.type) {
    case 'outputTextDelta':
      process.stdout.write(event.delta);
      break;
    case 'completed':
      process.stdout.write('\n');
      console.log(`response ${event.responseId}: ${event.tokenUsage?.totalTokens ?? '?'} tokens`);
      break;
  }
}
