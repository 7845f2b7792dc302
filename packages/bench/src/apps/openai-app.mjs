// A minimal application: stream one Responses turn with the `openai` SDK and print the text.
import OpenAI from 'openai';

const client = new OpenAI({
  apiKey: process.env.OPENAI_API_KEY,
  baseURL: process.env.OPENAI_BASE_URL,
});
const stream = await client.responses.create({
  model: 'gpt-5.1',
  input: 'Say hello.',
  stream: true,
});
for await (const event of stream) {
  if (event.type === 'response.output_text.delta') process.stdout.write(event.delta);
}
