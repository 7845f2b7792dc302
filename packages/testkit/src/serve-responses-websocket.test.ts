import { describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { loadTranscript } from './fixture-path.js';
import {
  connectionLimitFrame,
  serveResponsesWebsocket,
  websocketTurn,
  wrappedErrorFrame,
} from './serve-responses-websocket.js';
import { startTestServer } from './start-test-server.js';
import { transcriptPayloads } from './transcript-payloads.js';

interface Received {
  texts: string[];
  binary: number;
  close?: { code: number; reason: string };
}

/** Opens a socket; resolves with the 101's headers, or rejects with the refusal's status and body. */
function connect(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ socket: WebSocket; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    let upgradeHeaders: Record<string, unknown> = {};
    socket.on('upgrade', (response) => {
      upgradeHeaders = response.headers;
    });
    socket.on('open', () => resolve({ socket, headers: upgradeHeaders }));
    socket.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on('end', () => {
        socket.terminate();
        reject(
          Object.assign(new Error('refused'), {
            status: response.statusCode,
            body,
            headers: response.headers,
          }),
        );
      });
    });
    socket.on('error', (error) => reject(error));
  });
}

/** Sends one request and collects frames until `count` texts arrived, a close, or a drop. */
function turn(socket: WebSocket, count: number): Promise<Received> {
  return new Promise((resolve) => {
    const received: Received = { texts: [], binary: 0 };
    const onMessage = (data: Buffer, isBinary: boolean): void => {
      if (isBinary) received.binary += 1;
      else received.texts.push(data.toString());
      if (received.texts.length + received.binary >= count) finish();
    };
    const onClose = (code: number, reason: Buffer): void => {
      received.close = { code, reason: reason.toString() };
      finish();
    };
    const finish = (): void => {
      socket.off('message', onMessage);
      socket.off('close', onClose);
      resolve(received);
    };
    socket.on('message', onMessage);
    socket.on('close', onClose);
    socket.send(JSON.stringify({ type: 'response.create', model: 'm' }));
  });
}

describe('transcriptPayloads', () => {
  it('reads the data of every SSE event (CRLF, BOM, multi-line data, comments)', () => {
    expect(
      transcriptPayloads(
        '\uFEFFevent: a\r\ndata: {"type":\r\ndata: "a"}\r\n\r\n: keep-alive\n\ndata:x\n\ndata: cut',
      ),
    ).toEqual(['{"type":\n"a"}', 'x']);
    expect(transcriptPayloads([{ type: 'response.created', response: {} }])).toEqual([
      '{"type":"response.created","response":{}}',
    ]);
  });
});

describe('serveResponsesWebsocket', () => {
  it('accepts the handshake with permessage-deflate and its headers, and answers each request with the transcript', async () => {
    await using server = await startTestServer();
    const endpoint = serveResponsesWebsocket(server, {
      handshakeHeaders: { 'openai-model': 'gpt-test', 'x-codex-turn-state': 'ts-1' },
    });
    const { socket, headers } = await connect(endpoint.url, { authorization: 'Bearer t' });
    expect(headers['openai-model']).toBe('gpt-test');
    expect(headers['sec-websocket-extensions']).toContain('permessage-deflate');
    expect(endpoint.handshakes[0]).toMatchObject({ accepted: true, path: '/v1/responses' });
    expect(endpoint.handshakes[0]!.headers.authorization).toBe('Bearer t');

    const payloads = transcriptPayloads(loadTranscript('turn'));
    const first = await turn(socket, payloads.length);
    expect(first.texts).toEqual(payloads);
    // The connection stays open: a second request is answered on it.
    const second = await turn(socket, payloads.length);
    expect(second.texts).toEqual(payloads);
    expect(endpoint.requests.map((request) => [request.connection, request.turn])).toEqual([
      [0, 0],
      [0, 1],
    ]);
    expect(endpoint.requests[0]!.json()).toEqual({ type: 'response.create', model: 'm' });
    socket.close();
  });

  it('refuses a handshake with the scripted status, headers and body (426)', async () => {
    await using server = await startTestServer();
    const endpoint = serveResponsesWebsocket(server);
    endpoint.enqueueHandshake({
      status: 426,
      headers: { 'x-request-id': 'r1' },
      body: 'use https',
    });
    const refusal = await connect(endpoint.url).then(
      () => undefined,
      (error: { status: number; body: string; headers: Record<string, string> }) => error,
    );
    expect(refusal).toMatchObject({ status: 426, body: 'use https' });
    expect(refusal?.headers['x-request-id']).toBe('r1');
    expect(endpoint.handshakes[0]!.accepted).toBe(false);
    // The queue was one-shot: the next handshake is accepted.
    const { socket } = await connect(endpoint.url);
    socket.close();
  });

  it('refuses other paths with a 404', async () => {
    await using server = await startTestServer();
    serveResponsesWebsocket(server);
    const refusal = await connect(`${server.url.replace('http', 'ws')}/elsewhere`).then(
      () => undefined,
      (error: { status: number }) => error,
    );
    expect(refusal?.status).toBe(404);
  });

  it('plays scripted faults: close frame, binary frame, wrapped errors, drop', async () => {
    await using server = await startTestServer();
    const endpoint = serveResponsesWebsocket(server);
    const transcript = loadTranscript('turn');
    endpoint.enqueue(
      websocketTurn(transcript, { binaryAfterEvents: 2 }),
      {
        frames: [
          wrappedErrorFrame({
            status: 429,
            error: { type: 'usage_limit_reached' },
            headers: { 'x-a': 1 },
          }),
        ],
      },
      websocketTurn(transcript, { closeAfterEvents: 1 }),
    );
    const { socket } = await connect(endpoint.url);
    const binary = await turn(socket, 3);
    expect(binary.texts).toHaveLength(2);
    expect(binary.binary).toBe(1);
    const wrapped = await turn(socket, 1);
    expect(JSON.parse(wrapped.texts[0]!)).toEqual({
      type: 'error',
      status: 429,
      error: { type: 'usage_limit_reached' },
      headers: { 'x-a': 1 },
    });
    const closed = await turn(socket, 99);
    expect(closed.texts).toHaveLength(1);
    expect(closed.close).toEqual({ code: 1011, reason: 'testkit' });

    endpoint.enqueue(websocketTurn(transcript, { dropAfterEvents: 1 }));
    const second = await connect(endpoint.url);
    const dropped = await turn(second.socket, 99);
    expect(dropped.close?.code).toBe(1006);
  });

  it('answers past the connection limit with the connection-limit wrapped error', async () => {
    await using server = await startTestServer();
    const endpoint = serveResponsesWebsocket(server, {
      transcript: [{ type: 'response.completed', response: { id: 'r' } }],
      requestsPerConnection: 1,
    });
    const { socket } = await connect(endpoint.url);
    expect((await turn(socket, 1)).texts).toEqual([
      '{"type":"response.completed","response":{"id":"r"}}',
    ]);
    const limited = await turn(socket, 1);
    expect(JSON.parse(limited.texts[0]!)).toMatchObject({
      type: 'error',
      error: { code: 'websocket_connection_limit_reached' },
    });
    expect(connectionLimitFrame()).toEqual({ json: JSON.parse(limited.texts[0]!) });
    socket.close();
  });

  it('server close() ends stalled handshakes and open connections', async () => {
    const server = await startTestServer();
    const endpoint = serveResponsesWebsocket(server);
    endpoint.enqueue(websocketTurn(loadTranscript('turn'), { stallAfterEvents: 1 }));
    const { socket } = await connect(endpoint.url);
    const stalled = turn(socket, 99);
    endpoint.enqueueHandshake({ stall: true });
    const stalledHandshake = connect(endpoint.url).then(
      () => 'open',
      () => 'failed',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await server.close();
    expect((await stalled).close?.code).toBe(1006);
    expect(await stalledHandshake).toBe('failed');
    await vi.waitFor(() => expect(endpoint.openConnections).toBe(0), { timeout: 5000 });
  });
});
