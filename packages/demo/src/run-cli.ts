import { createOpenAIProvider, OPENAI_API_BASE_URL } from '@codex/api';
import { createBedrockProvider } from '@codex/provider-bedrock';
import type { ResponsesServer } from '@codex/testkit';
import { createHumanReporter } from './create-human-reporter.js';
import type { TextSink } from './create-indented-writer.js';
import { createJsonReporter } from './create-json-reporter.js';
import { createStyle, shouldUseColor } from './create-style.js';
import { DemoError } from './demo-error.js';
import type { DemoReporter } from './demo-reporter.js';
import { HELP_TEXT } from './help-text.js';
import { type DemoArguments, parseArguments } from './parse-arguments.js';
import { runDemo } from './run-demo.js';
import { startExpiredBedrockServer } from './start-expired-bedrock-server.js';
import { startTurnServer } from './start-turn-server.js';
import { startWebsocketServers, type WebsocketDemoServers } from './start-websocket-servers.js';

/** What the demo runs with: the process's streams, arguments and environment, or test doubles. */
export interface CliEnvironment {
  /** Command-line arguments, without `node` and the script. */
  readonly argv: readonly string[];
  /** Standard output; `isTTY` decides colours. */
  readonly stdout: TextSink & { readonly isTTY?: boolean | undefined };
  /** Standard error: only the one-line failure reason goes here. */
  readonly stderr: TextSink;
  /** Environment variables (`OPENAI_API_KEY`, `OPENAI_BASE_URL`, `NO_COLOR`, …). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted on Ctrl-C. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Pause between the loopback server's SSE events.
   * @default 15
   */
  readonly eventDelayMs?: number | undefined;
}

/** Exit code of a usage error (unknown flag, missing value). */
export const USAGE_EXIT_CODE = 2;
/** Exit code after Ctrl-C. */
export const INTERRUPTED_EXIT_CODE = 130;

/**
 * Runs the demo and returns the exit code. Output goes to `stdout`; a failure is one line
 * `demo: <reason>` on `stderr`, never a stack trace.
 */
export async function runCli(environment: CliEnvironment): Promise<number> {
  const { stdout, stderr } = environment;
  let args: DemoArguments;
  try {
    args = parseArguments(environment.argv);
  } catch (error) {
    stderr.write(`demo: ${describeFailure(error)}\n`);
    return USAGE_EXIT_CODE;
  }
  if (args.help) {
    stdout.write(HELP_TEXT);
    return 0;
  }
  const reporter = args.json
    ? createJsonReporter(stdout)
    : createHumanReporter({
        sink: stdout,
        style: createStyle(shouldUseColor({ stream: stdout, env: environment.env })),
      });
  try {
    await run(args, environment, reporter);
    return 0;
  } catch (error) {
    reporter.stopped();
    if (environment.signal?.aborted) {
      stderr.write('demo: interrupted\n');
      return INTERRUPTED_EXIT_CODE;
    }
    stderr.write(`demo: ${describeFailure(error)}\n`);
    return DemoError.isInstance(error) ? error.exitCode : 1;
  }
}

async function run(
  args: DemoArguments,
  environment: CliEnvironment,
  reporter: DemoReporter,
): Promise<void> {
  const { env, signal } = environment;
  const apiKey = env.OPENAI_API_KEY?.trim() ?? '';
  if (args.live && apiKey === '') {
    throw new DemoError(
      '--live needs OPENAI_API_KEY; set it (export OPENAI_API_KEY=sk-…) or run without --live to use the loopback server',
    );
  }
  const servers: ResponsesServer[] = [];
  let websocketServers: WebsocketDemoServers | undefined;
  try {
    let baseUrl: string;
    if (args.live) {
      baseUrl = env.OPENAI_BASE_URL?.trim() || OPENAI_API_BASE_URL;
    } else {
      const turnServer = await startTurnServer({
        model: args.model,
        eventDelayMs: environment.eventDelayMs,
      });
      servers.push(turnServer);
      baseUrl = turnServer.baseUrl;
    }
    const bedrockServer = await startExpiredBedrockServer();
    servers.push(bedrockServer);
    websocketServers = await startWebsocketServers({
      model: args.model,
      eventDelayMs: environment.eventDelayMs,
    });

    // Loopback mode reads nothing from the environment: a real key or base URL must not leak
    // into requests to the local server.
    const provider = args.live
      ? createOpenAIProvider({ apiKey, baseUrl, env })
      : loopbackOpenAI(baseUrl);
    const bedrockProvider = createBedrockProvider({
      apiKey: 'demo-bedrock-api-key',
      region: 'us-east-2',
      baseUrl: bedrockServer.baseUrl,
      env: {},
    });

    reporter.start({ mode: args.live ? 'live' : 'loopback', baseUrl, model: args.model });
    await runDemo({
      provider,
      bedrockProvider,
      bedrockBaseUrl: bedrockServer.baseUrl,
      // Step 4 always runs on loopback: its fallback needs a server that refuses WebSockets.
      websocket: {
        provider: loopbackOpenAI(websocketServers.baseUrl),
        fallbackProvider: loopbackOpenAI(websocketServers.fallbackBaseUrl),
        servers: websocketServers,
      },
      model: args.model,
      reporter,
      signal,
    });
  } finally {
    await Promise.all([...servers.map((server) => server.close()), websocketServers?.close()]);
  }
}

function loopbackOpenAI(baseUrl: string) {
  return createOpenAIProvider({ apiKey: 'sk-demo-not-a-real-key', baseUrl, env: {} });
}

/** One line, no stack: the error's message (its `cause` stays out of sight). */
function describeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const oneLine = message.replace(/\s*\n\s*/g, ' ').trim();
  return oneLine === '' ? 'failed without a message' : oneLine;
}
