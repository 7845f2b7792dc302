import { type ResponsesServer, startResponsesServer } from '@codex/testkit';

/** Named arguments of {@link startTurnServer}. */
export interface StartTurnServerOptions {
  /** Reported back as `openai-model` (the model that served the turn). */
  readonly model: string;
  /**
   * Pause between SSE events, so the text visibly streams.
   * @default 15
   */
  readonly eventDelayMs?: number | undefined;
  /** The current time in milliseconds, for the rate-limit reset times. @default Date.now() */
  readonly now?: number | undefined;
}

/**
 * Starts a Responses-compatible server on 127.0.0.1 (ephemeral port, base path `/v1`) that
 * streams the recorded `turn` transcript paced by `eventDelayMs`, with the headers the Codex
 * backend sends: `openai-model`, `x-request-id`, and two rate-limit windows in the
 * `x-codex-primary-*` / `x-codex-secondary-*` headers (5 hours at 42%, resetting in 2h 13m;
 * weekly at 12.5%, resetting in 4d 3h). `POST /v1/responses/compact` answers the recorded
 * compaction. Close it to leave nothing running.
 */
export function startTurnServer(options: StartTurnServerOptions): Promise<ResponsesServer> {
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
  // Twenty seconds of slack, so the countdown still reads "in 2h 13m" once the turn is over.
  const primaryResetAt = nowSeconds + (2 * 60 + 13) * 60 + 20;
  const secondaryResetAt = nowSeconds + (4 * 24 + 3) * 3600 + 20;
  return startResponsesServer({
    basePath: '/v1',
    eventDelayMs: options.eventDelayMs ?? 15,
    responsesHeaders: {
      'openai-model': options.model,
      'x-request-id': 'req_8f2b6c1d4e9a4b3f9e0d7c5a2b1f6e3d',
      'x-codex-primary-used-percent': '42',
      'x-codex-primary-window-minutes': '300',
      'x-codex-primary-reset-at': String(primaryResetAt),
      'x-codex-secondary-used-percent': '12.5',
      'x-codex-secondary-window-minutes': '10080',
      'x-codex-secondary-reset-at': String(secondaryResetAt),
    },
  });
}
