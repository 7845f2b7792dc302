import {
  type AttemptTelemetry,
  type HttpTransport,
  jsonBody,
  type StreamEventTelemetry,
} from '@codex/client';
import type { AuthProvider } from '../auth/auth-provider.js';
import { EndpointSession } from '../endpoints/endpoint-session.js';
import { ApiError } from '../errors/api-error.js';
import type { LoggingOptions } from '../logging/logger.js';
import type { EndpointSettings } from '../settings/endpoint-settings.js';
import { encodeResponsesBody, openResponseStream } from './open-response-stream.js';
import type { ResponseStream } from './response-stream.js';
import type { ResponsesApiRequest } from './responses-api-request.js';
import type { ResponsesOptions } from './responses-options.js';

/** Named arguments of {@link ResponsesClient}: a ready session, or what to build one from. */
export type ResponsesClientOptions = (
  | { readonly session: EndpointSession }
  | ({
      readonly settings: EndpointSettings;
      readonly auth: AuthProvider;
      readonly transport: HttpTransport;
      /** Called once per HTTP attempt (retries included) with its status or error and duration. */
      readonly onAttempt?: ((telemetry: AttemptTelemetry) => void) | undefined;
    } & LoggingOptions)
) & {
  /**
   * Called for every event of every stream this client opens — each protocol event, the end of
   * the body, the failure — with how long the consumer waited for it (upstream `SseTelemetry`).
   * Transport-neutral: a stream over another transport reports its frames the same way.
   */
  readonly onStreamEvent?: ((telemetry: StreamEventTelemetry) => void) | undefined;
};

/**
 * Streams Responses API answers: `POST {baseUrl}/responses` with `Accept: text/event-stream`,
 * retried per the settings' policy until a 2xx head arrives, authenticated on every attempt.
 *
 * Headers, later ones winning: settings headers, `extraHeaders`, `x-client-request-id` and
 * `session_id` (the conversation id), `x-openai-subagent`, `Accept`, then auth.
 *
 * @example
 * const client = new ResponsesClient({ settings, auth, transport: createKyTransport() });
 * const stream = await client.streamRequest({ model: 'gpt-5.1-codex', input });
 * for await (const event of stream) {
 *   if (event.type === 'outputTextDelta') process.stdout.write(event.delta);
 * }
 */
export class ResponsesClient {
  readonly #session: EndpointSession;
  readonly #onStreamEvent: ((telemetry: StreamEventTelemetry) => void) | undefined;

  constructor(options: ResponsesClientOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError('ResponsesClient: options must be an object');
    }
    if ('session' in options) {
      if (typeof options.session?.stream !== 'function') {
        throw new TypeError('ResponsesClient: `session` must be an EndpointSession');
      }
      this.#session = options.session;
    } else {
      this.#session = new EndpointSession(options);
    }
    if (options.onStreamEvent !== undefined && typeof options.onStreamEvent !== 'function') {
      throw new TypeError('ResponsesClient: `onStreamEvent` must be a function');
    }
    this.#onStreamEvent = options.onStreamEvent;
  }

  /** The endpoint settings in use. */
  get settings(): EndpointSettings {
    return this.#session.settings;
  }

  /**
   * Encodes `request` (see `encodeResponsesRequest`; item ids only for Azure with `store`) and
   * streams the answer. Resolves once a 2xx response head arrived.
   *
   * @throws ApiError for setup failures and non-2xx answers (`transport`), or
   * `stream error: failed to encode responses request: …`; the signal's reason on abort.
   */
  async streamRequest(
    request: ResponsesApiRequest,
    options: ResponsesOptions = {},
  ): Promise<ResponseStream> {
    const body = encodeTyped(() =>
      encodeResponsesBody(this.#session, request, options.metadataPassthrough === true),
    );
    return openResponseStream({
      session: this.#session,
      body,
      options,
      onStreamEvent: this.#onStreamEvent,
    });
  }

  /**
   * Streams the answer to a raw JSON body (the escape hatch for fields the typed request lacks).
   * Same headers, retries and stream as {@link ResponsesClient.streamRequest}.
   */
  stream(body: unknown, options: ResponsesOptions = {}): Promise<ResponseStream> {
    return openResponseStream({
      session: this.#session,
      body: jsonBody(body),
      options,
      onStreamEvent: this.#onStreamEvent,
    });
  }
}

/** @internal Runs an encoder: a `TypeError` naming the request field passes through; any other failure is the upstream encode error. */
export function encodeTyped<T>(encode: () => T): T {
  try {
    return encode();
  } catch (error) {
    if (error instanceof TypeError && error.message.startsWith('encodeResponsesRequest:')) {
      throw error;
    }
    const detail = error instanceof Error ? error.message : String(error);
    throw ApiError.stream(`failed to encode responses request: ${detail}`, error);
  }
}
