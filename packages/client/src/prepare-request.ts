import { type PrepareOptions, prepareBodyForSend } from './prepare-body-for-send.js';
import type { Request } from './request.js';

/**
 * Prepares `request` once: encodes JSON, compresses, sets the body headers, and returns a new
 * request whose body is the final bytes (`encodedJson` with `prepared: true`, or `raw`) and whose
 * compression is `'none'`. Sending the result on every attempt re-sends identical bytes, and a
 * signing step (SigV4) sees exactly the bytes and headers that go out. Idempotent.
 *
 * @throws TransportError of kind `build` with the {@link prepareBodyForSend} messages.
 * @example
 * const prepared = prepareRequest(createRequest({ method: 'POST', url, body: jsonBody(payload), compression: 'zstd' }));
 */
export function prepareRequest(request: Request, options: PrepareOptions = {}): Request {
  const { headers, body } = prepareBodyForSend(request, options);
  const source = request.body;
  return {
    ...request,
    headers,
    compression: 'none',
    body:
      source === undefined || body === undefined
        ? undefined
        : source.kind === 'raw'
          ? { kind: 'raw', bytes: body }
          : { kind: 'encodedJson', bytes: body, prepared: true },
  };
}
