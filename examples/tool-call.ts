// A tool-call round trip: the model asks for a function call, this program runs the function
// locally and sends its output back, and the model answers with it.
//
//   OPENAI_API_KEY=sk-… node tool-call.ts
import {
  createOpenAIProvider,
  type FunctionCallItem,
  ModelClient,
  type ResponseItem,
} from '@codex/api';

const model = process.env.CODEX_EXAMPLE_MODEL ?? 'gpt-5.1-codex-mini';
const client = new ModelClient({ provider: createOpenAIProvider() });

// The tool, as the Responses API describes a function, and its local implementation.
const tools = [
  {
    type: 'function',
    name: 'get_current_time',
    description: 'The current time in UTC, as an ISO 8601 string.',
    strict: false,
    parameters: { type: 'object', properties: {}, additionalProperties: false },
  },
];
const implementations: Record<string, (args: unknown) => string> = {
  get_current_time: () => new Date().toISOString(),
};

const history: ResponseItem[] = [
  {
    type: 'message',
    role: 'user',
    content: [{ type: 'input_text', text: 'What time is it? Use the tool.' }],
  },
];

// At most a few rounds: each round either answers or asks for more tool calls.
for (let round = 1; round <= 4; round++) {
  const calls: FunctionCallItem[] = [];
  const stream = await client.stream({ model, input: history, tools });
  for await (const event of stream) {
    if (event.type === 'outputTextDelta') process.stdout.write(event.delta);
    if (event.type === 'outputItemDone') {
      history.push(event.item);
      if (event.item.type === 'function_call') calls.push(event.item);
    }
  }
  if (calls.length === 0) {
    process.stdout.write('\n');
    break;
  }
  for (const call of calls) {
    const run = implementations[call.name];
    const output =
      run === undefined ? `unknown tool ${call.name}` : run(JSON.parse(call.arguments));
    console.log(`[tool] ${call.name}(${call.arguments}) → ${output}`);
    history.push({ type: 'function_call_output', call_id: call.call_id, output });
  }
}
