/**
 * @packageDocumentation
 * Loopback HTTP test server for the `@codex/*` packages (private, not published): scripted
 * responses and faults, request recording, a Responses-compatible mock and recorded transcripts;
 * plus the helpers every package's tests share (draining streams, awaiting rejections, building
 * byte streams and SSE bodies).
 */

export type { SettledCollection } from './collect.js';
export { collect, collectSettled } from './collect.js';
export { collectGarbage } from './collect-garbage.js';
export { fetchWithFirstChunk } from './fetch-with-first-chunk.js';
export type { TranscriptName } from './fixture-path.js';
export { fixturePath, loadJsonFixture, loadTranscript, TRANSCRIPT_NAMES } from './fixture-path.js';
export type { CodeBlock, CodeBlockRole } from './markdown-code-blocks.js';
export {
  importedModules,
  installedPackageNames,
  markdownCodeBlocks,
  packageOfSpecifier,
} from './markdown-code-blocks.js';
export type { ExchangeOutcome, RecordedRequest } from './recorded-request.js';
export { refusedUrl } from './refused-url.js';
export { rejectionOf } from './rejection-of.js';
export type {
  DripOptions,
  HeaderRecord,
  ResponseBody,
  ResponseChunk,
  ResponseScript,
  RouteHandler,
  RouteResponse,
} from './response-script.js';
export {
  COMPANION_CALL_ID,
  COMPANION_FILE_ID,
  serveCompanionEndpoints,
} from './serve-companion-endpoints.js';
export type {
  RecordedWebsocketHandshake,
  RecordedWebsocketRequest,
  ResponsesWebsocketEndpoint,
  ResponsesWebsocketEndpointOptions,
  WebsocketFrameScript,
  WebsocketHandshakeScript,
  WebsocketTurnResponse,
  WebsocketTurnScript,
} from './serve-responses-websocket.js';
export {
  connectionLimitFrame,
  serveResponsesWebsocket,
  websocketTurn,
  wrappedErrorFrame,
} from './serve-responses-websocket.js';
export { byteByByte, randomChunks, splitAt } from './split-at.js';
export { sseFrames } from './sse-frames.js';
export type {
  JsonResponseOptions,
  SseResponseOptions,
  Transcript,
  TranscriptEvent,
} from './sse-response.js';
export { encodeSseEvent, encodeSseEvents, jsonResponse, sseResponse } from './sse-response.js';
export type {
  MemorySummary,
  ResponsesServer,
  ResponsesServerOptions,
} from './start-responses-server.js';
export { startResponsesServer } from './start-responses-server.js';
export type {
  Route,
  TestServer,
  TestServerOptions,
  UpgradeHandler,
  WaitForConnectionsOptions,
} from './start-test-server.js';
export { startTestServer, TESTKIT_HOST } from './start-test-server.js';
export type { StreamOfOptions } from './stream-of.js';
export { bytesOf, iterableOf, streamOf } from './stream-of.js';
export type { TextDeltaTranscriptOptions } from './text-delta-transcript.js';
export { textDeltaTranscript } from './text-delta-transcript.js';
export { transcriptPayloads } from './transcript-payloads.js';
export { zstdFrame } from './zstd-frame.js';
