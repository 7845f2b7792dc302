import { encodedJsonBody, type RequestBody, rawBody } from '@codex/client';
import { ApiError } from '../errors/api-error.js';
import { toApiError } from '../errors/to-api-error.js';
import { firstHeaderValue, readHeader } from '../read-header.js';
import { errorMessage } from './encode-json.js';
import {
  type EndpointCallOptions,
  type EndpointClientOptions,
  toEndpointSession,
} from './endpoint-client-options.js';
import type { EndpointSession } from './endpoint-session.js';

/** The multipart boundary upstream uses for a call with a session config. */
export const REALTIME_CALL_BOUNDARY = 'codex-realtime-call-boundary';
const MULTIPART_CONTENT_TYPE = `multipart/form-data; boundary=${REALTIME_CALL_BOUNDARY}`;
const CALL_ID_PREFIX = 'rtc_';

/** The answer to a created WebRTC Realtime call. */
export interface RealtimeCallResponse {
  /** The answer SDP (the response body). */
  readonly sdp: string;
  /**
   * The call id, read from the `Location` header (the path segment starting with `rtc_`); the
   * sideband WebSocket joins the call with it.
   */
  readonly callId: string;
}

/** A Realtime session config: the JSON object of a `session.update`, sent with the call. */
export type RealtimeSessionConfig = Readonly<Record<string, unknown>>;

const encoder = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Client of `POST {base}/realtime/calls` (upstream `RealtimeCallClient`): creates a WebRTC
 * Realtime call from an SDP offer and returns the answer SDP and the call id.
 *
 * - `create(sdp)` sends the offer as the raw body with `Content-Type: application/sdp`;
 * - `createWithSession(sdp, session)` also sends the session config (its `id` removed): as
 *   `multipart/form-data; boundary=codex-realtime-call-boundary` with the parts `sdp`
 *   (`application/sdp`) and `session` (`application/json`), or — when the base URL contains
 *   `/backend-api` (the ChatGPT backend) — as the JSON body `{"sdp": …, "session": {…}}`.
 *
 * Requests go through the endpoint session (settings headers, extra headers, retries, auth on
 * every attempt). Failures are `ApiError`s: a non-2xx answer is kind `transport`; `stream` for
 * `realtime call response missing Location`, `invalid realtime call Location: …`,
 * `realtime call Location does not contain a call id: <Location>`,
 * `failed to decode realtime call SDP response: …` and `failed to encode realtime call: …`;
 * `invalidRequest` when the session config cannot be serialised for the multipart body.
 *
 * @example
 * const calls = new RealtimeCallClient({ settings, auth, transport: createKyTransport() });
 * const { sdp, callId } = await calls.create(offer.sdp);
 */
export class RealtimeCallClient {
  readonly #session: EndpointSession;

  constructor(options: EndpointClientOptions) {
    this.#session = toEndpointSession(options, 'RealtimeCallClient');
  }

  /** Creates a call from an SDP offer. @throws ApiError */
  async create(sdp: string, options: EndpointCallOptions = {}): Promise<RealtimeCallResponse> {
    checkSdp(sdp, 'create');
    return this.#send(
      () => ({ body: rawBody(encoder.encode(sdp)), contentType: 'application/sdp' }),
      options,
    );
  }

  /** Creates a call from an SDP offer with an initial session config. @throws ApiError */
  async createWithSession(
    sdp: string,
    session: RealtimeSessionConfig,
    options: EndpointCallOptions = {},
  ): Promise<RealtimeCallResponse> {
    checkSdp(sdp, 'createWithSession');
    if (typeof session !== 'object' || session === null || Array.isArray(session)) {
      throw new TypeError('RealtimeCallClient.createWithSession: `session` must be a JSON object');
    }
    // WebRTC may start inference as soon as the peer connection is up, so the session goes with
    // the call; its `id` belongs to the session.update of the sideband WebSocket.
    const { id: _id, ...config } = session;
    const backend = this.#session.settings.baseUrl.includes('/backend-api');
    return this.#send(
      () => (backend ? backendBody(sdp, config) : multipartBody(sdp, config)),
      options,
    );
  }

  async #send(
    encode: () => { body: RequestBody; contentType?: string },
    options: EndpointCallOptions,
  ): Promise<RealtimeCallResponse> {
    try {
      const { body, contentType } = encode();
      const response = await this.#session.execute({
        path: 'realtime/calls',
        body,
        extraHeaders: options.extraHeaders,
        forcedHeaders: contentType === undefined ? undefined : { 'content-type': contentType },
        signal: options.signal,
      });
      return { sdp: decodeSdp(response.body), callId: callIdFromLocation(response.headers) };
    } catch (error) {
      throw toApiError(error, options.signal);
    }
  }
}

function checkSdp(sdp: unknown, method: string): void {
  if (typeof sdp !== 'string') {
    throw new TypeError(`RealtimeCallClient.${method}: \`sdp\` must be a string`);
  }
}

function backendBody(sdp: string, session: Record<string, unknown>): { body: RequestBody } {
  let json: string | undefined;
  try {
    json = JSON.stringify({ sdp, session });
  } catch (error) {
    throw ApiError.stream(`failed to encode realtime call: ${errorMessage(error)}`, error);
  }
  return { body: encodedJsonBody(json) };
}

function multipartBody(
  sdp: string,
  session: Record<string, unknown>,
): { body: RequestBody; contentType: string } {
  let json: string;
  try {
    json = JSON.stringify(session);
  } catch (error) {
    throw new ApiError({ kind: 'invalidRequest', message: errorMessage(error) }, { cause: error });
  }
  const text =
    `--${REALTIME_CALL_BOUNDARY}\r\n` +
    'Content-Disposition: form-data; name="sdp"\r\n' +
    'Content-Type: application/sdp\r\n\r\n' +
    `${sdp}\r\n` +
    `--${REALTIME_CALL_BOUNDARY}\r\n` +
    'Content-Disposition: form-data; name="session"\r\n' +
    'Content-Type: application/json\r\n\r\n' +
    `${json}\r\n` +
    `--${REALTIME_CALL_BOUNDARY}--\r\n`;
  return { body: rawBody(encoder.encode(text)), contentType: MULTIPART_CONTENT_TYPE };
}

// `String::from_utf8`: invalid UTF-8 fails, a BOM is kept.
function decodeSdp(body: Uint8Array): string {
  try {
    return strictUtf8.decode(body);
  } catch (error) {
    throw ApiError.stream(`failed to decode realtime call SDP response: ${errorMessage(error)}`);
  }
}

function callIdFromLocation(headers: Headers): string {
  if (firstHeaderValue(headers, 'location') === undefined) {
    throw ApiError.stream('realtime call response missing Location');
  }
  const location = readHeader(headers, 'location');
  if (location === undefined) {
    // The Display of upstream's `ToStrError`.
    throw ApiError.stream('invalid realtime call Location: failed to convert header to a str');
  }
  const path = location.split('?')[0] ?? location;
  const callId = path
    .split('/')
    .reverse()
    .find(
      (segment) => segment.startsWith(CALL_ID_PREFIX) && segment.length > CALL_ID_PREFIX.length,
    );
  if (callId === undefined) {
    throw ApiError.stream(`realtime call Location does not contain a call id: ${location}`);
  }
  return callId;
}
