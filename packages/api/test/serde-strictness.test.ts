// serde's strictness in the readers of @codex/api, over real sockets where a server is involved:
// integers are integers (`-0` is a float to serde_json; i64 values past 2^53 are accepted),
// enums match case-sensitively, `Some("")` stays `""`, a body that starts with a BOM is not JSON,
// and "blank" means blank to Rust's `trim` (U+FEFF is not white space there, U+0085 is).
import {
  CyberPolicyError,
  RetryLimitError,
  StreamDisconnectedError,
  UsageLimitReachedError,
} from '@codex/protocol';
import { sseFrames as frame, rejectionOf, startResponsesServer } from '@codex/testkit';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  CompactClient,
  createOpenAIProvider,
  MemoriesClient,
  ModelClient,
  ModelsClient,
  parseRateLimitEvent,
  parseRateLimitForLimit,
} from '../src/index.js';
import { collectEvents } from './support/collect-events.js';
import { testSession } from './support/endpoint-fixtures.js';
import { processChunks } from './support/process-chunks.js';

const BOM = '\uFEFF';
const BEYOND_2_53 = 2 ** 60; // exactly representable, far beyond Number.MAX_SAFE_INTEGER

// `JSON.stringify(-0)` is `0`: events with `-0` are written as text, as a server would send them.
function sse(...data: string[]): string[] {
  return data.map((json) => `data: ${json}\n\n`);
}

describe('integers are i64 values, as serde reads them', () => {
  it('SSE summary_index / content_index: -0 and fractions skip the event; 2^60 is an index', async () => {
    const { events } = await collectEvents(
      processChunks(
        sse(
          '{"type":"response.reasoning_summary_part.added","summary_index":-0}',
          '{"type":"response.reasoning_summary_part.added","summary_index":1.5}',
          '{"type":"response.reasoning_text.delta","delta":"x","content_index":-0}',
          `{"type":"response.reasoning_summary_part.added","summary_index":${BEYOND_2_53}}`,
          '{"type":"response.completed","response":{"id":"r"}}',
        ),
      ),
    );
    expect(events).toEqual([
      { type: 'reasoningSummaryPartAdded', summaryIndex: BEYOND_2_53 },
      { type: 'completed', responseId: 'r' },
    ]);
  });

  it('completed usage: -0 fails the whole completed event; counts past 2^53 are kept', async () => {
    const failed = await collectEvents(
      processChunks(
        sse(
          '{"type":"response.completed","response":{"id":"r","usage":{"input_tokens":-0,"output_tokens":1,"total_tokens":1}}}',
        ),
      ),
    );
    expect(String((failed.error as ApiError).message)).toMatch(
      /^stream error: failed to parse ResponseCompleted: invalid type for `input_tokens`/,
    );
    const big = await collectEvents(
      processChunks(
        sse(
          `{"type":"response.completed","response":{"id":"r","usage":{"input_tokens":${BEYOND_2_53},"output_tokens":1,"total_tokens":${BEYOND_2_53}}}}`,
        ),
      ),
    );
    expect(big.events).toEqual([
      {
        type: 'completed',
        responseId: 'r',
        tokenUsage: {
          inputTokens: BEYOND_2_53,
          cachedInputTokens: 0,
          outputTokens: 1,
          reasoningOutputTokens: 0,
          totalTokens: BEYOND_2_53,
        },
      },
    ]);
  });

  it('response.failed: a resets_at of -0 makes the error unreadable (generic failure)', async () => {
    const { error } = await collectEvents(
      processChunks(
        sse(
          '{"type":"response.failed","response":{"error":{"code":"context_length_exceeded","resets_at":-0}}}',
        ),
      ),
    );
    expect((error as ApiError).message).toBe('stream error: response.failed event received');
  });

  it('a 429 body whose resets_at is -0 is not a usage error; one past 2^53 still is', async () => {
    await using server = await startResponsesServer();
    const client = new ModelClient({
      provider: createOpenAIProvider({
        apiKey: 'sk-fake',
        baseUrl: server.baseUrl,
        retry: { maxAttempts: 0 },
      }),
    });
    server.models.enqueue({
      status: 429,
      body: '{"error":{"type":"usage_limit_reached","resets_at":-0}}',
    });
    expect(RetryLimitError.isInstance(await rejectionOf(client.listModels('1')))).toBe(true);
    server.models.enqueue({
      status: 429,
      body: `{"error":{"type":"usage_limit_reached","resets_at":${BEYOND_2_53}}}`,
    });
    const usage = await rejectionOf(client.listModels('1'));
    expect(UsageLimitReachedError.isInstance(usage)).toBe(true);
    // Past any representable date: upstream's `from_timestamp` gives None as well.
    expect((usage as UsageLimitReachedError).resetsAt).toBeUndefined();
  });

  it('codex.rate_limits events: -0 and fractions drop the event, 2^60 is kept', () => {
    const event = (window: string) =>
      `{"type":"codex.rate_limits","rate_limits":{"primary":${window}}}`;
    expect(parseRateLimitEvent(event('{"used_percent":1,"window_minutes":-0}'))).toBeUndefined();
    expect(parseRateLimitEvent(event('{"used_percent":1,"reset_at":1.5}'))).toBeUndefined();
    expect(parseRateLimitEvent(event(`{"used_percent":-0,"reset_at":${BEYOND_2_53}}`))).toEqual({
      limitId: 'codex',
      primary: { usedPercent: -0, resetsAt: BEYOND_2_53 },
    });
  });
});

describe('enums, empty strings, ASCII case', () => {
  it('plan_type matches case-sensitively ("PLUS" is an unknown plan)', () => {
    const event = (plan: string) => JSON.stringify({ type: 'codex.rate_limits', plan_type: plan });
    expect(parseRateLimitEvent(event('plus'))?.planType).toBe('plus');
    expect(parseRateLimitEvent(event('PLUS'))?.planType).toBe('unknown');
    expect(parseRateLimitEvent(JSON.stringify({ type: 'Codex.Rate_Limits' }))).toBeUndefined();
  });

  it('Some("") stays a value: an empty metered_limit_name wins over limit_name and gives id ""', () => {
    const event = (fields: Record<string, unknown>) =>
      JSON.stringify({ type: 'codex.rate_limits', ...fields });
    expect(parseRateLimitEvent(event({ metered_limit_name: '', limit_name: 'x' }))?.limitId).toBe(
      '',
    );
    expect(parseRateLimitEvent(event({ metered_limit_name: ' \u0085 ' }))?.limitId).toBe('');
    expect(
      parseRateLimitEvent(event({ metered_limit_name: null, limit_name: 'X-Y' }))?.limitId,
    ).toBe('x_y');
    expect(parseRateLimitEvent(event({}))?.limitId).toBe('codex');
    expect(
      parseRateLimitEvent(event({ credits: { has_credits: true, unlimited: false, balance: '' } }))
        ?.credits,
    ).toEqual({ hasCredits: true, unlimited: false, balance: '' });
  });

  it('limit ids are lower-cased in ASCII only and trimmed as Rust trims', () => {
    const event = (name: string) =>
      JSON.stringify({ type: 'codex.rate_limits', metered_limit_name: name });
    expect(parseRateLimitEvent(event('CODEX-Ärger'))?.limitId).toBe('codex_Ärger');
    expect(parseRateLimitEvent(event(`${BOM}codex`))?.limitId).toBe(`${BOM}codex`);
    const headers = new Headers({ 'x-codex-other-primary-used-percent': '5' });
    expect(parseRateLimitForLimit(headers, '\u0085CODEX_OTHER\u0085')).toEqual({
      limitId: 'codex_other',
      primary: { usedPercent: 5 },
    });
    // A family whose name is not an HTTP token finds no header (and does not throw).
    expect(parseRateLimitForLimit(headers, `${BOM}codex`)).toEqual({ limitId: `${BOM}codex` });
  });
});

describe('Rust trim for blank checks', () => {
  it('cyber_policy messages: U+FEFF is a message, U+0085 is blank (HTTP 400 and response.failed)', async () => {
    await using server = await startResponsesServer();
    const client = new ModelClient({
      provider: createOpenAIProvider({
        apiKey: 'sk-fake',
        baseUrl: server.baseUrl,
        retry: { maxAttempts: 0 },
      }),
    });
    const cyber = (message: string) => JSON.stringify({ error: { code: 'cyber_policy', message } });
    server.models.enqueue(
      { status: 400, body: cyber(BOM) },
      { status: 400, body: cyber('\u0085') },
    );
    const kept = await rejectionOf(client.listModels('1'));
    expect(CyberPolicyError.isInstance(kept) && (kept as Error).message).toBe(BOM);
    const blank = await rejectionOf(client.listModels('1'));
    expect((blank as Error).message).toBe(
      'This request has been flagged for possible cybersecurity risk.',
    );

    const failed = (message: string) =>
      collectEvents(
        processChunks(
          frame([
            { type: 'response.failed', response: { error: { code: 'cyber_policy', message } } },
          ]),
        ),
      );
    expect(((await failed(BOM)).error as ApiError).details).toEqual({
      kind: 'cyberPolicy',
      message: BOM,
    });
    expect(((await failed('\u0085\u2028')).error as ApiError).details).toEqual({
      kind: 'cyberPolicy',
      message: 'This request has been flagged for possible cybersecurity risk.',
    });
  });

  it('an environment value of only U+0085 is blank (OPENAI_ORGANIZATION is not sent)', async () => {
    await using server = await startResponsesServer();
    const client = new ModelClient({
      provider: createOpenAIProvider({
        baseUrl: server.baseUrl,
        env: { OPENAI_API_KEY: 'sk-fake', OPENAI_ORGANIZATION: '\u0085', OPENAI_PROJECT: BOM },
      }),
    });
    await client.listModels('1');
    const headers = server.models.requests[0]!.headers;
    expect(headers['openai-organization']).toBeUndefined();
    // U+FEFF is not blank to Rust: the value is used (and then skipped, as it is not a valid
    // header value — that is what upstream does too).
    expect(headers['openai-project']).toBeUndefined();
  });
});

describe('a body that starts with a UTF-8 BOM is not JSON', () => {
  const bom = new Uint8Array([0xef, 0xbb, 0xbf]);
  const withBom = (json: string) => new Uint8Array([...bom, ...new TextEncoder().encode(json)]);

  it('compact', async () => {
    await using server = await startResponsesServer();
    server.compact.enqueue({ body: withBom('{"output":[]}') });
    const client = new CompactClient({ session: testSession({ baseUrl: server.baseUrl }) });
    const error = await rejectionOf(client.compactRaw({}));
    expect(ApiError.isInstance(error) && (error as ApiError).kind).toBe('stream');
    expect(await client.compactRaw({})).toHaveLength(2);
  });

  it('memories', async () => {
    await using server = await startResponsesServer();
    server.memories.enqueue({ body: withBom('{"output":[]}') });
    const client = new MemoriesClient({ session: testSession({ baseUrl: server.baseUrl }) });
    expect(((await rejectionOf(client.summarizeRaw({}))) as ApiError).kind).toBe('stream');
  });

  it('models (the message shows the body with its BOM, as from_utf8_lossy does)', async () => {
    await using server = await startResponsesServer();
    server.models.enqueue({ body: withBom('{"models":[]}') });
    const client = new ModelsClient({ session: testSession({ baseUrl: server.baseUrl }) });
    const error = (await rejectionOf(client.listModels('1'))) as ApiError;
    expect(error.message).toMatch(
      /^stream error: failed to decode models response: .*; body: \uFEFF\{"models":\[\]\}$/,
    );
  });

  it('invalid UTF-8 is a decode error, not replaced by U+FFFD', async () => {
    await using server = await startResponsesServer();
    const encode = (text: string) => new TextEncoder().encode(text);
    server.compact.enqueue({
      body: new Uint8Array([
        ...encode('{"output":[{"type":"compaction","encrypted_content":"'),
        0xff,
        ...encode('"}]}'),
      ]),
    });
    const client = new CompactClient({ session: testSession({ baseUrl: server.baseUrl }) });
    expect(((await rejectionOf(client.compactRaw({}))) as ApiError).kind).toBe('stream');
  });

  it('StreamDisconnectedError is what ModelClient makes of it', async () => {
    await using server = await startResponsesServer();
    server.models.enqueue({ body: withBom('{"models":[]}') });
    const client = new ModelClient({
      provider: createOpenAIProvider({ apiKey: 'sk-fake', baseUrl: server.baseUrl }),
    });
    expect(StreamDisconnectedError.isInstance(await rejectionOf(client.listModels('1')))).toBe(
      true,
    );
  });
});

describe('x-error-json is decoded as the base64 STANDARD engine does', () => {
  it('non-zero trailing bits, missing padding and a BOM before the JSON give no code', async () => {
    await using server = await startResponsesServer();
    const client = new ModelClient({
      provider: createOpenAIProvider({
        apiKey: 'sk-fake',
        baseUrl: server.baseUrl,
        retry: { maxAttempts: 0 },
      }),
    });
    const codeFor = async (xErrorJson: string) => {
      server.models.enqueue({ status: 401, body: 'no', headers: { 'x-error-json': xErrorJson } });
      const error = await rejectionOf(client.listModels('1'));
      return (error as { identityErrorCode?: string }).identityErrorCode;
    };
    const valid = btoa('{"error":{"code":"a"}}'); // eyJlcnJvciI6eyJjb2RlIjoiYSJ9fQ==
    expect(await codeFor(valid)).toBe('a');
    // `Q` → `R` sets a bit that the last byte does not use: atob accepts it, upstream does not.
    expect(await codeFor(valid.replace('fQ==', 'fR=='))).toBeUndefined();
    expect(await codeFor(valid.replace('==', ''))).toBeUndefined();
    const withBom = btoa(`${String.fromCharCode(0xef, 0xbb, 0xbf)}{"error":{"code":"a"}}`);
    expect(await codeFor(withBom)).toBeUndefined();
  });
});
