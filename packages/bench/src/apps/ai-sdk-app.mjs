// A minimal application: stream one Responses turn with the AI SDK and print the text.
import { createOpenAI } from '@ai-sdk/openai';
import { streamText } from 'ai';

const openai = createOpenAI({
  apiKey: process.env.OPENAI_API_KEY,
  baseURL: process.env.OPENAI_BASE_URL,
});
const result = streamText({ model: openai.responses('gpt-5.1'), prompt: 'Say hello.' });
for await (const text of result.textStream) process.stdout.write(text);
