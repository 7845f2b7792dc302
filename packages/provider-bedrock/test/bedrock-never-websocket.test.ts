// AWS providers never use WebSockets (§C, §C.5): even a ModelClient that prefers them streams
// Bedrock turns over HTTPS, against a server whose WebSocket endpoint would accept them.
import { createOpenAIProvider, ModelClient, WebsocketSessions } from '@codex/api';
import type { ResponseItem } from '@codex/protocol';
import {
  type ResponsesServer,
  type ResponsesWebsocketEndpoint,
  serveResponsesWebsocket,
  startResponsesServer,
} from '@codex/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBedrockProvider } from '../src/create-bedrock-provider.js';

const INPUT: ResponseItem[] = [
  { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hello' }] },
];

let server: ResponsesServer;
let endpoint: ResponsesWebsocketEndpoint;
beforeEach(async () => {
  server = await startResponsesServer({ basePath: '/openai/v1' });
  endpoint = serveResponsesWebsocket(server, { path: '/openai/v1/responses' });
});
afterEach(async () => {
  await endpoint.close();
  await server.close();
});

async function drain(client: ModelClient, options: { preferWebSockets?: boolean } = {}) {
  const types: string[] = [];
  for await (const event of await client.stream(
    { model: 'openai.gpt-5.4', input: INPUT },
    options,
  )) {
    types.push(event.type);
  }
  return types;
}

describe('the Bedrock provider never opens a WebSocket', () => {
  it('streams over HTTPS with webSockets on the client and preferWebSockets on the call; prewarm is a no-op', async () => {
    const client = new ModelClient({
      provider: createBedrockProvider({
        apiKey: 'bedrock-api-key',
        region: 'us-east-2',
        baseUrl: server.baseUrl,
        env: {},
      }),
      webSockets: new WebsocketSessions(),
    });
    expect((await drain(client)).at(-1)).toBe('completed');
    expect((await drain(client, { preferWebSockets: true })).at(-1)).toBe('completed');
    expect(await client.prewarm({ model: 'openai.gpt-5.4', input: INPUT })).toBe(false);
    expect(server.responses.requests).toHaveLength(2);
    expect(endpoint.handshakes).toHaveLength(0);
  });

  it('while the same server accepts the OpenAI provider’s WebSocket (the endpoint works)', async () => {
    const client = new ModelClient({
      provider: createOpenAIProvider({ apiKey: 'sk-test', baseUrl: server.baseUrl, env: {} }),
      webSockets: new WebsocketSessions(),
    });
    expect((await drain(client)).at(-1)).toBe('completed');
    expect(endpoint.handshakes).toHaveLength(1);
    expect(server.responses.requests).toHaveLength(0);
    client.close();
  });
});
