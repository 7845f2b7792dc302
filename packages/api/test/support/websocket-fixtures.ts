import type { ResponseEvent } from '@codex/protocol';
import {
  type ResponsesWebsocketEndpoint,
  type ResponsesWebsocketEndpointOptions,
  serveResponsesWebsocket,
  startTestServer,
  type TestServer,
} from '@codex/testkit';
import type { AuthProvider } from '../../src/auth/auth-provider.js';
import { createBearerAuth } from '../../src/auth/create-bearer-auth.js';
import { ResponsesWebsocketClient } from '../../src/responses/websocket/responses-websocket-client.js';
import { createEndpointSettings } from '../../src/settings/endpoint-settings.js';

/** The token the WebSocket fixtures authenticate with. */
export const WEBSOCKET_TEST_TOKEN = 'sk-websocket-test-token-0123456789';

/** A test server with a Responses WebSocket endpoint and a client pointed at it. */
export interface WebsocketFixture extends AsyncDisposable {
  readonly server: TestServer;
  readonly endpoint: ResponsesWebsocketEndpoint;
  readonly client: ResponsesWebsocketClient;
}

/** Starts the fixture; `streamIdleTimeoutMs` is generous unless a test is about the idle timeout. */
export async function websocketFixture(
  options: {
    readonly endpoint?: ResponsesWebsocketEndpointOptions | undefined;
    readonly headers?: Readonly<Record<string, string>> | undefined;
    readonly queryParams?: Readonly<Record<string, string>> | undefined;
    readonly streamIdleTimeoutMs?: number | undefined;
    readonly auth?: AuthProvider | undefined;
    readonly connectTimeoutMs?: number | undefined;
  } = {},
): Promise<WebsocketFixture> {
  const server = await startTestServer();
  const endpoint = serveResponsesWebsocket(server, options.endpoint);
  const client = new ResponsesWebsocketClient({
    settings: createEndpointSettings({
      name: 'openai',
      baseUrl: `${server.url}/v1`,
      headers: options.headers,
      queryParams: options.queryParams,
      streamIdleTimeoutMs: options.streamIdleTimeoutMs ?? 60_000,
    }),
    auth: options.auth ?? createBearerAuth({ token: WEBSOCKET_TEST_TOKEN }),
    connectTimeoutMs: options.connectTimeoutMs,
  });
  return {
    server,
    endpoint,
    client,
    [Symbol.asyncDispose]: async () => {
      await endpoint.close();
      await server.close();
    },
  };
}

/** The types of `events`. */
export function typesOf(events: readonly ResponseEvent[]): string[] {
  return events.map((event) => event.type);
}
