// The loopback server of the WebSocket section (`websocket.mjs`), in its own process so the client
// under test does not share an event loop with it. The same transcripts over both transports:
//   POST /{big,small}/v1/responses             SSE bytes, 64 KiB writes with back-pressure
//   WS   /{big,small}/v1/responses             each SSE `data:` payload as one text frame, ~64 KiB
//                                              of frames per write
//   WS   /deflate/{big,small}/v1/responses     the same with permessage-deflate accepted
// Prints `listening <port>`; serves until stdin closes. Usage: node websocket-server.mjs [--quick]

import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { createTextDeltaTranscript } from './transcripts.mjs';

const quick = process.argv.includes('--quick');
const transcripts = {
  big: createTextDeltaTranscript({ deltaCount: quick ? 5_000 : 100_000 }).bytes,
  small: createTextDeltaTranscript({ deltaCount: 200, seed: 7 }).bytes,
};
const decoder = new TextDecoder();
// The generator writes `event: <type>\ndata: <json>\n\n`: the payload is the `data:` line.
const payloads = Object.fromEntries(
  Object.entries(transcripts).map(([name, bytes]) => [
    name,
    decoder
      .decode(bytes)
      .split('\n\n')
      .filter((block) => block !== '')
      .map((block) => block.slice(block.indexOf('data: ') + 'data: '.length)),
  ]),
);
const WRITE_SIZE = 64 * 1024;

const server = createServer((request, response) => {
  request.resume();
  const name = /^\/(big|small)\/v1\/responses$/.exec(request.url ?? '')?.[1];
  if (request.method !== 'POST' || name === undefined) {
    response.writeHead(404).end();
    return;
  }
  request.on('end', async () => {
    const bytes = transcripts[name];
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
    for (let offset = 0; offset < bytes.length; offset += WRITE_SIZE) {
      if (response.destroyed) return;
      if (!response.write(bytes.subarray(offset, offset + WRITE_SIZE))) {
        await new Promise((resolve) => {
          const done = () => {
            response.off('drain', done);
            response.off('close', done);
            resolve();
          };
          response.on('drain', done);
          response.on('close', done);
        });
      }
    }
    response.end();
  });
});

const plain = new WebSocketServer({ noServer: true, perMessageDeflate: false });
const deflate = new WebSocketServer({ noServer: true, perMessageDeflate: true });
server.on('upgrade', (request, socket, head) => {
  const match = /^\/(deflate\/)?(big|small)\/v1\/responses$/.exec(request.url ?? '');
  if (match === null) {
    socket.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n');
    return;
  }
  const wss = match[1] === undefined ? plain : deflate;
  wss.handleUpgrade(request, socket, head, (webSocket) => {
    webSocket.on('error', () => webSocket.terminate());
    webSocket.on('message', async () => {
      // Written as the SSE bytes are: about 64 KiB at a time, then a wait for the socket. The
      // frames of one write are corked into one: `ws` would otherwise make a system call per
      // frame, and the figure would be this server's, not the client's.
      const frames = payloads[match[2]];
      let index = 0;
      while (index < frames.length) {
        await new Promise((resolve) => {
          socket.cork();
          let size = 0;
          while (index < frames.length && size < WRITE_SIZE) {
            const text = frames[index++];
            size += Buffer.byteLength(text);
            webSocket.send(
              text,
              size >= WRITE_SIZE || index === frames.length ? resolve : undefined,
            );
          }
          socket.uncork();
        });
        if (webSocket.readyState !== webSocket.OPEN) return;
      }
    });
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
process.stdin.resume();
process.stdin.on('end', () => {
  for (const wss of [plain, deflate]) for (const client of wss.clients) client.terminate();
  server.close(() => process.exit(0));
});
