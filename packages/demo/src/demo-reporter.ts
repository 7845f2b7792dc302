import type { ModelClientWarning } from '@codex/api';
import type { ResponseEvent, ResponseItem } from '@codex/protocol';

/** Where the demo runs its first two steps. */
export interface DemoTarget {
  /** `loopback`: the bundled test server; `live`: the real service. */
  readonly mode: 'loopback' | 'live';
  /** The provider's base URL, e.g. `http://127.0.0.1:41234/v1`. */
  readonly baseUrl: string;
  /** The model asked for. */
  readonly model: string;
}

/** The result of step 2. */
export interface CompactionResult {
  /** The history sent: the turn's input items and the items the turn produced. */
  readonly history: readonly ResponseItem[];
  /** What the compact endpoint returned, the history to continue with. */
  readonly output: readonly ResponseItem[];
}

/** What one turn of the WebSocket step sent and got. */
export interface WebsocketTurnSummary {
  /** 1 and 2 over the WebSocket, 3 against the server that refuses it. */
  readonly turn: number;
  /** How the turn went. */
  readonly transport: 'websocket' | 'https';
  /** WebSocket connections the server accepted so far (1 after turn 2: it was reused). */
  readonly connections?: number;
  /** The `previous_response_id` the request frame carried (turn 2). */
  readonly previousResponseId?: string;
  /** Input items the request carried. */
  readonly sentItems: number;
  /** Items of the conversation at that point. */
  readonly historyItems: number;
  /** The response id. */
  readonly responseId?: string;
}

/**
 * Receives what the demo does, as it happens. The human reporter writes sections and streams
 * text; the JSON reporter writes one object per line. `run-demo.ts` knows nothing about output.
 */
export interface DemoReporter {
  /** Before anything is sent. */
  start(target: DemoTarget): void;
  /** Step 1 begins. */
  turnStarted(): void;
  /** Each event of the Responses stream, the moment it arrives. */
  event(event: ResponseEvent): void;
  /** Step 1 finished (after `completed`); `requestId` is the `x-request-id` of the stream. */
  turnFinished(details: { readonly requestId?: string | undefined }): void;
  /** Step 2 begins. */
  compactionStarted(historyLength: number): void;
  /** Step 2 finished. */
  compacted(result: CompactionResult): void;
  /** Step 3 begins: the Bedrock provider against an endpoint that rejects the signature. */
  bedrockStarted(baseUrl: string): void;
  /** Step 3's error, exactly as the caller of `ModelClient` receives it. */
  bedrockFailed(error: unknown): void;
  /** Step 4 begins: two turns over a WebSocket, then a server that refuses it. */
  websocketStarted(details: { readonly url: string; readonly fallbackBaseUrl: string }): void;
  /** Each event of a step-4 turn, the moment it arrives. */
  websocketEvent(event: ResponseEvent): void;
  /** A step-4 turn finished. */
  websocketTurnFinished(summary: WebsocketTurnSummary): void;
  /** A warning of `ModelClient` (the WebSocket → HTTPS fallback). */
  warning(warning: ModelClientWarning): void;
  /** Everything went through. */
  finished(): void;
  /** The demo stops early (an error or Ctrl-C): end a half-written line before the reason. */
  stopped(): void;
}
