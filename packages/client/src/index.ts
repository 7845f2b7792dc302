/** @packageDocumentation Generic HTTP transport: ky-based requests with the upstream retry policy, per-attempt preparation and SSE framing. */
export type { BackoffOptions } from './backoff.js';
export { backoff } from './backoff.js';
export type { Compressor } from './compression.js';
export { getRuntimeZstdCompressor } from './compression.js';
export type { SecretBearingRequest, SecretsOptions } from './errors/redact.js';
export { REDACTED, Secrets } from './errors/redact.js';
export { redactError } from './errors/redact-error.js';
export type {
  AttemptContext,
  AttemptHook,
  AttemptTelemetry,
  HttpTransport,
  Response,
  SendOptions,
  StreamResponse,
} from './http-transport.js';
export type { PreparedRequest, PrepareOptions } from './prepare-request.js';
export { prepareRequest } from './prepare-request.js';
export type {
  CreateRequestOptions,
  Request,
  RequestBody,
  RequestCompression,
} from './request.js';
export { createRequest, encodedJsonBody, jsonBody, rawBody } from './request.js';
export type {
  RetryOn,
  RetryPolicy,
  RetryPolicyOptions,
  ShouldRetryOptions,
} from './retry-policy.js';
export { createRetryPolicy, shouldRetry } from './retry-policy.js';
export type {
  EventDecoder,
  EventSource,
  EventStreamOptions,
  StreamEventTelemetry,
} from './sse/event-stream.js';
export { EventStream } from './sse/event-stream.js';
export type { SseEvent } from './sse/sse-event.js';
export type { SseParserOptions, SseSink } from './sse/sse-parser.js';
export { DEFAULT_MAX_EVENT_SIZE, SseParser } from './sse/sse-parser.js';
export type { SseBody, SseStreamOptions } from './sse/sse-stream.js';
export { sseDataStream, sseStream } from './sse/sse-stream.js';
export type { KyTransportOptions } from './transport/create-ky-transport.js';
export { createKyTransport } from './transport/create-ky-transport.js';
export type { FetchFunction } from './transport/follow-redirects.js';
export { MAX_REDIRECTS } from './transport/follow-redirects.js';
export type { StreamBodySource } from './transport/stream-body-source.js';
export { streamBodySource } from './transport/stream-body-source.js';
export type { TransportErrorKind, TransportErrorOptions } from './transport-error.js';
export { TransportError } from './transport-error.js';
export { withinDeadline } from './within-deadline.js';
