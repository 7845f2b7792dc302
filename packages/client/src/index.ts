/** @packageDocumentation Generic HTTP transport: retry policy, per-attempt preparation and SSE framing. */
export type { BackoffOptions } from './backoff.js';
export { backoff } from './backoff.js';
export type { Compressor } from './compression.js';
export { getRuntimeZstdCompressor } from './compression.js';
export type { FetchFunction, KyTransportOptions, PrepareHook } from './create-ky-transport.js';
export { createKyTransport } from './create-ky-transport.js';
export type { HttpTransport, Response, StreamResponse } from './http-transport.js';
export type { PreparedBody, PrepareOptions } from './prepare-body-for-send.js';
export { prepareBodyForSend } from './prepare-body-for-send.js';
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
export type { AttemptTelemetry, RunWithRetryOptions } from './run-with-retry.js';
export { runWithRetry } from './run-with-retry.js';
export { sseDataStream } from './sse/sse-data-stream.js';
export type { SseEvent } from './sse/sse-event.js';
export type { SseBody, SseStreamOptions } from './sse/sse-stream.js';
export { sseStream } from './sse/sse-stream.js';
export type { StreamErrorKind, StreamErrorOptions } from './sse/stream-error.js';
export { StreamError } from './sse/stream-error.js';
export type { TransportErrorKind, TransportErrorOptions } from './transport-error.js';
export { TransportError } from './transport-error.js';
