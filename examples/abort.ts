// Cancels a turn from outside: an AbortSignal passed to `stream` stops the request at any stage
// (before the response, or in the middle of the stream) and the HTTP connection is released.
// The stream then throws the signal's reason, unwrapped.
//
//   OPENAI_API_KEY=sk-… node abort.ts
import { createOpenAIProvider, ModelClient } from '@codex/api';

const client = new ModelClient({ provider: createOpenAIProvider() });
const maxCharacters = Number(process.env.CODEX_EXAMPLE_MAX_CHARACTERS ?? 40);

const controller = new AbortController();
let received = '';
try {
  const stream = await client.stream(
    {
      model: process.env.CODEX_EXAMPLE_MODEL ?? 'gpt-5.1-codex-mini',
      input: [
        {
          type: 'message',
          role: 'user',
          content: [{ type: 'input_text', text: 'Write a long story about a lighthouse.' }],
        },
      ],
    },
    { signal: controller.signal },
  );
  for await (const event of stream) {
    if (event.type !== 'outputTextDelta') continue;
    received += event.delta;
    process.stdout.write(event.delta);
    // Enough: cancel the turn (a user pressing Esc, a deadline, a closed browser tab, …).
    if (received.length >= maxCharacters) controller.abort(new Error('enough text'));
  }
  console.log('\nthe turn completed before the limit');
} catch (error) {
  if (!controller.signal.aborted || error !== controller.signal.reason) throw error;
  console.log(`\naborted after ${received.length} characters: ${controller.signal.reason.message}`);
}
