import { urlForPath } from './url-for-path.js';

/**
 * The WebSocket URL of an endpoint path (upstream `websocket_url_for_path`): the HTTP URL of
 * {@link urlForPath} (query parameters included), parsed, with scheme `http` mapped to `ws` and
 * `https` to `wss`; `ws`, `wss` and any other scheme are left as they are. The result is the
 * parsed URL's serialisation (so characters a URL cannot hold, e.g. a space in a query value, are
 * percent-encoded, as upstream's URL parser does).
 *
 * @throws TypeError when the joined URL does not parse.
 * @example websocketUrlForPath('https://api.openai.com/v1', 'responses') // 'wss://api.openai.com/v1/responses'
 */
export function websocketUrlForPath(
  baseUrl: string,
  path: string,
  queryParams?: Readonly<Record<string, string>>,
): string {
  const http = urlForPath(baseUrl, path, queryParams);
  if (!URL.canParse(http)) {
    throw new TypeError(`websocketUrlForPath: not a valid URL: ${redactUserInfo(http)}`);
  }
  const url = new URL(http);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  return url.href;
}

// A base URL may carry credentials (`https://user:key@host`); an error never shows them.
function redactUserInfo(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@\s]*@/i, '$1[REDACTED]@');
}
