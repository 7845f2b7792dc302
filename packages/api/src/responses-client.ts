import {
  type AttemptTelemetry,
  encodedJsonBody,
  type HttpTransport,
  jsonBody,
  type RequestBody,
  type RequestCompression,
  sseStream,
} from '@codex/client';
import { ApiError } from './api-error.js';
import type { AuthProvider } from './auth/auth-provider.js';
import { buildConversationHeaders } from './build-conversation-headers.js';
import { EndpointSession } from './endpoint-session.js';
import {
  type HeadersInput,
  isAzureResponsesProvider,
  type Provider,
  toHeadersLenient,
} from './provider.js';
import { responseHeaderEvents } from './response-header-events.js';
import { ResponseStream } from './response-stream.js';
import { encodeResponsesRequest, type ResponsesApiRequest } from './responses-api-request.js';
import { type SessionSource, subAgentLabel } from './session-source.js';
import type { TurnState } from './turn-state.js';

/** Per-call options of {@link ResponsesClient}: headers and transport concerns. */
export interface ResponsesOptions {
  /** Sent as `x-client-request-id` and `session_id`. */
  readonly conversationId?: string | undefined;
  /** A sub-agent source adds `x-openai-subagent: <label>`. */
  readonly sessionSource?: SessionSource | undefined;
  /** Headers on top of the provider's (invalid ones are skipped). */
  readonly extraHeaders?: HeadersInput | undefined;
  /** Request body compression. @default 'none' */
  readonly compression?: RequestCompression | undefined;
  /** Receives `x-codex-turn-state` from the response when still empty. */
  readonly turnState?: TurnState | undefined;
  /** Cancels the request, its retries and the stream; its reason is thrown as it is. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Whether input items keep `internal_chat_message_metadata_passthrough` (OpenAI only).
   * Used by `streamRequest`.
   * @default false
   */
  readonly metadataPassthrough?: boolean | undefined;
}

/** Named arguments of {@link ResponsesClient}: a ready session, or what to build one from. */
export type ResponsesClientOptions =
  | { readonly session: EndpointSession }
  | {
      readonly provider: Provider;
      readonly auth: AuthProvider;
      readonly transport: HttpTransport;
      /** Called once per HTTP attempt. */
      readonly onAttempt?: ((telemetry: AttemptTelemetry) => void) | undefined;
    };

const MAX_TIMER_MS = 2_147_483_647;

/**
 * Streams Responses API answers: `POST {baseUrl}/responses` with `Accept: text/event-stream`,
 * retried per the provider's policy until a 2xx head arrives, authenticated on every attempt.
 *
 * Headers, later ones winning: provider headers, `extraHeaders`, `x-client-request-id` and
 * `session_id` (the conversation id), `x-openai-subagent`, `Accept`, then auth.
 *
 * @example
 * const client = new ResponsesClient({ provider, auth, transport: createKyTransport() });
 * const stream = await client.streamRequest({ model: 'gpt-5.1-codex', input });
 * for await (const event of stream) {
 *   if (event.type === 'outputTextDelta') process.stdout.write(event.delta);
 * }
 */
export class ResponsesClient {
  readonly #session: EndpointSession;

  constructor(options: ResponsesClientOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError('ResponsesClient: options must be an object');
    }
    if ('session' in options) {
      if (typeof options.session?.stream !== 'function') {
        throw new TypeError('ResponsesClient: `session` must be an EndpointSession');
      }
      this.#session = options.session;
    } else {
      if (typeof options.transport?.stream !== 'function') {
        throw new TypeError('ResponsesClient: `transport` must be an HttpTransport');
      }
      if (typeof options.auth?.addAuthHeaders !== 'function') {
        throw new TypeError('ResponsesClient: `auth` must be an AuthProvider');
      }
      this.#session = new EndpointSession({
        provider: options.provider,
        auth: options.auth,
        transport: options.transport,
        onAttempt: options.onAttempt,
      });
    }
  }

  /** The provider settings in use. */
  get provider(): Provider {
    return this.#session.provider;
  }

  /**
   * Encodes `request` (see `encodeResponsesRequest`; item ids only for Azure with `store`) and
   * streams the answer. Resolves once a 2xx response head arrived.
   *
   * @throws ApiError for setup failures and non-2xx answers (`transport`), or
   * `stream error: failed to encode responses request: …`; the signal's reason on abort.
   */
  async streamRequest(
    request: ResponsesApiRequest,
    options: ResponsesOptions = {},
  ): Promise<ResponseStream> {
    const provider = this.#session.provider;
    let json: string;
    try {
      json = encodeResponsesRequest(request, {
        azure: isAzureResponsesProvider(provider.name, provider.baseUrl),
        metadataPassthrough: options.metadataPassthrough,
      });
    } catch (error) {
      if (error instanceof TypeError && error.message.startsWith('encodeResponsesRequest:')) {
        throw error;
      }
      const detail = error instanceof Error ? error.message : String(error);
      throw ApiError.stream(`failed to encode responses request: ${detail}`, error);
    }
    return this.#stream(encodedJsonBody(json), options);
  }

  /**
   * Streams the answer to a raw JSON body (the escape hatch for fields the typed request lacks).
   * Same headers, retries and stream as {@link streamRequest}.
   */
  stream(body: unknown, options: ResponsesOptions = {}): Promise<ResponseStream> {
    return this.#stream(jsonBody(body), options);
  }

  async #stream(body: RequestBody, options: ResponsesOptions): Promise<ResponseStream> {
    const { signal } = options;
    const response = await this.#session.stream({
      path: 'responses',
      body,
      extraHeaders: requestHeaders(options),
      forcedHeaders: { accept: 'text/event-stream' },
      compression: options.compression ?? 'none',
      signal,
    });
    const turnState = response.headers.get('x-codex-turn-state');
    if (turnState !== null) options.turnState?.set(turnState);
    const idleTimeoutMs = Math.min(this.#session.provider.streamIdleTimeoutMs, MAX_TIMER_MS);
    const events = sseStream(
      response.body,
      signal === undefined ? { idleTimeoutMs } : { idleTimeoutMs, signal },
    );
    return new ResponseStream({
      events,
      initialEvents: responseHeaderEvents(response.headers),
      upstreamRequestId: response.headers.get('x-request-id') ?? undefined,
      signal,
    });
  }
}

/** Extra headers, then the conversation and sub-agent headers over them (§4.2 steps 1–4). */
function requestHeaders(options: ResponsesOptions): Headers {
  const headers = toHeadersLenient(options.extraHeaders);
  const { conversationId } = options;
  if (conversationId !== undefined) setLenient(headers, 'x-client-request-id', conversationId);
  for (const [name, value] of Object.entries(buildConversationHeaders(conversationId))) {
    setLenient(headers, name, value);
  }
  const label = subAgentLabel(options.sessionSource);
  if (label !== undefined) setLenient(headers, 'x-openai-subagent', label);
  return headers;
}

function setLenient(headers: Headers, name: string, value: string): void {
  try {
    headers.set(name, value);
  } catch {
    // Not a valid header value: dropped silently, as upstream does.
  }
}
