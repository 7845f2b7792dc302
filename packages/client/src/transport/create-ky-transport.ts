import ky, { isHTTPError, isTimeoutError, type Options as KyOptions } from 'ky';
import type { Compressor } from '../compression.js';
import { isSensitiveHeader, Secrets } from '../errors/redact.js';
import { redactError } from '../errors/redact-error.js';
import type {
  AttemptContext,
  AttemptTelemetry,
  HttpTransport,
  Response,
  SendOptions,
  StreamResponse,
} from '../http-transport.js';
import { type PreparedRequest, prepareRequest } from '../prepare-request.js';
import type { Request } from '../request.js';
import { TransportError } from '../transport-error.js';
import { withinDeadline } from '../within-deadline.js';
import { CallScope } from './call-scope.js';
import { type FetchFunction, fetchFollowingRedirects } from './follow-redirects.js';
import {
  guardBody,
  mayArriveUndecoded,
  undecodedBodyError,
  undecodedCoding,
} from './guard-body.js';
import { kyRetryOptions } from './ky-retry-options.js';
import { decodeErrorBody, readBody } from './read-body.js';
import { deleteStreamBodySource, setStreamBodySource } from './stream-body-source.js';

/** Settings of {@link createKyTransport}. */
export interface KyTransportOptions {
  /**
   * The `fetch` to send with, e.g. one bound to a proxy agent.
   * @default `globalThis.fetch`, read at each send (so a later polyfill is honoured)
   */
  readonly fetch?: FetchFunction | undefined;
  /** zstd compressor for runtimes without `node:zlib` zstd. */
  readonly compressor?: Compressor | undefined;
  /**
   * Most bytes of a non-2xx body kept for the error; the rest is discarded unread.
   * @default 1048576 (1 MiB)
   */
  readonly maxErrorBodyBytes?: number | undefined;
  /**
   * Source of uniform numbers in `[0, 1)` for the backoff jitter; inject one in tests.
   * @default Math.random
   */
  readonly random?: (() => number) | undefined;
}

const DEFAULT_MAX_ERROR_BODY_BYTES = 1024 * 1024;
const DEFAULT_BEFORE_ATTEMPT_TIMEOUT_MS = 60_000;
// ky refuses larger timeouts (setTimeout's limit).
const MAX_TIMER_MS = 2_147_483_647;
// Handed to a per-attempt hook when the call has no signal of its own: it never aborts.
const NEVER_ABORTED: AbortSignal = new AbortController().signal;

type Mode = 'execute' | 'stream';

// Node's fetch cancels the body of a Response that is garbage-collected while that body is neither
// locked nor read ("Response object has been garbage collected"). A streamed response hands out
// only its body, often read a while later (after the caller awaited something else): each body
// keeps its Response reachable for as long as the body itself is.
const BODY_OWNERS = new WeakMap<ReadableStream<Uint8Array>, globalThis.Response>();

/**
 * The default {@link HttpTransport}, on ky 1.x. ky carries the HTTP policy: its `retry` (limit,
 * methods, status codes, timeout retries, the upstream backoff as `delay` + `jitter`), its
 * `beforeRequest` hook (the per-attempt hook: auth or signing, run again on every retry after the
 * backoff sleep) and its `timeout` (the per-attempt response timeout). What ky cannot express is
 * ours, in ky's `fetch` option: the body bytes are handed to `fetch` directly (prepared once, never
 * re-wrapped or tee'd), the redirect policy, reading error bodies, and the outcome of each attempt
 * for telemetry. No ky error or fetch `Request` ever leaves this function: every failure is a
 * `TransportError` or the abort reason of the request's signal.
 *
 * @example
 * const transport = createKyTransport();
 * const response = await transport.execute(createRequest({ url: 'https://example.com/v1/models' }), {
 *   retry: createRetryPolicy(),
 * });
 */
export function createKyTransport(options: KyTransportOptions = {}): HttpTransport {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('createKyTransport: options must be an object');
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new TypeError('createKyTransport: `fetch` must be a function');
  }
  if (options.random !== undefined && typeof options.random !== 'function') {
    throw new TypeError('createKyTransport: `random` must be a function');
  }
  const maxErrorBodyBytes = options.maxErrorBodyBytes ?? DEFAULT_MAX_ERROR_BODY_BYTES;
  if (!Number.isInteger(maxErrorBodyBytes) || maxErrorBodyBytes < 0) {
    throw new RangeError('createKyTransport: `maxErrorBodyBytes` must be an integer >= 0');
  }
  const settings: TransportSettings = {
    fetch: () => options.fetch ?? globalThis.fetch,
    // The runtime's own fetch (also when passed explicitly) fails reads with its own text.
    customFetch: options.fetch !== undefined && options.fetch !== globalThis.fetch,
    compressor: options.compressor,
    maxErrorBodyBytes,
    random: options.random ?? Math.random,
  };
  return {
    execute: (request, sendOptions) => send(settings, request, sendOptions, 'execute'),
    stream: (request, sendOptions) => send(settings, request, sendOptions, 'stream'),
  } as HttpTransport;
}

interface TransportSettings {
  readonly fetch: () => FetchFunction;
  readonly customFetch: boolean;
  readonly compressor: Compressor | undefined;
  readonly maxErrorBodyBytes: number;
  readonly random: () => number;
}

function send(
  settings: TransportSettings,
  request: Request,
  options: SendOptions | undefined,
  mode: 'execute',
): Promise<Response>;
function send(
  settings: TransportSettings,
  request: Request,
  options: SendOptions | undefined,
  mode: 'stream',
): Promise<StreamResponse>;
async function send(
  settings: TransportSettings,
  request: Request,
  options: SendOptions = {},
  mode: Mode,
): Promise<Response | StreamResponse> {
  validateSendOptions(options);
  request.signal?.throwIfAborted();
  const prepared = prepareRequest(request, { compressor: settings.compressor });
  if (prepared.body !== undefined && (prepared.method === 'GET' || prepared.method === 'HEAD')) {
    throw new TransportError({
      kind: 'build',
      detail: `a ${prepared.method} request cannot have a body`,
    });
  }
  const call = new CallScope(request.signal, request.timeoutMs);
  const attempt = new Attempts(settings, prepared, options, call, mode);
  try {
    const kyOptions: KyOptions = {
      method: prepared.method,
      throwHttpErrors: true,
      timeout:
        request.responseTimeoutMs === undefined
          ? false
          : Math.min(request.responseTimeoutMs, MAX_TIMER_MS),
      retry: kyRetryOptions({
        policy: options.retry,
        method: prepared.method,
        random: settings.random,
        stopped: () => call.stoppedReason() !== undefined,
      }),
      hooks: { beforeRequest: [attempt.beforeRequest] },
      fetch: attempt.fetch,
    };
    if (call.signal !== undefined) kyOptions.signal = call.signal;
    const response = await ky(prepared.url, kyOptions);
    const outcome = attempt.outcome!;
    if (mode === 'execute') {
      call.dispose();
      return {
        status: response.status,
        headers: response.headers,
        body: outcome.body ?? new Uint8Array(0),
        url: outcome.url,
      };
    }
    const contentEncoding = response.headers.get('content-encoding');
    const rawBody = response.body ?? emptyBody();
    BODY_OWNERS.set(rawBody, response);
    const mapReadError = settings.customFetch ? attempt.bodyFailureMapper() : undefined;
    // A body in a coding that can arrive undecoded is always guarded: its first bytes are checked.
    // A body from a custom `fetch` (whose read failures are foreign text that may quote a request
    // header) is guarded when `body` is first read; readers that map failures themselves take
    // the raw bytes from `streamBodySource` and spare the guard's stream and promise per chunk.
    // The runtime's own `fetch` fails reads with its own text (`terminated`), never a header.
    let body: ReadableStream<Uint8Array> | undefined = mayArriveUndecoded(contentEncoding)
      ? guardBody(rawBody, {
          contentEncoding,
          mapError: mapReadError ?? attempt.bodyFailureMapper(),
        })
      : mapReadError === undefined
        ? rawBody
        : undefined;
    const guarded = (): ReadableStream<Uint8Array> => {
      if (body === undefined) {
        body = guardBody(rawBody, { contentEncoding, mapError: mapReadError! });
        BODY_OWNERS.set(body, response);
        deleteStreamBodySource(streamResponse);
      }
      return body;
    };
    let closed = false;
    const streamResponse: StreamResponse = {
      status: response.status,
      headers: response.headers,
      url: outcome.url,
      get body() {
        return guarded();
      },
      close(): void {
        if (closed) return;
        closed = true;
        call.dispose();
        // Cancelling a body that ended, or one the consumer holds a reader of, is harmless.
        const open = body ?? rawBody;
        if (!open.locked) void open.cancel().catch(() => undefined);
      },
    };
    if (body === undefined) setStreamBodySource(streamResponse, { source: rawBody, mapReadError });
    else BODY_OWNERS.set(body, response);
    return streamResponse;
  } catch (error) {
    call.dispose();
    throw attempt.finalFailure(error);
  }
}

/** The state of one call's attempts, shared by ky's hook and ky's `fetch`. */
class Attempts {
  readonly #settings: TransportSettings;
  readonly #prepared: PreparedRequest;
  readonly #options: SendOptions;
  readonly #call: CallScope;
  readonly #mode: Mode;
  // Every request the call sent (prepared, then as each hook returned it): the secrets to keep
  // out of error text. Collected into a `Secrets` only when a failure needs it.
  readonly #sent: PreparedRequest[] = [];
  #secretsCache: Secrets | undefined;
  #attempt = 0;
  #started = 0;
  // What this attempt sends: the prepared request as the per-attempt hook returned it.
  #sending: PreparedRequest;
  // The HTTP failure of the last attempt that got a non-2xx answer.
  #lastHttpError: TransportError | undefined;
  /** Set by the attempt that succeeded. */
  outcome: { readonly url: string; readonly body?: Uint8Array | undefined } | undefined;

  constructor(
    settings: TransportSettings,
    prepared: PreparedRequest,
    options: SendOptions,
    call: CallScope,
    mode: Mode,
  ) {
    this.#settings = settings;
    this.#prepared = prepared;
    this.#sending = prepared;
    this.#options = options;
    this.#call = call;
    this.#mode = mode;
    this.#sent.push(prepared);
  }

  get #secrets(): Secrets {
    if (this.#secretsCache === undefined) {
      this.#secretsCache = new Secrets();
      for (const request of this.#sent) this.#secretsCache.addRequest(request);
    }
    return this.#secretsCache;
  }

  /** ky's `beforeRequest` hook: runs before every attempt, after the backoff sleep. */
  readonly beforeRequest = async (
    _request: globalThis.Request,
    _options: unknown,
    state: { readonly retryCount: number },
  ): Promise<void> => {
    this.#attempt = state.retryCount;
    this.#started = performance.now();
    this.#lastHttpError = undefined;
    const hook = this.#options.beforeAttempt;
    if (hook === undefined) return;
    const context: AttemptContext = {
      attempt: this.#attempt,
      signal: this.#call.signal ?? NEVER_ABORTED,
    };
    let sending: PreparedRequest;
    try {
      sending = await withinDeadline(
        // A copy of the headers: a hook that changes them in place must not change the next try.
        () => hook({ ...this.#prepared, headers: new Headers(this.#prepared.headers) }, context),
        this.#options.beforeAttemptTimeoutMs ?? DEFAULT_BEFORE_ATTEMPT_TIMEOUT_MS,
        this.#call.signal,
      );
      checkPreparedRequest(sending);
    } catch (error) {
      const failure = this.#call.stoppedReason() ?? this.#hookFailure(error);
      this.#report({ error: failure });
      throw failure;
    }
    if (sending !== this.#prepared) {
      this.#sent.push(sending);
      this.#secretsCache = undefined;
    }
    this.#sending = sending;
  };

  /** ky's `fetch`: sends one attempt and settles its outcome. */
  readonly fetch = async (input: unknown): Promise<globalThis.Response> => {
    // ky always calls its `fetch` with the Request it built; only its signal (ky's response
    // timeout, the call's signal) is used: what goes out is this attempt's prepared request. That
    // signal follows ky's own only weakly (Node's Request does), and ky lets go of its Request once
    // the head arrived: after a garbage collection it would no longer abort. So the body is tied
    // to the call's signal directly, which the call holds until it is closed — its deadline and
    // the caller's abort reach a body read minutes later.
    const kySignal = (input as globalThis.Request).signal;
    const callSignal = this.#call.signal;
    const signal = callSignal === undefined ? kySignal : AbortSignal.any([kySignal, callSignal]);
    let outcome: Awaited<ReturnType<typeof fetchFollowingRedirects>>;
    try {
      outcome = await fetchFollowingRedirects(
        this.#settings.fetch(),
        this.#sending,
        signal,
        this.#scrubHeaders,
      );
    } catch (error) {
      throw this.#attemptFailure(error, signal);
    }
    const { response, url } = outcome;
    if (!response.ok) {
      await this.#recordHttpFailure(response, url, signal);
      return response;
    }
    if (this.#mode === 'execute') {
      let body: Uint8Array;
      try {
        body = (await readBody(response.body, Number.POSITIVE_INFINITY)).data;
      } catch (error) {
        throw this.#attemptFailure(error, signal);
      }
      const coding = undecodedCoding(response.headers.get('content-encoding'), body);
      if (coding !== undefined) throw this.#attemptFailure(undecodedBodyError(coding), signal);
      this.outcome = { url, body };
    } else {
      this.outcome = { url };
    }
    this.#report({ status: response.status });
    return response;
  };

  /**
   * What a failed read of a streamed body becomes: the call's abort reason or deadline when the
   * call was stopped, otherwise the failure without the call's secrets (a custom `fetch`'s body
   * may fail with text that quotes one). The mapper lives as long as the body, so it holds only
   * the URL and headers of what was sent (not the attempts' state, not the request bodies), and
   * builds the secrets only if a read fails.
   */
  bodyFailureMapper(): (error: unknown) => unknown {
    const call = this.#call;
    // Only the URL and the credential headers, as plain strings: a request's Headers (let alone
    // its body) would otherwise be kept as long as the response body is open.
    const sent = this.#sent.map(({ url, headers, secretHeaders }) => {
      const named = secretHeaders?.map((name) => name.toLowerCase());
      const kept: [string, string][] = [];
      for (const [name, value] of headers) {
        if (isSensitiveHeader(name) || named?.includes(name)) kept.push([name, value]);
      }
      return { url, kept };
    });
    let secrets: Secrets | undefined;
    return (error) => {
      const stopped = call.stoppedReason();
      if (stopped !== undefined) return stopped;
      if (secrets === undefined) {
        secrets = new Secrets();
        for (const { url, kept } of sent) {
          secrets.addRequest({ url, headers: new Headers(kept), secretHeaders: kept.map(nameOf) });
        }
      }
      return redactError(error, secrets);
    };
  }

  /** What the call rejects with, given what ky rejected with. */
  finalFailure(error: unknown): unknown {
    const stopped = this.#call.stoppedReason();
    if (stopped !== undefined) return stopped;
    if (isHTTPError(error)) {
      return (
        this.#lastHttpError ?? new TransportError({ kind: 'http', status: error.response.status })
      );
    }
    if (isTimeoutError(error)) return new TransportError({ kind: 'timeout' });
    if (TransportError.isInstance(error)) return redactError(error, this.#secrets);
    if (isAbortError(error)) return error;
    return new TransportError({
      kind: 'build',
      detail: this.#secrets.redact(describe(error)),
      cause: this.#secrets.sanitize(error),
    });
  }

  async #recordHttpFailure(
    response: globalThis.Response,
    url: string,
    signal: AbortSignal,
  ): Promise<void> {
    let text: string | undefined;
    try {
      const { data, truncated } = await readBody(response.body, this.#settings.maxErrorBodyBytes);
      text = decodeErrorBody(data, this.#mode === 'execute' ? 'strict' : 'lossy', truncated);
      // A server may echo a credential it rejected.
      if (text !== undefined && this.#secrets.appearsIn(text)) text = this.#secrets.redact(text);
    } catch (error) {
      // `stream` keeps the status when the error body cannot be read, as upstream; `execute`
      // reports the read failure. Being stopped always wins.
      if (this.#mode === 'execute' || signal.aborted) throw this.#attemptFailure(error, signal);
    }
    // A server may echo a credential in its error body (an API key in "invalid key …"): the
    // body is kept with every value the call sent removed.
    const secrets = this.#secrets;
    const failure = new TransportError({
      kind: 'http',
      status: response.status,
      url: this.#secrets.appearsIn(url) ? this.#secrets.redact(url) : url,
      headers: this.#scrubHeaders(response.headers),
      body: text !== undefined && secrets.appearsIn(text) ? secrets.redact(text) : text,
    });
    this.#lastHttpError = failure;
    this.#report({ status: response.status, error: failure });
  }

  // A failure while one attempt was being sent or read.
  #attemptFailure(error: unknown, signal: AbortSignal): unknown {
    let failure = this.#call.stoppedReason();
    if (failure === undefined) {
      if (TransportError.isInstance(error)) failure = redactError(error, this.#secrets);
      // ky aborted the attempt: its response timeout fired (it rejects with its TimeoutError).
      else if (signal.aborted) failure = new TransportError({ kind: 'timeout' });
      else {
        failure = new TransportError({
          kind: 'network',
          detail: this.#secrets.redact(describe(error)),
          cause: this.#secrets.sanitize(error),
        });
      }
    }
    this.#report({ error: failure });
    return failure;
  }

  // Response headers kept on an error, with any value that echoes a request secret scrubbed.
  readonly #scrubHeaders = (headers: Headers): Headers => {
    const secrets = this.#secrets;
    let scrubbed: Headers | undefined;
    for (const [name, value] of headers) {
      if (!secrets.appearsIn(value)) continue;
      scrubbed ??= new Headers(headers);
      scrubbed.set(name, secrets.redact(value));
    }
    return scrubbed ?? headers;
  };

  #hookFailure(error: unknown): unknown {
    if (TransportError.isInstance(error)) return redactError(error, this.#secrets);
    return new TransportError({
      kind: 'build',
      detail: this.#secrets.redact(describe(error)),
      cause: this.#secrets.sanitize(error),
    });
  }

  #report(outcome: { readonly status?: number; readonly error?: unknown }): void {
    const onAttempt = this.#options.onAttempt;
    if (onAttempt === undefined) return;
    const telemetry: AttemptTelemetry = {
      attempt: this.#attempt,
      durationMs: performance.now() - this.#started,
      ...outcome,
    };
    try {
      onAttempt(telemetry);
    } catch {
      // Telemetry must never change the outcome of a call.
    }
  }
}

function checkPreparedRequest(request: PreparedRequest): void {
  if (
    typeof request !== 'object' ||
    request === null ||
    typeof request.url !== 'string' ||
    typeof request.method !== 'string' ||
    !(request.headers instanceof Headers) ||
    (request.body !== undefined && !(request.body instanceof Uint8Array)) ||
    (request.secretHeaders !== undefined &&
      (!Array.isArray(request.secretHeaders) ||
        !request.secretHeaders.every((name) => typeof name === 'string')))
  ) {
    throw new TransportError({
      kind: 'build',
      detail:
        'the per-attempt hook must return a prepared request ({ method, url, headers: Headers, body?: Uint8Array, secretHeaders?: string[] })',
    });
  }
}

function validateSendOptions(options: SendOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('HttpTransport: send options must be an object');
  }
  if (options.beforeAttempt !== undefined && typeof options.beforeAttempt !== 'function') {
    throw new TypeError('HttpTransport: `beforeAttempt` must be a function');
  }
  if (options.onAttempt !== undefined && typeof options.onAttempt !== 'function') {
    throw new TypeError('HttpTransport: `onAttempt` must be a function');
  }
  const hookTimeout = options.beforeAttemptTimeoutMs;
  if (hookTimeout !== undefined && !(hookTimeout > 0)) {
    throw new RangeError('HttpTransport: `beforeAttemptTimeoutMs` must be a positive number');
  }
}

function nameOf(entry: readonly [string, string]): string {
  return entry[0];
}

function emptyBody(): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  // Node's fetch reports every failure as `fetch failed`; the useful part is the cause.
  if (cause instanceof Error && cause.message && cause.message !== error.message) {
    return `${error.message}: ${cause.message}`;
  }
  return error.message;
}
