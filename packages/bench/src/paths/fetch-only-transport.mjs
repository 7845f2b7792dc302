// A MEASURING INSTRUMENT, not an alternative transport: the least an `HttpTransport` can do —
// prepare the request once, run the per-attempt hook (bearer auth) once, call `fetch`, hand the
// body over. No retry, no timeouts (`timeoutMs`, `responseTimeoutMs` are ignored), no redirect
// policy, no error bodies, no secret scrubbing: none of the HTTP policy `createKyTransport`
// carries. The bench runs `ModelClient` over it beside `ModelClient` over the default transport so
// the difference is exactly what the default transport (ky and the policy around it) costs per
// request, per open stream and before the first event. Never shipped, never recommended.

import { prepareRequest, TransportError } from '@codex/client';

const NEVER_ABORTED = new AbortController().signal;

/**
 * @param {{ fetch: typeof fetch }} options
 * @returns {import('@codex/client').HttpTransport}
 */
export function createFetchOnlyTransport({ fetch }) {
  const send = async (request, options = {}, mode) => {
    request.signal?.throwIfAborted();
    const started = performance.now();
    let prepared = prepareRequest(request);
    if (options.beforeAttempt !== undefined) {
      prepared = await options.beforeAttempt(prepared, {
        attempt: 0,
        signal: request.signal ?? NEVER_ABORTED,
      });
    }
    let response;
    try {
      response = await fetch(prepared.url, {
        method: prepared.method,
        headers: prepared.headers,
        body: prepared.body,
        signal: request.signal,
      });
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      throw new TransportError({ kind: 'network', detail: String(error?.message ?? error) });
    }
    options.onAttempt?.({
      attempt: 0,
      status: response.status,
      durationMs: performance.now() - started,
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new TransportError({ kind: 'http', status: response.status, url: prepared.url });
    }
    if (mode === 'execute') {
      const body = new Uint8Array(await response.arrayBuffer());
      return { status: response.status, headers: response.headers, url: prepared.url, body };
    }
    const body = response.body;
    return {
      status: response.status,
      headers: response.headers,
      url: prepared.url,
      body,
      close() {
        if (!body.locked) void body.cancel().catch(() => undefined);
      },
    };
  };
  return {
    execute: (request, options) => send(request, options, 'execute'),
    stream: (request, options) => send(request, options, 'stream'),
  };
}
