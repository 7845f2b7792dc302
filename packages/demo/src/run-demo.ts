import { ModelClient, type ModelProvider } from '@codex/api';
import type { ResponseItem } from '@codex/protocol';
import { DemoError } from './demo-error.js';
import type { DemoReporter } from './demo-reporter.js';
import { DEMO_INPUT, DEMO_INSTRUCTIONS, DEMO_REASONING, DEMO_TOOLS } from './demo-request.js';
import { runWebsocketStep } from './run-websocket-step.js';
import type { WebsocketDemoServers } from './start-websocket-servers.js';
import { toolOutputFor } from './tool-output-for.js';

/** Named arguments of {@link runDemo}. */
export interface RunDemoOptions {
  /** The provider of steps 1 and 2 (OpenAI, against the loopback server or the real service). */
  readonly provider: ModelProvider;
  /** The Bedrock provider of step 3, pointed at an endpoint that rejects the signature. */
  readonly bedrockProvider: ModelProvider;
  /** Where step 3's provider sends requests (for the explanation line). */
  readonly bedrockBaseUrl: string;
  /** Step 4's OpenAI providers and servers (WebSocket, and one refusing it with 426). */
  readonly websocket: {
    readonly provider: ModelProvider;
    readonly fallbackProvider: ModelProvider;
    readonly servers: WebsocketDemoServers;
  };
  /** The model to ask for. */
  readonly model: string;
  /** Receives everything as it happens. */
  readonly reporter: DemoReporter;
  /** Stops the demo (Ctrl-C). */
  readonly signal?: AbortSignal | undefined;
}

/**
 * The demo's four steps: stream a turn, compact the history, show the Bedrock guidance, stream
 * over a WebSocket (two turns on one connection, then the fallback to HTTPS). Every failure
 * except the expected Bedrock one propagates (the caller prints it as one line).
 */
export async function runDemo(options: RunDemoOptions): Promise<void> {
  const { reporter, model, signal } = options;
  const client = new ModelClient({ provider: options.provider });

  // 1. Stream a turn: each event reaches the reporter the moment it is parsed.
  reporter.turnStarted();
  const outputItems: ResponseItem[] = [];
  const stream = await client.stream(
    {
      model,
      instructions: DEMO_INSTRUCTIONS,
      input: DEMO_INPUT,
      tools: DEMO_TOOLS,
      reasoning: DEMO_REASONING,
      // Reasoning items come back encrypted, so they can be sent again (to compact) with store off.
      include: ['reasoning.encrypted_content'],
    },
    { signal },
  );
  for await (const event of stream) {
    reporter.event(event);
    if (event.type === 'outputItemDone') outputItems.push(event.item);
  }
  reporter.turnFinished({ requestId: stream.upstreamRequestId });

  // 2. Compact what the conversation holds now: the input, what the model produced and, as an
  // agent would add after running it, an output for each tool call (the demo runs no commands;
  // the real service rejects a history with a call that has no output).
  const history = [...DEMO_INPUT, ...outputItems, ...outputItems.flatMap(toolOutputFor)];
  reporter.compactionStarted(history.length);
  const output = await client.compact(
    {
      model,
      instructions: DEMO_INSTRUCTIONS,
      input: history,
      tools: DEMO_TOOLS,
      parallelToolCalls: false,
      reasoning: DEMO_REASONING,
    },
    { signal },
  );
  reporter.compacted({ history, output });

  // 3. The same call through the Bedrock provider, whose credential has expired.
  reporter.bedrockStarted(options.bedrockBaseUrl);
  const bedrock = new ModelClient({ provider: options.bedrockProvider });
  try {
    const failing = await bedrock.stream({ model, input: DEMO_INPUT }, { signal });
    for await (const _event of failing) {
      // Drained only to surface the error; a successful stream is a defect of the demo setup.
    }
    throw new DemoError(
      'the Bedrock step expected an expired-signature error, but the request succeeded',
    );
  } catch (error) {
    if (signal?.aborted || DemoError.isInstance(error)) throw error;
    reporter.bedrockFailed(error);
  }

  // 4. Over a WebSocket: two turns on one connection, then the one-time fallback to HTTPS.
  await runWebsocketStep({ ...options.websocket, model, reporter, signal });
  reporter.finished();
}
