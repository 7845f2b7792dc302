import type { TransportError } from '@codex/client';
import { readHeader } from '../read-header.js';

/** The diagnostics upstream Codex reads from an HTTP failure's response headers. */
export interface ResponseDebugContext {
  /** `x-request-id`, else `x-oai-request-id`. */
  readonly requestId?: string | undefined;
  /** `cf-ray`. */
  readonly cfRay?: string | undefined;
  /** `x-openai-authorization-error`. */
  readonly authError?: string | undefined;
  /** `error.code` of the base64 JSON in `x-error-json`. */
  readonly authErrorCode?: string | undefined;
}

/**
 * Reads the request id, `cf-ray` and the authorization diagnostics of an HTTP failure (upstream
 * `extract_response_debug_context`). Non-`http` errors, absent headers, values that are not
 * visible ASCII and an `x-error-json` that is not standard base64 of JSON with a string
 * `error.code` all give absent fields; this never throws.
 *
 * @example
 * extractResponseDebugContext(transportError).requestId; // 'req-401'
 */
export function extractResponseDebugContext(error: TransportError): ResponseDebugContext {
  if (error.kind !== 'http' && error.kind !== 'redirect') return {};
  const headers = error.headers;
  return {
    requestId: readHeader(headers, 'x-request-id') ?? readHeader(headers, 'x-oai-request-id'),
    cfRay: readHeader(headers, 'cf-ray'),
    authError: readHeader(headers, 'x-openai-authorization-error'),
    authErrorCode: decodeErrorJsonCode(readHeader(headers, 'x-error-json')),
  };
}

// The base64 crate's STANDARD engine: standard alphabet, canonical padding, and the unused low
// bits of the last character must be zero (`QR==` is refused; `atob` would accept it).
const STANDARD_BASE64 =
  /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/][AQgw]==|[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=)?$/;

function decodeErrorJsonCode(value: string | undefined): string | undefined {
  if (value === undefined || !STANDARD_BASE64.test(value)) return undefined;
  try {
    const bytes = Uint8Array.from(atob(value), (char) => char.charCodeAt(0));
    // serde_json reads bytes: invalid UTF-8 fails, and a leading BOM is not JSON (kept, so that
    // JSON.parse refuses it as serde does).
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    const json: unknown = JSON.parse(text);
    const error = (json as { error?: unknown } | null)?.error;
    const code = (error as { code?: unknown } | null | undefined)?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}
