import { ModelClient, type ModelProvider, WebsocketSessions } from '@codex/api';
import type { ResponseItem } from '@codex/protocol';
import type { DemoReporter, WebsocketTurnSummary } from './demo-reporter.js';
import { DEMO_INPUT, DEMO_INSTRUCTIONS, DEMO_REASONING, DEMO_TOOLS } from './demo-request.js';
import type { WebsocketDemoServers } from './start-websocket-servers.js';
import { toolOutputFor } from './tool-output-for.js';

/** Named arguments of {@link runWebsocketStep}. */
export interface RunWebsocketStepOptions {
  /** The OpenAI provider pointed at the server that speaks WebSocket. */
  readonly provider: ModelProvider;
  /** The OpenAI provider pointed at the server that refuses WebSocket with 426. */
  readonly fallbackProvider: ModelProvider;
  /** Both servers (what went over the wire is read from their records). */
  readonly servers: WebsocketDemoServers;
  /** The model to ask for. */
  readonly model: string;
  /** Receives everything as it happens. */
  readonly reporter: DemoReporter;
  /** Stops the step (Ctrl-C). */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Step 4: two turns of one conversation through a `ModelClient` that prefers WebSockets — the
 * second on the same connection, sent as `previous_response_id` plus the one new item — then a
 * client whose server refuses the WebSocket with `426 Upgrade Required`: it warns once and
 * streams the turn over HTTPS.
 */
export async function runWebsocketStep(options: RunWebsocketStepOptions): Promise<void> {
  const { reporter, model, signal, servers } = options;
  const { endpoint } = servers;
  reporter.websocketStarted({ url: endpoint.url, fallbackBaseUrl: servers.fallbackBaseUrl });
  const request = {
    model,
    instructions: DEMO_INSTRUCTIONS,
    tools: DEMO_TOOLS,
    reasoning: DEMO_REASONING,
    include: ['reasoning.encrypted_content'],
  };
  const client = new ModelClient({
    provider: options.provider,
    webSockets: new WebsocketSessions(),
    onWarning: (warning) => reporter.warning(warning),
  });
  try {
    // Turn 1: the user's ask. Turn 2: everything so far plus the tool's output; the client sees
    // that it extends turn 1 and sends only the new item on the same connection.
    let history: ResponseItem[] = [...DEMO_INPUT];
    for (const turn of [1, 2]) {
      const items: ResponseItem[] = [];
      let responseId: string | undefined;
      const stream = await client.stream(
        { ...request, input: history },
        { signal, conversationId: 'demo-conversation' },
      );
      for await (const event of stream) {
        reporter.websocketEvent(event);
        if (event.type === 'outputItemDone') items.push(event.item);
        if (event.type === 'completed') responseId = event.responseId;
      }
      const frame = endpoint.requests.at(-1)?.json<{
        previous_response_id?: string;
        input?: unknown[];
      }>();
      reporter.websocketTurnFinished(
        summary({
          turn,
          transport: 'websocket',
          connections: endpoint.handshakes.filter((handshake) => handshake.accepted).length,
          previousResponseId: frame?.previous_response_id,
          sentItems: frame?.input?.length ?? 0,
          historyItems: history.length,
          responseId,
        }),
      );
      history = [...history, ...items, ...items.flatMap(toolOutputFor)];
    }
  } finally {
    client.close();
  }

  // Turn 3, against a server that answers the WebSocket handshake with 426.
  const fallback = new ModelClient({
    provider: options.fallbackProvider,
    webSockets: new WebsocketSessions(),
    onWarning: (warning) => reporter.warning(warning),
  });
  let responseId: string | undefined;
  const stream = await fallback.stream({ ...request, input: DEMO_INPUT }, { signal });
  for await (const event of stream) {
    reporter.websocketEvent(event);
    if (event.type === 'completed') responseId = event.responseId;
  }
  reporter.websocketTurnFinished(
    summary({
      turn: 3,
      transport: fallback.fellBackToHttps ? 'https' : 'websocket',
      sentItems: DEMO_INPUT.length,
      historyItems: DEMO_INPUT.length,
      responseId,
    }),
  );
}

// Drops absent fields, so the JSON lines only carry what is known.
function summary(
  fields: {
    [K in keyof WebsocketTurnSummary]: WebsocketTurnSummary[K] | undefined;
  },
): WebsocketTurnSummary {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as unknown as WebsocketTurnSummary;
}
