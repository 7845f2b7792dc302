// The clients under test, each behind one interface: make one call (a whole streamed turn, or one
// unary request) against a base URL, with the knobs the fault cells turn.
import {
  type AttemptTelemetry,
  type AuthProvider,
  CompactClient,
  createBearerAuth,
  createEndpointSettings,
  createKyTransport,
  createOpenAIProvider,
  defineModelProvider,
  EndpointSession,
  type FetchFunction,
  MemoriesClient,
  ModelClient,
  ModelsClient,
  ResponsesClient,
  type RetryPolicyOptions,
} from '@codex/api';
import type { ResponseItem } from '@codex/protocol';
import { createBedrockProvider } from '@codex/provider-bedrock';

/** The secrets every target sends, so that the leak checks know what to look for. */
export const OPENAI_KEY = 'sk-fault-suite-openai-key-0123456789';
export const BEARER_TOKEN = 'fault-suite-bearer-token-0123456789';
export const AWS = {
  accessKeyId: 'AKIAFAULTSEXAMPLE001',
  // 39 characters: shorter than any "looks like an AWS secret" pattern.
  secretAccessKey: 'faultSuiteSecretKey/0123456789abcdefghi',
  sessionToken: 'fault-suite-session-token-0123456789',
} as const;

/** Settings every cell may turn. */
export interface TargetSettings {
  /** @default { maxAttempts: 2, baseDelayMs: 1 } */
  readonly retry?: RetryPolicyOptions;
  /** @default 200 */
  readonly responseTimeoutMs?: number;
  /** @default 200 */
  readonly streamIdleTimeoutMs?: number;
  /** @default the library default */
  readonly maxEventSize?: number;
  /**
   * Called by the auth step (the token source, the AWS credential provider, or — for the OpenAI
   * provider, whose key is fixed — `resolve()`) when it starts; it answers once the promise
   * settles.
   */
  readonly authGate?: () => Promise<unknown>;
  /** Called once per HTTP attempt. */
  readonly onAttempt?: (telemetry: AttemptTelemetry) => void;
  /** A custom `fetch`. */
  readonly fetch?: FetchFunction;
}

/** Options of one call. */
export interface CallOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** Streaming targets: called with each event's type; returning `true` leaves the loop (`break`). */
  readonly onEvent?: (type: string) => boolean | undefined;
}

/** What a call produced. */
export interface CallResult {
  /** Event types (streaming) or one entry per returned item (unary). */
  readonly items: readonly string[];
  /** The text the call returned: output text deltas, or the JSON of the unary result. */
  readonly text: string;
}

/** One client under test. */
export interface Target {
  /** e.g. `ModelClient/openai`. */
  readonly name: string;
  /** A Responses stream (else a unary call). */
  readonly streaming: boolean;
  /** Whether failures are mapped by a provider (`CodexError`) rather than raw `ApiError`s. */
  readonly mapped: boolean;
  /** The endpoint's base path on the server, e.g. `/v1`. */
  readonly basePath: string;
  /** The endpoint path below the base path. */
  readonly endpoint: 'responses' | 'responses/compact' | 'memories/trace_summarize' | 'models';
  /** HTTP method of the endpoint. */
  readonly method: 'POST' | 'GET';
  /** Makes one call against `origin` (e.g. `http://127.0.0.1:1234`). */
  call(origin: string, settings: TargetSettings, options: CallOptions): Promise<CallResult>;
}

const INPUT: ResponseItem[] = [
  { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hello' }] },
];

function retryOf(settings: TargetSettings): RetryPolicyOptions {
  return settings.retry ?? { maxAttempts: 2, baseDelayMs: 1 };
}

async function drain(
  stream: AsyncIterable<{ type: string; delta?: string }>,
  options: CallOptions,
): Promise<CallResult> {
  const items: string[] = [];
  let text = '';
  for await (const event of stream) {
    items.push(event.type);
    if (event.type === 'outputTextDelta') text += event.delta ?? '';
    if (options.onEvent?.(event.type) === true) break;
  }
  return { items, text };
}

function bearerAuth(settings: TargetSettings): AuthProvider {
  const gate = settings.authGate;
  if (gate === undefined) return createBearerAuth({ token: BEARER_TOKEN });
  return createBearerAuth({
    getToken: async () => {
      await gate();
      return BEARER_TOKEN;
    },
  });
}

function session(origin: string, basePath: string, settings: TargetSettings): EndpointSession {
  return new EndpointSession({
    settings: createEndpointSettings({
      name: 'openai',
      baseUrl: `${origin}${basePath}`,
      retry: retryOf(settings),
      responseTimeoutMs: settings.responseTimeoutMs ?? 200,
      streamIdleTimeoutMs: settings.streamIdleTimeoutMs ?? 200,
      maxEventSize: settings.maxEventSize,
    }),
    auth: bearerAuth(settings),
    transport: createKyTransport({ fetch: settings.fetch }),
    onAttempt: settings.onAttempt,
  });
}

const modelClientOpenAI: Target = {
  name: 'ModelClient/openai',
  streaming: true,
  mapped: true,
  basePath: '/v1',
  endpoint: 'responses',
  method: 'POST',
  async call(origin, settings, options) {
    const openai = createOpenAIProvider({
      apiKey: OPENAI_KEY,
      baseUrl: `${origin}/v1`,
      env: {},
      retry: retryOf(settings),
      responseTimeoutMs: settings.responseTimeoutMs ?? 200,
      streamIdleTimeoutMs: settings.streamIdleTimeoutMs ?? 200,
      maxEventSize: settings.maxEventSize,
      fetch: settings.fetch,
    });
    const gate = settings.authGate;
    // The OpenAI provider's auth is a fixed key: its slow phase is resolution.
    const provider =
      gate === undefined
        ? openai
        : defineModelProvider({
            ...openai,
            resolve: async (resolveOptions) => {
              await gate();
              return openai.resolve(resolveOptions);
            },
          });
    const client = new ModelClient({ provider, onAttempt: settings.onAttempt });
    const stream = await client.stream(
      { model: 'gpt-test', input: INPUT },
      { signal: options.signal, timeoutMs: options.timeoutMs },
    );
    return drain(stream, options);
  },
};

const modelClientBedrock: Target = {
  name: 'ModelClient/bedrock-sigv4',
  streaming: true,
  mapped: true,
  basePath: '/openai/v1',
  endpoint: 'responses',
  method: 'POST',
  async call(origin, settings, options) {
    const gate = settings.authGate;
    const provider = createBedrockProvider({
      region: 'us-east-1',
      baseUrl: `${origin}/openai/v1`,
      env: {},
      credentials: async () => {
        if (gate !== undefined) await gate();
        return { ...AWS };
      },
      retry: retryOf(settings),
      responseTimeoutMs: settings.responseTimeoutMs ?? 200,
      streamIdleTimeoutMs: settings.streamIdleTimeoutMs ?? 200,
      maxEventSize: settings.maxEventSize,
      fetch: settings.fetch,
    });
    const client = new ModelClient({ provider, onAttempt: settings.onAttempt });
    const stream = await client.stream(
      { model: 'openai.gpt-test', input: INPUT },
      { signal: options.signal, timeoutMs: options.timeoutMs },
    );
    return drain(stream, options);
  },
};

const responsesClient: Target = {
  name: 'ResponsesClient',
  streaming: true,
  mapped: false,
  basePath: '/v1',
  endpoint: 'responses',
  method: 'POST',
  async call(origin, settings, options) {
    const client = new ResponsesClient({ session: session(origin, '/v1', settings) });
    const stream = await client.streamRequest(
      { model: 'gpt-test', input: INPUT },
      { signal: options.signal, timeoutMs: options.timeoutMs },
    );
    return drain(stream, options);
  },
};

const compactClient: Target = {
  name: 'CompactClient',
  streaming: false,
  mapped: false,
  basePath: '/v1',
  endpoint: 'responses/compact',
  method: 'POST',
  async call(origin, settings, options) {
    const items = await new CompactClient({ session: session(origin, '/v1', settings) }).compact(
      { model: 'gpt-test', input: INPUT, tools: [], parallelToolCalls: false },
      { signal: options.signal, timeoutMs: options.timeoutMs },
    );
    return { items: items.map((item) => item.type), text: JSON.stringify(items) };
  },
};

const memoriesClient: Target = {
  name: 'MemoriesClient',
  streaming: false,
  mapped: false,
  basePath: '/v1',
  endpoint: 'memories/trace_summarize',
  method: 'POST',
  async call(origin, settings, options) {
    const summaries = await new MemoriesClient({
      session: session(origin, '/v1', settings),
    }).summarize(
      {
        model: 'gpt-test',
        rawMemories: [{ id: 'trace-1', metadata: { sourcePath: '/tmp/trace.json' }, items: [] }],
      },
      { signal: options.signal, timeoutMs: options.timeoutMs },
    );
    return { items: summaries.map(() => 'summary'), text: JSON.stringify(summaries) };
  },
};

const modelsClient: Target = {
  name: 'ModelsClient',
  streaming: false,
  mapped: false,
  basePath: '/v1',
  endpoint: 'models',
  method: 'GET',
  async call(origin, settings, options) {
    const { models } = await new ModelsClient({
      session: session(origin, '/v1', settings),
    }).listModels('1.0.0', { signal: options.signal, timeoutMs: options.timeoutMs });
    return { items: models.map((model) => model.slug), text: JSON.stringify(models) };
  },
};

/** Every client of the matrix. */
export const TARGETS: readonly Target[] = [
  modelClientOpenAI,
  modelClientBedrock,
  responsesClient,
  compactClient,
  memoriesClient,
  modelsClient,
];
