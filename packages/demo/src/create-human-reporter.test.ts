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
