import type { PreparedRequest } from '../prepare-request.js';
import { TransportError } from '../transport-error.js';

/** A WHATWG `fetch`-compatible function. */
export type FetchFunction = (
  input: string | URL | globalThis.Request,
  init?: RequestInit,
) => Promise<globalThis.Response>;

/** Most redirects followed for one attempt. */
export const MAX_REDIRECTS = 3;

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** The answer to one attempt, after the redirects that were followed. */
export interface FetchOutcome {
  /** The final response (not a followed redirect). */
  readonly response: globalThis.Response;
  /** The URL that produced it. */
  readonly url: string;
}

/**
 * Sends `request` with `redirect: 'manual'` and applies the transport's redirect policy:
 *
 * - same-origin `307`/`308`: followed with the same method, headers and body bytes;
 * - same-origin `301`/`302`/`303` of a `GET` or `HEAD`: followed;
 * - anything else — another origin (credentials must never reach it), a `301`/`302`/`303` that
 *   would turn a `POST` into a body-less `GET`, more than {@link MAX_REDIRECTS} hops, a `Location`
 *   that is not a URL, a redirect the runtime hides (browsers answer `manual` with an opaque
 *   response) — is a `TransportError` of kind `redirect` that names the status and the target
 *   origin. A 3xx without `Location` is an ordinary non-2xx answer.
 */
export async function fetchFollowingRedirects(
  fetch: FetchFunction,
  request: PreparedRequest,
  signal: AbortSignal | undefined,
  scrubHeaders: (headers: Headers) => Headers,
): Promise<FetchOutcome> {
  let url = request.url;
  for (let hop = 0; ; hop++) {
    const init: RequestInit = {
      method: request.method,
      headers: request.headers,
      redirect: 'manual',
    };
    if (request.body !== undefined) init.body = request.body as Uint8Array<ArrayBuffer>;
    if (signal !== undefined) init.signal = signal;
    const response = await fetch(url, init);
    if (response.type === 'opaqueredirect') {
      void response.body?.cancel().catch(() => undefined);
      throw new TransportError({
        kind: 'redirect',
        status: response.status,
        detail: 'to a target this runtime hides (redirects are not followed here)',
      });
    }
    if (!REDIRECT_STATUSES.has(response.status)) return { response, url };
    const location = response.headers.get('location');
    if (location === null) return { response, url };
    void response.body?.cancel().catch(() => undefined);
    const refuse = (detail: string, target?: URL): never => {
      throw new TransportError({
        kind: 'redirect',
        status: response.status,
        url: target === undefined ? undefined : `${target.origin}${target.pathname}`,
        // The target is reported without its query (it may hold a token); so is `location`.
        headers: scrubHeaders(withoutLocation(response.headers)),
        detail,
      });
    };
    let target: URL;
    try {
      target = new URL(location, url);
    } catch {
      return refuse('to a Location that is not a URL');
    }
    const origin = new URL(url).origin;
    if (target.origin !== origin) {
      return refuse(
        `to another origin (${target.origin}); credentials are never sent there`,
        target,
      );
    }
    const keepsMethod = response.status === 307 || response.status === 308;
    if (!keepsMethod && request.method !== 'GET' && request.method !== 'HEAD') {
      return refuse(
        `would turn the ${request.method} into a GET without its body (to ${target.origin})`,
        target,
      );
    }
    if (hop >= MAX_REDIRECTS) {
      return refuse(`after ${MAX_REDIRECTS} redirects (to ${target.origin})`, target);
    }
    url = target.href;
  }
}

function withoutLocation(headers: Headers): Headers {
  const copy = new Headers(headers);
  copy.delete('location');
  return copy;
}
