import { TransportError } from '@codex/client';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import { apiErrorTelemetryMessage } from './api-error-telemetry-message.js';
import { extractResponseDebugContext } from './extract-response-debug-context.js';

describe('apiErrorTelemetryMessage (§B.4, E.2 43)', () => {
  it('never includes a body', () => {
    const http = new TransportError({
      kind: 'http',
      status: 401,
      body: '{"error":{"message":"secret token leaked"}}',
    });
    expect(apiErrorTelemetryMessage(http)).toBe('http 401');
    expect(apiErrorTelemetryMessage(ApiError.transport(http))).toBe('http 401');
  });

  it('names every kind', () => {
    const cases: Array<[ApiError | TransportError, string]> = [
      [new TransportError({ kind: 'network', detail: 'dns lookup failed' }), 'dns lookup failed'],
      [new TransportError({ kind: 'build', detail: 'bad' }), 'bad'],
      [new TransportError({ kind: 'retryLimit' }), 'retry limit reached'],
      [new TransportError({ kind: 'timeout' }), 'timeout'],
      [ApiError.stream('socket closed'), 'socket closed'],
      [new ApiError({ kind: 'api', status: 401, message: 'body' }), 'api error 401'],
      [new ApiError({ kind: 'contextWindowExceeded' }), 'context window exceeded'],
      [new ApiError({ kind: 'quotaExceeded' }), 'quota exceeded'],
      [new ApiError({ kind: 'usageNotIncluded' }), 'usage not included'],
      [new ApiError({ kind: 'retryable', message: 'm' }), 'retryable error'],
      [new ApiError({ kind: 'rateLimit', message: 'm' }), 'rate limit'],
      [new ApiError({ kind: 'invalidRequest', message: 'm' }), 'invalid request'],
      [new ApiError({ kind: 'cyberPolicy', message: 'm' }), 'cyber policy'],
      [new ApiError({ kind: 'serverOverloaded' }), 'server overloaded'],
    ];
    for (const [error, message] of cases) expect(apiErrorTelemetryMessage(error)).toBe(message);
  });
});

describe('extractResponseDebugContext (§B.4)', () => {
  it('reads the four diagnostics of an http error and nothing of others', () => {
    const error = new TransportError({
      kind: 'http',
      status: 401,
      headers: new Headers({
        'x-oai-request-id': 'req-2',
        'cf-ray': 'ray',
        'x-openai-authorization-error': 'missing_authorization_header',
        'x-error-json': Buffer.from('{"error":{"code":"token_expired"}}').toString('base64'),
      }),
    });
    expect(extractResponseDebugContext(error)).toEqual({
      requestId: 'req-2',
      cfRay: 'ray',
      authError: 'missing_authorization_header',
      authErrorCode: 'token_expired',
    });
    expect(extractResponseDebugContext(new TransportError({ kind: 'timeout' }))).toEqual({});
  });
});
