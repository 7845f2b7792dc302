// Runs the README's "Streaming over WebSocket" code block as written, against the test kit's
// WebSocket endpoint: only the provider call is pointed at the loopback server, and the output is
// captured.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  loadTranscript,
  type ResponsesServer,
  type ResponsesWebsocketEndpoint,
  serveResponsesWebsocket,
  startResponsesServer,
  transcriptPayloads,
} from '@codex/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

function websocketCode(): string {
  const section = readme.slice(readme.indexOf('## Streaming over WebSocket'));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (match === null) throw new Error('README has no ts block under "## Streaming over WebSocket"');
  return match[1] ?? '';
}

let server: ResponsesServer;
let endpoint: ResponsesWebsocketEndpoint;
let directory: string;

beforeAll(async () => {
  server = await startResponsesServer();
  endpoint = serveResponsesWebsocket(server);
  directory = mkdtempSync(join(new URL('.', import.meta.url).pathname, '.readme-'));
});

afterAll(async () => {
  await endpoint.close();
  await server.close();
  rmSync(directory, { recursive: true, force: true });
});

it('the WebSocket example streams two turns on one connection, the second incremental', async () => {
  const code = websocketCode();
  expect(code).toContain('createOpenAIProvider()');
  const runnable = code
    .replace(
      'createOpenAIProvider()',
      `createOpenAIProvider({ apiKey: 'sk-readme', baseUrl: ${JSON.stringify(server.baseUrl)}, env: {} })`,
    )
    .replaceAll('process.stdout.write(', 'globalThis.__readmeOutput.push(')
    .replaceAll('console.warn(', 'globalThis.__readmeOutput.push(');
  const file = join(directory, 'websocket.ts');
  writeFileSync(file, runnable);
  const output: unknown[] = [];
  (globalThis as { __readmeOutput?: unknown[] }).__readmeOutput = output;
  await import(/* @vite-ignore */ file);

  const text = transcriptPayloads(loadTranscript('turn'))
    .map((payload) => JSON.parse(payload) as { type: string; delta?: string })
    .filter((event) => event.type === 'response.output_text.delta')
    .map((event) => event.delta)
    .join('');
  expect(output.join('')).toBe(`${text}\n${text}\n`);
  expect(endpoint.handshakes).toHaveLength(1);
  expect(endpoint.handshakes[0]!.headers.authorization).toBe('Bearer sk-readme');
  const [first, second] = endpoint.requests.map((request) =>
    request.json<{ previous_response_id?: string; input: { type: string }[] }>(),
  );
  expect(first?.previous_response_id).toBeUndefined();
  expect(first?.input).toHaveLength(1);
  expect(second?.previous_response_id).toBe('resp_68c1f0a2b3d4e5f60718293a4b5c6d7e');
  expect(second?.input).toEqual([
    {
      type: 'message',
      role: 'user',
      content: [{ type: 'input_text', text: 'Which one is the entry point?' }],
    },
  ]);
  expect(server.responses.requests).toHaveLength(0);
});
