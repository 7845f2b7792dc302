import { TransportError } from '@codex/client';
import { ApiError } from '../../errors/api-error.js';
import { setLenient } from '../../headers-input.js';

/** The `error.code` of the wrapped error a server sends when a connection reached its time limit. */
export const WEBSOCKET_CONNECTION_LIMIT_REACHED_CODE = 'websocket_connection_limit_reached';

/** The message of that error when the frame carries none. */
export const WEBSOCKET_CONNECTION_LIMIT_REACHED_MESSAGE =
  'Responses websocket connection limit reached (60 minutes). Create a new websocket connection to continue.';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The `ApiError` a wrapped WebSocket error frame stands for, or `undefined` when
 * the frame is not one that maps to an error (it is then handled as an ordinary event, which for
 * `type: "error"` means ignored):
 *
 * - a frame `{"type":"error", …}` whose `error.code` is `websocket_connection_limit_reached` →
 *   `retryable` with `error.message` (or the upstream default message), no delay;
 * - else a non-2xx `status` (alias `status_code`) → a `transport` error of kind `http` with that
 *   status, no URL, the frame's `headers` (string, number and boolean values as text) and the
 *   raw frame text as its body — so it takes the HTTP-status path of the provider's mapping;
 * - a frame without `status`, with a 2xx one, or of another shape (a non-integer `status`, both
 *   `status` and `status_code`, non-object `headers`) → `undefined`.
 *
 * @param event the frame, parsed from JSON.
 * @param text the frame's text, kept verbatim as the HTTP body.
 * @example
 * wrappedWebsocketError({ type: 'error', status: 400, error: { message: 'bad' } }, text)
 * // ApiError transport http 400 with body `text`
 */
export function wrappedWebsocketError(event: unknown, text: string): ApiError | undefined {
  if (!isObject(event) || event.type !== 'error') return undefined;
  // Upstream reads the frame into a typed struct: a shape it cannot read is not a wrapped error.
  if (event.status != null && event.status_code != null) return undefined;
  const status = event.status ?? event.status_code;
  if (
    status != null &&
    !(Number.isInteger(status) && (status as number) >= 0 && (status as number) <= 65_535)
  ) {
    return undefined;
  }
  const headers = event.headers;
  if (headers != null && !isObject(headers)) return undefined;

  const error = event.error;
  if (isObject(error) && error.code === WEBSOCKET_CONNECTION_LIMIT_REACHED_CODE) {
    return new ApiError({
      kind: 'retryable',
      message:
        typeof error.message === 'string'
          ? error.message
          : WEBSOCKET_CONNECTION_LIMIT_REACHED_MESSAGE,
    });
  }
  if (status == null) return undefined;
  const code = status as number;
  // Only real status codes (100–999) map; 2xx is not an error.
  if (code < 100 || code > 999 || (code >= 200 && code <= 299)) return undefined;
  return ApiError.transport(
    new TransportError({
      kind: 'http',
      status: code,
      headers: headers == null ? undefined : jsonHeaders(headers as Json),
      body: text,
    }),
  );
}

/** JSON headers as HTTP headers: strings, numbers and booleans as text; other values skipped. */
function jsonHeaders(json: Json): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(json)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      const text = String(value);
      // Upstream keeps only visible-ASCII values.
      if (/^[\t\x20-\x7e]*$/.test(text)) setLenient(headers, name, text);
    }
  }
  return headers;
}
