import type { ApiError } from '../../errors/api-error.js';

/**
 * One thing a Responses WebSocket connection hands to the request reading it: a frame the server
 * sent (text, binary, ping, pong, close) or a failure of the connection itself (a send that
 * failed, a socket error, a connection already closed). The chunk type of a WebSocket
 * `ResponseStream`.
 */
export type WebsocketFrame =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'binary'; readonly byteLength: number }
  | { readonly kind: 'ping' }
  | { readonly kind: 'pong' }
  | { readonly kind: 'close'; readonly code: number; readonly reason: string }
  | { readonly kind: 'failure'; readonly error: ApiError };
