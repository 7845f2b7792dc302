// Third-party conformance data (../shared/conformance), read at run time, never copied. Cases
// follow the newest upstream behaviour, as the spec does (README `version_notes`).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createKyTransport, SseParser } from '@codex/client';
import type { RateLimitSnapshot, ResponseEvent, ResponseItem } from '@codex/protocol';
import {
  collectSettled,
  type ResponsesWebsocketEndpoint,
  serveResponsesWebsocket,
  startTestServer,
  type TestServer,
  type WebsocketFrameScript,
} from '@codex/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectEvents } from '../../test/support/collect-events.js';
import { processChunks } from '../../test/support/process-chunks.js';
import { noAuth } from '../auth/auth-provider.js';
import { ApiError } from '../errors/api-error.js';
import {
  parseAllRateLimits,
  parseDefaultRateLimit,
  parsePromoMessage,
  parseRateLimitEvent,
  parseRateLimitForLimit,
} from '../rate-limits/rate-limit-headers.js';
import { createEndpointSettings } from '../settings/endpoint-settings.js';
import { ResponsesClient } from './responses-client.js';
import { ResponsesEventProcessor } from './responses-event-processor.js';
import { ResponsesWebsocketClient } from './websocket/responses-websocket-client.js';

const directory =
  process.env.CODEX_CONFORMANCE_DIR ??
  fileURLToPath(new URL('../../../../../shared/conformance', import.meta.url));
const responsesIndex = `${directory}/responses/index.json`;
const rateLimitsFile = `${directory}/rate-limits.json`;

type Json = Record<string, unknown>;

interface Transcript {
  name: string;
  file: string;
  chunks_b64?: string[];
  response_headers?: Record<string, string>;
  stream_stays_open?: boolean;
  expected: { events: Json[]; header_events?: Json[]; error?: Json };
}

/** A snapshot in the conformance vocabulary (snake_case, nulls for absent). */
function wireSnapshot(snapshot: RateLimitSnapshot): Json {
  const window = (value: RateLimitSnapshot['primary']) =>
    value === undefined
      ? null
      : {
          used_percent: value.usedPercent,
          window_minutes: value.windowMinutes ?? null,
          resets_at: value.resetsAt ?? null,
        };
  return {
    limit_id: snapshot.limitId ?? null,
    limit_name: snapshot.limitName ?? null,
    primary: window(snapshot.primary),
    secondary: window(snapshot.secondary),
    credits:
      snapshot.credits === undefined
        ? null
        : {
            has_credits: snapshot.credits.hasCredits,
            unlimited: snapshot.credits.unlimited,
            balance: snapshot.credits.balance ?? null,
          },
    plan_type: snapshot.planType ?? null,
    rate_limit_reached_type: snapshot.rateLimitReachedType ?? null,
  };
}

function variantName(wire: string): string {
  return wire.replace(/(^|_)([a-z])/g, (_match, _separator, letter: string) =>
    letter.toUpperCase(),
  );
}

function itemText(item: Extract<ResponseItem, { type: 'message' }>): string {
  return item.content.map((part) => ('text' in part ? part.text : '')).join('');
}

/** Checks one of our events against an expected conformance event. */
function expectEvent(actual: ResponseEvent | undefined, expected: Json, where: string): void {
  const name = expected.type as string;
  const ourType = name.charAt(0).toLowerCase() + name.slice(1);
  expect(actual?.type, where).toBe(ourType);
  if (actual === undefined) return;
  switch (actual.type) {
    case 'completed':
      expect(actual.responseId, where).toBe(expected.response_id);
      expect(
        actual.tokenUsage === undefined
          ? null
          : {
              input_tokens: actual.tokenUsage.inputTokens,
              cached_input_tokens: actual.tokenUsage.cachedInputTokens,
              output_tokens: actual.tokenUsage.outputTokens,
              reasoning_output_tokens: actual.tokenUsage.reasoningOutputTokens,
              total_tokens: actual.tokenUsage.totalTokens,
            },
        where,
      ).toEqual(expected.token_usage);
      if ('end_turn' in expected) expect(actual.endTurn, where).toBe(expected.end_turn);
      break;
    case 'outputTextDelta':
      expect(actual.delta, where).toBe(expected.delta);
      break;
    case 'toolCallInputDelta':
      expect(actual.itemId, where).toBe(expected.item_id);
      expect(actual.callId ?? null, where).toBe(expected.call_id ?? null);
      expect(actual.delta, where).toBe(expected.delta);
      break;
    case 'reasoningSummaryDelta':
      expect([actual.delta, actual.summaryIndex], where).toEqual([
        expected.delta,
        expected.summary_index,
      ]);
      break;
    case 'reasoningContentDelta':
      expect([actual.delta, actual.contentIndex], where).toEqual([
        expected.delta,
        expected.content_index,
      ]);
      break;
    case 'reasoningSummaryPartAdded':
      expect(actual.summaryIndex, where).toBe(expected.summary_index);
      break;
    case 'serverModel':
      expect(actual.model, where).toBe(expected.model);
      break;
    case 'modelVerifications':
      // The data names the Rust variant (`TrustedAccessForCyber`); ours is the wire string.
      expect(actual.verifications.map(variantName), where).toEqual(expected.verifications);
      break;
    case 'turnModerationMetadata':
      expect(actual.metadata, where).toEqual(expected.metadata);
      break;
    case 'rateLimits':
      expect(wireSnapshot(actual.snapshot), where).toEqual(expected.snapshot);
      break;
    case 'modelsEtag':
      expect(actual.etag, where).toBe(expected.etag);
      break;
    case 'serverReasoningIncluded':
      expect(actual.included, where).toBe(expected.value);
      break;
    case 'outputItemAdded':
    case 'outputItemDone':
      expectItem(actual.item, expected, where);
      break;
    case 'created':
      break;
  }
}

function expectItem(item: ResponseItem, expected: Json, where: string): void {
  expect(item.type, where).toBe(expected.item_type);
  const check = (value: unknown, key: string) => {
    if (key in expected) expect(value ?? null, `${where} ${key}`).toEqual(expected[key]);
  };
  switch (item.type) {
    case 'message':
      check(item.role, 'role');
      check(itemText(item), 'text');
      check(item.phase, 'phase');
      break;
    case 'function_call':
      check(item.name, 'name');
      check(item.call_id, 'call_id');
      check(item.arguments, 'arguments');
      break;
    case 'custom_tool_call':
      check(item.name, 'name');
      check(item.call_id, 'call_id');
      check(item.input, 'input');
      break;
    case 'local_shell_call':
      check(item.call_id, 'call_id');
      check(item.status, 'status');
      check(item.action.command, 'command');
      break;
    case 'reasoning':
      check(
        item.summary.map((part) => part.text),
        'summary',
      );
      check(item.encrypted_content != null, 'has_encrypted_content');
      break;
    case 'tool_search_call':
      check(item.call_id, 'call_id');
      check(item.execution, 'execution');
      check(item.arguments, 'arguments');
      break;
    case 'web_search_call':
      check(item.status, 'status');
      check(item.action?.type, 'action_type');
      break;
    default:
      break;
  }
}

function expectError(error: unknown, expected: Json | undefined, where: string): void {
  if (expected === undefined) {
    expect(error, where).toBeUndefined();
    return;
  }
  expect(ApiError.isInstance(error), `${where}: ${String(error)}`).toBe(true);
  const { details } = error as ApiError;
  const kind = expected.kind as string;
  expect(details.kind, where).toBe(kind.charAt(0).toLowerCase() + kind.slice(1));
  if ('message' in details) {
    if ('message' in expected) expect(details.message, where).toBe(expected.message);
    if ('message_prefix' in expected) {
      expect(details.message.startsWith(expected.message_prefix as string), where).toBe(true);
    }
  }
  if (details.kind === 'retryable' && 'delay_ms' in expected) {
    if (expected.delay_ms === null) expect(details.delayMs, where).toBeUndefined();
    else
      expect(
        Math.abs((details.delayMs ?? Number.NaN) - (expected.delay_ms as number)),
      ).toBeLessThanOrEqual(1);
  }
}

function transcriptChunks(transcript: Transcript): Uint8Array[] {
  if (transcript.chunks_b64 !== undefined) {
    return transcript.chunks_b64.map((chunk) => new Uint8Array(Buffer.from(chunk, 'base64')));
  }
  return [new Uint8Array(readFileSync(`${directory}/responses/${transcript.file}`))];
}

describe.skipIf(!existsSync(responsesIndex))('conformance: responses transcripts', () => {
  const transcripts = existsSync(responsesIndex)
    ? (JSON.parse(readFileSync(responsesIndex, 'utf8')) as { transcripts: Transcript[] })
        .transcripts
    : [];

  it('has transcripts to check', () => {
    expect(transcripts.length).toBeGreaterThan(70);
  });

  it.each(transcripts.filter((transcript) => transcript.response_headers === undefined))(
    'process_sse: $name',
    async (transcript) => {
      const stream = processChunks(transcriptChunks(transcript), {
        stayOpen: transcript.stream_stays_open === true,
        idleTimeoutMs: 1000,
      });
      const { items: events, error } = await collectSettled(stream);
      const where = transcript.name;
      expect(events.length, where).toBe(transcript.expected.events.length);
      transcript.expected.events.forEach((expected, index) => {
        expectEvent(events[index], expected, `${where} #${index}`);
      });
      expectError(error, transcript.expected.error, where);
    },
  );

  it.each(transcripts.filter((transcript) => transcript.response_headers !== undefined))(
    'via client over HTTP: $name',
    async (transcript) => {
      await using server = await startTestServer();
      const chunks = transcriptChunks(transcript);
      server.route('POST', '/v1/responses', {
        headers: { 'content-type': 'text/event-stream', ...transcript.response_headers },
        body: chunks.map((data) => ({ data })),
      });
      const client = new ResponsesClient({
        settings: createEndpointSettings({
          name: 'openai',
          baseUrl: `${server.url}/v1`,
          // No HTTP transcript waits on the idle timeout; generous so a loaded machine passes.
          streamIdleTimeoutMs: 10_000,
          retry: { maxAttempts: 0 },
        }),
        auth: noAuth,
        transport: createKyTransport(),
      });
      const stream = await client.stream({ model: 'm' });
      const { items: events, error } = await collectSettled(stream);
      const expected = [
        ...(transcript.expected.header_events ?? []),
        ...transcript.expected.events,
      ];
      const where = transcript.name;
      expect(events.length, where).toBe(expected.length);
      for (const [index, event] of expected.entries()) {
        expectEvent(events[index], event, `${where} #${index}`);
      }
      expectError(error, transcript.expected.error, where);
      expect(stream.upstreamRequestId).toBe(transcript.response_headers?.['x-request-id']);
    },
  );
});

/** The data of every SSE event of a transcript: what a WebSocket server sends as text frames. */
function ssePayloads(chunks: readonly Uint8Array[]): string[] {
  const parser = new SseParser();
  const payloads: string[] = [];
  const sink = { onEvent: (data: string) => payloads.push(data) };
  for (const chunk of chunks) parser.push(chunk, sink);
  return payloads;
}

/**
 * Where codex-api §4.8 makes WebSocket differ from SSE for these payloads: the index of the first
 * payload whose failure (`response.failed`, `response.incomplete`, an unreadable
 * `response.completed`) ends a WebSocket stream at once, with how many events come before it and
 * that failure; `undefined` when no failure comes before the end or before `completed` — then
 * the WebSocket stream must match the transcript's SSE expectation exactly.
 */
function firstImmediateFailure(
  payloads: readonly string[],
): { index: number; events: number; error: ApiError } | undefined {
  const processor = new ResponsesEventProcessor();
  const out: ResponseEvent[] = [];
  for (const [index, payload] of payloads.entries()) {
    processor.handle(payload, out);
    if (processor.completed) return undefined;
    const error = processor.pendingError;
    if (error !== undefined) return { index, events: out.length, error };
  }
  return undefined;
}

describe.skipIf(!existsSync(responsesIndex))(
  'conformance: responses transcripts over WebSocket',
  () => {
    const transcripts = existsSync(responsesIndex)
      ? (JSON.parse(readFileSync(responsesIndex, 'utf8')) as { transcripts: Transcript[] })
          .transcripts
      : [];
    let server: TestServer;
    let endpoint: ResponsesWebsocketEndpoint;
    // How many transcripts give exactly the SSE expectation, and how many differ as §4.8 says.
    const outcome = { same: 0, failedAtOnce: 0 };
    beforeAll(async () => {
      server = await startTestServer();
      endpoint = serveResponsesWebsocket(server);
    });
    afterAll(async () => {
      await endpoint.close();
      await server.close();
      // Printed for the record: every transcript is accounted for.
      console.log(
        `conformance over WebSocket: ${outcome.same} transcripts give the SSE expectation, ${outcome.failedAtOnce} differ as §4.8 says (a failure ends the stream at once)`,
      );
    });

    it.each(transcripts)('over WebSocket: $name', async (transcript) => {
      const payloads = ssePayloads(transcriptChunks(transcript));
      const frames: WebsocketFrameScript[] = payloads.map((text) => ({ text }));
      // The end of an SSE body is a connection that ends; a body that stays open stays open.
      frames.push(transcript.stream_stays_open === true ? { stall: true } : { drop: true });
      endpoint.enqueue({ frames });
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(transcript.response_headers ?? {})) {
        headers[name] = value;
      }
      endpoint.enqueueHandshake({ headers });
      const client = new ResponsesWebsocketClient({
        settings: createEndpointSettings({
          name: 'openai',
          baseUrl: `${server.url}/v1`,
          streamIdleTimeoutMs: 10_000,
        }),
        auth: noAuth,
      });
      const connection = await client.connect();
      const stream = await connection.streamRequest({ model: 'm', input: [] });
      const { events, error } = await collectEvents(stream);
      connection.close();
      const where = `${transcript.name} (WebSocket)`;

      // Header events come from the handshake, without the header rate limits (§4.8).
      const headerEvents = (transcript.expected.header_events ?? []).filter(
        (event) => event.type !== 'RateLimits',
      );
      const immediate = firstImmediateFailure(payloads);
      const expectedEvents =
        immediate === undefined
          ? transcript.expected.events
          : transcript.expected.events.slice(0, immediate.events);
      const expected = [...headerEvents, ...expectedEvents];
      expect(events.length, where).toBe(expected.length);
      for (const [index, event] of expected.entries()) {
        expectEvent(events[index], event, `${where} #${index}`);
      }
      if (immediate === undefined || sameOutcome(immediate, transcript)) {
        // Exactly the SSE expectation of the conformance data.
        expectError(error, transcript.expected.error, where);
        outcome.same += 1;
      } else {
        // The failure of that payload, at once: later events, a later failure and a later
        // `completed` are not read (§4.8; over SSE the failure waits for the end).
        expect(apiErrorDetails(error), where).toEqual(immediate.error.details);
        outcome.failedAtOnce += 1;
      }
      expect(stream.upstreamRequestId).toBe(transcript.response_headers?.['x-request-id']);
    });

    it('accounts for every transcript', () => {
      expect(outcome.same + outcome.failedAtOnce).toBe(transcripts.length);
    });
  },
);

/** Whether failing at once gives what SSE gives anyway (nothing after the failure mattered). */
function sameOutcome(
  immediate: { events: number; error: ApiError },
  transcript: Transcript,
): boolean {
  if (immediate.events !== transcript.expected.events.length) return false;
  try {
    expectError(immediate.error, transcript.expected.error, transcript.name);
    return true;
  } catch {
    return false;
  }
}

function apiErrorDetails(error: unknown): unknown {
  expect(ApiError.isInstance(error), String(error)).toBe(true);
  return (error as ApiError).details;
}

interface HeaderCase {
  id: string;
  function: string;
  limit_id_arg?: string;
  headers: Record<string, string>;
  expected: unknown;
}

describe.skipIf(!existsSync(rateLimitsFile))('conformance: rate limits', () => {
  const data = existsSync(rateLimitsFile)
    ? (JSON.parse(readFileSync(rateLimitsFile, 'utf8')) as {
        header_cases: HeaderCase[];
        event_cases: { id: string; payload: string; expected: unknown }[];
      })
    : { header_cases: [], event_cases: [] };

  it.each(data.header_cases)('$id ($function)', (testCase) => {
    // Both header containers: a record (names as given) and a Headers object.
    for (const headers of [testCase.headers, new Headers(testCase.headers)]) {
      switch (testCase.function) {
        case 'parse_all_rate_limits':
          expect(parseAllRateLimits(headers).map(wireSnapshot)).toEqual(testCase.expected);
          break;
        case 'parse_rate_limit_for_limit':
          expect(wireSnapshot(parseRateLimitForLimit(headers, testCase.limit_id_arg))).toEqual(
            testCase.expected,
          );
          break;
        case 'parse_default_rate_limit':
          expect(wireSnapshot(parseDefaultRateLimit(headers))).toEqual(testCase.expected);
          break;
        case 'parse_promo_message':
          expect(parsePromoMessage(headers) ?? null).toEqual(testCase.expected);
          break;
        default:
          throw new Error(`unknown function ${testCase.function}`);
      }
    }
  });

  it.each(data.event_cases)('$id (parse_rate_limit_event)', (testCase) => {
    const snapshot = parseRateLimitEvent(testCase.payload);
    expect(snapshot === undefined ? null : wireSnapshot(snapshot)).toEqual(testCase.expected);
  });
});
