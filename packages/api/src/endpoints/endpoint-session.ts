import {
  type AttemptHook,
  type AttemptTelemetry,
  type HttpTransport,
  type PreparedRequest,
  type Request,
  type RequestBody,
  type RequestCompression,
  type Response,
  redactError,
  Secrets,
  type SendOptions,
  type StreamResponse,
} from '@codex/client';
import type { AuthProvider } from '../auth/auth-provider.js';
import { toApiError } from '../errors/to-api-error.js';
import { type HeadersInput, toHeadersLenient } from '../headers-input.js';
import { type ActiveLogger, type LoggingOptions, resolveLogger } from '../logging/logger.js';
import { type EndpointSettings, endpointUrl } from '../settings/endpoint-settings.js';

/** Named arguments of {@link EndpointSession}. */
export interface EndpointSessionOptions extends LoggingOptions {
  /** Where requests go and how they are retried. */
  readonly settings: EndpointSettings;
  /** Authenticates every attempt. */
  readonly auth: AuthProvider;
  /** Sends requests. */
  readonly transport: HttpTransport;
  /** Called once per HTTP attempt with its number, status or error, and duration. */
  readonly onAttempt?: ((telemetry: AttemptTelemetry) => void) | undefined;
  /**
   * Where the session records the secrets of every request it sends (see {@link
   * EndpointSession.secrets}); `ModelClient` shares one holder across its sessions.
   * @default a holder of its own that keeps the 64 most recent values
   */
  readonly secrets?: Secrets | undefined;
}

/** How many secret values a session remembers (tokens rotate; the oldest are forgotten). */
const REMEMBERED_SECRETS = 64;

/** One endpoint call. */
export interface EndpointCall {
  /** HTTP method. @default 'POST' */
  readonly method?: string | undefined;
  /** Endpoint path relative to the base URL, e.g. `responses`. */
  readonly path: string;
  /** Replaces the URL built from `path` (e.g. to append `client_version`). */
  readonly url?: string | undefined;
  /** Request body. */
  readonly body?: RequestBody | undefined;
  /** Headers on top of the settings' headers. Invalid ones are skipped. */
  readonly extraHeaders?: HeadersInput | undefined;
  /** Headers the endpoint forces on top of the extra headers (e.g. `Accept`). */
  readonly forcedHeaders?: Readonly<Record<string, string>> | undefined;
  /** @default 'none' */
  readonly compression?: RequestCompression | undefined;
  /**
   * Longest wait of one attempt, in milliseconds: for `execute` the whole response, for
   * `stream` its head. Expiry is a `timeout`, retried like other transport failures.
   * @default the settings' `responseTimeoutMs`
   */
  readonly responseTimeoutMs?: number | undefined;
  /** Overall deadline of the call (retries and body included), in milliseconds. @default none */
  readonly timeoutMs?: number | undefined;
  /** Cancels the call at any stage (including backoff sleeps). */
  readonly signal?: AbortSignal | undefined;
  /** Retry per the settings' policy; `false` makes one attempt only. @default true */
  readonly retry?: boolean | undefined;
  /**
   * Authenticate every attempt with the session's auth provider; `false` adds no credentials
   * (e.g. for a pre-signed upload URL on another host). @default true
   */
  readonly authenticate?: boolean | undefined;
  /**
   * What the request's headers start from: `settings` (the settings' headers, identity
   * included), `identity` (only `originator` and `User-Agent`), or `none`.
   * @default 'settings'
   */
  readonly baseHeaders?: 'settings' | 'identity' | 'none' | undefined;
}

/**
 * Runs endpoint calls: builds the request (settings headers → extra headers → forced headers) and
 * hands it to the transport with the settings' retry policy and the auth provider as the
 * per-attempt hook — so every attempt is authenticated right before it is sent, and every attempt
 * sends the same bytes. Failures are `ApiError`s; the caller's abort is rethrown as it is.
 *
 * The session remembers the secrets it holds and has sent (credentials in the settings' base URL
 * and headers, the credential headers of every authenticated request, and the headers an auth
 * provider listed in `secretHeaders`) and removes them from every
 * failure it reports — also from a later call's failure, so an auth provider or a custom `fetch`
 * that quotes a token of an earlier request cannot leak it.
 */
export class EndpointSession {
  /** The endpoint settings in use. */
  readonly settings: EndpointSettings;
  /** The auth provider in use. */
  readonly auth: AuthProvider;
  /**
   * The secret values this session holds or has sent (bounded; never shown by `JSON.stringify` or
   * `util.inspect`). Use it to scrub text built from what a server or user code returned.
   */
  readonly secrets: Secrets;
  readonly #transport: HttpTransport;
  readonly #send: SendOptions;
  readonly #log: ActiveLogger;

  constructor(options: EndpointSessionOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError('EndpointSession: options must be an object');
    }
    const { settings, auth, transport, onAttempt, secrets } = options;
    if (typeof settings?.baseUrl !== 'string') {
      throw new TypeError(
        'EndpointSession: `settings` must be EndpointSettings (see createEndpointSettings)',
      );
    }
    if (typeof auth?.authenticate !== 'function') {
      throw new TypeError('EndpointSession: `auth` must be an AuthProvider (with `authenticate`)');
    }
    if (typeof transport?.execute !== 'function' || typeof transport.stream !== 'function') {
      throw new TypeError('EndpointSession: `transport` must be an HttpTransport');
    }
    if (onAttempt !== undefined && typeof onAttempt !== 'function') {
      throw new TypeError('EndpointSession: `onAttempt` must be a function');
    }
    if (
      secrets !== undefined &&
      (typeof secrets?.addRequest !== 'function' || typeof secrets.redact !== 'function')
    ) {
      throw new TypeError('EndpointSession: `secrets` must be a Secrets');
    }
    this.settings = settings;
    this.auth = auth;
    this.secrets = secrets ?? new Secrets({ limit: REMEMBERED_SECRETS });
    // Held before any request is sent: credentials in the base URL or the settings' headers.
    this.secrets.addRequest({ url: settings.baseUrl, headers: settings.headers });
    this.#transport = transport;
    const beforeAttempt: AttemptHook = async (request, context) => {
      let sent: PreparedRequest;
      try {
        sent = await auth.authenticate(request, context);
      } catch (error) {
        if (context.signal.aborted && error === context.signal.reason) throw error;
        throw redactError(error, this.secrets);
      }
      // A malformed result is the transport's to report; only a well-formed one is recorded.
      if (sent?.headers instanceof Headers) this.secrets.addRequest(sent);
      return sent;
    };
    this.#send = {
      retry: settings.retry,
      beforeAttempt,
      beforeAttemptTimeoutMs: settings.authTimeoutMs,
      onAttempt,
    };
    this.#log = resolveLogger(options, 'EndpointSession');
  }

  /** Sends a unary request and buffers the response. @throws ApiError */
  async execute(call: EndpointCall): Promise<Response> {
    checkTimeout(call.timeoutMs);
    const request = this.#request(call);
    try {
      return await this.#transport.execute(request, this.#sendOptions(call, request));
    } catch (error) {
      throw toApiError(this.#redact(error, call.signal), call.signal);
    }
  }

  /** Sends a request and resolves once a 2xx response head arrived. @throws ApiError */
  async stream(call: EndpointCall): Promise<StreamResponse> {
    checkTimeout(call.timeoutMs);
    const request = this.#request(call);
    try {
      return await this.#transport.stream(request, this.#sendOptions(call, request));
    } catch (error) {
      throw toApiError(this.#redact(error, call.signal), call.signal);
    }
  }

  // The session's send options for `call`: without retries or auth when the call says so, and
  // with a logging `onAttempt` when debug or info lines are on.
  #sendOptions(call: EndpointCall, request: Request): SendOptions {
    let send = this.#send;
    if (call.retry === false || call.authenticate === false) {
      send = {
        ...send,
        retry: call.retry === false ? undefined : send.retry,
        beforeAttempt: call.authenticate === false ? undefined : send.beforeAttempt,
      };
    }
    const { debug, info } = this.#log;
    if (debug === undefined && info === undefined) return send;
    const onAttempt = send.onAttempt;
    const target = `${request.method} ${this.secrets.redact(request.url)}`;
    return {
      ...send,
      onAttempt: (telemetry) => {
        const duration = `${Math.round(telemetry.durationMs)} ms`;
        if (telemetry.error === undefined) {
          debug?.(`${target} → ${telemetry.status} (${duration}, attempt ${telemetry.attempt})`);
        } else {
          const line = `${target} attempt ${telemetry.attempt} failed after ${duration}: ${describe(telemetry.error)}`;
          (info ?? debug)?.(line, { attempt: telemetry.attempt, status: telemetry.status });
        }
        onAttempt?.(telemetry);
      },
    };
  }

  #baseHeaders(call: EndpointCall): Headers {
    const { settings } = this;
    switch (call.baseHeaders ?? 'settings') {
      case 'settings':
        return new Headers(settings.headers);
      case 'none':
        return new Headers();
      case 'identity': {
        const headers = new Headers();
        if (settings.originator !== undefined) headers.set('originator', settings.originator);
        if (settings.userAgent !== undefined) headers.set('user-agent', settings.userAgent);
        return headers;
      }
    }
  }

  // The failure without the secrets of earlier calls (the transport knows only this call's).
  #redact(error: unknown, signal: AbortSignal | undefined): unknown {
    if (signal?.aborted && error === signal.reason) return error;
    return redactError(error, this.secrets);
  }

  #request(call: EndpointCall): Request {
    const headers = this.#baseHeaders(call);
    if (call.extraHeaders !== undefined) {
      for (const [name, value] of toHeadersLenient(call.extraHeaders)) headers.set(name, value);
    }
    if (call.forcedHeaders !== undefined) {
      for (const [name, value] of Object.entries(call.forcedHeaders)) headers.set(name, value);
    }
    return {
      method: call.method ?? 'POST',
      url: call.url ?? endpointUrl(this.settings, call.path),
      headers,
      body: call.body,
      compression: call.compression ?? 'none',
      responseTimeoutMs: call.responseTimeoutMs ?? this.settings.responseTimeoutMs,
      timeoutMs: call.timeoutMs,
      signal: call.signal,
    };
  }
}

// A failure as one line: the library's errors are already free of secrets; anything else by name.
function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error;
}

function checkTimeout(timeoutMs: number | undefined): void {
  if (timeoutMs !== undefined && !(typeof timeoutMs === 'number' && timeoutMs > 0)) {
    throw new RangeError('EndpointSession: `timeoutMs` must be a positive number of milliseconds');
  }
}
