import { UnexpectedStatusError } from '@codex/protocol';
import { describe, expect, it } from 'vitest';
import { createHumanReporter } from './create-human-reporter.js';
import { createStyle } from './create-style.js';

const NOW = Date.UTC(2026, 5, 14, 10, 0, 0);

function recorder(): { writes: string[]; write(text: string): void; text(): string } {
  const writes: string[] = [];
  return { writes, write: (text) => void writes.push(text), text: () => writes.join('') };
}

describe('createHumanReporter', () => {
  it('writes each delta at once, reasoning before text, then the turn summary', () => {
    const sink = recorder();
    const reporter = createHumanReporter({ sink, style: createStyle(false), now: () => NOW });
    reporter.turnStarted();
    reporter.event({ type: 'serverModel', model: 'gpt-5.1-codex' });
    reporter.event({ type: 'reasoningSummaryPartAdded', summaryIndex: 0 });
    reporter.event({ type: 'reasoningSummaryDelta', delta: 'Thinking', summaryIndex: 0 });
    reporter.event({ type: 'reasoningSummaryDelta', delta: ' hard', summaryIndex: 0 });
    const beforeText = sink.writes.length;
    reporter.event({ type: 'outputTextDelta', delta: 'Hello' });
    reporter.event({ type: 'outputTextDelta', delta: ' world' });
    // The first text delta opens the block (heading, then the delta); the second is one write.
    expect(sink.writes.at(-1)).toBe(' world');
    expect(sink.writes.length - beforeText).toBeGreaterThanOrEqual(3);
    reporter.event({
      type: 'outputItemDone',
      item: {
        type: 'function_call',
        name: 'shell',
        arguments: '{"command":["ls"]}',
        call_id: 'call_1',
      },
    });
    reporter.event({
      type: 'rateLimits',
      snapshot: {
        limitId: 'codex',
        primary: { usedPercent: 42, windowMinutes: 300, resetsAt: NOW / 1000 + 7980 },
      },
    });
    reporter.event({
      type: 'completed',
      responseId: 'resp_1',
      tokenUsage: {
        inputTokens: 10,
        cachedInputTokens: 0,
        outputTokens: 5,
        reasoningOutputTokens: 2,
        totalTokens: 15,
      },
    });
    reporter.turnFinished({ requestId: 'req-1' });

    const lines = sink.text().split('\n');
    expect(lines).toEqual([
      '',
      '1. Stream a turn through ModelClient and the OpenAI provider',
      '  Reasoning summary',
      '    Thinking hard',
      '  Assistant',
      '    Hello world',
      '  Tool call   function call shell {"command":["ls"]}',
      '  Response    resp_1 · served by gpt-5.1-codex · request id req-1',
      '  Tokens      10 input · 5 output (2 reasoning) · 15 total',
      '  Rate limits (codex)',
      expect.stringMatching(
        /^ {4}5h window +42% used {2}\[█{8}░{12}\] {2}resets \S.* \(in 2h 13m\)$/,
      ),
      '',
    ]);
  });

  it('says when the server reported no usage or rate limits', () => {
    const sink = recorder();
    const reporter = createHumanReporter({ sink, style: createStyle(false) });
    reporter.event({ type: 'completed', responseId: 'resp_2' });
    reporter.turnFinished({});
    expect(sink.text()).toContain('Tokens      not reported');
    expect(sink.text()).toContain('Rate limits none reported by the server');
  });

  it('shows the error the caller got, then how to fix it', () => {
    const sink = recorder();
    const reporter = createHumanReporter({ sink, style: createStyle(false) });
    reporter.bedrockFailed(
      new UnexpectedStatusError({
        status: 401,
        body: 'Signature expired: x',
        requestId: 'req-1',
      }).withUserMessage('Refresh it'),
    );
    const text = sink.text();
    expect(text).toContain('  ✗ Refresh it, request id: req-1\n');
    expect(text).toMatch(/How to fix it\n {4}1\. Refresh your AWS credentials/);
  });

  it('dims the reasoning summary on a terminal', () => {
    const sink = recorder();
    const reporter = createHumanReporter({ sink, style: createStyle(true) });
    reporter.event({ type: 'reasoningSummaryDelta', delta: 'Thinking', summaryIndex: 0 });
    expect(sink.writes.at(-1)).toBe('    \u001b[2mThinking\u001b[22m');
  });
});

describe('createHumanReporter, WebSocket step', () => {
  it('streams the text, says what each request carried, and shows the fallback warning', () => {
    const sink = recorder();
    const reporter = createHumanReporter({ sink, style: createStyle(false) });
    reporter.websocketStarted({
      url: 'ws://127.0.0.1:1/v1/responses',
      fallbackBaseUrl: 'http://127.0.0.1:2/v1',
    });
    reporter.websocketEvent({ type: 'outputTextDelta', delta: 'Hi' });
    reporter.websocketEvent({ type: 'rateLimits', snapshot: { limitId: 'codex' } });
    reporter.websocketTurnFinished({
      turn: 1,
      transport: 'websocket',
      connections: 1,
      sentItems: 1,
      historyItems: 1,
      responseId: 'r1',
    });
    reporter.websocketTurnFinished({
      turn: 2,
      transport: 'websocket',
      connections: 1,
      previousResponseId: 'r1',
      sentItems: 1,
      historyItems: 4,
      responseId: 'r2',
    });
    reporter.warning({
      kind: 'websocketFallback',
      message: 'Falling back from WebSockets to HTTPS transport. unexpected status 426',
      error: new UnexpectedStatusError({ status: 426, body: '' }),
    });
    reporter.websocketTurnFinished({
      turn: 3,
      transport: 'https',
      sentItems: 1,
      historyItems: 1,
      responseId: 'r3',
    });
    expect(sink.text().split('\n')).toEqual([
      '',
      '4. Stream over a WebSocket, reuse it for the next turn, fall back to HTTPS',
      '  ModelClient with webSockets, connecting to ws://127.0.0.1:1/v1/responses',
      '  Assistant',
      '    Hi',
      '  Turn 1      over WebSocket · new connection · 1 of 1 items sent · r1',
      '  Turn 2      over WebSocket · same connection · previous_response_id r1 + 1 new of 4 items · r2',
      '  Next: the server at http://127.0.0.1:2/v1 answers the WebSocket handshake with 426 Upgrade Required',
      '  ⚠ Falling back from WebSockets to HTTPS transport. unexpected status 426',
      '  Turn 3      over HTTPS after the fallback · r3',
      '',
    ]);
  });
});

describe('createHumanReporter stopped()', () => {
  it('ends a half-written streamed line, and writes nothing at a line start', () => {
    const sink = recorder();
    const reporter = createHumanReporter({ sink, style: createStyle(false) });
    reporter.event({ type: 'outputTextDelta', delta: 'half a sent' });
    reporter.stopped();
    expect(sink.text().endsWith('half a sent\n')).toBe(true);
    const before = sink.writes.length;
    reporter.stopped();
    expect(sink.writes).toHaveLength(before);
  });
});
