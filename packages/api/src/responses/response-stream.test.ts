// The SSE → ResponseEvent state machine (codex-api.md §4.4, cases §8.1), without a header phase.
import { collectSettled, sseFrames } from '@codex/testkit';
import { describe, expect, it } from 'vitest';
import { processChunks } from '../../test/support/process-chunks.js';
import { ApiError } from '../errors/api-error.js';
import { retryAfterMs } from './responses-event-processor.js';

const completed = (id = 'resp1', extra: Record<string, unknown> = {}) => ({
  type: 'response.completed',
  response: { id, ...extra },
});
const assistant = (text: string, phase?: string) => ({
  type: 'response.output_item.done',
  item: {
    type: 'message',
    role: 'assistant',
    content: [{ type: 'output_text', text }],
    ...(phase === undefined ? {} : { phase }),
  },
});
const failed = (error: unknown) => ({
  type: 'response.failed',
  response: { id: 'resp_f', status: 'failed', error },
});

async function run(payloads: Record<string, unknown>[], options = {}) {
  const { items: events, error } = await collectSettled(
    processChunks(sseFrames(payloads), options),
  );
  return { events, error };
}

function apiError(error: unknown): ApiError {
  expect(ApiError.isInstance(error)).toBe(true);
  return error as ApiError;
}

describe('process_sse: events (§8.1)', () => {
  it('1. items then completed, each in its own chunk, exactly 3 events', async () => {
    const { events, error } = await run([
      assistant('Hello', 'commentary'),
      assistant('World'),
      completed(),
    ]);
    expect(error).toBeUndefined();
    expect(events).toEqual([
      {
        type: 'outputItemDone',
        item: {
          type: 'message',
          role: 'assistant',
          content: [{ type: 'output_text', text: 'Hello' }],
          phase: 'commentary',
        },
      },
      {
        type: 'outputItemDone',
        item: {
          type: 'message',
          role: 'assistant',
          content: [{ type: 'output_text', text: 'World' }],
        },
      },
      { type: 'completed', responseId: 'resp1' },
    ]);
  });

  it('2. missing completed ends with stream closed before response.completed', async () => {
    const { events, error } = await run([assistant('Hello')]);
    expect(events.map((event) => event.type)).toEqual(['outputItemDone']);
    expect(apiError(error).message).toBe('stream error: stream closed before response.completed');
  });

  it('3. tool_search_call item', async () => {
    const item = {
      type: 'tool_search_call',
      call_id: 'search-1',
      execution: 'client',
      arguments: { query: 'calendar create', limit: 1 },
    };
    const { events } = await run([{ type: 'response.output_item.done', item }, completed()]);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ type: 'outputItemDone', item });
  });

  it('4. custom tool input deltas are mapped, function-call argument deltas ignored', async () => {
    const { events } = await run([
      {
        type: 'response.custom_tool_call_input.delta',
        item_id: 'ctc_1',
        call_id: 'call_1',
        delta: '*** Begin',
      },
      { type: 'response.function_call_arguments.delta', item_id: 'fc_1', delta: '{"input":"' },
      completed(),
    ]);
    expect(events).toEqual([
      { type: 'toolCallInputDelta', itemId: 'ctc_1', callId: 'call_1', delta: '*** Begin' },
      { type: 'completed', responseId: 'resp1' },
    ]);
  });

  it('5. completed ends the stream at once although the body never ends', async () => {
    const stream = processChunks(sseFrames([completed()]), { stayOpen: true, idleTimeoutMs: 5000 });
    const started = performance.now();
    const { items: events, error } = await collectSettled(stream);
    expect(events).toEqual([{ type: 'completed', responseId: 'resp1' }]);
    expect(error).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(4000); // well before the idle timeout
  });

  it('6. rate_limit_exceeded failure is retryable with its delay', async () => {
    const message =
      'Rate limit reached for gpt-5.1 in organization org-AAA on tokens per min (TPM): Limit 30000, Used 22999, Requested 12528. Please try again in 11.054s. Visit https://platform.openai.com/account/rate-limits to learn more.';
    const { events, error } = await run([
      {
        type: 'response.failed',
        sequence_number: 3,
        response: {
          id: 'resp_689bcf18',
          object: 'response',
          status: 'failed',
          error: { code: 'rate_limit_exceeded', message },
          usage: null,
          metadata: {},
        },
      },
    ]);
    expect(events).toEqual([]);
    expect(apiError(error).details).toEqual({ kind: 'retryable', message, delayMs: 11054 });
  });

  it.each([
    [
      '7. context window',
      { code: 'context_length_exceeded', message: 'Your input exceeds the context window.' },
      { kind: 'contextWindowExceeded' },
    ],
    [
      '8. context window with newline',
      { code: 'context_length_exceeded', message: 'Please try\nagain.' },
      { kind: 'contextWindowExceeded' },
    ],
    [
      '9. quota',
      { code: 'insufficient_quota', message: 'You exceeded your current quota' },
      { kind: 'quotaExceeded' },
    ],
    [
      '10. cyber policy',
      { code: 'cyber_policy', message: 'This request was flagged for cyber policy.' },
      { kind: 'cyberPolicy', message: 'This request was flagged for cyber policy.' },
    ],
    [
      '11. cyber policy, blank message',
      { code: 'cyber_policy', message: '   ' },
      {
        kind: 'cyberPolicy',
        message: 'This request has been flagged for possible cybersecurity risk.',
      },
    ],
    [
      '12. invalid_prompt',
      { code: 'invalid_prompt', message: "Invalid prompt: we've limited access." },
      { kind: 'invalidRequest', message: "Invalid prompt: we've limited access." },
    ],
    ['31. server_is_overloaded', { code: 'server_is_overloaded' }, { kind: 'serverOverloaded' }],
    ['31. slow_down', { code: 'slow_down', message: 'x' }, { kind: 'serverOverloaded' }],
    ['31. usage_not_included', { code: 'usage_not_included' }, { kind: 'usageNotIncluded' }],
    [
      '32. generic failure',
      { code: 'server_error', message: 'boom' },
      { kind: 'retryable', message: 'boom' },
    ],
    [
      '32. generic failure, no message',
      { code: 'server_error' },
      { kind: 'retryable', message: '' },
    ],
    [
      '32. invalid_prompt without message',
      { code: 'invalid_prompt' },
      { kind: 'invalidRequest', message: 'Invalid request.' },
    ],
    [
      '§9.11 only the code is consulted, never the type',
      { type: 'insufficient_quota', message: 'quota' },
      { kind: 'retryable', message: 'quota' },
    ],
  ])('%s', async (_name, error, expected) => {
    const result = await run([failed(error)]);
    expect(result.events).toEqual([]);
    expect(apiError(result.error).details).toEqual(expected);
  });

  it('13–15. created, output_item.done and unknown types (data-less) with completed + usage', async () => {
    const usageCompleted = completed('resp1', {
      usage: {
        input_tokens: 0,
        input_tokens_details: null,
        output_tokens: 0,
        output_tokens_details: null,
        total_tokens: 0,
      },
      output: [],
    });
    const zero = {
      inputTokens: 0,
      cachedInputTokens: 0,
      outputTokens: 0,
      reasoningOutputTokens: 0,
      totalTokens: 0,
    };
    expect(
      (await run([{ type: 'response.created', response: {} }, usageCompleted])).events,
    ).toEqual([{ type: 'created' }, { type: 'completed', responseId: 'resp1', tokenUsage: zero }]);
    expect((await run([assistant('x'), usageCompleted])).events[0]?.type).toBe('outputItemDone');
    expect((await run([{ type: 'response.new_tool_event' }, usageCompleted])).events).toEqual([
      { type: 'completed', responseId: 'resp1', tokenUsage: zero },
    ]);
  });

  it('18. response.model is not a server model', async () => {
    const { events } = await run([
      { type: 'response.created', response: { id: 'resp-1', model: 'gpt-5.3-codex' } },
      completed('resp-1', { model: 'gpt-5.3-codex' }),
    ]);
    expect(events).toEqual([{ type: 'created' }, { type: 'completed', responseId: 'resp-1' }]);
  });

  it('19. model from response.headers, key matched case-insensitively', async () => {
    const { events } = await run([
      {
        type: 'response.created',
        response: { id: 'resp-1', headers: { 'OpenAI-Model': 'gpt-5.3-codex' } },
      },
      completed('resp-1'),
    ]);
    expect(events).toEqual([
      { type: 'serverModel', model: 'gpt-5.3-codex' },
      { type: 'created' },
      { type: 'completed', responseId: 'resp-1' },
    ]);
  });

  it('20, 23–25. verifications come from response.metadata arrays only', async () => {
    const metadata = (value: unknown) => ({
      type: 'response.metadata',
      sequence_number: 1,
      response_id: 'resp-1',
      metadata: { openai_verification_recommendation: value },
    });
    expect(
      (await run([metadata(['trusted_access_for_cyber']), completed('resp-1')])).events,
    ).toEqual([
      { type: 'modelVerifications', verifications: ['trusted_access_for_cyber'] },
      { type: 'completed', responseId: 'resp-1' },
    ]);
    const duplicated = await run([
      metadata(['trusted_access_for_cyber', 'trusted_access_for_cyber']),
      completed(),
    ]);
    expect(duplicated.events[0]).toEqual({
      type: 'modelVerifications',
      verifications: ['trusted_access_for_cyber'],
    });
    for (const value of [['unknown'], 'trusted_access_for_cyber']) {
      expect((await run([metadata(value), completed()])).events).toEqual([
        { type: 'completed', responseId: 'resp1' },
      ]);
    }
    // The same array on another event type is not a verification.
    const other = await run([
      {
        type: 'response.in_progress',
        metadata: { openai_verification_recommendation: ['trusted_access_for_cyber'] },
      },
      completed(),
    ]);
    expect(other.events.map((event) => event.type)).toEqual(['completed']);
  });

  it('21–22. top-level headers name the model; response.headers win', async () => {
    const topLevel = await run([
      { type: 'response.metadata', headers: { 'openai-model': 'gpt-5.3-codex' } },
      completed(),
    ]);
    expect(topLevel.events[0]).toEqual({ type: 'serverModel', model: 'gpt-5.3-codex' });
    const both = await run([
      {
        type: 'response.created',
        headers: { 'openai-model': 'top-level-model' },
        response: { id: 'resp-1', headers: { 'openai-model': 'gpt-5.3-codex' } },
      },
      completed(),
    ]);
    expect(both.events[0]).toEqual({ type: 'serverModel', model: 'gpt-5.3-codex' });
  });

  it('26–28, 33. retry-after extraction', () => {
    expect(retryAfterMs('Limit 1. Please try again in 28ms. Visit …')).toBe(28);
    expect(retryAfterMs('Please try again in 1.898s. Visit')).toBe(1898);
    expect(retryAfterMs('Rate limit exceeded. Try again in 35 seconds.')).toBe(35_000);
    expect(retryAfterMs('try again in 2 minutes')).toBeUndefined();
    expect(retryAfterMs('TRY AGAIN IN 3S')).toBe(3000);
    expect(retryAfterMs('try again in 1.9ms')).toBe(1);
    expect(retryAfterMs('try again in\t\n 4 s')).toBe(4000);
    // ASCII only, as regex-lite: Arabic-Indic digits and a no-break space do not count.
    expect(retryAfterMs('try again in ٣s')).toBeUndefined();
    expect(retryAfterMs('try again in\u00a03s')).toBeUndefined();
  });

  it('33. a delay is read only for rate_limit_exceeded', async () => {
    const notRateLimit = await run([
      failed({ code: 'server_error', message: 'Please try again in 5s' }),
    ]);
    expect(apiError(notRateLimit.error).details).toEqual({
      kind: 'retryable',
      message: 'Please try again in 5s',
    });
    const minutes = await run([
      failed({ code: 'rate_limit_exceeded', message: 'try again in 2 minutes' }),
    ]);
    expect(apiError(minutes.error).details).toEqual({
      kind: 'retryable',
      message: 'try again in 2 minutes',
    });
  });

  it('29. response.incomplete, with and without a reason', async () => {
    const withReason = await run([
      {
        type: 'response.incomplete',
        response: { incomplete_details: { reason: 'max_output_tokens' } },
      },
    ]);
    expect(apiError(withReason.error).message).toBe(
      'stream error: Incomplete response returned, reason: max_output_tokens',
    );
    const without = await run([{ type: 'response.incomplete', response: {} }]);
    expect(apiError(without.error).message).toBe(
      'stream error: Incomplete response returned, reason: unknown',
    );
  });

  it('30. response.failed without response, without error, or with a numeric code', async () => {
    for (const payload of [
      { type: 'response.failed', sequence_number: 1 },
      { type: 'response.failed', response: { id: 'r' } },
      { type: 'response.failed', response: { error: null } },
      failed({ code: 42, message: 'x' }),
    ]) {
      const { error } = await run([payload]);
      expect(apiError(error).details).toEqual({
        kind: 'stream',
        message: 'response.failed event received',
      });
    }
  });

  it('34. a later completed wins over a failure', async () => {
    const { events, error } = await run([
      failed({ code: 'rate_limit_exceeded', message: 'try again in 1s' }),
      completed('r'),
    ]);
    expect(error).toBeUndefined();
    expect(events).toEqual([{ type: 'completed', responseId: 'r' }]);
  });

  it('35. events after a failure still flow, then the failure ends the stream', async () => {
    const { events, error } = await run([
      failed({ code: 'server_error', message: 'boom' }),
      { type: 'response.output_text.delta', delta: 'x' },
    ]);
    expect(events).toEqual([{ type: 'outputTextDelta', delta: 'x' }]);
    expect(apiError(error).message).toBe('retryable error: boom');
  });

  it('36. the last error wins', async () => {
    const { error } = await run([
      failed({ code: 'context_length_exceeded' }),
      { type: 'response.incomplete', response: { incomplete_details: { reason: 'x' } } },
    ]);
    expect(apiError(error).message).toBe('stream error: Incomplete response returned, reason: x');
  });

  it('37. idle timeout (keep-alive comments do not count) discards a pending failure', async () => {
    const stream = processChunks(
      [...sseFrames([failed({ code: 'server_error', message: 'boom' })]), ': keepalive\n\n'],
      { stayOpen: true, idleTimeoutMs: 60 },
    );
    const { items: events, error } = await collectSettled(stream);
    expect(events).toEqual([]);
    expect(apiError(error).message).toBe('stream error: idle timeout waiting for SSE');
  });

  it('38. a transport error mid-stream is one stream error, right away', async () => {
    const stream = processChunks(sseFrames([{ type: 'response.output_text.delta', delta: 'a' }]), {
      error: new Error('connection reset'),
    });
    const { items: events, error } = await collectSettled(stream);
    expect(events).toEqual([{ type: 'outputTextDelta', delta: 'a' }]);
    expect(apiError(error).details.kind).toBe('stream');
    expect(apiError(error).message).toContain('connection reset');
    expect(apiError(error).message).not.toContain('response.completed');
  });

  it('39. invalid JSON and wrongly typed known keys are skipped', async () => {
    const chunks = [
      'data: not json\n\n',
      ...sseFrames([
        { type: 'response.output_text.delta', delta: 5 },
        { type: 'response.output_text.delta', delta: 'ok', summary_index: 'zero' },
        { type: 'response.output_text.delta', delta: 'ok', item_id: 7 },
        { type: 'response.output_text.delta', delta: 'ok', content_index: 1.5 },
      ]),
      'data: [1,2]\n\ndata: "text"\n\ndata: {"delta":"no type"}\n\n',
      ...sseFrames([completed()]),
    ];
    const { items: events } = await collectSettled(processChunks(chunks));
    expect(events).toEqual([{ type: 'completed', responseId: 'resp1' }]);
  });

  it('40. the event: name is ignored', async () => {
    const { items: events } = await collectSettled(
      processChunks([
        'event: response.completed\ndata: {"type":"response.output_text.delta","delta":"hi"}\n\n',
      ]),
    );
    expect(events).toEqual([{ type: 'outputTextDelta', delta: 'hi' }]);
  });

  it('41. usage mapping, details optional', async () => {
    const { events } = await run([
      completed('r', {
        usage: {
          input_tokens: 10,
          input_tokens_details: { cached_tokens: 4 },
          output_tokens: 7,
          output_tokens_details: { reasoning_tokens: 3 },
          total_tokens: 17,
        },
      }),
    ]);
    expect(events).toEqual([
      {
        type: 'completed',
        responseId: 'r',
        tokenUsage: {
          inputTokens: 10,
          cachedInputTokens: 4,
          outputTokens: 7,
          reasoningOutputTokens: 3,
          totalTokens: 17,
        },
      },
    ]);
  });

  it('42, §9.28. a malformed completed is a deferred parse error', async () => {
    for (const response of [
      { usage: null },
      { id: 'r', usage: { input_tokens: 1, output_tokens: 1 } },
      {
        id: 'r',
        usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2, input_tokens_details: {} },
      },
      { id: 5 },
    ]) {
      const { events, error } = await run([{ type: 'response.completed', response }]);
      expect(events).toEqual([]);
      expect(apiError(error).message).toMatch(/^stream error: failed to parse ResponseCompleted: /);
    }
  });

  it('43. created/completed with response: null are ignored', async () => {
    const { events, error } = await run([
      { type: 'response.created', response: null },
      { type: 'response.completed', response: null },
    ]);
    expect(events).toEqual([]);
    expect(apiError(error).message).toBe('stream error: stream closed before response.completed');
  });

  it('44. reasoning events', async () => {
    const { events } = await run([
      { type: 'response.reasoning_summary_part.added', summary_index: 0 },
      { type: 'response.reasoning_summary_text.delta', delta: 'a', summary_index: 0 },
      { type: 'response.reasoning_text.delta', delta: 'b', content_index: 1 },
      { type: 'response.reasoning_summary_text.delta', delta: 'lost' },
      completed(),
    ]);
    expect(events).toEqual([
      { type: 'reasoningSummaryPartAdded', summaryIndex: 0 },
      { type: 'reasoningSummaryDelta', delta: 'a', summaryIndex: 0 },
      { type: 'reasoningContentDelta', delta: 'b', contentIndex: 1 },
      { type: 'completed', responseId: 'resp1' },
    ]);
  });

  it('45. custom tool delta falls back to call_id; neither id → nothing', async () => {
    const { events } = await run([
      { type: 'response.custom_tool_call_input.delta', call_id: 'c1', delta: 'x' },
      { type: 'response.custom_tool_call_input.delta', delta: 'y' },
      completed(),
    ]);
    expect(events).toEqual([
      { type: 'toolCallInputDelta', itemId: 'c1', callId: 'c1', delta: 'x' },
      { type: 'completed', responseId: 'resp1' },
    ]);
  });

  it('46, §9.27. unknown item kinds are kept as other; broken known ones are skipped', async () => {
    const { events } = await run([
      { type: 'response.output_item.done', item: { type: 'brand_new_item', foo: 1 } },
      {
        type: 'response.output_item.added',
        item: { type: 'function_call', name: 'f', arguments: '{}' },
      },
      completed(),
    ]);
    expect(events).toEqual([
      { type: 'outputItemDone', item: { type: 'other' } },
      { type: 'completed', responseId: 'resp1' },
    ]);
  });

  it('47, §9.10. error and codex.rate_limits events are ignored over HTTP', async () => {
    const { events, error } = await run([
      { type: 'error', code: 'x', message: 'y' },
      { type: 'codex.rate_limits', rate_limits: { primary: { used_percent: 5 } } },
    ]);
    expect(events).toEqual([]);
    expect(apiError(error).message).toBe('stream error: stream closed before response.completed');
  });

  it('48. in-stream server models are de-duplicated; x-openai-model and arrays accepted', async () => {
    const withModel = (headers: Record<string, unknown>) => ({
      type: 'response.in_progress',
      response: { headers },
    });
    const { events } = await run([
      withModel({ 'openai-model': 'm1' }),
      withModel({ 'openai-model': 'm1' }),
      withModel({ 'x-openai-model': ['m2', 'm3'] }),
      withModel({ 'X-OpenAI-Model': [['m2']] }),
      completed(),
    ]);
    expect(events).toEqual([
      { type: 'serverModel', model: 'm1' },
      { type: 'serverModel', model: 'm2' },
      { type: 'completed', responseId: 'resp1' },
    ]);
  });

  it('§9.7 nothing is emitted after completed', async () => {
    const { events } = await run([
      completed('r'),
      { type: 'response.output_text.delta', delta: 'after' },
      failed({ code: 'server_error' }),
    ]);
    expect(events).toEqual([{ type: 'completed', responseId: 'r' }]);
  });

  it('end_turn and moderation metadata (newer servers) are passed through', async () => {
    const { events } = await run([
      {
        type: 'response.metadata',
        metadata: { openai_chatgpt_moderation_metadata: { presentation: 'inline' } },
      },
      completed('r', { end_turn: false }),
    ]);
    expect(events).toEqual([
      { type: 'turnModerationMetadata', metadata: { presentation: 'inline' } },
      { type: 'completed', responseId: 'r', endTurn: false },
    ]);
  });

  it('events split at any byte boundary give the same result', async () => {
    const text = sseFrames([
      { type: 'response.output_text.delta', delta: 'héllo 🌍' },
      completed(),
    ]).join('');
    const bytes = new TextEncoder().encode(text);
    const chunks = Array.from(bytes, (byte) => Uint8Array.of(byte));
    const { items: events } = await collectSettled(processChunks(chunks));
    expect(events).toEqual([
      { type: 'outputTextDelta', delta: 'héllo 🌍' },
      { type: 'completed', responseId: 'resp1' },
    ]);
  });

  it('after the terminal error the stream reports done', async () => {
    const stream = processChunks(sseFrames([assistant('x')]));
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    await expect(iterator.next()).rejects.toThrow('stream closed before response.completed');
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });
});
