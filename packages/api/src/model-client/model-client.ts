import {
  type AttemptTelemetry,
  createKyTransport,
  type HttpTransport,
  redactError,
  Secrets,
  type StreamEventTelemetry,
  TransportError,
  withinDeadline,
} from '@codex/client';
import { CodexError, type ResponseItem } from '@codex/protocol';
import { CompactClient } from '../endpoints/compact-client.js';
import type { CompactionInput } from '../endpoints/compaction-input.js';
import type { EndpointCallOptions } from '../endpoints/endpoint-client-options.js';
import { EndpointSession } from '../endpoints/endpoint-session.js';
import { MemoriesClient } from '../endpoints/memories-client.js';
import type { MemorySummarizeInput, MemorySummarizeOutput } from '../endpoints/memory-summarize.js';
import { type ListModelsResult, ModelsClient } from '../endpoints/models-client.js';
import { ApiError } from '../errors/api-error.js';
import { toApiError } from '../errors/to-api-error.js';
import { type LoggingOptions, resolveLogger } from '../logging/logger.js';
import { mapApiErrorSafely } from '../provider/map-api-error-safely.js';
import type { ModelProvider, ResolvedProvider } from '../provider/model-provider.js';
import {
  type ProviderCapabilities,
  providerCapabilities,
} from '../provider/provider-capabilities.js';
import { encodeResponsesBody, openResponseStream } from '../responses/open-response-stream.js';
import type { ResponseStream } from '../responses/response-stream.js';
import type { ResponsesApiRequest } from '../responses/responses-api-request.js';
import { encodeTyped } from '../responses/responses-client.js';
import type { ResponsesOptions } from '../responses/responses-options.js';
import type { TraceContext } from '../responses/websocket/response-create-request.js';
import { DEFAULT_AUTH_TIMEOUT_MS } from '../settings/endpoint-settings.js';
import type { WebsocketSessions } from './websocket-sessions.js';

/** Default {@link ModelClientOptions.resolveTimeoutMs}: 30 000 ms. */
export const DEFAULT_RESOLVE_TIMEOUT_MS = 30_000;
// Secret values remembered across calls (tokens rotate; the oldest are forgotten).
const REMEMBERED_SECRETS = 64;

/** Named arguments of {@link ModelClient}. */
export interface ModelClientOptions extends LoggingOptions {
  /** Where requests go, how they are authenticated and how failures are mapped. */
  readonly provider: ModelProvider;
  /** @default createKyTransport({ fetch: provider.fetch }) */
  readonly transport?: HttpTransport | undefined;
  /** Called once per HTTP attempt (retries included) with its status or error and duration. */
  readonly onAttempt?: ((telemetry: AttemptTelemetry) => void) | undefined;
  /**
   * Called for every event of every stream (`stream`): each protocol event, the end of the body
   * and the failure, with how long the consumer waited for it. A failure is reported as the
   * `ApiError` before the provider's mapping. Transport-neutral (SSE events today; WebSocket
   * frames report the same way).
   */
  readonly onStreamEvent?: ((telemetry: StreamEventTelemetry) => void) | undefined;
  /**
   * Longest time `provider.resolve()` may take per call, in milliseconds. Expiry fails the call
   * with the provider's mapping of a transport `timeout`.
   * @default 30000
   */
  readonly resolveTimeoutMs?: number | undefined;
  /**
   * Stream Responses turns over WebSocket when the provider supports it
   * (`provider.supportsWebSockets`): pass `new WebsocketSessions()` (on Node it needs the `ws`
   * package, `npm install ws`). Per call, `ModelStreamOptions.preferWebSockets: false` streams
   * over HTTPS instead. Ignored for providers without WebSocket support (Amazon Bedrock), which
   * always stream over HTTPS. Without it, nothing WebSocket-related is reachable from the client,
   * so a bundle of an HTTPS-only application leaves it out.
   * @default none: every turn streams over HTTPS
   */
  readonly webSockets?: WebsocketSessions | undefined;
  /**
   * Receives the client's warnings — today only the one-time WebSocket → HTTPS fallback after a
   * `426 Upgrade Required` handshake (`Falling back from WebSockets to HTTPS transport. {error}`).
   * @default `process.emitWarning(message, 'CodexWarning')` where there is a `process`, else nothing
   */
  readonly onWarning?: ((warning: ModelClientWarning) => void) | undefined;
}

/**
 * A warning of {@link ModelClient}. `websocketFallback`: a WebSocket handshake was refused with
 * `426 Upgrade Required`, so this turn and every later one of this client stream over HTTPS.
 */
export interface ModelClientWarning {
  /** What happened. */
  readonly kind: 'websocketFallback';
  /** `Falling back from WebSockets to HTTPS transport. {error message}` (the upstream text). */
  readonly message: string;
  /** The refused handshake, mapped by the provider. */
  readonly error: CodexError;
}

/**
 * Per-call options of {@link ModelClient.stream}: those of `ResponsesClient.streamRequest`
 * without `metadataPassthrough`, which the provider decides (`sendsMetadataPassthrough`).
 * `compression` is honoured only when the provider `supportsRequestCompression`, and only over
 * HTTPS (WebSocket frames use permessage-deflate instead); otherwise the body is sent
 * uncompressed. Over WebSocket, `conversationId`, `sessionSource` and `extraHeaders` are
 * handshake headers (a different set opens another connection) and `turnState` receives the
 * handshake's `x-codex-turn-state` when a connection is opened.
 */
export type ModelStreamOptions = Omit<ResponsesOptions, 'metadataPassthrough'> & {
  /**
   * Whether this turn streams over WebSocket (when the provider supports it). `true` needs the
   * client's `webSockets` (a `TypeError` otherwise).
   * @default true when the client has `webSockets`, else false
   */
  readonly preferWebSockets?: boolean | undefined;
  /**
   * W3C trace context of the turn. Over WebSocket it is sent in `client_metadata`
   * (`ws_request_header_traceparent` / `ws_request_header_tracestate`); over HTTPS it is not
   * sent (pass `traceparent` / `tracestate` in `extraHeaders` there).
   */
  readonly traceContext?: TraceContext | undefined;
};

const FALLBACK_WARNING = 'Falling back from WebSockets to HTTPS transport.';

/**
 * What {@link ModelClient.run} hands its operation beside the session: the caller's signal and
 * what is left of the call's `timeoutMs`, to pass on to the low-level client's call.
 */
export interface ModelCall {
  /** The caller's signal. */
  readonly signal: AbortSignal | undefined;
  /** What remains of the call's deadline, in milliseconds; `undefined` without `timeoutMs`. */
  readonly timeoutMs: number | undefined;
}

/**
 * The high-level client of one {@link ModelProvider}: streams Responses turns (over HTTPS, or over
 * a WebSocket kept across turns when the provider supports it and the client has `webSockets`),
 * compacts history, summarises memories and lists models; `run` sends any other endpoint's
 * request (files, realtime calls, your own) through the same pipeline.
 *
 * Every failure reaches the caller as `provider.mapApiError(apiError)` — a `CodexError` whose
 * `cause` is the `ApiError` — whatever the path: request setup (a `resolve()` failure that is not
 * already a `CodexError`, an invalid request), a non-2xx status after retries, a failure in the
 * middle of a stream, and a 401 that auth recovery could not fix (on a 401 the provider's
 * `recoverUnauthorized`, when it has one, is asked once; if it resolves `true` the request is sent
 * once more). A `CodexError` thrown by `resolve()` or `recoverUnauthorized` (e.g. an
 * `EnvVarError`) is passed through as it is; a user abort rejects with the signal's reason,
 * unmapped. If `mapApiError` throws or returns something that is not a `CodexError`, the neutral
 * `defaultMapApiError` is used instead.
 *
 * Every phase has a deadline and honours the caller's abort: `resolve()` (`resolveTimeoutMs`),
 * each attempt's authentication (the settings' `authTimeoutMs`, also for `recoverUnauthorized`),
 * each attempt's response (`responseTimeoutMs`), each gap of a stream (`streamIdleTimeoutMs`),
 * and, when a call gives `timeoutMs`, the whole call. A failure of `resolve()` that is not a
 * `CodexError` is reported without the secrets the client holds at that moment (the credentials
 * its sessions have sent, the previous resolution's `secrets`).
 *
 * The type `CodexError` is the union of the concrete error classes: after
 * `CodexError.isInstance(error)`, a `switch (error.kind)` narrows it (e.g. `error.status` under
 * `case 'unexpected_status'`).
 *
 * @example
 * ```ts
 * const client = new ModelClient({ provider: createOpenAIProvider() });
 * try {
 *   const { models } = await client.listModels('0.99.0');
 * } catch (error) {
 *   if (!CodexError.isInstance(error)) throw error; // an abort: the signal's reason
 *   if (error.kind === 'unexpected_status') console.error(error.status, error.body);
 * }
 * ```
 */
export class ModelClient {
  /** The provider in use. */
  readonly provider: ModelProvider;
  readonly #onAttempt: ((telemetry: AttemptTelemetry) => void) | undefined;
  readonly #logging: LoggingOptions;
  readonly #onStreamEvent: ((telemetry: StreamEventTelemetry) => void) | undefined;
  readonly #resolveTimeoutMs: number;
  readonly #mapError: (error: ApiError) => CodexError;
  #transport: HttpTransport | undefined;
  readonly #onWarning: ((warning: ModelClientWarning) => void) | undefined;
  readonly #websockets: WebsocketSessions | undefined;
  #webSocketsDisabled = false;
  // The credentials every session of this client has sent, shared by the sessions.
  readonly #secrets = new Secrets({ limit: REMEMBERED_SECRETS });
  // The last successful resolution, whose `secrets` are read when a later resolve fails.
  #lastResolved: ResolvedProvider | undefined;
  // One session per resolved provider: a provider that resolves to the same object (the OpenAI
  // provider does while its environment is unchanged) reuses it.
  readonly #sessions = new WeakMap<ResolvedProvider, EndpointSession>();

  constructor(options: ModelClientOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError('ModelClient: options must be an object');
    }
    const { provider, transport, onAttempt, onStreamEvent } = options;
    if (
      typeof provider !== 'object' ||
      provider === null ||
      typeof provider.resolve !== 'function' ||
      typeof provider.mapApiError !== 'function'
    ) {
      throw new TypeError(
        'ModelClient: `provider` must be a ModelProvider (see defineModelProvider)',
      );
    }
    if (transport !== undefined && typeof transport?.execute !== 'function') {
      throw new TypeError('ModelClient: `transport` must be an HttpTransport');
    }
    if (onAttempt !== undefined && typeof onAttempt !== 'function') {
      throw new TypeError('ModelClient: `onAttempt` must be a function');
    }
    if (onStreamEvent !== undefined && typeof onStreamEvent !== 'function') {
      throw new TypeError('ModelClient: `onStreamEvent` must be a function');
    }
    if (options.onWarning !== undefined && typeof options.onWarning !== 'function') {
      throw new TypeError('ModelClient: `onWarning` must be a function');
    }
    const webSockets = options.webSockets;
    if (
      webSockets !== undefined &&
      (typeof webSockets?.stream !== 'function' || typeof webSockets.closeAll !== 'function')
    ) {
      throw new TypeError('ModelClient: `webSockets` must be a WebsocketSessions');
    }
    const resolveTimeoutMs = options.resolveTimeoutMs ?? DEFAULT_RESOLVE_TIMEOUT_MS;
    if (!(resolveTimeoutMs > 0)) {
      throw new RangeError('ModelClient: `resolveTimeoutMs` must be a positive number');
    }
    this.provider = provider;
    this.#transport = transport;
    this.#onAttempt = onAttempt;
    this.#onStreamEvent = onStreamEvent;
    this.#resolveTimeoutMs = resolveTimeoutMs;
    // Validated now (a bad level is a TypeError naming it), applied to every session.
    this.#logging = { logLevel: options.logLevel, logger: options.logger };
    resolveLogger(this.#logging, 'ModelClient');
    this.#mapError = (error) => mapApiErrorSafely(provider, error);
    this.#onWarning = options.onWarning;
    this.#websockets = webSockets;
  }

  /** What the provider's models can do (see `providerCapabilities`). */
  get capabilities(): ProviderCapabilities {
    return providerCapabilities(this.provider);
  }

  /**
   * True once this client fell back from WebSockets to HTTPS (after a `426 Upgrade Required`
   * handshake): every later turn streams over HTTPS.
   */
  get fellBackToHttps(): boolean {
    return this.#webSocketsDisabled;
  }

  /**
   * Streams a Responses turn: `POST …/responses` (SSE), or — when the provider supports
   * WebSockets and the client has `webSockets` — a `response.create` frame on a WebSocket.
   * Either way the result is the same `ResponseStream`: the same events, the same single
   * terminal error mapped by the provider. Resolves once a 2xx head arrived (HTTPS) or the
   * request was sent (WebSocket).
   *
   * Over WebSocket the connection is kept for the next turn with the same conversation id,
   * sub-agent and extra headers; when the next request only adds items to this one (its input
   * starts with this input plus the items this response added, everything else equal), only
   * the new items are sent, with `previous_response_id`. The first handshake of the client
   * that is refused with `426 Upgrade Required` switches the client to HTTPS for good: this turn
   * is sent over HTTPS at once and `onWarning` gets `Falling back from WebSockets to HTTPS
   * transport. {error}`. Every other WebSocket failure — the handshake (a 401 after auth
   * recovery included), a wrapped error frame, a connection closed mid-answer — reaches the
   * caller through `provider.mapApiError`, as over HTTPS.
   *
   * @throws {@link CodexError} mapped by the provider (narrow it on `kind`)
   */
  async stream(
    request: ResponsesApiRequest,
    options: ModelStreamOptions = {},
  ): Promise<ResponseStream> {
    const webSockets = this.#webSocketsFor(options);
    if (webSockets === undefined) {
      return this.#call(options, (session, _resolved, timeoutMs) =>
        this.#streamHttps(session, request, options, timeoutMs),
      );
    }
    return this.#call(options, async (session, resolved, timeoutMs) => {
      const stream = await this.#streamWebsocket(webSockets, resolved, request, options, undefined);
      return stream ?? this.#streamHttps(session, request, options, timeoutMs);
    });
  }

  /**
   * Prewarms the WebSocket for `request` (upstream prewarm): sends it with `generate: false`, so
   * the server prepares the conversation without generating, and reads the answer to its end. A
   * following `stream(request)` on the same connection then sends only
   * `previous_response_id` (and the items added since). Resolves `true` when a prewarm ran,
   * `false` when the turn would go over HTTPS (no `webSockets`, no WebSocket support, or after
   * the fallback — a 426 here triggers it, with its warning).
   *
   * @throws {@link CodexError} mapped by the provider (narrow it on `kind`)
   */
  async prewarm(request: ResponsesApiRequest, options: ModelStreamOptions = {}): Promise<boolean> {
    const webSockets = this.#webSocketsFor(options);
    if (webSockets === undefined) return false;
    const stream = await this.#call(options, (_session, resolved) =>
      this.#streamWebsocket(webSockets, resolved, request, options, false),
    );
    if (stream === undefined) return false;
    for await (const _event of stream) {
      // The prewarm's answer (`created`, `completed`) carries nothing for the caller.
    }
    return true;
  }

  /**
   * Closes the WebSocket connections of this client (a turn still being read over one ends with
   * `stream error: websocket connection is closed`, mapped). An idle connection does not keep the
   * process alive, so this is only needed to free it earlier. The client stays usable: a later
   * turn opens a new connection.
   */
  close(): void {
    this.#websockets?.closeAll();
  }

  // The sessions this turn streams over, or `undefined` for HTTPS.
  #webSocketsFor(options: ModelStreamOptions): WebsocketSessions | undefined {
    const prefer = options.preferWebSockets;
    if (prefer === true && this.#websockets === undefined) {
      throw new TypeError(
        'ModelClient: `preferWebSockets` needs the client option `webSockets: new WebsocketSessions()`',
      );
    }
    if (prefer === false || this.provider.supportsWebSockets !== true) return undefined;
    return this.#webSocketsDisabled ? undefined : this.#websockets;
  }

  #streamHttps(
    session: EndpointSession,
    request: ResponsesApiRequest,
    options: ModelStreamOptions,
    timeoutMs: number | undefined,
  ): Promise<ResponseStream> {
    const provider = this.provider;
    const streamOptions: ResponsesOptions = {
      ...options,
      compression: provider.supportsRequestCompression === true ? options.compression : 'none',
    };
    return openResponseStream({
      session,
      body: encodeTyped(() =>
        encodeResponsesBody(session, request, provider.sendsMetadataPassthrough === true),
      ),
      options: { ...streamOptions, timeoutMs },
      mapError: this.#mapError,
      onStreamEvent: this.#onStreamEvent,
    });
  }

  /** The WebSocket stream, or `undefined` after falling back to HTTPS on a 426. */
  async #streamWebsocket(
    webSockets: WebsocketSessions,
    resolved: ResolvedProvider,
    request: ResponsesApiRequest,
    options: ModelStreamOptions,
    generate: boolean | undefined,
  ): Promise<ResponseStream | undefined> {
    if (this.#webSocketsDisabled) return undefined;
    try {
      return await webSockets.stream({
        resolved,
        request,
        options,
        generate,
        metadataPassthrough: this.provider.sendsMetadataPassthrough === true,
        mapError: this.#mapError,
        onStreamEvent: this.#onStreamEvent,
      });
    } catch (error) {
      const apiError = toApiError(error, options.signal);
      if (!ApiError.isInstance(apiError) || !hasStatus(apiError, 426)) throw error;
      this.#fallBack(apiError);
      return undefined;
    }
  }

  // Upstream switches the session to HTTPS once, for good, and warns.
  #fallBack(error: ApiError): void {
    if (this.#webSocketsDisabled) return;
    this.#webSocketsDisabled = true;
    this.#websockets?.closeAll();
    const mapped = this.#mapError(error);
    const warning: ModelClientWarning = {
      kind: 'websocketFallback',
      message: `${FALLBACK_WARNING} ${mapped.message}`,
      error: mapped,
    };
    try {
      if (this.#onWarning !== undefined) this.#onWarning(warning);
      else emitProcessWarning(warning.message);
    } catch {
      // A warning listener must not change the outcome of the call.
    }
  }

  /**
   * Compacts a conversation (`POST …/responses/compact`). Items keep their metadata passthrough
   * only when the provider sends it.
   * @throws {@link CodexError} mapped by the provider (narrow it on `kind`)
   */
  compact(input: CompactionInput, options: EndpointCallOptions = {}): Promise<ResponseItem[]> {
    return this.#call(options, (session, _resolved, timeoutMs) =>
      new CompactClient({ session }).compact(input, {
        ...options,
        timeoutMs,
        metadataPassthrough: this.provider.sendsMetadataPassthrough === true,
      }),
    );
  }

  /**
   * Summarises memory traces (`POST …/memories/trace_summarize`).
   * @throws {@link CodexError} mapped by the provider (narrow it on `kind`)
   */
  summarizeMemories(
    input: MemorySummarizeInput,
    options: EndpointCallOptions = {},
  ): Promise<MemorySummarizeOutput[]> {
    return this.#call(options, (session, _resolved, timeoutMs) =>
      new MemoriesClient({ session }).summarize(input, { ...options, timeoutMs }),
    );
  }

  /**
   * Lists models: the provider's static catalog when it has one (`provider.models`: no request,
   * no `resolve()`, no `etag`), else `GET …/models?client_version=…` with the `ETag`.
   * @throws {@link CodexError} mapped by the provider (narrow it on `kind`)
   */
  listModels(clientVersion: string, options: EndpointCallOptions = {}): Promise<ListModelsResult> {
    const catalog = this.provider.models;
    if (catalog !== undefined) {
      try {
        options.signal?.throwIfAborted();
      } catch (error) {
        return Promise.reject(error);
      }
      return Promise.resolve({ models: [...catalog] });
    }
    return this.#call(options, (session, _resolved, timeoutMs) =>
      new ModelsClient({ session }).listModels(clientVersion, { ...options, timeoutMs }),
    );
  }

  /**
   * Runs `operation` — a request of any endpoint client, given this client's session — through
   * the pipeline `compact`, `summarizeMemories` and `listModels` use: the provider is resolved
   * (within `resolveTimeoutMs`), the operation gets an `EndpointSession` with the provider's
   * settings, auth and this client's transport, logging and telemetry; a 401 is recovered from
   * once when the provider can (the operation then runs again); and every failure reaches the
   * caller as `provider.mapApiError(apiError)`, as for the built-in calls. `timeoutMs` spans the
   * whole call; `call.timeoutMs` is what remains of it for the operation.
   *
   * @example
   * const uploaded = await client.run((session, call) =>
   *   uploadLocalFile({ session, path: 'notes.txt', signal: call.signal }),
   * );
   * @throws {@link CodexError} mapped by the provider (narrow it on `kind`); the signal's reason
   * on abort
   */
  run<T>(
    operation: (session: EndpointSession, call: ModelCall) => Promise<T>,
    options: Pick<EndpointCallOptions, 'signal' | 'timeoutMs'> = {},
  ): Promise<T> {
    if (typeof operation !== 'function') {
      return Promise.reject(new TypeError('ModelClient.run: `operation` must be a function'));
    }
    const signal = options.signal;
    return this.#call(options, (session, _resolved, timeoutMs) =>
      operation(session, { signal, timeoutMs }),
    );
  }

  /**
   * Resolves the provider, runs `operation` on a session, recovers once from a 401 when the
   * provider can, and maps every failure through the provider.
   */
  async #call<T>(
    options: { readonly signal?: AbortSignal | undefined; readonly timeoutMs?: number | undefined },
    operation: (
      session: EndpointSession,
      resolved: ResolvedProvider,
      timeoutMs: number | undefined,
    ) => Promise<T>,
  ): Promise<T> {
    const { signal, timeoutMs } = options;
    if (timeoutMs !== undefined && !(typeof timeoutMs === 'number' && timeoutMs > 0)) {
      throw new RangeError('ModelClient: `timeoutMs` must be a positive number of milliseconds');
    }
    // The call's deadline spans resolution, recovery and the operation.
    const deadline = timeoutMs === undefined ? undefined : performance.now() + timeoutMs;
    const remaining = (): number | undefined =>
      deadline === undefined ? undefined : Math.max(1, deadline - performance.now());
    const resolved = await this.#resolve(signal, remaining());
    const session = this.#session(resolved);
    let recovered = false;
    for (;;) {
      try {
        return await operation(session, resolved, remaining());
      } catch (error) {
        const apiError = toApiError(error, signal);
        if (!ApiError.isInstance(apiError)) throw apiError; // a user abort
        if (
          !recovered &&
          isUnauthorized(apiError) &&
          (await this.#recover(resolved, signal, remaining()))
        ) {
          recovered = true;
          continue;
        }
        throw this.#mapError(apiError);
      }
    }
  }

  #session(resolved: ResolvedProvider): EndpointSession {
    let session = this.#sessions.get(resolved);
    if (session === undefined) {
      session = new EndpointSession({
        settings: resolved.settings,
        auth: resolved.auth,
        transport: this.#getTransport(),
        onAttempt: this.#onAttempt,
        ...this.#logging,
        secrets: this.#secrets,
      });
      this.#sessions.set(resolved, session);
    }
    return session;
  }

  async #resolve(
    signal: AbortSignal | undefined,
    callTimeoutMs: number | undefined,
  ): Promise<ResolvedProvider> {
    let resolved: ResolvedProvider;
    try {
      signal?.throwIfAborted();
      resolved = await withinDeadline(
        () => this.provider.resolve({ signal }),
        Math.min(this.#resolveTimeoutMs, callTimeoutMs ?? Number.POSITIVE_INFINITY),
        signal,
      );
    } catch (error) {
      if (signal?.aborted && error === signal.reason) throw error;
      if (CodexError.isInstance(error) || isAbortError(error)) throw error;
      const secrets = this.#heldSecrets();
      if (TransportError.isInstance(error)) {
        throw this.#mapError(ApiError.transport(redactError(error, secrets) as TransportError));
      }
      throw this.#buildFailure(
        `failed to resolve provider ${this.provider.id}: ${secrets.redact(errorMessage(error))}`,
        redactError(error, secrets),
      );
    }
    if (
      typeof resolved !== 'object' ||
      resolved === null ||
      typeof resolved.settings?.baseUrl !== 'string' ||
      typeof resolved.auth?.authenticate !== 'function'
    ) {
      throw this.#buildFailure(
        `provider ${this.provider.id} resolved without \`settings\` and \`auth\` (with \`authenticate\`)`,
        undefined,
      );
    }
    if (resolved !== this.#lastResolved) {
      // What the previous resolution held stays known after it is replaced.
      addSecretsOf(this.#secrets, this.#lastResolved);
      this.#lastResolved = resolved;
    }
    return resolved;
  }

  // Every secret the client holds now: what its sessions sent, what the last resolution holds.
  #heldSecrets(): Secrets {
    const secrets = new Secrets().addAll(this.#secrets);
    addSecretsOf(secrets, this.#lastResolved);
    return secrets;
  }

  #buildFailure(detail: string, cause: unknown): CodexError {
    return this.#mapError(ApiError.transport(new TransportError({ kind: 'build', detail, cause })));
  }

  // Whether the request should be sent once more after a 401.
  async #recover(
    resolved: ResolvedProvider,
    signal: AbortSignal | undefined,
    callTimeoutMs: number | undefined,
  ): Promise<boolean> {
    const recoverUnauthorized = resolved.recoverUnauthorized;
    if (recoverUnauthorized === undefined) return false;
    try {
      // Recovery is auth work: it has the auth deadline, and the caller's abort ends it at once.
      const recovered = await withinDeadline(
        () => recoverUnauthorized.call(resolved, { signal }),
        Math.min(authTimeoutOf(resolved), callTimeoutMs ?? Number.POSITIVE_INFINITY),
        signal,
      );
      return recovered === true;
    } catch (error) {
      if (signal?.aborted && error === signal.reason) throw error;
      if (CodexError.isInstance(error) || isAbortError(error)) throw error;
      // A recovery that fails leaves nothing to try: the 401 itself is reported.
      return false;
    }
  }

  #getTransport(): HttpTransport {
    this.#transport ??= createKyTransport({ fetch: this.provider.fetch });
    return this.#transport;
  }
}

/** Adds the `secrets` of a resolution to `secrets`; a collection that cannot be read adds nothing. */
function addSecretsOf(secrets: Secrets, resolved: ResolvedProvider | undefined): void {
  try {
    secrets.addAll(resolved?.secrets);
  } catch {
    // A user's iterable that throws must not replace the failure being reported.
  }
}

function authTimeoutOf(resolved: ResolvedProvider): number {
  const timeoutMs = resolved.settings.authTimeoutMs;
  return typeof timeoutMs === 'number' && timeoutMs > 0 ? timeoutMs : DEFAULT_AUTH_TIMEOUT_MS;
}

function isUnauthorized(error: ApiError): boolean {
  return hasStatus(error, 401);
}

function hasStatus(error: ApiError, status: number): boolean {
  const details = error.details;
  return (
    details.kind === 'transport' &&
    details.transportError.kind === 'http' &&
    details.transportError.status === status
  );
}

function emitProcessWarning(message: string): void {
  const process = (globalThis as { process?: { emitWarning?: (m: string, t: string) => void } })
    .process;
  process?.emitWarning?.(message, 'CodexWarning');
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
