import { type Compressor, getRuntimeZstdCompressor } from './compression.js';
import type { Request } from './request.js';
import { TransportError } from './transport-error.js';

/** Options of {@link prepareBodyForSend} and {@link prepareRequest}. */
export interface PrepareOptions {
  /**
   * zstd compressor for `compression: 'zstd'`.
   * @default the runtime's `node:zlib` zstd at level 3 where available (Node ≥ 22.15)
   */
  readonly compressor?: Compressor | undefined;
}

/** Headers and bytes ready to go on the wire. */
export interface PreparedBody {
  /** The request's headers plus `content-type` / `content-encoding` where the rules add them. */
  readonly headers: Headers;
  /** The bytes to send; absent when the request has no body. */
  readonly body?: Uint8Array | undefined;
}

/** Exact upstream error strings. */
const RAW_WITH_COMPRESSION = 'request compression cannot be used with raw bodies';
const ENCODING_ALREADY_SET =
  'request compression was requested but content-encoding is already set';

/**
 * Computes the bytes and headers to send for `request`, without changing it.
 *
 * - raw body: bytes as they are, headers unchanged; with compression → build error
 *   `request compression cannot be used with raw bodies`;
 * - JSON (value or encoded, not yet prepared): compact JSON; with `'zstd'` compressed (level 3)
 *   and `content-encoding: zstd` set, or a build error
 *   `request compression was requested but content-encoding is already set` when that header
 *   exists; `content-type: application/json` added only when no content-type is present;
 * - an already prepared encoded body: bytes and headers untouched.
 *
 * @throws TransportError of kind `build` (the `detail` is the exact string above).
 */
export function prepareBodyForSend(request: Request, options: PrepareOptions = {}): PreparedBody {
  const headers = new Headers(request.headers);
  const body = request.body;
  const compression = request.compression ?? 'none';
  if (body === undefined) return { headers };
  if (body.kind === 'raw') {
    if (compression !== 'none') {
      throw new TransportError({ kind: 'build', detail: RAW_WITH_COMPRESSION });
    }
    return { headers, body: body.bytes };
  }
  if (body.kind === 'encodedJson' && body.prepared) return { headers, body: body.bytes };

  let bytes = body.kind === 'json' ? serializeJson(body.value) : body.bytes;
  if (compression === 'zstd') {
    if (headers.has('content-encoding')) {
      throw new TransportError({ kind: 'build', detail: ENCODING_ALREADY_SET });
    }
    bytes = compress(bytes, options.compressor);
    headers.set('content-encoding', 'zstd');
  }
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  return { headers, body: bytes };
}

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
  return new TextEncoder().encode(text);
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
