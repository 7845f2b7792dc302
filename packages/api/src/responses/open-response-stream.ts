import {
  encodedJsonBody,
  type RequestBody,
  type StreamEventTelemetry,
  streamBodySource,
} from '@codex/client';
import type { EndpointSession } from '../endpoints/endpoint-session.js';
import type { ApiError } from '../errors/api-error.js';
import { setLenient, toHeadersLenient } from '../headers-input.js';
import { readHeader } from '../read-header.js';
import { isAzureResponsesProvider } from '../settings/endpoint-settings.js';
import { buildConversationHeaders } from './build-conversation-headers.js';
import { responseHeaderEvents } from './response-header-events.js';
import { ResponseStream } from './response-stream.js';
import { encodeResponsesRequest, type ResponsesApiRequest } from './responses-api-request.js';
import type { ResponsesOptions } from './responses-options.js';
import { ResponsesSseDecoder } from './responses-sse-decoder.js';
import { subAgentLabel } from './session-source.js';

const MAX_TIMER_MS = 2_147_483_647;
const IDLE_TIMEOUT = 'idle timeout waiting for SSE';

/** @internal Named arguments of {@link openResponseStream}. */
export interface OpenResponseStreamInput {
  /** Sends the request. */
  readonly session: EndpointSession;
  /** The encoded request body. */
  readonly body: RequestBody;
  /** Per-call options. */
  readonly options: ResponsesOptions;
  /** Maps the stream's terminal `ApiError` (e.g. through a provider). */
  readonly mapError?: ((error: ApiError) => unknown) | undefined;
  /** Per-event telemetry of the stream. */
  readonly onStreamEvent?: ((telemetry: StreamEventTelemetry) => void) | undefined;
}

/**
 * @internal Encodes a typed request for `session`'s endpoint (item ids only for Azure with
 * `store`). Throws `ApiError` `stream error: failed to encode responses request: …` for values JSON
 * cannot hold, a `TypeError` for a malformed request.
 */
export function encodeResponsesBody(
  session: EndpointSession,
  request: ResponsesApiRequest,
  metadataPassthrough: boolean,
): RequestBody {
  const { settings } = session;
  return encodedJsonBody(
    encodeResponsesRequest(request, {
      azure: isAzureResponsesProvider(settings.name, settings.baseUrl),
      metadataPassthrough,
    }),
  );
}

/**
 * @internal `POST …/responses` with `Accept: text/event-stream`, then the stream of its answer:
 * header events first, `x-codex-turn-state` recorded, the body read by the Responses SSE decoder.
 */
export async function openResponseStream(input: OpenResponseStreamInput): Promise<ResponseStream> {
  const { session, options } = input;
  const { signal } = options;
  const response = await session.stream({
    path: 'responses',
    body: input.body,
    extraHeaders: conversationRequestHeaders(options),
    forcedHeaders: { accept: 'text/event-stream' },
    compression: options.compression ?? 'none',
    signal,
    timeoutMs: options.timeoutMs,
  });
  const turnState = readHeader(response.headers, 'x-codex-turn-state');
  if (turnState !== undefined) options.turnState?.set(turnState);
  // The body unguarded when the transport allows it: read failures are mapped by the stream.
  const { source, mapReadError } = streamBodySource(response);
  return new ResponseStream({
    source,
    mapReadError,
    decoder: new ResponsesSseDecoder({ maxEventSize: session.settings.maxEventSize }),
    idleTimeoutMs: Math.min(session.settings.streamIdleTimeoutMs, MAX_TIMER_MS),
    idleTimeoutMessage: IDLE_TIMEOUT,
    signal,
    initialEvents: responseHeaderEvents(response.headers),
    upstreamRequestId: readHeader(response.headers, 'x-request-id'),
    mapError: input.mapError,
    onStreamEvent: input.onStreamEvent,
    onRelease: () => response.close(),
  });
}

/**
 * @internal Extra headers, then the conversation and sub-agent headers over them (later wins);
 * the WebSocket handshake uses them too.
 */
export function conversationRequestHeaders(
  options: Pick<ResponsesOptions, 'conversationId' | 'extraHeaders' | 'sessionSource'>,
): Headers | undefined {
  const { conversationId, extraHeaders, sessionSource } = options;
  const label = subAgentLabel(sessionSource);
  if (conversationId === undefined && label === undefined) {
    return extraHeaders === undefined ? undefined : toHeadersLenient(extraHeaders);
  }
  const headers = toHeadersLenient(extraHeaders);
  if (conversationId !== undefined) setLenient(headers, 'x-client-request-id', conversationId);
  for (const [name, value] of Object.entries(buildConversationHeaders(conversationId))) {
    setLenient(headers, name, value);
  }
  if (label !== undefined) setLenient(headers, 'x-openai-subagent', label);
  return headers;
}
