import { TransportError } from '@codex/client';
import { ApiError } from './api-error.js';

/**
 * A short description of a failure for telemetry and logs that never includes a response body
 * (bodies may echo secrets): `http 401`, `retry limit reached`, `timeout`, the raw message of a
 * network or build error, `api error 401`, `context window exceeded`, `quota exceeded`,
 * `usage not included`, `retryable error`, `rate limit`, `invalid request`, `cyber policy`,
 * `server overloaded`, or the message of a stream error.
 *
 * @example
 * apiErrorTelemetryMessage(apiError); // 'http 401'
 */
export function apiErrorTelemetryMessage(error: ApiError | TransportError): string {
  if (TransportError.isInstance(error)) return transportMessage(error);
  if (!ApiError.isInstance(error)) {
    throw new TypeError('apiErrorTelemetryMessage: expected an ApiError or a TransportError');
  }
  const details = error.details;
  switch (details.kind) {
    case 'transport':
      return transportMessage(details.transportError);
    case 'api':
      return `api error ${details.status}`;
    case 'stream':
      return details.message;
    case 'contextWindowExceeded':
      return 'context window exceeded';
    case 'quotaExceeded':
      return 'quota exceeded';
    case 'usageNotIncluded':
      return 'usage not included';
    case 'retryable':
      return 'retryable error';
    case 'rateLimit':
      return 'rate limit';
    case 'invalidRequest':
      return 'invalid request';
    case 'cyberPolicy':
      return 'cyber policy';
    case 'serverOverloaded':
      return 'server overloaded';
  }
}

function transportMessage(error: TransportError): string {
  switch (error.kind) {
    case 'http':
      return `http ${error.status}`;
    case 'retryLimit':
      return 'retry limit reached';
    case 'timeout':
    case 'idleTimeout':
      return 'timeout';
    case 'network':
    case 'build':
    case 'stream':
      return error.detail ?? '';
    case 'redirect':
      return `redirect ${error.status}`;
  }
}
