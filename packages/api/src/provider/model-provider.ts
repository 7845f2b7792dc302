import type { FetchFunction } from '@codex/client';
import type { CodexError } from '@codex/protocol';
import type { AuthProvider } from '../auth/auth-provider.js';
import type { ModelInfo } from '../endpoints/models-client.js';
import type { ApiError } from '../errors/api-error.js';
import type { EndpointSettings } from '../settings/endpoint-settings.js';
import type { ProviderCapabilities } from './provider-capabilities.js';

/** What a {@link ModelProvider} resolves to for one request. */
export interface ResolvedProvider {
  /** Endpoint settings: base URL, headers, retry policy, timeouts. */
  readonly settings: EndpointSettings;
  /** Credentials, applied on every attempt. */
  readonly auth: AuthProvider;
  /**
   * Auth recovery (upstream's auth manager): called once when a request failed with 401. Resolve
   * `true` when the credential was refreshed and the request should be sent again, `false` when
   * there is nothing left to try (the 401 is then reported through `mapApiError`). A
   * `CodexError` thrown here (e.g. `RefreshTokenFailedError`) reaches the caller as it is.
   */
  readonly recoverUnauthorized?:
    | ((options: { readonly signal?: AbortSignal | undefined }) => Promise<boolean>)
    | undefined;
  /**
   * Secret values this resolution holds that no request header shows — a signing key, a token
   * the provider fetched — or that it holds before any request was sent (a configured API key).
   * `ModelClient` removes them, and every credential its sessions have sent, from the failures of
   * later `resolve()` calls (whose errors come from code the library does not control). Read when
   * a failure needs it, so a live collection (a `Set`, a `Secrets`) that fills up later is fine.
   * Never sent anywhere.
   */
  readonly secrets?: Iterable<string> | undefined;
}

/**
 * A model provider: where requests go, how they are authenticated, and how failures are shown to
 * users. `ModelClient` routes every failure — request setup, a non-2xx status, a failure in the
 * middle of a stream, a 401 that auth recovery could not fix — through {@link mapApiError}, so a
 * provider can attach guidance (a `userMessage`) for errors it understands.
 *
 * A provider package implements this interface using only the package roots of `@codex/api`
 * and `@codex/protocol`.
 */
export interface ModelProvider {
  /** Stable id, e.g. `openai`, `amazon-bedrock`. */
  readonly id: string;
  /** Display name, e.g. `OpenAI`, `Amazon Bedrock`. */
  readonly name: string;
  /**
   * Resolves settings and auth for the next request. Called lazily (per request), so explicit
   * settings and the environment are read when needed, not at construction. A `CodexError`
   * thrown here (e.g. an unsupported region) reaches the caller as it is; any other error is
   * mapped through {@link mapApiError} as a request build failure.
   */
  resolve(options?: { readonly signal?: AbortSignal | undefined }): Promise<ResolvedProvider>;
  /**
   * Maps an endpoint failure to the error the caller sees: one of the concrete classes of the
   * `CodexError` union (start from `defaultMapApiError`). Must be synchronous and total.
   */
  mapApiError(error: ApiError): CodexError;
  /** The `fetch` the default transport should use (e.g. a proxying fetch). */
  readonly fetch?: FetchFunction | undefined;
  /**
   * Whether request bodies may be compressed (zstd) for this provider.
   * @default false
   */
  readonly supportsRequestCompression?: boolean | undefined;
  /**
   * Whether the provider's Responses endpoint speaks WebSocket (`{ws(s) baseUrl}/responses`, the
   * upstream `supports_websockets`). `ModelClient` streams over WebSocket only when this is
   * `true` and the client has `webSockets`. The OpenAI provider supports it; the
   * Amazon Bedrock provider never does (AWS providers never use WebSockets).
   * @default false
   */
  readonly supportsWebSockets?: boolean | undefined;
  /**
   * Whether items keep `internal_chat_message_metadata_passthrough` when sent. Only the OpenAI
   * provider keeps it; it is stripped for every other provider.
   * @default false
   */
  readonly sendsMetadataPassthrough?: boolean | undefined;
  /**
   * What the provider's models can do; a capability left out is `true` (see
   * `providerCapabilities`). Amazon Bedrock, for example, has no image generation and no web
   * search.
   * @default every capability
   */
  readonly capabilities?: Partial<ProviderCapabilities> | undefined;
  /**
   * A static model catalog (upstream's static models manager). When present,
   * `ModelClient.listModels` returns it without any request (and without `resolve()`); when
   * absent, it asks the server (`GET {base}/models`).
   */
  readonly models?: readonly ModelInfo[] | undefined;
}
