import {
  createRetryPolicy,
  DEFAULT_MAX_EVENT_SIZE,
  type RetryPolicy,
  type RetryPolicyOptions,
} from '@codex/client';
import { type HeadersInput, toHeadersLenient } from '../headers-input.js';
import { DEFAULT_ORIGINATOR, defaultUserAgent, isIdentityValue } from './client-identity.js';
import { urlForPath } from './url-for-path.js';
import { websocketUrlForPath } from './websocket-url-for-path.js';

/** The OpenAI API base URL, used with API-key auth. */
export const OPENAI_API_BASE_URL = 'https://api.openai.com/v1';
/** The ChatGPT (Codex backend) base URL, used with ChatGPT sign-in tokens. */
export const CHATGPT_CODEX_BASE_URL = 'https://chatgpt.com/backend-api/codex';
/** Default stream idle timeout: 300 000 ms (5 minutes) without a complete SSE event. */
export const DEFAULT_STREAM_IDLE_TIMEOUT_MS = 300_000;
/**
 * Default response timeout: 300 000 ms. The longest one attempt waits for a response (a unary
 * call's whole response, a stream's head).
 */
export const DEFAULT_RESPONSE_TIMEOUT_MS = 300_000;
/**
 * Default auth timeout: 30 000 ms. The longest one attempt's authentication (a token source, a
 * credential chain, signing) may take.
 */
export const DEFAULT_AUTH_TIMEOUT_MS = 30_000;
/** Default number of request retries (`request_max_retries`). */
export const DEFAULT_REQUEST_MAX_RETRIES = 4;
/** Upper bound on request retries. */
export const MAX_REQUEST_MAX_RETRIES = 100;

/**
 * Settings of one API endpoint family (upstream `codex-api` `Provider`): where requests go, which
 * headers every request carries, how requests are retried and how long a stream may stay silent.
 * Immutable; build it with {@link createEndpointSettings}. Not to be confused with a
 * `ModelProvider`, the plug-in that resolves these settings and maps errors.
 */
export interface EndpointSettings {
  /** Display name, e.g. `OpenAI`, `Azure`, `Amazon Bedrock`. Azure detection looks at it. */
  readonly name: string;
  /** Base URL without the endpoint path, e.g. `https://api.openai.com/v1`. */
  readonly baseUrl: string;
  /** Query parameters appended to every endpoint URL (not percent-encoded, as upstream). */
  readonly queryParams?: Readonly<Record<string, string>> | undefined;
  /**
   * Headers sent with every request (before extra, endpoint and auth headers): the identity
   * headers (`originator`, `User-Agent`) first, then the headers given as options, which override
   * them.
   */
  readonly headers: Headers;
  /** The `originator` header sent with every request, or `undefined` when none is sent. */
  readonly originator: string | undefined;
  /** The `User-Agent` header sent with every request, or `undefined` when none is set. */
  readonly userAgent: string | undefined;
  /** Retry policy for obtaining a response (not for a stream already started). */
  readonly retry: RetryPolicy;
  /** Longest wait for the next complete SSE event, in milliseconds. */
  readonly streamIdleTimeoutMs: number;
  /**
   * Longest wait of one attempt for its response, in milliseconds: the whole response of a
   * unary call, the head (status and headers) of a stream. Expiry is a transport `timeout`,
   * retried like a network failure.
   */
  readonly responseTimeoutMs: number;
  /**
   * Longest time one attempt's authentication may take, in milliseconds. Expiry fails the attempt
   * with a transport `timeout`, retried like a network failure.
   */
  readonly authTimeoutMs: number;
  /**
   * Most characters one streamed event may hold while it is assembled; more fails the stream
   * with `stream error: … event larger than the limit …`.
   */
  readonly maxEventSize: number;
}

/** Named arguments of {@link createEndpointSettings}. */
export interface EndpointSettingsOptions {
  /** Display name. */
  readonly name: string;
  /** Base URL (absolute `http:` or `https:` URL). */
  readonly baseUrl: string;
  /** Query parameters for every URL, e.g. `{ 'api-version': '2025-04-01-preview' }`. */
  readonly queryParams?: Readonly<Record<string, string>> | undefined;
  /** Headers for every request. Invalid names or values are skipped, as upstream. */
  readonly headers?: HeadersInput | undefined;
  /**
   * The `originator` header of every request (upstream's client sends `codex_cli_rs`); `false`
   * sends none (e.g. for a browser page whose server's CORS policy does not allow the header).
   * @default 'codex_ts'
   */
  readonly originator?: string | false | undefined;
  /**
   * The `User-Agent` of every request; `false` leaves it to the runtime (Node's `fetch` then
   * sends `node`). Browsers do not let `fetch` set it: there the default is none.
   * @default `{originator}/{@codex/api version} ({os}; {arch}) {runtime}/{version}`, e.g.
   * `codex_ts/0.2.0 (linux; x64) node/20.20.2` (see `defaultUserAgent`)
   */
  readonly userAgent?: string | false | undefined;
  /**
   * Retry tuning. `maxAttempts` counts retries (total tries = `maxAttempts + 1`), capped at 100.
   * @default { maxAttempts: 4, baseDelayMs: 200, retryOn: { retry429: false, retry5xx: true, retryTransport: true } }
   */
  readonly retry?: RetryPolicyOptions | undefined;
  /** @default 300000 */
  readonly streamIdleTimeoutMs?: number | undefined;
  /**
   * Longest wait of one attempt for its response (unary: whole response; stream: its head).
   * Not an upstream setting: upstream waits without limit, which lets a server that never
   * answers hang the caller.
   * @default 300000
   */
  readonly responseTimeoutMs?: number | undefined;
  /**
   * Longest time one attempt's authentication may take (not an upstream setting: upstream waits
   * without limit, so a credential source that never answers hangs the caller).
   * @default 30000
   */
  readonly authTimeoutMs?: number | undefined;
  /**
   * Most characters one streamed event may hold while it is assembled (a generous cap so that a
   * server that never ends an event cannot exhaust memory; not an upstream setting).
   * @default 67108864 (64 Mi)
   */
  readonly maxEventSize?: number | undefined;
}

/**
 * Builds {@link EndpointSettings}, filling the upstream defaults and validating every option.
 *
 * @throws TypeError / RangeError naming the option that is invalid.
 * @example
 * const settings = createEndpointSettings({ name: 'OpenAI', baseUrl: 'https://api.openai.com/v1' });
 */
export function createEndpointSettings(options: EndpointSettingsOptions): EndpointSettings {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('createEndpointSettings: options must be an object');
  }
  if (typeof options.name !== 'string') {
    throw new TypeError('createEndpointSettings: `name` must be a string');
  }
  if (typeof options.baseUrl !== 'string' || !isHttpUrl(options.baseUrl)) {
    throw new TypeError('createEndpointSettings: `baseUrl` must be an absolute http(s) URL');
  }
  const streamIdleTimeoutMs = options.streamIdleTimeoutMs ?? DEFAULT_STREAM_IDLE_TIMEOUT_MS;
  if (!Number.isFinite(streamIdleTimeoutMs) || streamIdleTimeoutMs <= 0) {
    throw new RangeError('createEndpointSettings: `streamIdleTimeoutMs` must be a positive number');
  }
  const responseTimeoutMs = options.responseTimeoutMs ?? DEFAULT_RESPONSE_TIMEOUT_MS;
  if (!Number.isFinite(responseTimeoutMs) || responseTimeoutMs <= 0) {
    throw new RangeError('createEndpointSettings: `responseTimeoutMs` must be a positive number');
  }
  const authTimeoutMs = options.authTimeoutMs ?? DEFAULT_AUTH_TIMEOUT_MS;
  if (!Number.isFinite(authTimeoutMs) || authTimeoutMs <= 0) {
    throw new RangeError('createEndpointSettings: `authTimeoutMs` must be a positive number');
  }
  const maxEventSize = options.maxEventSize ?? DEFAULT_MAX_EVENT_SIZE;
  if (!(maxEventSize > 0)) {
    throw new RangeError('createEndpointSettings: `maxEventSize` must be a positive number');
  }
  const maxAttempts = options.retry?.maxAttempts ?? DEFAULT_REQUEST_MAX_RETRIES;
  if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 0) {
    throw new RangeError('createEndpointSettings: `retry.maxAttempts` must be an integer >= 0');
  }
  const { originator, userAgent } = identity(options);
  const queryParams = options.queryParams;
  if (queryParams !== undefined) {
    for (const [key, value] of Object.entries(queryParams)) {
      if (typeof value !== 'string') {
        throw new TypeError(`createEndpointSettings: \`queryParams.${key}\` must be a string`);
      }
    }
  }
  return Object.freeze({
    name: options.name,
    baseUrl: options.baseUrl,
    queryParams: queryParams === undefined ? undefined : Object.freeze({ ...queryParams }),
    headers: withIdentity(toHeadersLenient(options.headers), originator, userAgent),
    originator,
    userAgent,
    retry: createRetryPolicy({
      ...options.retry,
      maxAttempts: Math.min(maxAttempts, MAX_REQUEST_MAX_RETRIES),
    }),
    streamIdleTimeoutMs,
    responseTimeoutMs,
    authTimeoutMs,
    maxEventSize,
  });
}

/** The URL of endpoint `path` under `settings` (see {@link urlForPath}). */
export function endpointUrl(settings: EndpointSettings, path: string): string {
  return urlForPath(settings.baseUrl, path, settings.queryParams);
}

/**
 * The WebSocket URL of endpoint `path` under `settings` (see {@link websocketUrlForPath}).
 *
 * @throws TypeError when the URL does not parse.
 */
export function endpointWebsocketUrl(settings: EndpointSettings, path: string): string {
  return websocketUrlForPath(settings.baseUrl, path, settings.queryParams);
}

const AZURE_MARKERS = [
  'openai.azure.',
  'cognitiveservices.azure.',
  'aoai.azure.',
  'azure-api.',
  'azurefd.',
  'windows.net/openai',
];

/**
 * True when a provider is an Azure Responses endpoint: its name is `azure` (any case) or its base
 * URL contains one of the Azure host markers.
 *
 * @example isAzureResponsesProvider('custom', 'https://foo.openai.azure.com/openai') // true
 */
export function isAzureResponsesProvider(name: string, baseUrl?: string): boolean {
  if (name.toLowerCase() === 'azure') return true;
  if (baseUrl === undefined) return false;
  const lower = baseUrl.toLowerCase();
  return AZURE_MARKERS.some((marker) => lower.includes(marker));
}

function identity(options: EndpointSettingsOptions): {
  originator: string | undefined;
  userAgent: string | undefined;
} {
  const originator = options.originator ?? DEFAULT_ORIGINATOR;
  if (originator !== false && (typeof originator !== 'string' || !isIdentityValue(originator))) {
    throw new TypeError(
      'createEndpointSettings: `originator` must be a non-empty string of visible ASCII, or false',
    );
  }
  const userAgent =
    options.userAgent ?? defaultUserAgent(originator === false ? DEFAULT_ORIGINATOR : originator);
  if (
    userAgent !== false &&
    userAgent !== undefined &&
    (typeof userAgent !== 'string' || !isIdentityValue(userAgent))
  ) {
    throw new TypeError(
      'createEndpointSettings: `userAgent` must be a non-empty string of visible ASCII, or false',
    );
  }
  return {
    originator: originator === false ? undefined : originator,
    userAgent: userAgent === false ? undefined : userAgent,
  };
}

// Identity first: headers given explicitly (a `User-Agent` of the caller's own) win.
function withIdentity(
  headers: Headers,
  originator: string | undefined,
  userAgent: string | undefined,
): Headers {
  if (originator === undefined && userAgent === undefined) return headers;
  const merged = new Headers();
  if (originator !== undefined) merged.set('originator', originator);
  if (userAgent !== undefined) merged.set('user-agent', userAgent);
  for (const [name, value] of headers) merged.set(name, value);
  return merged;
}

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const protocol = new URL(value).protocol;
  return protocol === 'http:' || protocol === 'https:';
}
