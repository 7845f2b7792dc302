import {
  loadTranscript,
  type ResponsesServer,
  type ResponsesWebsocketEndpoint,
  serveResponsesWebsocket,
  startResponsesServer,
  type TranscriptEvent,
  websocketTurn,
} from '@codex/testkit';

/** The answer to the second WebSocket turn (after the tool output): a short final message. */
export const FOLLOW_UP_TEXT =
  'The repository is a pnpm monorepo of TypeScript packages: the protocol types, the HTTP client, the API clients and the Amazon Bedrock provider.';
/** The response id of the follow-up answer. */
export const FOLLOW_UP_RESPONSE_ID = 'resp_demo_follow_up_5d0c7a9e';

/** The follow-up answer, a few words per delta. */
export function followUpTranscript(): TranscriptEvent[] {
  const words = FOLLOW_UP_TEXT.split(/(?<= )/);
  const deltas: string[] = [];
  for (let index = 0; index < words.length; index += 3) {
    deltas.push(words.slice(index, index + 3).join(''));
  }
  return [
    { type: 'response.created', response: { id: FOLLOW_UP_RESPONSE_ID } },
    ...deltas.map((delta) => ({ type: 'response.output_text.delta', delta })),
    {
      type: 'response.output_item.done',
      item: {
        type: 'message',
        role: 'assistant',
        content: [{ type: 'output_text', text: FOLLOW_UP_TEXT }],
      },
    },
    {
      type: 'response.completed',
      response: {
        id: FOLLOW_UP_RESPONSE_ID,
        usage: { input_tokens: 8742, output_tokens: 31, total_tokens: 8773 },
      },
    },
  ];
}

/** The loopback servers of the WebSocket step. */
export interface WebsocketDemoServers {
  /** Base URL of the server that speaks WebSocket on `/v1/responses`. */
  readonly baseUrl: string;
  /** Its WebSocket endpoint: what the connections and request frames were. */
  readonly endpoint: ResponsesWebsocketEndpoint;
  /** Base URL of the server that refuses WebSocket handshakes with 426 and streams over HTTPS. */
  readonly fallbackBaseUrl: string;
  /** That server (its HTTPS `/responses` requests are counted). */
  readonly fallbackServer: ResponsesServer;
  /** Closes both. */
  close(): Promise<void>;
}

/**
 * Starts two Responses servers on 127.0.0.1: one accepting WebSockets on `/v1/responses` (the
 * first request of a connection gets the recorded `turn` transcript, later ones the follow-up
 * answer, frames paced by `eventDelayMs`), and one whose WebSocket handshake answers `426 Upgrade
 * Required`, so a client falls back to its HTTPS `/v1/responses` (the follow-up answer as SSE).
 */
export async function startWebsocketServers(options: {
  readonly model: string;
  readonly eventDelayMs?: number | undefined;
}): Promise<WebsocketDemoServers> {
  const eventDelayMs = options.eventDelayMs ?? 15;
  const server = await startResponsesServer({ basePath: '/v1' });
  const endpoint = serveResponsesWebsocket(server, {
    path: '/v1/responses',
    handshakeHeaders: {
      'openai-model': options.model,
      'x-request-id': 'req_ws_3a7f90c2e1d84b6a',
    },
  });
  const follow = followUpTranscript();
  endpoint.respondWith((request) =>
    websocketTurn(request.turn === 0 ? loadTranscript('turn') : follow, { eventDelayMs }),
  );
  const fallbackServer = await startResponsesServer({
    basePath: '/v1',
    transcript: follow,
    eventDelayMs,
    responsesHeaders: { 'openai-model': options.model },
  });
  const refusing = serveResponsesWebsocket(fallbackServer, { path: '/v1/responses' });
  refusing.respondToHandshakesWith({
    status: 426,
    headers: { 'x-request-id': 'req_426_upgrade_required' },
    body: 'Upgrade Required: use HTTPS',
  });
  return {
    baseUrl: server.baseUrl,
    endpoint,
    fallbackBaseUrl: fallbackServer.baseUrl,
    fallbackServer,
    async close() {
      await Promise.all([endpoint.close(), refusing.close()]);
      await Promise.all([server.close(), fallbackServer.close()]);
    },
  };
}
