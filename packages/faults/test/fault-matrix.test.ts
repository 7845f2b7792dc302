// The fault matrix of issue 13: every fault a server or the network can produce, against every
// client, over real loopback sockets. Each cell asserts the outcome class, how many requests the
// server saw (and, where the server cannot see them, how many attempts the client made), and that
// the call neither hung (a watchdog) nor left a socket, a timer, an abort listener or an unhandled
// rejection behind.
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { ApiError, type AttemptTelemetry } from '@codex/api';
import { MAX_REDIRECTS } from '@codex/client';
import { CodexError } from '@codex/protocol';
import {
  bytesOf,
  loadTranscript,
  type Route,
  refusedUrl,
  sseResponse,
  startTestServer,
  type TestServer,
  zstdFrame,
} from '@codex/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { healthy, healthyBody, TURN_TEXT, utf8Chunks } from './support/answers.js';
import { classify, messageOf } from './support/classify.js';
import { recordUnhandledRejections, runCell } from './support/run-cell.js';
import {
  type CallOptions,
  type CallResult,
  TARGETS,
  type Target,
  type TargetSettings,
} from './support/targets.js';

/** Tries of a retried failure: the cells' policy allows 2 retries. */
const TRIES = 3;
/** The event size limit of the huge-event cells. */
const SMALL_EVENT_LIMIT = 256 * 1024;

/** Everything a fault sees and may change before the call. */
interface Stage {
  readonly target: Target;
  readonly server: TestServer;
  /** A second origin, for cross-origin redirects. */
  readonly other: TestServer;
  /** The endpoint's standing route on `server` (answering healthily until a fault changes it). */
  readonly route: Route;
  /** The endpoint's path, e.g. `/v1/responses`. */
  readonly path: string;
  readonly controller: AbortController;
  readonly attempts: AttemptTelemetry[];
  /** Where the client is pointed. */
  origin: string;
  settings: TargetSettings;
  /** Set by faults that count what they produced. */
  produced?: { bytes: number };
}

/** What a cell must show. */
interface Expectation {
  /** See `classify`. */
  readonly outcome: string;
  /** The message the caller reads. */
  readonly message?: RegExp;
  /** Requests the server saw: exactly, or within `[min, max]`. */
  readonly requests: number | readonly [number, number];
  /** Attempts the client reported through `onAttempt`. */
  readonly attempts?: number;
  /** The mapped error's class, for `ModelClient`. */
  readonly mappedName?: string;
}

interface Fault {
  readonly name: string;
  /** Whether the fault means anything for `target` (early `break` needs a stream). */
  readonly applies?: (target: Target) => boolean;
  /** Scripts the servers, points the client, changes its settings. */
  readonly arrange: (stage: Stage) => unknown;
  /** Makes the call (default: one plain call). */
  readonly act?: (
    stage: Stage,
    call: (options?: CallOptions) => Promise<CallResult>,
  ) => Promise<CallResult>;
  readonly expect: (target: Target, stage: Stage) => Expectation;
  /** Further checks on the result or the failure. */
  readonly verify?: (
    stage: Stage,
    result: CallResult | undefined,
    error: unknown,
  ) => void | Promise<void>;
}

// Whether this runtime's fetch decodes `content-encoding: zstd` (Node >= 24 does).
let fetchDecodesZstd = false;
beforeAll(async () => {
  recordUnhandledRejections();
  await using probe = await startTestServer();
  probe.route('GET', '/zstd', {
    headers: { 'content-encoding': 'zstd' },
    body: zstdFrame(bytesOf('probe')),
  });
  fetchDecodesZstd = (await (await fetch(`${probe.url}/zstd`)).text()) === 'probe';
});

const transcriptText = loadTranscript('turn').toString('utf8');
const transcriptBlocks = transcriptText.split(/(?<=\n\n)/);

function waitFor(condition: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const poll = (): void => {
      if (condition()) resolve();
      else if (performance.now() - started > 10_000)
        reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(poll, 2);
    };
    poll();
  });
}

/** A body that is cut off at `offset` bytes of the healthy one, by an ended connection. */
function dropAt(offset: (length: number) => number, label: string): Fault {
  return {
    name: `connection reset mid-body after ${label}`,
    arrange: (stage) => {
      const { bytes } = healthyBody(stage.target);
      stage.route.respondWith(healthy(stage.target, { dropAfterBytes: offset(bytes.byteLength) }));
    },
    expect: (target) =>
      target.streaming
        ? { outcome: 'stream', requests: 1, message: /terminated|closed|other side/ }
        : { outcome: 'network', requests: TRIES, attempts: TRIES },
  };
}

/** The first `count` events of the transcript, then silence. */
function partialThenStall(target: Target, count: number) {
  return target.streaming
    ? sseResponse(transcriptText, { stallAfterEvents: count })
    : {
        ...healthy(target),
        body: [{ data: healthyBody(target).bytes.subarray(0, 10) }],
        stall: true,
      };
}

const FAULTS: readonly Fault[] = [
  {
    name: 'http 500 (retried)',
    arrange: ({ route }) => route.respondWith({ status: 500, body: 'boom' }),
    expect: () => ({
      outcome: 'http:500',
      requests: TRIES,
      attempts: TRIES,
      mappedName: 'InternalServerError',
    }),
  },
  {
    name: 'http 503 once, then healthy',
    arrange: ({ route }) => route.enqueue({ status: 503, body: 'busy' }),
    expect: () => ({ outcome: 'ok', requests: 2, attempts: 2 }),
    verify: ({ target }, result) => {
      if (target.streaming) expect(result?.text).toBe(TURN_TEXT);
    },
  },
  {
    name: 'http 429 without Retry-After (not retried)',
    arrange: ({ route }) => route.respondWith({ status: 429, body: '{"error":{"type":"x"}}' }),
    expect: () => ({
      outcome: 'http:429',
      requests: 1,
      attempts: 1,
      mappedName: 'RetryLimitError',
    }),
  },
  {
    name: 'http 429 with Retry-After (not consulted, as upstream)',
    arrange: ({ route }) =>
      route.respondWith({ status: 429, headers: { 'retry-after': '1' }, body: '{}' }),
    expect: () => ({
      outcome: 'http:429',
      requests: 1,
      attempts: 1,
      mappedName: 'RetryLimitError',
    }),
  },
  {
    name: 'http 401',
    arrange: ({ route }) =>
      route.respondWith({ status: 401, body: '{"error":{"message":"Incorrect API key"}}' }),
    expect: () => ({
      outcome: 'http:401',
      requests: 1,
      message: /401/,
      mappedName: 'UnexpectedStatusError',
    }),
  },
  {
    name: 'http 403 with an HTML page',
    arrange: ({ route }) =>
      route.respondWith({
        status: 403,
        headers: { 'content-type': 'text/html', 'cf-ray': 'ray-403' },
        body: '<html><body><h1>Attention Required! | Cloudflare</h1></body></html>',
      }),
    expect: () => ({ outcome: 'http:403', requests: 1, mappedName: 'UnexpectedStatusError' }),
  },
  {
    name: 'connection refused',
    arrange: async (stage) => {
      stage.origin = await refusedUrl();
    },
    expect: () => ({
      outcome: 'network',
      requests: 0,
      attempts: TRIES,
      mappedName: 'StreamDisconnectedError',
    }),
  },
  {
    name: 'connection reset before the headers',
    arrange: ({ route }) => route.respondWith({ closeWithoutResponse: true }),
    expect: () => ({ outcome: 'network', requests: TRIES, attempts: TRIES }),
  },
  {
    name: 'garbage bytes instead of HTTP',
    arrange: ({ route }) => route.respondWith({ garbage: true }),
    expect: () => ({ outcome: 'network', requests: TRIES, attempts: TRIES }),
  },
  dropAt(() => 0, '0 bytes'),
  dropAt(() => 1, '1 byte'),
  dropAt((length) => Math.floor(length / 2), 'half the body'),
  dropAt((length) => length - 1, 'all but the last byte'),
  {
    name: 'stall before the headers (response timeout, retried)',
    arrange: ({ route }) => route.respondWith({ stallBeforeHeaders: true }),
    // A timed-out try may never reach a loaded server: the client's count is exact.
    expect: () => ({
      outcome: 'timeout',
      requests: [1, TRIES],
      attempts: TRIES,
      mappedName: 'RequestTimeoutError',
    }),
  },
  {
    name: 'stall after the headers',
    arrange: ({ route, target }) => route.respondWith(partialThenStall(target, 3)),
    expect: (target) =>
      target.streaming
        ? { outcome: 'stream', requests: 1, message: /idle timeout waiting for SSE/ }
        : { outcome: 'timeout', requests: [1, TRIES], attempts: TRIES },
  },
  {
    name: 'slow drip',
    arrange: ({ route, target }) =>
      route.respondWith(healthy(target, { drip: { bytesPerChunk: 257, intervalMs: 1 } })),
    expect: () => ({ outcome: 'ok', requests: 1 }),
    verify: ({ target }, result) => {
      if (target.streaming) expect(result?.text).toBe(TURN_TEXT);
      else expect(result?.items.length).toBeGreaterThan(0);
    },
  },
  {
    name: 'invalid UTF-8 and a character split across chunks',
    arrange: ({ route, target }) =>
      route.respondWith(healthy(target, { body: utf8Chunks(target) })),
    // A stream decodes lossily (WHATWG: U+FFFD); a unary body is read as serde_json's
    // `from_slice` reads it: invalid UTF-8 does not decode.
    expect: (target) =>
      target.streaming
        ? { outcome: 'ok', requests: 1 }
        : { outcome: 'stream', requests: 1, message: /not valid for encoding utf-8|decode/ },
    verify: (_stage, result) => {
      if (result !== undefined) expect(result.text).toContain('caf\u00e9 \uFFFDARK');
    },
  },
  {
    name: 'malformed JSON',
    arrange: ({ route, target }) =>
      route.respondWith(
        healthy(target, {
          body: target.streaming
            ? 'data: {"type":"response.output_text.delta","delta":\n\n'
            : '{"output": [{"type":',
        }),
      ),
    expect: (target) => ({
      outcome: 'stream',
      requests: 1,
      message: target.streaming ? /stream closed before response\.completed/ : /JSON/,
    }),
  },
  {
    name: 'no response.completed (a clean end too early)',
    arrange: ({ route, target }) =>
      route.respondWith(
        healthy(target, { body: target.streaming ? transcriptBlocks.slice(0, -1).join('') : '' }),
      ),
    expect: (target) => ({
      outcome: 'stream',
      requests: 1,
      message: target.streaming ? /stream closed before response\.completed/ : /JSON/,
    }),
  },
  {
    name: 'a huge event (streams: an endless one over the limit; unary: a 4 MiB body that does not decode)',
    arrange: (stage) => {
      const { route, target } = stage;
      if (!target.streaming) {
        route.respondWith(healthy(target, { body: `<html>${'x'.repeat(4 * 1024 * 1024)}</html>` }));
        return;
      }
      stage.settings = { ...stage.settings, maxEventSize: SMALL_EVENT_LIMIT };
      const produced = { bytes: 0 };
      stage.produced = produced;
      const piece = 'x'.repeat(64 * 1024);
      route.respondWith(() => ({
        headers: { 'content-type': 'text/event-stream' },
        body: (function* endless() {
          yield { data: 'data: {"type":"response.output_text.delta","delta":"' };
          // Bounded only by the client: it must stop reading at the limit.
          for (;;) {
            produced.bytes += piece.length;
            yield { data: piece };
          }
        })(),
      }));
    },
    expect: (target) =>
      target.streaming
        ? {
            outcome: 'stream',
            requests: 1,
            message: new RegExp(`event larger than the limit of ${SMALL_EVENT_LIMIT} characters`),
          }
        : { outcome: 'stream', requests: 1 },
    verify: async (stage, _result, error) => {
      // A decode error quotes a short excerpt at most, whatever the body's size.
      expect(messageOf(error).length).toBeLessThan(1_500);
      if (stage.produced !== undefined) {
        expect(await stage.server.requests[0]!.outcome).toBe('client-disconnected');
        // Stopped near the limit: what the socket buffers hold on top, not without end.
        expect(stage.produced.bytes).toBeLessThan(64 * 1024 * 1024);
      }
    },
  },
  {
    name: 'a gzip-encoded body',
    arrange: ({ route, target }) =>
      route.respondWith(
        healthy(target, {
          headers: { 'content-encoding': 'gzip' },
          body: gzipSync(healthyBody(target).bytes),
        }),
      ),
    expect: () => ({ outcome: 'ok', requests: 1 }),
  },
  {
    name: 'a br-encoded body',
    arrange: ({ route, target }) =>
      route.respondWith(
        healthy(target, {
          headers: { 'content-encoding': 'br' },
          body: brotliCompressSync(healthyBody(target).bytes),
        }),
      ),
    expect: () => ({ outcome: 'ok', requests: 1 }),
  },
  {
    name: 'a zstd-encoded body (named when fetch does not decode zstd)',
    arrange: ({ route, target }) =>
      route.respondWith(
        healthy(target, {
          headers: { 'content-encoding': 'zstd' },
          body: zstdFrame(healthyBody(target).bytes),
        }),
      ),
    expect: (target) =>
      fetchDecodesZstd
        ? { outcome: 'ok', requests: 1 }
        : {
            outcome: target.streaming ? 'stream' : 'transport-stream',
            requests: 1,
            message: /zstd-encoded \(content-encoding: zstd\)/,
          },
  },
  ...([307, 308] as const).map(
    (status): Fault => ({
      name: `a same-origin ${status} redirect (followed with the body)`,
      arrange: ({ server, route, target, path }) => {
        route.respondWith({ status, headers: { location: `${path}-moved` } });
        server.route(target.method, `${path}-moved`, healthy(target));
      },
      expect: () => ({ outcome: 'ok', requests: 2, attempts: 1 }),
      verify: ({ server }) => {
        const [first, second] = server.requests;
        expect(second?.text()).toBe(first?.text());
        expect(second?.headers.authorization).toBe(first?.headers.authorization);
      },
    }),
  ),
  {
    name: 'a same-origin 302 redirect (followed for GET, refused for POST)',
    arrange: ({ server, route, target, path }) => {
      route.respondWith({ status: 302, headers: { location: `${path}-moved` } });
      server.route('*', `${path}-moved`, healthy(target));
    },
    expect: (target) =>
      target.method === 'GET'
        ? { outcome: 'ok', requests: 2 }
        : { outcome: 'redirect:302', requests: 1, message: /would turn the POST into a GET/ },
  },
  ...([302, 307] as const).map(
    (status): Fault => ({
      name: `a cross-origin ${status} redirect (refused; nothing reaches the other host)`,
      arrange: ({ other, route, target, path }) => {
        other.route('*', path, healthy(target));
        route.respondWith({ status, headers: { location: `${other.url}${path}` } });
      },
      expect: (_target, stage) => ({
        outcome: `redirect:${status}`,
        requests: 1,
        attempts: 1,
        message: new RegExp(`to another origin \\(${stage.other.url.replaceAll('.', '\\.')}\\)`),
        mappedName: 'UnexpectedStatusError',
      }),
      verify: ({ other }) => expect(other.requests).toHaveLength(0),
    }),
  ),
  {
    name: 'a redirect loop (stops after the hop limit, not retried)',
    arrange: ({ route, path }) => route.respondWith({ status: 307, headers: { location: path } }),
    expect: () => ({
      outcome: 'redirect:307',
      requests: MAX_REDIRECTS + 1,
      attempts: 1,
      message: new RegExp(`after ${MAX_REDIRECTS} redirects`),
    }),
  },
  {
    name: 'abort before the call',
    arrange: () => undefined,
    act: (stage, call) => {
      stage.controller.abort(new Error('stopped before the call'));
      return call();
    },
    expect: () => ({ outcome: 'abort', requests: 0 }),
  },
  {
    name: 'abort while authenticating (OpenAI: while resolving)',
    arrange: (stage) => {
      const entered = { value: false };
      stage.settings = {
        ...stage.settings,
        authGate: () => {
          entered.value = true;
          return new Promise<never>(() => undefined);
        },
      };
      (stage as { entered?: { value: boolean } }).entered = entered;
    },
    act: async (stage, call) => {
      const pending = call();
      const entered = (stage as { entered?: { value: boolean } }).entered!;
      await waitFor(() => entered.value, 'the auth step');
      stage.controller.abort(new Error('stopped while authenticating'));
      return pending;
    },
    expect: () => ({ outcome: 'abort', requests: 0 }),
  },
  {
    name: 'abort while waiting for the headers',
    arrange: (stage) => {
      stage.route.respondWith({ stallBeforeHeaders: true });
      stage.settings = { ...stage.settings, responseTimeoutMs: 60_000 };
    },
    act: async (stage, call) => {
      const pending = call();
      await waitFor(() => stage.server.requests.length === 1, 'the request');
      stage.controller.abort(new Error('stopped while waiting for the head'));
      return pending;
    },
    expect: () => ({ outcome: 'abort', requests: 1 }),
  },
  {
    name: 'abort in the middle of the body',
    arrange: (stage) => {
      stage.route.respondWith(partialThenStall(stage.target, 3));
      stage.settings = {
        ...stage.settings,
        responseTimeoutMs: 60_000,
        streamIdleTimeoutMs: 60_000,
      };
    },
    act: async (stage, call) => {
      if (stage.target.streaming) {
        return call({
          onEvent: () => {
            stage.controller.abort(new Error('stopped mid-stream'));
            return false;
          },
        });
      }
      const pending = call();
      await waitFor(() => stage.server.activeResponses === 1, 'the partial body');
      await new Promise((resolve) => setTimeout(resolve, 20));
      stage.controller.abort(new Error('stopped mid-body'));
      return pending;
    },
    expect: () => ({ outcome: 'abort', requests: 1 }),
    verify: async ({ server }) => {
      expect(await server.requests[0]!.outcome).toBe('client-disconnected');
    },
  },
  {
    name: 'abort during a backoff sleep',
    arrange: (stage) => {
      stage.route.respondWith({ status: 503, body: 'busy' });
      stage.settings = { ...stage.settings, retry: { maxAttempts: 3, baseDelayMs: 60_000 } };
    },
    act: async (stage, call) => {
      const pending = call();
      await waitFor(() => stage.attempts.length === 1, 'the first attempt');
      stage.controller.abort(new Error('stopped while backing off'));
      return pending;
    },
    expect: () => ({ outcome: 'abort', requests: 1, attempts: 1 }),
  },
  {
    name: 'early break out of the stream',
    applies: (target) => target.streaming,
    arrange: ({ route, target }) => route.respondWith(partialThenStall(target, 5)),
    act: (_stage, call) => call({ onEvent: () => true }),
    expect: () => ({ outcome: 'ok', requests: 1 }),
    verify: async ({ server }, result) => {
      expect(result?.items).toHaveLength(1);
      expect(await server.requests[0]!.outcome).toBe('client-disconnected');
    },
  },
  {
    name: 'an overall deadline (timeoutMs) over endless 503s',
    arrange: (stage) => {
      stage.route.respondWith({ status: 503, body: 'busy' });
      stage.settings = { ...stage.settings, retry: { maxAttempts: 100, baseDelayMs: 20 } };
    },
    act: (_stage, call) => call({ timeoutMs: 300 }),
    expect: () => ({ outcome: 'timeout', requests: [1, 30], mappedName: 'RequestTimeoutError' }),
  },
];

/** The number of cells, for the report. */
export const CELL_COUNT: number = TARGETS.reduce(
  (count, target) => count + FAULTS.filter((fault) => fault.applies?.(target) ?? true).length,
  0,
);

describe.each(TARGETS)('$name', (target) => {
  const faults = FAULTS.filter((fault) => fault.applies?.(target) ?? true);
  it.each(faults)('$name', async (fault) => {
    const controller = new AbortController();
    await runCell({
      signals: () => [controller.signal],
      run: async () => {
        await using server = await startTestServer();
        await using other = await startTestServer();
        const path = `${target.basePath}/${target.endpoint}`;
        const attempts: AttemptTelemetry[] = [];
        const stage: Stage = {
          target,
          server,
          other,
          route: server.route(target.method, path, healthy(target)),
          path,
          controller,
          attempts,
          origin: server.url,
          settings: {},
        };
        await fault.arrange(stage);
        const call = (options: CallOptions = {}): Promise<CallResult> =>
          target.call(
            stage.origin,
            { ...stage.settings, onAttempt: (telemetry) => attempts.push(telemetry) },
            { signal: controller.signal, ...options },
          );
        let result: CallResult | undefined;
        let error: unknown;
        try {
          result = await (fault.act ?? ((_stage, plain) => plain()))(stage, call);
        } catch (caught) {
          error = caught;
        }
        const expected = fault.expect(target, stage);
        const outcome = error === undefined ? 'ok' : classify(error, controller.signal.reason);
        expect(outcome, messageOf(error)).toBe(expected.outcome);
        if (error !== undefined && outcome !== 'abort') {
          // Every failure is the library's own: mapped by the provider, or an ApiError.
          if (target.mapped) {
            expect(CodexError.isInstance(error)).toBe(true);
            if (expected.mappedName !== undefined) {
              expect((error as Error).name).toBe(expected.mappedName);
            }
          } else {
            expect(ApiError.isInstance(error)).toBe(true);
          }
        }
        if (expected.message !== undefined) expect(messageOf(error)).toMatch(expected.message);
        const requests = server.requests.length;
        if (typeof expected.requests === 'number') expect(requests).toBe(expected.requests);
        else {
          expect(requests).toBeGreaterThanOrEqual(expected.requests[0]);
          expect(requests).toBeLessThanOrEqual(expected.requests[1]);
        }
        if (expected.attempts !== undefined) expect(attempts).toHaveLength(expected.attempts);
        await fault.verify?.(stage, result, error);
      },
    });
  });
});
