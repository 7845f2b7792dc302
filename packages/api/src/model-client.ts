import {
  type AttemptTelemetry,
  createKyTransport,
  type HttpTransport,
  TransportError,
} from '@codex/client';
import { CodexError, type ResponseItem } from '@codex/protocol';
import { ApiError, toApiError } from './api-error.js';
import { CompactClient } from './compact-client.js';
import type { CompactionInput } from './compaction-input.js';
import type { EndpointCallOptions } from './endpoint-client-options.js';
import { EndpointSession } from './endpoint-session.js';
import { errorMessage } from './internal/encode-json.js';
import { mapApiErrorSafely } from './internal/map-api-error-safely.js';
import { MemoriesClient } from './memories-client.js';
import type { MemorySummarizeInput, MemorySummarizeOutput } from './memory-summarize.js';
import type { ModelProvider, ResolvedProvider } from './model-provider.js';
import { ModelResponseStream } from './model-response-stream.js';
import { type ListModelsResult, ModelsClient } from './models-client.js';
import type { ResponsesApiRequest } from './responses-api-request.js';
import { ResponsesClient, type ResponsesOptions } from './responses-client.js';

/** Named arguments of {@link ModelClient}. */
export interface ModelClientOptions {
  /** Where requests go, how they are authenticated and how failures are mapped. */
  readonly provider: ModelProvider;
  /** @default createKyTransport({ fetch: provider.fetch }) */
  readonly transport?: HttpTransport | undefined;
  /** Called once per HTTP attempt (retries included) with its status or error and duration. */
  readonly onAttempt?: ((telemetry: AttemptTelemetry) => void) | undefined;
}

/**
 * Per-call options of {@link ModelClient.stream}: those of `ResponsesClient.streamRequest`
 * without `metadataPassthrough`, which the provider decides (`sendsMetadataPassthrough`).
 * `compression` is honoured only when the provider `supportsRequestCompression`; otherwise the
 * body is sent uncompressed.
 */
export type ModelStreamOptions = Omit<ResponsesOptions, 'metadataPassthrough'>;

/**
 * The high-level client of one {@link ModelProvider}: streams Responses turns, compacts history,
 * summarises memories and lists models.
 *
 * Every failure reaches the caller as `provider.mapApiError(apiError)` — a `CodexError` whose
 * `cause` is the `ApiError` — whatever the path: request setup (a `resolve()` failure that is not
 * already a `CodexError`, an invalid request), a non-2xx status after retries, a failure in the
 * middle of a stream, and a 401 that auth recovery could not fix (on a 401 the auth provider's
 * `recoverUnauthorized`, when there is one, is asked once; if it resolves `true` the request is
 * sent once more). A `CodexError` thrown by `resolve()` or `recoverUnauthorized` (e.g. an
 * `EnvVarError`) is passed through as it is; a user abort rejects with the signal's reason,
 * unmapped. If `mapApiError` throws or returns something that is not a `CodexError`, the
 * neutral {@link defaultMapApiError} is used instead.
 *
 * @example
 * const client = new ModelClient({ provider: createOpenAIProvider() });
 * const { models } = await client.listModels('0.99.0');
 */
export class ModelClient {
  /** The provider in use. */
  readonly provider: ModelProvider;
  readonly #onAttempt: ((telemetry: AttemptTelemetry) => void) | undefined;
  #transport: HttpTransport | undefined;

  constructor(options: ModelClientOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError('ModelClient: options must be an object');
    }
    const { provider, transport, onAttempt } = options;
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
    this.provider = provider;
    this.#transport = transport;
    this.#onAttempt = onAttempt;
  }

  /**
   * Streams a Responses turn (`POST …/responses`). Resolves once a 2xx head arrived; the stream
   * throws the provider-mapped error if it fails later.
   * @throws CodexError (mapped by the provider)
   */
  async stream(
    request: ResponsesApiRequest,
    options: ModelStreamOptions = {},
  ): Promise<ModelResponseStream> {
    const provider = this.provider;
    const stream = await this.#call(options.signal, (session) =>
      new ResponsesClient({ session }).streamRequest(request, {
        ...options,
        compression: provider.supportsRequestCompression === true ? options.compression : 'none',
        metadataPassthrough: provider.sendsMetadataPassthrough === true,
      }),
    );
    return new ModelResponseStream({
      stream,
      mapApiError: (error) => mapApiErrorSafely(provider, error),
      signal: options.signal,
    });
  }

  /**
   * Compacts a conversation (`POST …/responses/compact`). Items keep their metadata passthrough
   * only when the provider sends it.
   * @throws CodexError (mapped by the provider)
   */
  compact(input: CompactionInput, options: EndpointCallOptions = {}): Promise<ResponseItem[]> {
    return this.#call(options.signal, (session) =>
      new CompactClient({ session }).compact(input, {
        ...options,
        metadataPassthrough: this.provider.sendsMetadataPassthrough === true,
      }),
    );
  }

  /** Summarises memory traces (`POST …/memories/trace_summarize`). @throws CodexError */
  summarizeMemories(
    input: MemorySummarizeInput,
    options: EndpointCallOptions = {},
  ): Promise<MemorySummarizeOutput[]> {
    return this.#call(options.signal, (session) =>
      new MemoriesClient({ session }).summarize(input, options),
    );
  }

  /** Lists models (`GET …/models?client_version=…`) with the `ETag`. @throws CodexError */
  listModels(clientVersion: string, options: EndpointCallOptions = {}): Promise<ListModelsResult> {
    return this.#call(options.signal, (session) =>
      new ModelsClient({ session }).listModels(clientVersion, options),
    );
  }

  /**
   * Resolves the provider, runs `operation` on a session, recovers once from a 401 when the auth
   * provider can, and maps every failure through the provider.
   */
  async #call<T>(
    signal: AbortSignal | undefined,
    operation: (session: EndpointSession) => Promise<T>,
  ): Promise<T> {
    const resolved = await this.#resolve(signal);
    const session = new EndpointSession({
      provider: resolved.settings,
      auth: resolved.auth,
      transport: this.#getTransport(),
      onAttempt: this.#onAttempt,
    });
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
        throw mapApiErrorSafely(this.provider, apiError);
      }
    }
  }

  async #resolve(signal: AbortSignal | undefined): Promise<ResolvedProvider> {
    let resolved: ResolvedProvider;
    try {
      signal?.throwIfAborted();
      resolved = await this.provider.resolve({ signal });
    } catch (error) {
      if (signal?.aborted && error === signal.reason) throw error;
      if (CodexError.isInstance(error) || isAbortError(error)) throw error;
      throw this.#buildFailure(
        `failed to resolve provider ${this.provider.id}: ${errorMessage(error)}`,
        error,
      );
    }
    if (
      typeof resolved !== 'object' ||
      resolved === null ||
      typeof resolved.settings?.baseUrl !== 'string' ||
      typeof resolved.auth?.addAuthHeaders !== 'function'
    ) {
      throw this.#buildFailure(
        `provider ${this.provider.id} resolved without \`settings\` and \`auth\``,
        undefined,
      );
    }
    return resolved;
  }

  #buildFailure(detail: string, cause: unknown): CodexError {
    const apiError = ApiError.transport(new TransportError({ kind: 'build', detail, cause }));
    return mapApiErrorSafely(this.provider, apiError);
  }

  // Whether the request should be sent once more after a 401.
  async #recover(resolved: ResolvedProvider, signal: AbortSignal | undefined): Promise<boolean> {
    const recoverUnauthorized = resolved.auth.recoverUnauthorized;
    if (recoverUnauthorized === undefined) return false;
    try {
      return (await recoverUnauthorized.call(resolved.auth, { signal })) === true;
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
