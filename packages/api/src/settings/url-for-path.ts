/**
 * Joins a base URL, an endpoint path and query parameters the way upstream Codex does:
 * all trailing `/` of the base and all leading `/` of the path are stripped, then joined with one
 * `/`; query pairs are appended as `k=v` joined with `&`, without percent-encoding.
 *
 * @example urlForPath('https://x/v1/', '/responses', { 'api-version': '1' })
 * // 'https://x/v1/responses?api-version=1'
 */
export function urlForPath(
  baseUrl: string,
  path: string,
  queryParams?: Readonly<Record<string, string>>,
): string {
  const base = baseUrl.replace(/\/+$/, '');
  const trimmedPath = path.replace(/^\/+/, '');
  let url = trimmedPath === '' ? base : `${base}/${trimmedPath}`;
  if (queryParams !== undefined) {
    const pairs = Object.entries(queryParams).map(([key, value]) => `${key}=${value}`);
    if (pairs.length > 0) url += `?${pairs.join('&')}`;
  }
  return url;
}
