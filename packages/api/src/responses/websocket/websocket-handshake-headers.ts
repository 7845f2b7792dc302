import { type HeadersInput, setLenient, toHeadersLenient } from '../../headers-input.js';

/** The `OpenAI-Beta` value that selects the Responses WebSocket protocol this package speaks. */
export const RESPONSES_WEBSOCKETS_BETA = 'responses_websockets=2026-02-06';

/** @internal Named arguments of {@link websocketHandshakeHeaders}. */
export interface WebsocketHandshakeHeadersInput {
  /** The endpoint settings' headers. */
  readonly settingsHeaders: Headers;
  /** The caller's extra headers (conversation headers already applied). */
  readonly extraHeaders?: HeadersInput | undefined;
  /** Headers applied only where the name is still absent. */
  readonly defaultHeaders?: HeadersInput | undefined;
}

/**
 * @internal The handshake headers before auth, in the upstream order:
 * the settings' headers, overwritten by the extra headers, then `OpenAI-Beta:
 * responses_websockets=2026-02-06`, then the default headers only where a name is still absent.
 * Auth comes last (it wins over all of them).
 */
export function websocketHandshakeHeaders(input: WebsocketHandshakeHeadersInput): Headers {
  const headers = new Headers(input.settingsHeaders);
  for (const [name, value] of toHeadersLenient(input.extraHeaders)) headers.set(name, value);
  setLenient(headers, 'OpenAI-Beta', RESPONSES_WEBSOCKETS_BETA);
  for (const [name, value] of toHeadersLenient(input.defaultHeaders)) {
    if (!headers.has(name)) headers.set(name, value);
  }
  return headers;
}
