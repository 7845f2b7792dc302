import type { FetchFunction, RetryPolicyOptions } from '@codex/client';
import { EnvVarError } from '@codex/protocol';
import { createBearerAuth } from './auth/create-bearer-auth.js';
import { defineModelProvider } from './define-model-provider.js';
import type { ModelProvider } from './model-provider.js';
import {
  createProvider,
  type HeadersInput,
  OPENAI_API_BASE_URL,
  toHeadersLenient,
} from './provider.js';

/** Settings of {@link createOpenAIProvider}. Each falls back to the environment, then a default. */
export interface OpenAIProviderOptions {
  /** API key. @default the `OPENAI_API_KEY` environment variable (required one way or the other) */
  readonly apiKey?: string | undefined;
  /** Base URL. @default `OPENAI_BASE_URL`, else `https://api.openai.com/v1` */
  readonly baseUrl?: string | undefined;
  /** `OpenAI-Organization` header. @default `OPENAI_ORGANIZATION` when set and not blank */
  readonly organization?: string | undefined;
  /** `OpenAI-Project` header. @default `OPENAI_PROJECT` when set and not blank */
  readonly project?: string | undefined;
  /** Extra headers for every request (invalid ones skipped). */
  readonly headers?: HeadersInput | undefined;
  /** Retry tuning. @default 4 retries, 200 ms base, 5xx and transport errors retried, 429 not */
  readonly retry?: RetryPolicyOptions | undefined;
  /** @default 300000 */
  readonly streamIdleTimeoutMs?: number | undefined;
  /** Longest wait for a response (unary) or a stream's head, per attempt. @default 300000 */
  readonly responseTimeoutMs?: number | undefined;
  /** The `fetch` of the default transport (e.g. one going through a proxy). */
  readonly fetch?: FetchFunction | undefined;
  /**
   * Where environment variables are read from, at every `resolve()`.
   * @default process.env (an empty object where there is no `process`)
   */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

/**
 * The built-in OpenAI provider (`id` `openai`, name `OpenAI`): API-key bearer auth, the §2.4
 * defaults, and the neutral error mapping. Settings are read at every `resolve()`, explicit
 * options first, then the environment: `OPENAI_API_KEY`, `OPENAI_BASE_URL`,
 * `OPENAI_ORGANIZATION` → `OpenAI-Organization` and `OPENAI_PROJECT` → `OpenAI-Project` (each only
 * when set and not blank). Without an API key, `resolve()` (and so every request) fails with
 * ``Missing environment variable: `OPENAI_API_KEY`.`` (an `EnvVarError`). Items keep
 * `internal_chat_message_metadata_passthrough`; request compression is off.
 *
 * @throws TypeError / RangeError for an invalid explicit option.
 * @example
 * const client = new ModelClient({ provider: createOpenAIProvider() });
 */
export function createOpenAIProvider(options: OpenAIProviderOptions = {}): ModelProvider {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('createOpenAIProvider: options must be an object');
  }
  for (const key of ['apiKey', 'baseUrl', 'organization', 'project'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'string') {
      throw new TypeError(`createOpenAIProvider: \`${key}\` must be a string`);
    }
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new TypeError('createOpenAIProvider: `fetch` must be a function');
  }
  const build = (env: Readonly<Record<string, string | undefined>>) =>
    createProvider({
      name: 'OpenAI',
      baseUrl: options.baseUrl ?? nonBlank(env.OPENAI_BASE_URL) ?? OPENAI_API_BASE_URL,
      headers: openAIHeaders(options, env),
      retry: options.retry,
      streamIdleTimeoutMs: options.streamIdleTimeoutMs,
      responseTimeoutMs: options.responseTimeoutMs,
    });
  // Explicit options are validated now (createProvider throws naming the option); the
  // environment is read only when a request needs it.
  build({});

  return defineModelProvider({
    id: 'openai',
    name: 'OpenAI',
    fetch: options.fetch,
    sendsMetadataPassthrough: true,
    supportsRequestCompression: false,
    async resolve() {
      const env = options.env ?? processEnv();
      const apiKey = nonBlank(options.apiKey) ?? nonBlank(env.OPENAI_API_KEY);
      if (apiKey === undefined) throw new EnvVarError({ variable: 'OPENAI_API_KEY' });
      return { settings: build(env), auth: createBearerAuth({ token: apiKey }) };
    },
  });
}

function openAIHeaders(
  options: OpenAIProviderOptions,
  env: Readonly<Record<string, string | undefined>>,
): Headers {
  const headers = new Headers();
  const organization = nonBlank(options.organization) ?? nonBlank(env.OPENAI_ORGANIZATION);
  const project = nonBlank(options.project) ?? nonBlank(env.OPENAI_PROJECT);
  const pairs: Array<[string, string | undefined]> = [
    ['OpenAI-Organization', organization],
    ['OpenAI-Project', project],
  ];
  for (const [name, value] of pairs) {
    if (value === undefined) continue;
    try {
      headers.set(name, value);
    } catch {
      // Not a valid header value: skipped, as upstream does.
    }
  }
  // Explicit headers win over the environment ones.
  for (const [name, value] of toHeadersLenient(options.headers)) headers.set(name, value);
  return headers;
}

function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function processEnv(): Readonly<Record<string, string | undefined>> {
  const process = (globalThis as { process?: { env?: Record<string, string | undefined> } })
    .process;
  return process?.env ?? {};
}
