// Copied by check-pack.mjs into a fresh npm project that installed the packed tarballs (and then
// `ws`), and run there as ESM (`.mjs`) and as CommonJS (`.cjs`, where `require` loads the package
// and `ws`). It serves a Responses WebSocket on 127.0.0.1 with `ws` itself and streams two turns
// through ModelClient: the second on the same connection, with `previous_response_id`.
// Usage: node <this file> esm|cjs [missing-ws]
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cjs = process.argv[2] === 'cjs';
const api = cjs ? require('@codex/api') : await import('@codex/api');

if (process.argv[3] === 'missing-ws') {
  // Without `ws` installed: a clear error naming the install command, and nothing else breaks.
  const client = new api.ResponsesWebsocketClient({
    settings: api.createEndpointSettings({ name: 'x', baseUrl: 'http://127.0.0.1:9/v1' }),
    auth: api.noAuth,
  });
  const error = await client.connect().then(
    () => undefined,
    (reason) => reason,
  );
  if (!error?.message?.includes('npm install ws')) {
    throw new Error(`expected an error naming \`npm install ws\`, got ${String(error)}`);
  }
  console.log(JSON.stringify({ node: process.version, error: error.message }));
  process.exit(0);
}

const { WebSocketServer } = cjs ? require('ws') : await import('ws');
const { createServer } = await import('node:http');
const server = createServer((_request, response) => response.writeHead(404).end());
const wss = new WebSocketServer({ server, path: '/v1/responses' });
const frames = [];
let handshakes = 0;
wss.on('connection', (socket) => {
  handshakes += 1;
  socket.on('message', (data) => {
    frames.push(JSON.parse(String(data)));
    const id = `resp_${frames.length}`;
    socket.send(JSON.stringify({ type: 'response.created', response: { id } }));
    socket.send(
      JSON.stringify({ type: 'response.output_text.delta', delta: `turn ${frames.length}` }),
    );
    socket.send(JSON.stringify({ type: 'response.completed', response: { id } }));
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${server.address().port}/v1`;

const client = new api.ModelClient({
  provider: api.createOpenAIProvider({ apiKey: 'sk-pack-check', baseUrl, env: {} }),
  webSockets: new api.WebsocketSessions(),
});
const user = { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] };
const texts = [];
for (const input of [[user], [user, user]]) {
  for await (const event of await client.stream({ model: 'm', input })) {
    if (event.type === 'outputTextDelta') texts.push(event.delta);
  }
}
const checks = {
  texts: texts.join('|') === 'turn 1|turn 2',
  oneHandshake: handshakes === 1,
  incremental: frames[1]?.previous_response_id === 'resp_1' && frames[1]?.input.length === 1,
};
client.close();
for (const socket of wss.clients) socket.terminate();
server.close();
if (!Object.values(checks).every(Boolean)) {
  throw new Error(`WebSocket streaming check failed: ${JSON.stringify({ checks, texts, frames })}`);
}
console.log(JSON.stringify({ node: process.version, module: cjs ? 'cjs' : 'esm', texts }));
