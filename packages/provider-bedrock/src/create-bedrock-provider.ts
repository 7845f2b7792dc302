import {
  type ApiError,
  type AuthProvider,
  createBearerAuth,
  createEndpointSettings,
  defineModelProvider,
  type EndpointSettingsOptions,
  type HeadersInput,
  type ModelProvider,
  type ResolvedProvider,
  Secrets,
  toHeadersLenient,
} from '@codex/api';
import type { CodexError } from '@codex/protocol';
import type { AwsCredentialProvider } from './aws-credentials.js';
import { DEFAULT_APPLICATION_NAME } from './bedrock-expired-signature-guidance.js';
import { BEDROCK_CAPABILITIES, BEDROCK_MODEL_CATALOG } from './bedrock-model-catalog.js';
import { createSigV4Auth, HELD_CREDENTIAL_VALUES } from './create-sigv4-auth.js';
import {
  type AwsSigningModules,
  loadAwsSigning,
  loadSharedConfigLoader,
  type PeerImporter,
  type SharedConfigLoader,
} from './load-aws-signing.js';
import { mantleBaseUrl } from './mantle-base-url.js';
import { mapBedrockApiError } from './map-bedrock-api-error.js';
import { type Environment, nonBlank, resolveBearerRegion } from './resolve-bedrock-region.js';
import { resolveSigV4Region } from './resolve-sigv4-region.js';

/** The provider id. */
export const BEDROCK_PROVIDER_ID = 'amazon-bedrock';
/** The provider name; Bedrock is recognised by this name upstream. */
export const BEDROCK_PROVIDER_NAME = 'Amazon Bedrock';
/** Sent with every request: `x-amzn-mantle-client-agent: codex`. */
export const MANTLE_CLIENT_AGENT_HEADER: Readonly<Record<string, string>> = Object.freeze({
  'x-amzn-mantle-client-agent': 'codex',
});

/** The `fetch` a provider may supply (the type `ModelProvider` uses). */
export type BedrockFetch = NonNullable<ModelProvider['fetch']>;

/**
 * Settings of {@link createBedrockProvider}. Everything is optional and read when a request is
 * made (not at construction): explicit values first, then the environment.
 */
export interface BedrockProviderSettings {
  /**
   * AWS region of the Mantle endpoint and of SigV4 signing, e.g. `us-east-1` (trimmed).
   * @default `AWS_REGION`, then `AWS_DEFAULT_REGION` (and, for SigV4, the profile's `region` as
   * the AWS SDK's shared-config loader reads it; needs the optional peer `@smithy/core`)
   */
  readonly region?: string | undefined;
  /**
   * AWS profile for the SDK's default credential chain (SigV4 only).
   * @default `AWS_PROFILE`, else `default`
   */
  readonly profile?: string | undefined;
  /**
   * A Bedrock API key, sent as `Authorization: Bearer …`. Takes precedence over
   * `AWS_BEARER_TOKEN_BEDROCK` and over AWS credentials (the profile is then never loaded).
   */
  readonly apiKey?: string | undefined;
  /**
   * An AWS credential provider for SigV4, e.g. `fromIni({ profile })` from
   * `@aws-sdk/credential-providers`.
   * @default the AWS SDK's default credential chain (`@aws-sdk/credential-provider-node`)
   */
  readonly credentials?: AwsCredentialProvider | undefined;
  /** Extra headers for every request (they may override `x-amzn-mantle-client-agent`). */
  readonly headers?: HeadersInput | undefined;
  /** The `originator` header (see `createEndpointSettings`); `false` sends none. @default 'codex_ts' */
  readonly originator?: EndpointSettingsOptions['originator'];
  /** The `User-Agent` (see `createEndpointSettings`); `false` leaves it to the runtime. */
  readonly userAgent?: EndpointSettingsOptions['userAgent'];
  /** The `fetch` to send requests with (e.g. a proxying fetch). @default globalThis.fetch */
  readonly fetch?: BedrockFetch | undefined;
  /**
   * Replaces the Mantle endpoint; for tests and proxies. The region is then not checked against
   * the supported list (SigV4 still signs for the resolved region).
   * @default `https://bedrock-mantle.{region}.api.aws/openai/v1`
   */
  readonly baseUrl?: string | undefined;
  /**
   * Allow a Bedrock API key (`apiKey` or `AWS_BEARER_TOKEN_BEDROCK`) in a browser. Off by default:
   * in a browser anyone who loads the page can read the key.
   * @default false
   */
  readonly dangerouslyAllowBrowser?: boolean | undefined;
  /**
   * Named at the end of the expired-signature guidance (`…, then restart Codex`).
   * @default 'Codex'
   */
  readonly applicationName?: string | undefined;
  /** Request retry tuning (see `createEndpointSettings` of `@codex/api`). */
  readonly retry?: EndpointSettingsOptions['retry'];
  /** Longest wait for the next SSE event, in milliseconds. @default 300000 */
  readonly streamIdleTimeoutMs?: number | undefined;
  /** Longest wait for a response (unary) or a stream's head, per attempt. @default 300000 */
  readonly responseTimeoutMs?: number | undefined;
  /** Longest time one attempt's authentication (credentials and signing) may take. @default 30000 */
  readonly authTimeoutMs?: number | undefined;
  /** Most characters one streamed event may hold. @default 67108864 (64 Mi) */
  readonly maxEventSize?: number | undefined;
  /**
   * Where environment variables are read from (`AWS_BEARER_TOKEN_BEDROCK`, `AWS_REGION`,
   * `AWS_DEFAULT_REGION`, `AWS_PROFILE`, `AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`), read
   * at each request. The home directory of `~/.aws/config` is the AWS SDK's (the process's).
   * @default process.env
   */
  readonly env?: Environment | undefined;
}

/** Test seams that are not part of the public API. @internal */
export interface BedrockProviderInternals {
  /** Loads one optional peer package. */
  readonly importer?: PeerImporter | undefined;
  /** SigV4 signing clock. */
  readonly now?: (() => Date) | undefined;
  /** Replaces the AWS SDK's shared-config loader. */
  readonly loadSharedConfigFiles?: SharedConfigLoader | undefined;
}

/**
 * The Amazon Bedrock (Mantle) provider for `ModelClient` of `@codex/api`: Mantle's
 * OpenAI-compatible Responses endpoint for the resolved region, `x-amzn-mantle-client-agent:
 * codex`, no request compression, no metadata passthrough, and credentials in this order:
 *
 * 1. `apiKey` → `Authorization: Bearer …`;
 * 2. `AWS_BEARER_TOKEN_BEDROCK` (trimmed; blank = unset) → `Authorization: Bearer …`, region from
 *    `region`, `AWS_REGION`, `AWS_DEFAULT_REGION`;
 * 3. AWS SigV4 (service `bedrock-mantle`) with `credentials` or the AWS SDK's default chain,
 *    signed again before every attempt. Needs the optional peers `@smithy/signature-v4`,
 *    `@aws-crypto/sha256-js` and (for the default chain) `@aws-sdk/credential-provider-node`.
 *
 * Its `mapApiError` attaches the expired-signature guidance to a 401 whose body contains
 * `Signature expired:`. It declares its capabilities (no image generation, no web search) and a
 * static model catalog: `ModelClient.listModels` answers from it without asking Mantle.
 *
 * @throws TypeError naming an option of the wrong type.
 * @example
 * const client = new ModelClient({ provider: createBedrockProvider({ region: 'us-east-1' }) });
 */
export function createBedrockProvider(settings: BedrockProviderSettings = {}): ModelProvider {
  return createBedrockProviderWithInternals(settings, {});
}

/** {@link createBedrockProvider} with test seams. @internal */
export function createBedrockProviderWithInternals(
  settings: BedrockProviderSettings,
  internals: BedrockProviderInternals,
): ModelProvider {
  validateSettings(settings);
  if (nonBlank(settings.apiKey) !== undefined) refuseInBrowser(settings);
  const applicationName = settings.applicationName ?? DEFAULT_APPLICATION_NAME;
  const signing = new SigningCache(internals.importer);
  // Every credential value a signer of this provider loaded (the most recent ones): never sent,
  // but kept out of the errors of later calls (see `ResolvedProvider.secrets`).
  const heldCredentials = new Secrets({ limit: HELD_CREDENTIAL_VALUES });

  async function resolveAuth(
    env: Environment,
  ): Promise<{ auth: AuthProvider; region: string; secrets: Iterable<string> }> {
    const token = nonBlank(settings.apiKey) ?? nonBlank(env.AWS_BEARER_TOKEN_BEDROCK);
    if (token !== undefined) {
      refuseInBrowser(settings);
      return {
        auth: createBearerAuth({ token }),
        region: resolveBearerRegion(settings.region, env),
        secrets: [token],
      };
    }
    const region = await resolveSigV4Region({
      region: settings.region,
      profile: settings.profile,
      env,
      loadSharedConfig: async () =>
        internals.loadSharedConfigFiles ??
        (await loadSharedConfigLoader({ importer: internals.importer })),
    });
    const profile = nonBlank(settings.profile);
    const { modules, credentials } = await signing.load(settings.credentials, profile);
    return {
      auth: createSigV4Auth({
        modules,
        credentials,
        region,
        now: internals.now,
        held: heldCredentials,
      }),
      region,
      secrets: heldCredentials,
    };
  }

  return defineModelProvider({
    id: BEDROCK_PROVIDER_ID,
    name: BEDROCK_PROVIDER_NAME,
    fetch: settings.fetch,
    supportsRequestCompression: false,
    sendsMetadataPassthrough: false,
    capabilities: BEDROCK_CAPABILITIES,
    models: BEDROCK_MODEL_CATALOG,
    // AWS providers never use WebSockets (upstream rejects `aws` with `supports_websockets`).
    supportsWebSockets: false,
    async resolve(options?: {
      readonly signal?: AbortSignal | undefined;
    }): Promise<ResolvedProvider> {
      options?.signal?.throwIfAborted();
      const env = readableEnvironment(settings.env ?? processEnvironment());
      const { auth, region, secrets } = await resolveAuth(env);
      const headers = new Headers(MANTLE_CLIENT_AGENT_HEADER);
      for (const [name, value] of toHeadersLenient(settings.headers)) headers.set(name, value);
      return {
        settings: createEndpointSettings({
          name: BEDROCK_PROVIDER_NAME,
          baseUrl: settings.baseUrl ?? mantleBaseUrl(region),
          headers,
          originator: settings.originator,
          userAgent: settings.userAgent,
          retry: settings.retry,
          streamIdleTimeoutMs: settings.streamIdleTimeoutMs,
          responseTimeoutMs: settings.responseTimeoutMs,
          authTimeoutMs: settings.authTimeoutMs,
          maxEventSize: settings.maxEventSize,
        }),
        auth,
        secrets,
      };
    },
    mapApiError(error: ApiError): CodexError {
      return mapBedrockApiError(error, { applicationName });
    },
  });
}

/** Loads the signing packages and the default credential chain once per provider and profile. */
class SigningCache {
  readonly #importer: PeerImporter | undefined;
  #modules: Promise<AwsSigningModules> | undefined;
  #modulesWithChain = false;
  readonly #chains = new Map<string, AwsCredentialProvider>();

  constructor(importer: PeerImporter | undefined) {
    this.#importer = importer;
  }

  async load(
    explicit: AwsCredentialProvider | undefined,
    profile: string | undefined,
  ): Promise<{ modules: AwsSigningModules; credentials: AwsCredentialProvider }> {
    const withCredentialChain = explicit === undefined;
    if (this.#modules === undefined || (withCredentialChain && !this.#modulesWithChain)) {
      const loading = loadAwsSigning({ withCredentialChain, importer: this.#importer });
      this.#modules = loading;
      this.#modulesWithChain = withCredentialChain;
      // A failed load (a peer not installed yet) is tried again on the next request.
      loading.catch(() => {
        if (this.#modules === loading) this.#modules = undefined;
      });
    }
    const modules = await this.#modules;
    if (explicit !== undefined) return { modules, credentials: explicit };
    const key = profile ?? '';
    let chain = this.#chains.get(key);
    if (chain === undefined) {
      const defaultProvider = modules.defaultProvider;
      if (defaultProvider === undefined)
        throw new Error('unreachable: credential chain not loaded');
      chain = defaultProvider(profile === undefined ? {} : { profile });
      this.#chains.set(key, chain);
    }
    return { modules, credentials: chain };
  }
}

/**
 * `env` as the provider reads it: a variable the runtime refuses to read (Deno without
 * `--allow-env`) counts as unset, as in the OpenAI provider. Settings given explicitly are never
 * looked up in it.
 */
function readableEnvironment(env: Environment): Environment {
  return new Proxy(env, {
    get(target, key) {
      try {
        return Reflect.get(target, key);
      } catch {
        return undefined;
      }
    },
  });
}

/** A Bedrock API key in a browser page is refused unless the caller opted in. */
function refuseInBrowser(settings: BedrockProviderSettings): void {
  const scope = globalThis as { window?: { document?: unknown }; navigator?: unknown };
  const browser =
    typeof scope.window === 'object' &&
    scope.window !== null &&
    typeof scope.window.document !== 'undefined' &&
    typeof scope.navigator !== 'undefined';
  if (browser && settings.dangerouslyAllowBrowser !== true) {
    throw new TypeError(
      'createBedrockProvider: refusing to send a Bedrock API key from a browser, where anyone who loads the page can read it. ' +
        'Call Bedrock from a server instead, or pass `dangerouslyAllowBrowser: true` if the key is yours alone or short-lived.',
    );
  }
}

function processEnvironment(): Environment {
  // Read at request time, never at import time; runtimes without `process` have no environment.
  const candidate = (globalThis as { process?: { env?: Environment } }).process;
  return candidate?.env ?? {};
}

function validateSettings(settings: BedrockProviderSettings): void {
  if (typeof settings !== 'object' || settings === null) {
    throw new TypeError('createBedrockProvider: settings must be an object');
  }
  for (const name of ['region', 'profile', 'apiKey', 'baseUrl', 'applicationName'] as const) {
    const value = settings[name];
    if (value !== undefined && typeof value !== 'string') {
      throw new TypeError(`createBedrockProvider: \`${name}\` must be a string`);
    }
  }
  if (settings.applicationName !== undefined && settings.applicationName.trim() === '') {
    throw new TypeError('createBedrockProvider: `applicationName` must not be empty');
  }
  for (const name of ['credentials', 'fetch'] as const) {
    const value = settings[name];
    if (value !== undefined && typeof value !== 'function') {
      throw new TypeError(`createBedrockProvider: \`${name}\` must be a function`);
    }
  }
  if (settings.env !== undefined && (typeof settings.env !== 'object' || settings.env === null)) {
    throw new TypeError('createBedrockProvider: `env` must be an object of strings');
  }
  if (settings.baseUrl !== undefined && !URL.canParse(settings.baseUrl)) {
    throw new TypeError('createBedrockProvider: `baseUrl` must be an absolute http(s) URL');
  }
}
