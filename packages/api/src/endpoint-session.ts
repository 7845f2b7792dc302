import {
  type AttemptTelemetry,
  type HttpTransport,
  prepareRequest,
  type Request,
  type RequestBody,
  type RequestCompression,
  type Response,
  runWithRetry,
  type StreamResponse,
  TransportError,
} from '@codex/client';
import { toApiError } from './api-error.js';
import { AuthError } from './auth/auth-error.js';
import { type AuthProvider, applyAuth } from './auth/auth-provider.js';
import { type HeadersInput, type Provider, providerUrl, toHeadersLenient } from './provider.js';

/** Named arguments of {@link EndpointSession}. */
export interface EndpointSessionOptions {
  /** Where requests go and how they are retried. */
  readonly provider: Provider;
  /** Applied on every attempt. */
  readonly auth: AuthProvider;
  /** Sends requests. */
  readonly transport: HttpTransport;
  /** Called once per HTTP attempt with its number, status or error, and duration. */
  readonly onAttempt?: ((telemetry: AttemptTelemetry) => void) | undefined;
  /** Source of jitter for backoff; for tests. */
  readonly random?: (() => number) | undefined;
}

/** One endpoint call. */
export interface EndpointCall {
  /** HTTP method. @default 'POST' */
  readonly method?: string | undefined;
  /** Endpoint path relative to the provider's base URL, e.g. `responses`. */
  readonly path: string;
  /** Replaces the URL built from `path` (e.g. to append `client_version`). */
  readonly url?: string | undefined;
  /** Request body. */
  readonly body?: RequestBody | undefined;
  /** Headers on top of the provider's headers. Invalid ones are skipped. */
  readonly extraHeaders?: HeadersInput | undefined;
  /** Headers the endpoint forces on top of the extra headers (e.g. `Accept`). */
  readonly forcedHeaders?: Readonly<Record<string, string>> | undefined;
  /** @default 'none' */
  readonly compression?: RequestCompression | undefined;
  /**
   * Total timeout of one attempt, in milliseconds.
   * @default for `execute`: the provider's `responseTimeoutMs`; for `stream`: none
   */
  readonly timeoutMs?: number | undefined;
  /**
   * Longest wait for the response head of one attempt, in milliseconds (expiry is a `timeout`,
   * retried like other transport failures).
   * @default for `stream`: the provider's `responseTimeoutMs`; for `execute`: none
   */
  readonly responseTimeoutMs?: number | undefined;
  /** Cancels the call at any stage (including backoff sleeps). */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Runs endpoint calls: builds the request (provider headers → extra headers → forced headers),
 * prepares the body once (so every attempt sends identical bytes), then, inside the retry loop,
 * authenticates each attempt and sends it. Failures are `ApiError`s; a user abort is rethrown as
 * it is.
 */
export class EndpointSession {
  /** The provider settings in use. */
  readonly provider: Provider;
  readonly #auth: AuthProvider;
  readonly #transport: HttpTransport;
  readonly #onAttempt: ((telemetry: AttemptTelemetry) => void) | undefined;
  readonly #random: (() => number) | undefined;

  constructor(options: EndpointSessionOptions) {
    this.provider = options.provider;
    this.#auth = options.auth;
    this.#transport = options.transport;
    this.#onAttempt = options.onAttempt;
    this.#random = options.random;
  }

  /** Sends a unary request and buffers the response. @throws ApiError */
  execute(call: EndpointCall): Promise<Response> {
    // Nothing may wait forever: a unary call without its own limit gets the provider's response
    // timeout as its total timeout.
    const timeoutMs = call.timeoutMs ?? this.provider.responseTimeoutMs;
    return this.#run({ ...call, timeoutMs }, (request) => this.#transport.execute(request));
  }

  /** Sends a request and resolves once a 2xx response head arrived. @throws ApiError */
  stream(call: EndpointCall): Promise<StreamResponse> {
    // Upstream waits for the response head without limit; a server that accepts the connection
    // and never answers would hang the caller. The provider's response timeout bounds that wait.
    const responseTimeoutMs = call.responseTimeoutMs ?? this.provider.responseTimeoutMs;
    return this.#run({ ...call, responseTimeoutMs }, (request) => this.#transport.stream(request));
  }

  async #run<T>(call: EndpointCall, send: (request: Request) => Promise<T>): Promise<T> {
    const { signal } = call;
    try {
      const prepared = this.#prepare(call);
      return await runWithRetry<T, Request>({
        policy: this.provider.retry,
        signal,
        random: this.#random,
        onAttempt: this.#onAttempt,
        makeRequest: () => ({ ...prepared, headers: new Headers(prepared.headers) }),
        operation: async (request) => send(await this.#authenticate(request)),
      });
    } catch (error) {
      throw toApiError(error, signal);
    }
  }

  #prepare(call: EndpointCall): Request {
    const headers = new Headers(this.provider.headers);
    for (const [name, value] of toHeadersLenient(call.extraHeaders)) headers.set(name, value);
    for (const [name, value] of Object.entries(call.forcedHeaders ?? {})) headers.set(name, value);
    const request: Request = {
      method: call.method ?? 'POST',
      url: call.url ?? providerUrl(this.provider, call.path),
      headers,
      body: call.body,
      compression: call.compression ?? 'none',
      timeoutMs: call.timeoutMs,
      responseTimeoutMs: call.responseTimeoutMs,
      signal: call.signal,
    };
    try {
      return prepareRequest(request);
    } catch (error) {
      if (TransportError.isInstance(error)) throw error;
      throw new TransportError({
        kind: 'build',
        detail: error instanceof Error ? error.message : String(error),
        cause: error,
      });
    }
  }

  async #authenticate(request: Request): Promise<Request> {
    try {
      return await applyAuth(this.#auth, request);
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      if (AuthError.isInstance(error)) throw error.toTransportError();
      if (TransportError.isInstance(error)) throw error;
      throw new TransportError({
        kind: 'build',
        detail: error instanceof Error ? error.message : String(error),
        cause: error,
      });
    }
  }
}
