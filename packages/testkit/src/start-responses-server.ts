import { loadJsonFixture, loadTranscript } from './fixture-path.js';
import type { RecordedRequest } from './recorded-request.js';
import type { HeaderRecord, ResponseScript, RouteResponse } from './response-script.js';
import { jsonResponse, sseResponse, type Transcript } from './sse-response.js';
import { type Route, startTestServer, type TestServer } from './start-test-server.js';

/** One entry of the memories summarize output, with its wire names. */
export interface MemorySummary {
  readonly trace_summary: string;
  readonly memory_summary: string;
}

/** Options of {@link startResponsesServer}. */
export interface ResponsesServerOptions {
  /**
   * Path prefix of every endpoint: `''` or a path starting with `/` (e.g. `/openai/v1` for a
   * Bedrock-like endpoint). A trailing `/` is ignored.
   * @default '/v1'
   */
  readonly basePath?: string;
  /**
   * What `POST {basePath}/responses` streams.
   * @default the `turn` transcript
   */
  readonly transcript?: Transcript;
  /**
   * Milliseconds between SSE events on `/responses`, so a demo shows progressive output.
   * @default 0
   */
  readonly eventDelayMs?: number;
  /**
   * Headers on every `/responses` stream, e.g. `openai-model`, `x-models-etag`,
   * `x-reasoning-included`, `x-codex-turn-state` or the `x-codex-primary-used-percent` family.
   */
  readonly responsesHeaders?: HeaderRecord;
  /** Headers on every response of every endpoint (applied before the per-endpoint ones). */
  readonly headers?: HeaderRecord;
  /**
   * Items returned by `POST {basePath}/responses/compact` as `{"output": [...]}`.
   * @default the items of `fixtures/compact.json`
   */
  readonly compactOutput?: readonly unknown[];
  /**
   * Entries returned by `POST {basePath}/memories/trace_summarize` as `{"output": [...]}`.
   * @default the entries of `fixtures/memories.json`
   */
  readonly memorySummaries?: readonly MemorySummary[];
  /**
   * Models returned by `GET {basePath}/models` as `{"models": [...]}`.
   * @default the models of `fixtures/models.json`
   */
  readonly models?: readonly unknown[];
  /**
   * The `ETag` header of `/models` (sent verbatim; `null` sends none).
   * @default '"testkit-models-1"'
   */
  readonly modelsEtag?: string | null;
}

/**
 * A test server speaking the Responses endpoints. Each endpoint is a {@link Route}: queue a
 * one-shot fault with `server.responses.enqueue(...)`, or replace the standing answer with
 * `server.models.respondWith(...)`.
 */
export interface ResponsesServer extends TestServer {
  /** `url + basePath`, e.g. `http://127.0.0.1:50123/v1`: the provider base URL to use. */
  readonly baseUrl: string;
  /** The normalised base path, e.g. `/v1`. */
  readonly basePath: string;
  /** `POST {basePath}/responses` (SSE). */
  readonly responses: Route;
  /** `POST {basePath}/responses/compact` (JSON). */
  readonly compact: Route;
  /** `POST {basePath}/memories/trace_summarize` (JSON). */
  readonly memories: Route;
  /** `GET {basePath}/models` (JSON with `ETag`). */
  readonly models: Route;
}

function normaliseBasePath(basePath: string): string {
  if (typeof basePath !== 'string' || (basePath !== '' && !basePath.startsWith('/')))
    throw new TypeError('`basePath` must be "" or a path starting with "/"');
  return basePath.replace(/\/+$/, '');
}

function withHeaders(script: ResponseScript, headers: HeaderRecord): ResponseScript {
  return { ...script, headers: { ...headers, ...script.headers } };
}

/**
 * Starts a Responses-compatible mock on 127.0.0.1: `POST {basePath}/responses` streams a recorded
 * transcript as SSE, `POST {basePath}/responses/compact` and
 * `POST {basePath}/memories/trace_summarize` answer `{"output": [...]}`, and
 * `GET {basePath}/models` answers `{"models": [...]}` with an `ETag`. Every answer carries an
 * `x-request-id` (`req_testkit_<n>`) unless the configured headers set one. Everything else
 * answers 404. Faults are scripted per call through each endpoint's route.
 *
 * @example
 * ```ts
 * await using server = await startResponsesServer({
 *   responsesHeaders: { 'openai-model': 'gpt-5.1-codex', 'x-codex-primary-used-percent': '12.5' },
 * });
 * server.responses.enqueue({ status: 401, body: 'Signature expired: 20260609T133205Z is now earlier than 20260614T062525Z' });
 * // first POST {baseUrl}/responses gets the 401, the next one streams the `turn` transcript
 * ```
 */
export async function startResponsesServer(
  options: ResponsesServerOptions = {},
): Promise<ResponsesServer> {
  const basePath = normaliseBasePath(options.basePath ?? '/v1');
  const eventDelayMs = options.eventDelayMs ?? 0;
  if (!Number.isInteger(eventDelayMs) || eventDelayMs < 0)
    throw new RangeError(`\`eventDelayMs\` must be a non-negative integer, got ${eventDelayMs}`);
  const transcript = options.transcript ?? loadTranscript('turn');
  const compactOutput =
    options.compactOutput ?? loadJsonFixture<{ output: unknown[] }>('compact.json').output;
  const memorySummaries =
    options.memorySummaries ?? loadJsonFixture<{ output: MemorySummary[] }>('memories.json').output;
  const models = options.models ?? loadJsonFixture<{ models: unknown[] }>('models.json').models;
  const modelsEtag = options.modelsEtag === undefined ? '"testkit-models-1"' : options.modelsEtag;

  const server = await startTestServer();
  const common = (requestIndex: number): HeaderRecord => ({
    'x-request-id': `req_testkit_${requestIndex + 1}`,
    ...options.headers,
  });

  // Every answer, scripted or standing, gets the common headers; the script's own headers win.
  const decorate = (route: Route, extra: HeaderRecord = {}): Route => {
    const wrap =
      (response: RouteResponse) =>
      async (request: RecordedRequest): Promise<ResponseScript> =>
        withHeaders(typeof response === 'function' ? await response(request) : response, {
          ...common(request.index),
          ...extra,
        });
    const decorated: Route = {
      method: route.method,
      path: route.path,
      requests: route.requests,
      respondWith(response) {
        route.respondWith(wrap(response));
        return decorated;
      },
      enqueue(...responses) {
        route.enqueue(...responses.map(wrap));
        return decorated;
      },
      remove: () => route.remove(),
    };
    return decorated;
  };

  const responses = decorate(server.route('POST', `${basePath}/responses`, {}));
  responses.respondWith(
    sseResponse(transcript, { headers: options.responsesHeaders ?? {}, eventDelayMs }),
  );
  const compact = decorate(server.route('POST', `${basePath}/responses/compact`, {}));
  compact.respondWith(jsonResponse({ output: compactOutput }));
  const memories = decorate(server.route('POST', `${basePath}/memories/trace_summarize`, {}));
  memories.respondWith(jsonResponse({ output: memorySummaries }));
  const modelsRoute = decorate(server.route('GET', `${basePath}/models`, {}));
  modelsRoute.respondWith(
    jsonResponse({ models }, { headers: modelsEtag === null ? {} : { etag: modelsEtag } }),
  );

  return {
    url: server.url,
    port: server.port,
    requests: server.requests,
    get openConnections() {
      return server.openConnections;
    },
    get activeResponses() {
      return server.activeResponses;
    },
    route: server.route,
    enqueue: server.enqueue,
    reset: server.reset,
    upgrade: server.upgrade,
    waitForOpenConnections: server.waitForOpenConnections,
    close: server.close,
    [Symbol.asyncDispose]: server.close,
    baseUrl: server.url + basePath,
    basePath,
    responses,
    compact,
    memories,
    models: modelsRoute,
  };
}
