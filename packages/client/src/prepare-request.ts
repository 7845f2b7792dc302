import { type Compressor, getRuntimeZstdCompressor } from './compression.js';
import type { Request } from './request.js';
import { TransportError } from './transport-error.js';

/** Options of {@link prepareRequest}. */
export interface PrepareOptions {
  /**
   * zstd compressor for `compression: 'zstd'`.
   * @default the runtime's `node:zlib` zstd at level 3 where available (Node ≥ 22.15)
   */
  readonly compressor?: Compressor | undefined;
}

/**
 * A request as it goes on the wire: method, URL, final headers (`content-type` and
 * `content-encoding` included) and the exact body bytes. What a per-attempt hook (auth headers, a
 * SigV4 signature over the bytes) receives and returns.
 */
export interface PreparedRequest {
  /** HTTP method, e.g. `'POST'`. */
  readonly method: string;
  /** Absolute URL, query string included. */
  readonly url: string;
  /** The headers to send. Copy before changing them (`new Headers(request.headers)`). */
  readonly headers: Headers;
  /** The body bytes to send; absent without a body. */
  readonly body?: Uint8Array | undefined;
  /**
   * Names of headers whose values are secrets, beyond the ones always treated so
   * (`authorization`, `proxy-authorization`, `api-key`, `x-api-key`, `x-amz-security-token`,
   * `x-goog-api-key`, cookies). A per-attempt hook that adds a credential in a header of its own
   * (e.g. `x-acme-token`) lists it here: the transport then removes its value from every error
   * and telemetry object of the call, as it does for `authorization`. Sent headers are not
   * changed by it.
   */
  readonly secretHeaders?: readonly string[] | undefined;
}

/** Exact upstream error strings. */
const RAW_WITH_COMPRESSION = 'request compression cannot be used with raw bodies';
const ENCODING_ALREADY_SET =
  'request compression was requested but content-encoding is already set';

/**
 * Prepares `request` for the wire, without changing it (upstream `prepare_body_for_send`):
 *
 * - raw body: bytes as they are, headers unchanged; with compression → build error
 *   `request compression cannot be used with raw bodies`;
 * - JSON (a value or encoded bytes): compact JSON; with `'zstd'` compressed (level 3) and
 *   `content-encoding: zstd` set, or a build error
 *   `request compression was requested but content-encoding is already set` when that header
 *   exists; `content-type: application/json` added only when no content-type is present;
 * - no body: headers unchanged, no bytes.
 *
 * The transport calls it once per call, so every attempt re-sends identical bytes and a signing
 * step sees exactly the bytes and headers that go out.
 *
 * @throws TransportError of kind `build` (the `detail` is the exact string above).
 * @example
 * const { headers, body } = prepareRequest(createRequest({ method: 'POST', url, body: jsonBody({ model: 'm' }) }));
 */
export function prepareRequest(request: Request, options: PrepareOptions = {}): PreparedRequest {
  const headers = new Headers(request.headers);
  const body = request.body;
  const compression = request.compression ?? 'none';
  const base = { method: request.method, url: request.url, headers };
  if (body === undefined) return base;
  if (body.kind === 'raw') {
    if (compression !== 'none') {
      throw new TransportError({ kind: 'build', detail: RAW_WITH_COMPRESSION });
    }
    return { ...base, body: body.bytes };
  }
  let bytes = body.kind === 'json' ? serializeJson(body.value) : body.bytes;
  if (compression === 'zstd') {
    if (headers.has('content-encoding')) {
      throw new TransportError({ kind: 'build', detail: ENCODING_ALREADY_SET });
    }
    bytes = compress(bytes, options.compressor);
    headers.set('content-encoding', 'zstd');
  }
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  return { ...base, body: bytes };
}

const encoder = new TextEncoder();

function serializeJson(value: unknown): Uint8Array {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new TransportError({
      kind: 'build',
      detail: `failed to serialize JSON body: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  if (text === undefined) {
    throw new TransportError({
      kind: 'build',
      detail: 'failed to serialize JSON body: the value is not representable as JSON',
    });
  }
  return encoder.encode(text);
}

function compress(bytes: Uint8Array, compressor: Compressor | undefined): Uint8Array {
  const zstd = compressor ?? getRuntimeZstdCompressor();
  if (zstd === undefined) {
    throw new TransportError({
      kind: 'build',
      detail:
        'zstd compression is not available in this runtime (node:zlib zstdCompressSync needs Node >= 22.15); pass a `compressor` option',
    });
  }
  try {
    return zstd(bytes);
  } catch (error) {
    throw new TransportError({
      kind: 'build',
      detail: `zstd compression failed: ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
    });
  }
}
