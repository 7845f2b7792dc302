// The runtime suite: what must work on every runtime the packages support. It uses only the
// package roots and web-standard APIs (no Node built-ins), so that the same module runs on Node,
// Bun, Deno and, bundled, in a browser. Every setting is given explicitly: nothing is read from
// the environment (Deno runs it without `--allow-env`).
import { CodexError, createOpenAIProvider, ModelClient, type ResponseItem } from '@codex/api';
import { createBedrockProvider } from '@codex/provider-bedrock';

/** Where the suite sends its requests, and what it must see. */
export interface SuiteConfig {
  /** A Responses server that streams the recorded turn (`…/v1`). */
  readonly baseUrl: string;
  /** A Responses server that answers every request with 401 (`…/v1`). */
  readonly unauthorizedBaseUrl: string;
  /** The assistant text the recorded turn streams. */
  readonly expectedText: string;
}

const input: ResponseItem[] = [
  { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hello' }] },
];

// The keys are test keys for loopback servers: allowing them in a browser page is safe here, and
// needed, since both providers refuse a secret key in a browser unless told otherwise.
function openAI(baseUrl: string, apiKey: string): ModelClient {
  return new ModelClient({
    provider: createOpenAIProvider({
      apiKey,
      baseUrl,
      organization: undefined,
      project: undefined,
      dangerouslyAllowBrowser: true,
    }),
  });
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

/** Runs every check; resolves with one line per check passed, rejects at the first failure. */
export async function runSuite(config: SuiteConfig): Promise<string[]> {
  const passed: string[] = [];

  // 1. Stream a turn through the OpenAI provider: text in pieces, then the usage.
  let text = '';
  let pieces = 0;
  let totalTokens: number | undefined;
  for await (const event of await openAI(config.baseUrl, 'sk-runtime').stream({
    model: 'gpt-5.1-codex-mini',
    input,
  })) {
    if (event.type === 'outputTextDelta') {
      text += event.delta;
      pieces += 1;
    }
    if (event.type === 'completed') totalTokens = event.tokenUsage?.totalTokens;
  }
  check(
    text === config.expectedText,
    `streamed text differs: ${JSON.stringify(text.slice(0, 80))}`,
  );
  check(pieces > 1 && totalTokens !== undefined, 'the text did not arrive in pieces with usage');
  passed.push(`streamed a turn (${pieces} text pieces, ${totalTokens} tokens)`);

  // 2. A 401 is mapped to an UnexpectedStatusError that narrows on `kind`.
  let mapped: unknown;
  try {
    await openAI(config.unauthorizedBaseUrl, 'sk-revoked').stream({ model: 'm', input });
  } catch (error) {
    mapped = error;
  }
  check(CodexError.isInstance(mapped), `a 401 was not mapped to a CodexError: ${String(mapped)}`);
  if (!CodexError.isInstance(mapped) || mapped.kind !== 'unexpected_status') {
    throw new Error(`a 401 was mapped to ${String(mapped)}`);
  }
  check(mapped.status === 401, `mapped status ${mapped.status}`);
  check(
    mapped.message.startsWith('unexpected status 401 Unauthorized: Incorrect API key provided'),
    `unexpected message: ${mapped.message}`,
  );
  passed.push(`mapped a 401: ${mapped.message.split(',')[0]}`);

  // 3. An abort in the middle of the stream ends it with the signal's reason, unwrapped.
  const controller = new AbortController();
  const reason = new Error('stop');
  let caught: unknown;
  let before = 0;
  try {
    const stream = await openAI(config.baseUrl, 'sk-runtime').stream(
      { model: 'gpt-5.1-codex-mini', input },
      { signal: controller.signal },
    );
    for await (const event of stream) {
      if (event.type !== 'outputTextDelta') continue;
      before += 1;
      controller.abort(reason);
    }
  } catch (error) {
    caught = error;
  }
  check(caught === reason, `an abort ended the stream with ${String(caught)}`);
  check(before === 1, `${before} text pieces arrived, expected the abort after the first`);
  passed.push('aborted in the middle of a stream: the signal reason, unwrapped');

  // 4. The Bedrock provider with an explicit API key and region streams too.
  let bedrockText = '';
  const bedrock = new ModelClient({
    provider: createBedrockProvider({
      apiKey: 'bedrock-runtime-key',
      region: 'us-east-1',
      baseUrl: config.baseUrl,
      dangerouslyAllowBrowser: true,
    }),
  });
  for await (const event of await bedrock.stream({ model: 'openai.gpt-5.4', input })) {
    if (event.type === 'outputTextDelta') bedrockText += event.delta;
  }
  check(bedrockText === config.expectedText, 'the Bedrock stream differs');
  passed.push('streamed through the Bedrock provider (explicit key and region)');

  return passed;
}
