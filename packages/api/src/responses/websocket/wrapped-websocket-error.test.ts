import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../errors/api-error.js';
import {
  WEBSOCKET_CONNECTION_LIMIT_REACHED_MESSAGE,
  wrappedWebsocketError,
} from './wrapped-websocket-error.js';

function wrapped(text: string): ApiError | undefined {
  return wrappedWebsocketError(JSON.parse(text), text);
}

function http(error: ApiError | undefined) {
  expect(error?.details.kind).toBe('transport');
  if (error?.details.kind !== 'transport') throw new Error('not a transport error');
  expect(error.details.transportError.kind).toBe('http');
  return error.details.transportError;
}

describe('wrappedWebsocketError (codex-api §4.8, §8.8 cases 93–97)', () => {
  it('93: a wrapped 429 is an HTTP 429 with the JSON headers as text and the frame as body', () => {
    const text =
      '{"type":"error","status":429,"error":{"type":"usage_limit_reached","message":"The usage limit has been reached","plan_type":"pro","resets_at":1738888888},"headers":{"x-codex-primary-used-percent":"100.0","x-codex-primary-window-minutes":15}}';
    const error = http(wrapped(text));
    expect(error.status).toBe(429);
    expect(error.url).toBeUndefined();
    expect(error.headers?.get('x-codex-primary-used-percent')).toBe('100.0');
    expect(error.headers?.get('x-codex-primary-window-minutes')).toBe('15');
    expect(error.body).toBe(text);
    expect(error.body).toContain('usage_limit_reached');
    expect(error.body).toContain('The usage limit has been reached');
  });

  it('94: an ordinary event is not a wrapped error', () => {
    expect(wrapped('{"type":"response.created","response":{"id":"resp-1"}}')).toBeUndefined();
  });

  it('95: a wrapped 400 keeps both strings in its body', () => {
    const error = http(
      wrapped(
        '{"type":"error","status":400,"error":{"type":"invalid_request_error","message":"Model does not support image inputs"}}',
      ),
    );
    expect(error.status).toBe(400);
    expect(error.body).toContain('invalid_request_error');
    expect(error.body).toContain('Model does not support image inputs');
  });

  it('96: the connection limit is retryable without a delay, whatever the status', () => {
    const message =
      'Responses websocket connection limit reached (60 minutes). Create a new websocket connection to continue.';
    const error = wrapped(
      `{"type":"error","status":400,"error":{"type":"invalid_request_error","code":"websocket_connection_limit_reached","message":"${message}"}}`,
    );
    expect(error?.details).toEqual({ kind: 'retryable', message });
    // Without a message (and without a status) the upstream default message is used.
    expect(
      wrapped('{"type":"error","error":{"code":"websocket_connection_limit_reached"}}')?.details,
    ).toEqual({ kind: 'retryable', message: WEBSOCKET_CONNECTION_LIMIT_REACHED_MESSAGE });
  });

  it('97: a wrapped error without status is not an error', () => {
    expect(
      wrapped('{"type":"error","error":{"type":"server_error","message":"x"}}'),
    ).toBeUndefined();
  });

  it('reads `status_code` as `status`; ignores 2xx and shapes upstream cannot read', () => {
    expect(http(wrapped('{"type":"error","status_code":503}')).status).toBe(503);
    expect(wrapped('{"type":"error","status":200}')).toBeUndefined();
    expect(wrapped('{"type":"error","status":"429"}')).toBeUndefined();
    expect(wrapped('{"type":"error","status":429,"status_code":429}')).toBeUndefined();
    expect(wrapped('{"type":"error","status":429,"headers":"x"}')).toBeUndefined();
    expect(wrapped('{"type":"error","status":42}')).toBeUndefined();
  });

  it('keeps string, number and boolean header values only', () => {
    const error = http(
      wrapped(
        '{"type":"error","status":500,"headers":{"a":"x","b":2,"c":true,"d":null,"e":{"f":1},"bad name":"v"}}',
      ),
    );
    expect(Object.fromEntries(error.headers ?? [])).toEqual({ a: 'x', b: '2', c: 'true' });
  });
});
