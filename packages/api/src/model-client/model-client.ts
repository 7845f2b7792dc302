import {
  type AttemptTelemetry,
  createKyTransport,
  type HttpTransport,
  type StreamEventTelemetry,
  TransportError,
} from '@codex/client';
import { CodexError, type ResponseItem } from '@codex/protocol';
import { CompactClient } from '../endpoints/compact-client.js';
import type { CompactionInput } from '../endpoints/compaction-input.js';
import type { EndpointCallOptions } from '../endpoints/endpoint-client-options.js';
import { EndpointSession } from '../endpoints/endpoint-session.js';
import { MemoriesClient } from '../endpoints/memories-client.js';
import type { MemorySummarizeInput, MemorySummarizeOutput } from '../endpoints/memory-summarize.js';
import { type ListModelsResult, ModelsClient } from '../endpoints/models-client.js';
import {
  RealtimeCallClient,
  type RealtimeCallResponse,
  type RealtimeSessionConfig,
} from '../endpoints/realtime-call-client.js';
import { type UploadedFile, uploadLocalFile } from '../endpoints/upload-local-file.js';
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

/** Default {@link ModelClientOptions.resolveTimeoutMs}: 30 000 ms. */
export const DEFAULT_RESOLVE_TIMEOUT_MS = 30_000;
// setTimeout fires at once for larger delays.
const MAX_TIMER_MS = 2_147_483_647;

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
}

/**
 * Per-call options of {@link ModelClient.stream}: those of `ResponsesClient.streamRequest`
 * without `metadataPassthrough`, which the provider decides (`sendsMetadataPassthrough`).
 * `compression` is honoured only when the provider `supportsRequestCompression`; otherwise the
 * body is sent uncompressed.
 */
export type ModelStreamOptions = Omit<ResponsesOptions, 'metadataPassthrough'>;

/** Per-call options of {@link ModelClient.createRealtimeCall}. */
export interface RealtimeCallOptions extends EndpointCallOptions {
  /** The initial session config (a `session.update` session object; its `id` is not sent). */
  readonly session?: RealtimeSessionConfig | undefined;
}

/**
 * The high-level client of one {@link ModelProvider}: streams Responses turns, compacts history,
 * summarises memories and lists models.
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
  }

  /** What the provider's models can do (see `providerCapabilities`). */
  get capabilities(): ProviderCapabilities {
    return providerCapabilities(this.provider);
  }

  /**
   * Streams a Responses turn (`POST …/responses`). Resolves once a 2xx head arrived; the stream
   * throws the provider-mapped error if it fails later.
   * @throws {@link CodexError} mapped by the provider (narrow it on `kind`); an abort: the
   * signal's reason
   */
  async stream(
    request: ResponsesApiRequest,
    options: ModelStreamOptions = {},
  ): Promise<ResponseStream> {
    const provider = this.provider;
    const streamOptions: ResponsesOptions = {
      ...options,
      compression: provider.supportsRequestCompression === true ? options.compression : 'none',
    };
    return this.#call(options.signal, (session) =>
      openResponseStream({
        session,
        body: encodeTyped(() =>
          encodeResponsesBody(session, request, provider.sendsMetadataPassthrough === true),
        ),
        options: streamOptions,
        mapError: this.#mapError,
        onStreamEvent: this.#onStreamEvent,
      }),
    );
  }

  /**
   * Compacts a conversation (`POST …/responses/compact`). Items keep their metadata passthrough
   * only when the provider sends it.
   * @throws {@link CodexError} mapped by the provider (narrow it on `kind`)
   */
  compact(input: CompactionInput, options: EndpointCallOptions = {}): Promise<ResponseItem[]> {
    return this.#call(options.signal, (session) =>
      new CompactClient({ session }).compact(input, {
        ...options,
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
    return this.#call(options.signal, (session) =>
      new MemoriesClient({ session }).summarize(input, options),
    );
  }

  /**
   * Creates a WebRTC Realtime call (`POST …/realtime/calls`, see `RealtimeCallClient`): the SDP
   * offer alone, or with `options.session` (the session config, sent as multipart or, for a
   * `/backend-api` base URL, as JSON).
   * @throws {@link CodexError} mapped by the provider (narrow it on `kind`)
   */
  createRealtimeCall(
    sdp: string,
    options: RealtimeCallOptions = {},
  ): Promise<RealtimeCallResponse> {
    const { session, ...callOptions } = options;
    return this.#call(options.signal, (endpoint) => {
      const client = new RealtimeCallClient({ session: endpoint });
      return session === undefined
        ? client.create(sdp, callOptions)
        : client.createWithSession(sdp, session, callOptions);
    });
  }

  /**
   * Uploads a local file to the files API of the provider's base URL (see `uploadLocalFile`):
   * create, `PUT` to the pre-signed URL without credentials, then poll until it is ready. Node,
   * Bun and Deno only (the file is read with `node:fs/promises`).
   * @throws {@link CodexError} mapped by the provider (narrow it on `kind`; the local checks map
   * to `InvalidRequestError`)
   */
  uploadLocalFile(
    path: string,
    options: { readonly signal?: AbortSignal | undefined } = {},
  ): Promise<UploadedFile> {
    return this.#call(options.signal, (session) =>
      uploadLocalFile({ session, path, signal: options.signal }),
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
    return this.#call(options.signal, (session) =>
      new ModelsClient({ session }).listModels(clientVersion, options),
    );
  }

  /**
   * Resolves the provider, runs `operation` on a session, recovers once from a 401 when the
   * provider can, and maps every failure through the provider.
   */
  async #call<T>(
    signal: AbortSignal | undefined,
    operation: (session: EndpointSession) => Promise<T>,
  ): Promise<T> {
    const resolved = await this.#resolve(signal);
    const session = this.#session(resolved);
    let recovered = false;
    for (;;) {
      try {
        return await operation(session);
      } catch (error) {
        const apiError = toApiError(error, signal);
        if (!ApiError.isInstance(apiError)) throw apiError; // a user abort
        if (!recovered && isUnauthorized(apiError) && (await this.#recover(resolved, signal))) {
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
      });
      this.#sessions.set(resolved, session);
    }
    return session;
  }

  async #resolve(signal: AbortSignal | undefined): Promise<ResolvedProvider> {
    let resolved: ResolvedProvider;
    try {
      signal?.throwIfAborted();
      resolved = await withinDeadline(
        () => this.provider.resolve({ signal }),
        this.#resolveTimeoutMs,
        signal,
      );
    } catch (error) {
      if (signal?.aborted && error === signal.reason) throw error;
      if (CodexError.isInstance(error) || isAbortError(error)) throw error;
      if (TransportError.isInstance(error)) throw this.#mapError(ApiError.transport(error));
      throw this.#buildFailure(
        `failed to resolve provider ${this.provider.id}: ${errorMessage(error)}`,
        error,
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
    return resolved;
  }

  #buildFailure(detail: string, cause: unknown): CodexError {
    return this.#mapError(ApiError.transport(new TransportError({ kind: 'build', detail, cause })));
  }

  // Whether the request should be sent once more after a 401.
  async #recover(resolved: ResolvedProvider, signal: AbortSignal | undefined): Promise<boolean> {
    const recoverUnauthorized = resolved.recoverUnauthorized;
    if (recoverUnauthorized === undefined) return false;
    try {
      return (await recoverUnauthorized.call(resolved, { signal })) === true;
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

function isUnauthorized(error: ApiError): boolean {
  const details = error.details;
  return (
    details.kind === 'transport' &&
    details.transportError.kind === 'http' &&
    details.transportError.status === 401
  );
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `work()`, or a transport `timeout` after `timeoutMs`, or the signal's reason when it aborts. */
function withinDeadline<T>(
  work: () => Promise<T>,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => {
        cleanup();
        reject(new TransportError({ kind: 'timeout' }));
      },
      Math.min(timeoutMs, MAX_TIMER_MS),
    );
    const onAbort = (): void => {
      cleanup();
      reject(signal?.reason);
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    Promise.resolve()
      .then(work)
      .then(
        (value) => {
          cleanup();
          resolve(value);
        },
        (error: unknown) => {
          cleanup();
          reject(error);
        },
      );
  });
}
