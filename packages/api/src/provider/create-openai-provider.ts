import type { FetchFunction, RetryPolicyOptions } from '@codex/client';
import { EnvVarError, rustTrim } from '@codex/protocol';
import { createBearerAuth } from '../auth/create-bearer-auth.js';
import { type HeadersInput, setLenient, toHeadersLenient } from '../headers-input.js';
import { createEndpointSettings, OPENAI_API_BASE_URL } from '../settings/endpoint-settings.js';
import { defineModelProvider } from './define-model-provider.js';
import type { ModelProvider, ResolvedProvider } from './model-provider.js';

/**
 * Settings of {@link createOpenAIProvider}. Each one given here is used as it is; only the ones
 * not given are read from the environment (a key present with the value `undefined` counts as
 * given: "none").
 */
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
  /** The `originator` header; `false` sends none. @default 'codex_ts' */
  readonly originator?: string | false | undefined;
  /**
   * The `User-Agent`; `false` leaves it to the runtime.
   * @default `codex_ts/{@codex/api version} ({os}; {arch}) {runtime}/{version}` (none in browsers)
   */
  readonly userAgent?: string | false | undefined;
  /** Retry tuning. @default 4 retries, 200 ms base, 5xx and transport errors retried, 429 not */
  readonly retry?: RetryPolicyOptions | undefined;
  /** @default 300000 */
  readonly streamIdleTimeoutMs?: number | undefined;
  /** Longest wait for a response (unary) or a stream's head, per attempt. @default 300000 */
  readonly responseTimeoutMs?: number | undefined;
  /** Longest time one attempt's authentication may take. @default 30000 */
  readonly authTimeoutMs?: number | undefined;
  /** Most characters one streamed event may hold. @default 67108864 (64 Mi) */
  readonly maxEventSize?: number | undefined;
  /** The `fetch` of the default transport (e.g. one going through a proxy). */
  readonly fetch?: FetchFunction | undefined;
  /**
   * Allow a secret API key in a browser. Off by default: in a browser anyone who loads the page
   * can read the key. Turn it on only for a key that is yours alone (a local tool) or short-lived
   * and narrowly scoped.
   * @default false
   */
  readonly dangerouslyAllowBrowser?: boolean | undefined;
  /**
   * Where environment variables are read from, at every `resolve()`. Pass `{}` to read nothing
   * from the process environment (e.g. on Deno without `--allow-env`).
   * @default process.env (an empty object where there is no `process`; a runtime that refuses
   * access counts every variable as unset)
   */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The built-in OpenAI provider (`id` `openai`, name `OpenAI`): API-key bearer auth, the upstream
 * defaults, and the neutral error mapping. At every `resolve()` the settings not given explicitly
 * are read from the environment: `OPENAI_API_KEY`, `OPENAI_BASE_URL`, `OPENAI_ORGANIZATION` →
 * `OpenAI-Organization` and `OPENAI_PROJECT` → `OpenAI-Project` (each only when set and not
 * blank); the endpoint settings and the auth are rebuilt only when those values change. Without
 * an API key, `resolve()` (and so every request) fails with
 * ``Missing environment variable: `OPENAI_API_KEY`.`` (an `EnvVarError`). Items keep
 * `internal_chat_message_metadata_passthrough`; request compression is off; WebSockets are
 * supported (`ModelClient` uses them when given `webSockets`).
 *
 * In a browser an API key is refused (a `TypeError` that says why) unless
 * `dangerouslyAllowBrowser` is `true`.
 *
 * @throws TypeError / RangeError for an invalid explicit option, or an API key in a browser.
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
  if (options.env !== undefined && (typeof options.env !== 'object' || options.env === null)) {
    throw new TypeError('createOpenAIProvider: `env` must be an object of strings');
  }
  const refuseInBrowser = (): void => {
    if (options.dangerouslyAllowBrowser !== true && isBrowser()) {
      throw new TypeError(BROWSER_REFUSAL);
    }
  };
  if (nonBlank(options.apiKey) !== undefined) refuseInBrowser();
  const explicitHeaders = toHeadersLenient(options.headers);
  const build = (values: Values): ResolvedProvider => ({
    settings: createEndpointSettings({
      name: 'OpenAI',
      baseUrl: values.baseUrl ?? OPENAI_API_BASE_URL,
      headers: openAIHeaders(values, explicitHeaders),
      originator: options.originator,
      userAgent: options.userAgent,
      retry: options.retry,
      streamIdleTimeoutMs: options.streamIdleTimeoutMs,
      responseTimeoutMs: options.responseTimeoutMs,
      authTimeoutMs: options.authTimeoutMs,
      maxEventSize: options.maxEventSize,
    }),
    auth: createBearerAuth({ token: values.apiKey }),
    // The key is a secret before any request carried it.
    secrets: values.apiKey === undefined ? undefined : [values.apiKey],
  });
  // Explicit options are validated now (createEndpointSettings throws naming the option); the
  // environment is read only when a request needs it.
  build({ apiKey: 'validation', baseUrl: nonBlank(options.baseUrl) });

  let cached: { readonly key: string; readonly resolved: ResolvedProvider } | undefined;
  const read = (name: keyof OpenAIProviderOptions, variable: string): string | undefined => {
    if (name in options) return nonBlank(options[name] as string | undefined);
    return nonBlank(readVariable(options.env, variable));
  };

  return defineModelProvider({
    id: 'openai',
    name: 'OpenAI',
    fetch: options.fetch,
    sendsMetadataPassthrough: true,
    supportsRequestCompression: false,
    supportsWebSockets: true,
    async resolve(): Promise<ResolvedProvider> {
      const values: Values = {
        apiKey: read('apiKey', 'OPENAI_API_KEY'),
        baseUrl: read('baseUrl', 'OPENAI_BASE_URL'),
        organization: read('organization', 'OPENAI_ORGANIZATION'),
        project: read('project', 'OPENAI_PROJECT'),
      };
      if (values.apiKey === undefined) throw new EnvVarError({ variable: 'OPENAI_API_KEY' });
      refuseInBrowser();
      const key = `${values.apiKey}\n${values.baseUrl}\n${values.organization}\n${values.project}`;
      if (cached?.key !== key) cached = { key, resolved: build(values) };
      return cached.resolved;
    },
  });
}

const BROWSER_REFUSAL =
  'createOpenAIProvider: refusing to send a secret API key from a browser, where anyone who loads the page can read it. ' +
  'Call the API from a server instead, or pass `dangerouslyAllowBrowser: true` if the key is yours alone or short-lived and narrowly scoped.';

/** Whether this looks like a browser page (a window with a document), as peers detect it. */
function isBrowser(): boolean {
  const scope = globalThis as { window?: { document?: unknown }; navigator?: unknown };
  return (
    typeof scope.window === 'object' &&
    scope.window !== null &&
    typeof scope.window.document !== 'undefined' &&
    typeof scope.navigator !== 'undefined'
  );
}

interface Values {
  readonly apiKey?: string | undefined;
  readonly baseUrl?: string | undefined;
  readonly organization?: string | undefined;
  readonly project?: string | undefined;
}

function openAIHeaders(values: Values, explicit: Headers): Headers {
  const headers = new Headers();
  if (values.organization !== undefined) {
    setLenient(headers, 'OpenAI-Organization', values.organization);
  }
  if (values.project !== undefined) setLenient(headers, 'OpenAI-Project', values.project);
  // Explicit headers win over the environment ones.
  for (const [name, value] of explicit) headers.set(name, value);
  return headers;
}

function nonBlank(value: string | undefined): string | undefined {
  // Blank as upstream's Rust `trim` sees it (U+FEFF is not white space there, U+0085 is).
  return value === undefined || rustTrim(value) === '' ? undefined : value;
}

/** One variable of `env` or of the process environment; a runtime that refuses access: unset. */
function readVariable(env: Environment | undefined, name: string): string | undefined {
  try {
    if (env !== undefined) return env[name];
    const process = (globalThis as { process?: { env?: Environment } }).process;
    return process?.env?.[name];
  } catch {
    return undefined;
  }
}
