import {
  type EncodeResponsesRequestOptions,
  type ResponsesApiRequest,
  responsesRequestBody,
} from '../responses-api-request.js';

/** The `client_metadata` key that carries the W3C `traceparent` over WebSocket. */
export const WS_REQUEST_HEADER_TRACEPARENT_CLIENT_METADATA_KEY = 'ws_request_header_traceparent';
/** The `client_metadata` key that carries the W3C `tracestate` over WebSocket. */
export const WS_REQUEST_HEADER_TRACESTATE_CLIENT_METADATA_KEY = 'ws_request_header_tracestate';

/**
 * W3C trace context of one request. Over HTTP it travels as the `traceparent` / `tracestate`
 * headers; a WebSocket frame has no headers, so it travels in `client_metadata`.
 */
export interface TraceContext {
  /** The `traceparent` value, e.g. `00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01`. */
  readonly traceparent?: string | undefined;
  /** The `tracestate` value. */
  readonly tracestate?: string | undefined;
}

/**
 * The `client_metadata` of a `response.create` frame (upstream
 * `response_create_client_metadata`): a copy of `existing` (or `{}`) with
 * `ws_request_header_traceparent` / `ws_request_header_tracestate` set from `traceContext` when
 * present; `undefined` when the result is empty.
 *
 * @example
 * responseCreateClientMetadata({ 'x-codex-installation-id': 'abc' }, { traceparent: '00-…-01' })
 * // { 'x-codex-installation-id': 'abc', ws_request_header_traceparent: '00-…-01' }
 */
export function responseCreateClientMetadata(
  existing?: Readonly<Record<string, string>>,
  traceContext?: TraceContext,
): Record<string, string> | undefined {
  const metadata: Record<string, string> = { ...existing };
  if (traceContext?.traceparent !== undefined) {
    metadata[WS_REQUEST_HEADER_TRACEPARENT_CLIENT_METADATA_KEY] = traceContext.traceparent;
  }
  if (traceContext?.tracestate !== undefined) {
    metadata[WS_REQUEST_HEADER_TRACESTATE_CLIENT_METADATA_KEY] = traceContext.tracestate;
  }
  return Object.keys(metadata).length === 0 ? undefined : metadata;
}

/** The WebSocket-only fields of a `response.create` frame, and how to encode the request. */
export interface ResponseCreateOptions extends EncodeResponsesRequestOptions {
  /**
   * The response this request continues: `input` then holds only the items added since (the
   * server keeps the earlier ones for this connection). Omitted when absent.
   */
  readonly previousResponseId?: string | undefined;
  /**
   * `false` asks the server to prepare the request without generating (a prewarm). Omitted when
   * absent.
   */
  readonly generate?: boolean | undefined;
  /** Trace context, sent in `client_metadata` (see {@link responseCreateClientMetadata}). */
  readonly traceContext?: TraceContext | undefined;
}

/**
 * Encodes a Responses request as the text of one WebSocket `response.create` frame (upstream
 * `ResponsesWsRequest::ResponseCreate`): `{"type":"response.create", …}` with the HTTP body's keys
 * in their order, `previous_response_id` right after `instructions`, and `generate` right before
 * `client_metadata`, both omitted when absent.
 *
 * @throws TypeError for a malformed request; whatever `JSON.stringify` throws for values it
 * cannot encode.
 * @example
 * encodeResponseCreate({ model: 'gpt-5.1-codex', input }, { previousResponseId: 'resp_1' });
 * // {"type":"response.create","model":"gpt-5.1-codex","previous_response_id":"resp_1","input":[…],…}
 */
export function encodeResponseCreate(
  request: ResponsesApiRequest,
  options: ResponseCreateOptions = {},
): string {
  const body = responsesRequestBody(request, options);
  const frame: Record<string, unknown> = { type: 'response.create' };
  for (const [key, value] of Object.entries(body)) {
    if (key === 'input' && options.previousResponseId !== undefined) {
      frame.previous_response_id = options.previousResponseId;
    }
    if (key === 'client_metadata') continue;
    frame[key] = value;
  }
  if (options.generate !== undefined) frame.generate = options.generate;
  const metadata = responseCreateClientMetadata(request.clientMetadata, options.traceContext);
  if (metadata !== undefined) frame.client_metadata = metadata;
  return JSON.stringify(frame);
}

/**
 * The text of a `response.create` frame for a raw JSON body (the escape hatch for fields the
 * typed request lacks): `{"type":"response.create", …body}`.
 *
 * @throws TypeError when `body` is not a JSON object.
 */
export function encodeRawResponseCreate(body: Readonly<Record<string, unknown>>): string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new TypeError('encodeRawResponseCreate: the body must be a JSON object');
  }
  const { type: _type, ...rest } = body;
  return JSON.stringify({ type: 'response.create', ...rest });
}
