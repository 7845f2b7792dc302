// A minimal application: stream one Responses turn with @codex/api and print the text.
// `createOpenAIProvider` reads OPENAI_API_KEY and OPENAI_BASE_URL.
import { createOpenAIProvider, ModelClient } from '@codex/api';

const client = new ModelClient({ provider: createOpenAIProvider() });
const stream = await client.stream({
  model: 'gpt-5.1',
  input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Say hello.' }] }],
});
for await (const event of stream) {
  if (event.type === 'outputTextDelta') process.stdout.write(event.delta);
}
