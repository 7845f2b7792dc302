import {
  createBearerAuth,
  createEndpointSettings,
  defineModelProvider,
  type EndpointSettingsOptions,
  type HeadersInput,
  type ModelProvider,
  toHeadersLenient,
} from '@codex/api';
import { EnvVarError } from '@codex/protocol';
import { mapAcmeApiError } from './map-acme-api-error.js';

/** The provider id. */
export const ACME_PROVIDER_ID = 'acme';
/** The display name. */
export const ACME_PROVIDER_NAME = 'Acme Gateway';
/** The gateway's public endpoint, used when neither `baseUrl` nor `ACME_BASE_URL` is set. */
export const ACME_DEFAULT_BASE_URL = 'https://gateway.acme.example/v1';
/** Sent with every request, so the gateway can tell this client apart in its logs. */
export const ACME_CLIENT_HEADER = 'x-acme-client';

/**
 * Settings of {@link createAcmeProvider}. Everything is optional and read when a request is made
 * (not at construction): the explicit value first, then the environment, then the default.
 */
export interface AcmeProviderSettings {
  /** API key, sent as `Authorization: Bearer …`. @default the `ACME_API_KEY` environment variable */
  readonly apiKey?: string | undefined;
  /** Gateway base URL. @default `ACME_BASE_URL`, else {@link ACME_DEFAULT_BASE_URL} */
  readonly baseUrl?: string | undefined;
  /** Sent as `x-acme-project`. @default `ACME_PROJECT` when set */
  readonly project?: string | undefined;
  /** Extra headers for every request; they win over the provider's own. */
  readonly headers?: HeadersInput | undefined;
  /** Request retry tuning (see `createEndpointSettings` of `@codex/api`). */
  readonly retry?: EndpointSettingsOptions['retry'];
  /** Longest wait for the next SSE event, in milliseconds. @default 300000 */
  readonly streamIdleTimeoutMs?: number | undefined;
  /** The `fetch` to send requests with (e.g. a proxying fetch). @default globalThis.fetch */
  readonly fetch?: ModelProvider['fetch'];
  /**
   * Where `ACME_*` variables are read from, at every request.
   * @default process.env (an empty object where there is no `process`)
   */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

/**
 * A `ModelProvider` for the (fictional) Acme gateway, an OpenAI-compatible Responses endpoint:
 * bearer auth from `apiKey` or `ACME_API_KEY`, base URL from `baseUrl` or `ACME_BASE_URL`, an
 * `x-acme-client: codex-ts` header (plus `x-acme-project` when a project is set), and
 * {@link mapAcmeApiError}, which turns the gateway's `402 … quota_exhausted` into a message that
 * says what to do. Without an API key every request fails with
 * ``Missing environment variable: `ACME_API_KEY`.``
 *
 * @throws TypeError naming an option of the wrong type.
 * @example
 * const client = new ModelClient({ provider: createAcmeProvider() });
 * const stream = await client.stream({ model: 'acme-large', input });
 */
export function createAcmeProvider(settings: AcmeProviderSettings = {}): ModelProvider {
  if (typeof settings !== 'object' || settings === null) {
    throw new TypeError('createAcmeProvider: settings must be an object');
  }
  for (const key of ['apiKey', 'baseUrl', 'project'] as const) {
    if (settings[key] !== undefined && typeof settings[key] !== 'string') {
      throw new TypeError(`createAcmeProvider: \`${key}\` must be a string`);
    }
  }

  return defineModelProvider({
    id: ACME_PROVIDER_ID,
    name: ACME_PROVIDER_NAME,
    fetch: settings.fetch,
    // Settings are read here, per request: a key rotated in the environment is picked up, and a
    // missing key fails the request (with a message naming the variable), not the import.
    async resolve() {
      const env = settings.env ?? processEnvironment();
      const apiKey = nonBlank(settings.apiKey) ?? nonBlank(env.ACME_API_KEY);
      if (apiKey === undefined) {
        throw new EnvVarError({
          variable: 'ACME_API_KEY',
          instructions: 'Create a key at https://console.acme.example/keys and export it.',
        });
      }
      const headers = new Headers({ [ACME_CLIENT_HEADER]: 'codex-ts' });
      const project = nonBlank(settings.project) ?? nonBlank(env.ACME_PROJECT);
      if (project !== undefined) headers.set('x-acme-project', project);
      for (const [name, value] of toHeadersLenient(settings.headers)) headers.set(name, value);
      return {
        settings: createEndpointSettings({
          name: ACME_PROVIDER_NAME,
          baseUrl:
            nonBlank(settings.baseUrl) ?? nonBlank(env.ACME_BASE_URL) ?? ACME_DEFAULT_BASE_URL,
          headers,
          retry: settings.retry,
          streamIdleTimeoutMs: settings.streamIdleTimeoutMs,
        }),
        auth: createBearerAuth({ token: apiKey }),
      };
    },
    mapApiError: mapAcmeApiError,
  });
}

function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function processEnvironment(): Readonly<Record<string, string | undefined>> {
  // Not every runtime has `process` (browsers, some edge runtimes): read it only if it exists.
  const runtime = globalThis as { process?: { env?: Record<string, string | undefined> } };
  return runtime.process?.env ?? {};
}
