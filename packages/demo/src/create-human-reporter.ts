import type { RateLimitSnapshot, ResponseItem, TokenUsage } from '@codex/protocol';
import { BEDROCK_FIX_STEPS } from './bedrock-fix-steps.js';
import { createIndentedWriter, type TextSink } from './create-indented-writer.js';
import type { Style } from './create-style.js';
import type { DemoReporter } from './demo-reporter.js';
import { describeResponseItem } from './describe-response-item.js';
import { formatRateLimitSnapshot } from './format-rate-limit-snapshot.js';
import { formatTokenUsage } from './format-token-usage.js';

/** Named arguments of {@link createHumanReporter}. */
export interface HumanReporterOptions {
  /** Where everything goes; each streamed delta is one `write`. */
  readonly sink: TextSink;
  /** Colours (identity when off). */
  readonly style: Style;
  /** Clock for the rate-limit reset times. @default Date.now */
  readonly now?: (() => number) | undefined;
}

const INDENT = '  ';
const BLOCK_INDENT = '    ';
const LABEL_WIDTH = 12;

/**
 * The readable output: four numbered sections; reasoning summary (dimmed) and text written the
 * moment each delta arrives; tool calls, model, token usage and rate limits after the turn; the
 * compaction result; the Bedrock error and how to fix it; the WebSocket turns (what each request
 * carried, the connection reused) and the fallback warning.
 */
export function createHumanReporter(options: HumanReporterOptions): DemoReporter {
  const { sink, style } = options;
  const now = options.now ?? Date.now;
  const line = (text = ''): void => {
    sink.write(`${text}\n`);
  };
  const field = (label: string, value: string): void => {
    line(`${INDENT}${style.bold(label.padEnd(LABEL_WIDTH))}${value}`);
  };
  const heading = (number: number, title: string): void => {
    line();
    line(style.bold(`${number}. ${title}`));
  };

  // The block currently being streamed into (reasoning or text), so a switch ends the line first.
  let block:
    | { kind: 'reasoning' | 'text'; writer: ReturnType<typeof createIndentedWriter> }
    | undefined;
  const closeBlock = (): void => {
    if (block && !block.writer.atLineStart) line();
    block = undefined;
  };
  const openBlock = (kind: 'reasoning' | 'text'): ReturnType<typeof createIndentedWriter> => {
    if (block?.kind === kind) return block.writer;
    closeBlock();
    line(`${INDENT}${style.bold(kind === 'reasoning' ? 'Reasoning summary' : 'Assistant')}`);
    const writer = createIndentedWriter(
      sink,
      BLOCK_INDENT,
      kind === 'reasoning' ? style.dim : (text) => text,
    );
    block = { kind, writer };
    return writer;
  };

  let model: string | undefined;
  let responseId: string | undefined;
  let usage: TokenUsage | undefined;
  const rateLimits = new Map<string, RateLimitSnapshot>();
  const toolCalls: ResponseItem[] = [];
  let websocketFallbackUrl: string | undefined;

  return {
    start(target) {
      const where =
        target.mode === 'loopback'
          ? `loopback Responses server at ${target.baseUrl}`
          : `the real service at ${target.baseUrl}`;
      line(`${style.bold('Codex demo')} · ${where} · model ${target.model}`);
    },
    turnStarted() {
      heading(1, 'Stream a turn through ModelClient and the OpenAI provider');
    },
    event(event) {
      switch (event.type) {
        case 'reasoningSummaryPartAdded':
          // A second summary part starts a new paragraph.
          if (event.summaryIndex > 0 && block?.kind === 'reasoning') block.writer.write('\n\n');
          break;
        case 'reasoningSummaryDelta':
          openBlock('reasoning').write(event.delta);
          break;
        case 'outputTextDelta':
          openBlock('text').write(event.delta);
          break;
        case 'outputItemDone':
          if (isToolCall(event.item)) {
            closeBlock();
            toolCalls.push(event.item);
            line(
              `${INDENT}${style.bold('Tool call'.padEnd(LABEL_WIDTH))}${style.cyan(describeResponseItem(event.item))}`,
            );
          }
          break;
        case 'serverModel':
          model = event.model;
          break;
        case 'rateLimits':
          rateLimits.set(event.snapshot.limitId ?? 'codex', event.snapshot);
          break;
        case 'completed':
          responseId = event.responseId;
          usage = event.tokenUsage;
          break;
        default:
          break;
      }
    },
    turnFinished({ requestId }) {
      closeBlock();
      if (toolCalls.length === 0) field('Tool call', style.dim('none'));
      const served = model === undefined ? '' : ` · served by ${model}`;
      const request = requestId === undefined ? '' : ` · request id ${requestId}`;
      field('Response', `${responseId ?? 'unknown'}${served}${request}`);
      field('Tokens', usage === undefined ? style.dim('not reported') : formatTokenUsage(usage));
      const snapshots = [...rateLimits.values()].filter(hasWindows);
      if (snapshots.length === 0) {
        field('Rate limits', style.dim('none reported by the server'));
      }
      for (const snapshot of snapshots) {
        const name = snapshot.limitName ?? snapshot.limitId ?? 'codex';
        line(`${INDENT}${style.bold('Rate limits')} ${style.dim(`(${name})`)}`);
        for (const text of formatRateLimitSnapshot({ snapshot, now: now() })) {
          line(`${BLOCK_INDENT}${text}`);
        }
      }
    },
    compactionStarted(historyLength) {
      heading(2, `Compact the history (${historyLength} items) through ModelClient.compact`);
    },
    compacted({ output }) {
      line(`${INDENT}${output.length} items came back:`);
      for (const item of output)
        line(`${BLOCK_INDENT}${style.green('•')} ${describeResponseItem(item)}`);
    },
    bedrockStarted(baseUrl) {
      heading(3, 'Amazon Bedrock with an expired credential');
      line(
        `${INDENT}${style.dim(`${baseUrl} answers 401 "Signature expired: …"; the caller of ModelClient sees:`)}`,
      );
    },
    bedrockFailed(error) {
      const message = error instanceof Error ? error.message : String(error);
      line(`${INDENT}${style.yellow('✗')} ${style.yellow(message)}`);
      line();
      line(`${INDENT}${style.bold('How to fix it')}`);
      BEDROCK_FIX_STEPS.forEach((step, index) => {
        line(`${BLOCK_INDENT}${index + 1}. ${step}`);
      });
    },
    websocketStarted({ url, fallbackBaseUrl }) {
      heading(4, 'Stream over a WebSocket, reuse it for the next turn, fall back to HTTPS');
      line(`${INDENT}${style.dim(`ModelClient with webSockets, connecting to ${url}`)}`);
      websocketFallbackUrl = fallbackBaseUrl;
    },
    websocketEvent(event) {
      if (event.type === 'outputTextDelta') openBlock('text').write(event.delta);
    },
    websocketTurnFinished(turn) {
      closeBlock();
      const response = turn.responseId === undefined ? '' : ` · ${turn.responseId}`;
      if (turn.transport === 'https') {
        field(`Turn ${turn.turn}`, `over HTTPS after the fallback${response}`);
        return;
      }
      const connection =
        turn.turn === 1
          ? 'new connection'
          : turn.connections === 1
            ? 'same connection'
            : `${turn.connections ?? '?'} connections so far`;
      const sent =
        turn.previousResponseId === undefined
          ? `${turn.sentItems} of ${turn.historyItems} items sent`
          : `previous_response_id ${turn.previousResponseId} + ${turn.sentItems} new of ${turn.historyItems} items`;
      field(`Turn ${turn.turn}`, `over WebSocket · ${connection} · ${sent}${response}`);
      if (turn.turn === 2 && websocketFallbackUrl !== undefined) {
        line(
          `${INDENT}${style.dim(`Next: the server at ${websocketFallbackUrl} answers the WebSocket handshake with 426 Upgrade Required`)}`,
        );
      }
    },
    warning(warning) {
      closeBlock();
      line(`${INDENT}${style.yellow('⚠')} ${style.yellow(warning.message)}`);
    },
    stopped() {
      closeBlock();
    },
    finished() {
      line();
      line(
        `${style.green('✓')} Done: streamed, compacted, showed the Bedrock guidance, and streamed over a WebSocket (reused, then fell back to HTTPS).`,
      );
    },
  };
}

function isToolCall(item: ResponseItem): boolean {
  return (
    item.type === 'function_call' ||
    item.type === 'custom_tool_call' ||
    item.type === 'local_shell_call' ||
    item.type === 'tool_search_call' ||
    item.type === 'web_search_call'
  );
}

function hasWindows(snapshot: RateLimitSnapshot): boolean {
  return (
    snapshot.primary !== undefined ||
    snapshot.secondary !== undefined ||
    snapshot.credits !== undefined
  );
}
