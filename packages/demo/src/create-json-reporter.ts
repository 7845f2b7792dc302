import { UnexpectedStatusError } from '@codex/protocol';
import type { TextSink } from './create-indented-writer.js';
import type { DemoReporter } from './demo-reporter.js';

/**
 * `--json`: one JSON object per line and nothing else — every `ResponseEvent` of step 1 as it
 * arrives, then `{"type":"compaction",…}`, the Bedrock error as `{"type":"error",…}`, then step 4:
 * `{"type":"websocketTurn",…}` per turn and the fallback `{"type":"warning",…}`.
 */
export function createJsonReporter(sink: TextSink): DemoReporter {
  const line = (value: unknown): void => {
    sink.write(`${JSON.stringify(value)}\n`);
  };
  return {
    start() {},
    turnStarted() {},
    event(event) {
      line(event);
    },
    turnFinished() {},
    compactionStarted() {},
    compacted({ history, output }) {
      line({ type: 'compaction', inputItemCount: history.length, output });
    },
    bedrockStarted() {},
    bedrockFailed(error) {
      line(describeError(error));
    },
    websocketStarted() {},
    websocketEvent() {},
    websocketTurnFinished(summary) {
      line({ type: 'websocketTurn', ...summary });
    },
    warning(warning) {
      line({ type: 'warning', kind: warning.kind, message: warning.message });
    },
    finished() {},
    stopped() {},
  };
}

function describeError(error: unknown): Record<string, unknown> {
  const base: Record<string, unknown> = {
    type: 'error',
    provider: 'amazon-bedrock',
    name: error instanceof Error ? error.name : typeof error,
    message: error instanceof Error ? error.message : String(error),
  };
  if (UnexpectedStatusError.isInstance(error)) {
    base.status = error.status;
    if (error.userMessage !== undefined) base.userMessage = error.userMessage;
    if (error.requestId !== undefined) base.requestId = error.requestId;
    if (error.url !== undefined) base.url = error.url;
  }
  return base;
}
