// A provider of your own: where requests go, how they are authenticated, and how one failure of
// your service is shown to users. This one talks to any OpenAI-compatible Responses endpoint.
//
//   CODEX_EXAMPLE_BASE_URL=https://llm.example.com/v1 CODEX_EXAMPLE_API_KEY=… node custom-provider.ts
import {
  createBearerAuth,
  createEndpointSettings,
  defaultMapApiError,
  defineModelProvider,
  EnvVarError,
  ModelClient,
  UnexpectedStatusError,
} from '@codex/api';

const gateway = defineModelProvider({
  id: 'example-gateway',
  name: 'Example gateway',
  // Called before every request: settings and credentials are read when needed, so a key rotated
  // in the environment is picked up by the next request.
  async resolve() {
    const apiKey = process.env.CODEX_EXAMPLE_API_KEY;
    if (apiKey === undefined || apiKey.trim() === '') {
      throw new EnvVarError({ variable: 'CODEX_EXAMPLE_API_KEY' });
    }
    return {
      settings: createEndpointSettings({
        name: 'Example gateway',
        baseUrl: process.env.CODEX_EXAMPLE_BASE_URL ?? 'https://llm.example.com/v1',
        headers: { 'x-example-client': 'codex-examples' },
      }),
      auth: createBearerAuth({ token: apiKey }),
    };
  },
  // Every failure passes through here. Keep the neutral mapping and adjust what you recognise.
  mapApiError(error) {
    const mapped = defaultMapApiError(error);
    if (UnexpectedStatusError.isInstance(mapped) && mapped.status === 402) {
      // The url and request id are still appended after this text.
      return mapped.withUserMessage('Your gateway plan is out of credit. Top it up and retry');
    }
    return mapped;
  },
});

const client = new ModelClient({ provider: gateway });
try {
  const stream = await client.stream({
    model: process.env.CODEX_EXAMPLE_MODEL ?? 'gpt-5.1-codex-mini',
    input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hello!' }] }],
  });
  for await (const event of stream) {
    if (event.type === 'outputTextDelta') process.stdout.write(event.delta);
  }
  process.stdout.write('\n');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
