import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CodexError } from './codex-error.js';
import { ConnectionFailedError } from './connection-failed-error.js';
import { ContextWindowExceededError } from './context-window-exceeded-error.js';
import { CyberPolicyError } from './cyber-policy-error.js';
import { EnvVarError } from './env-var-error.js';
import { FatalError } from './fatal-error.js';
import { getErrorMessageUi } from './get-error-message-ui.js';
import { InternalServerError } from './internal-server-error.js';
import { InvalidImageRequestError } from './invalid-image-request-error.js';
import { InvalidRequestError } from './invalid-request-error.js';
import { QuotaExceededError } from './quota-exceeded-error.js';
import { RefreshTokenFailedError } from './refresh-token-failed-error.js';
import { RequestTimeoutError } from './request-timeout-error.js';
import { ResponseStreamFailedError } from './response-stream-failed-error.js';
import { RetryLimitError } from './retry-limit-error.js';
import { ServerOverloadedError } from './server-overloaded-error.js';
import { StreamDisconnectedError } from './stream-disconnected-error.js';
import { UnexpectedStatusError } from './unexpected-status-error.js';
import { UsageLimitReachedError } from './usage-limit-reached-error.js';
import { UsageNotIncludedError } from './usage-not-included-error.js';

interface Row {
  error: CodexError;
  message: string;
  retryable: boolean;
  info: string;
  httpStatus?: number;
}

// §B.2: Display, retryable and CodexErrorInfo for every kind.
const rows: Row[] = [
  {
    error: new StreamDisconnectedError({ detail: 'dns', retryDelayMs: 1500 }),
    message: 'stream disconnected before completion: dns',
    retryable: true,
    info: '"other"',
  },
  {
    error: new ContextWindowExceededError(),
    message:
      "Codex ran out of room in the model's context window. Start a new thread or clear earlier history before retrying.",
    retryable: false,
    info: '"context_window_exceeded"',
  },
  {
    error: new RequestTimeoutError(),
    message: 'request timed out',
    retryable: true,
    info: '"other"',
  },
  {
    error: new UnexpectedStatusError({ status: 401, body: 'nope' }),
    message: 'unexpected status 401 Unauthorized: nope',
    retryable: true,
    info: '"other"',
    httpStatus: 401,
  },
  {
    error: new InvalidRequestError({ message: '{"error":{"message":"bad"}}' }),
    message: '{"error":{"message":"bad"}}',
    retryable: false,
    info: '"other"',
  },
  {
    error: new InvalidImageRequestError(),
    message: 'Image poisoning',
    retryable: false,
    info: '"other"',
  },
  {
    error: new UsageLimitReachedError(),
    message: "You've hit your usage limit. Try again later.",
    retryable: false,
    info: '"usage_limit_exceeded"',
  },
  {
    error: new ServerOverloadedError(),
    message: 'Selected model is at capacity. Please try a different model.',
    retryable: false,
    info: '"server_overloaded"',
  },
  {
    error: new CyberPolicyError({
      message: 'This request has been flagged for possible cybersecurity risk.',
    }),
    message: 'This request has been flagged for possible cybersecurity risk.',
    retryable: false,
    info: '"cyber_policy"',
  },
  {
    error: new ResponseStreamFailedError({ detail: 'connection reset', httpStatus: 502 }),
    message: 'Error while reading the server response: connection reset',
    retryable: true,
    info: '{"response_stream_connection_failed":{"http_status_code":502}}',
    httpStatus: 502,
  },
  {
    error: new ConnectionFailedError({ detail: 'error sending request' }),
    message: 'Connection failed: error sending request',
    retryable: true,
    info: '{"http_connection_failed":{"http_status_code":null}}',
  },
  {
    error: new QuotaExceededError(),
    message: 'Quota exceeded. Check your plan and billing details.',
    retryable: false,
    info: '"usage_limit_exceeded"',
  },
  {
    error: new UsageNotIncludedError(),
    message:
      'To use Codex with your ChatGPT plan, upgrade to Plus: https://chatgpt.com/explore/plus.',
    retryable: false,
    info: '"usage_limit_exceeded"',
  },
  {
    error: new InternalServerError(),
    message: "We're currently experiencing high demand, which may cause temporary errors.",
    retryable: true,
    info: '"internal_server_error"',
  },
  {
    error: new RetryLimitError({ status: 429, requestId: 'r1' }),
    message: 'exceeded retry limit, last status: 429 Too Many Requests, request id: r1',
    retryable: false,
    info: '{"response_too_many_failed_attempts":{"http_status_code":429}}',
    httpStatus: 429,
  },
  {
    error: new RefreshTokenFailedError({ message: 'Your session expired. Sign in again.' }),
    message: 'Your session expired. Sign in again.',
    retryable: false,
    info: '"unauthorized"',
  },
  {
    error: new FatalError({ detail: 'no provider' }),
    message: 'Fatal error: no provider',
    retryable: false,
    info: '"other"',
  },
  {
    error: new EnvVarError({
      variable: 'OPENAI_API_KEY',
      instructions: 'Create one at the console.',
    }),
    message: 'Missing environment variable: `OPENAI_API_KEY`. Create one at the console.',
    retryable: false,
    info: '"other"',
  },
];

describe('the Codex error family (§B.2)', () => {
  it.each(rows.map((row) => [row.error.name, row] as const))('%s', (_name, row) => {
    expect(row.error.message).toBe(row.message);
    expect(String(row.error)).toBe(`${row.error.name}: ${row.message}`);
    expect(row.error.isRetryable).toBe(row.retryable);
    expect(JSON.stringify(row.error.errorInfo)).toBe(row.info);
    expect(row.error.httpStatus).toBe(row.httpStatus);
    expect(row.error).toBeInstanceOf(Error);
    expect(CodexError.isInstance(row.error)).toBe(true);
    expect(row.error.toErrorEvent()).toEqual({
      message: row.message,
      codexErrorInfo: row.error.errorInfo,
    });
  });

  it('covers one class per kind, each with a distinct name and kind', () => {
    expect(new Set(rows.map((row) => row.error.name)).size).toBe(rows.length);
    expect(new Set(rows.map((row) => row.error.kind)).size).toBe(rows.length);
  });

  it('each class recognises only its own instances', () => {
    const classes = [
      StreamDisconnectedError,
      ContextWindowExceededError,
      RequestTimeoutError,
      UnexpectedStatusError,
      InvalidRequestError,
      InvalidImageRequestError,
      UsageLimitReachedError,
      ServerOverloadedError,
      CyberPolicyError,
      ResponseStreamFailedError,
      ConnectionFailedError,
      QuotaExceededError,
      UsageNotIncludedError,
      InternalServerError,
      RetryLimitError,
      RefreshTokenFailedError,
      FatalError,
      EnvVarError,
    ];
    for (const [index, errorClass] of classes.entries()) {
      for (const [other, row] of rows.entries()) {
        expect(errorClass.isInstance(row.error)).toBe(index === other);
      }
    }
    expect(CodexError.isInstance(new Error('plain'))).toBe(false);
    expect(CodexError.isInstance(null)).toBe(false);
    expect(CodexError.isInstance({ message: 'duck' })).toBe(false);
  });

  it('keeps the stream retry delay and the cause', () => {
    const cause = new Error('socket hang up');
    const error = new StreamDisconnectedError({ detail: 'x', retryDelayMs: 250, cause });
    expect(error.retryDelayMs).toBe(250);
    expect(error.cause).toBe(cause);
    expect(new StreamDisconnectedError({ detail: 'x' }).retryDelayMs).toBeUndefined();
    expect(() => new StreamDisconnectedError({ detail: 'x', retryDelayMs: -1 })).toThrow(
      /retryDelayMs/,
    );
  });

  it('E.2 41: the neutral renderings of timeouts, network errors and retry limits', () => {
    expect(new RequestTimeoutError().message).toBe('request timed out');
    expect(new StreamDisconnectedError({ detail: 'dns' }).message).toBe(
      'stream disconnected before completion: dns',
    );
    expect(new RetryLimitError({ status: 500 }).message).toBe(
      'exceeded retry limit, last status: 500 Internal Server Error',
    );
  });

  it('E.2 42: toErrorEvent with a prefix on a ResponseStreamFailed', () => {
    const error = new ResponseStreamFailedError({
      detail: 'HTTP status client error (429 Too Many Requests) for url (http://example.com/)',
      httpStatus: 429,
      requestId: 'req-123',
    });
    const event = error.toErrorEvent('prefix');
    expect(event.message).toBe(
      'prefix: Error while reading the server response: HTTP status client error (429 Too Many Requests) for url (http://example.com/), request id: req-123',
    );
    expect(JSON.stringify(event.codexErrorInfo)).toBe(
      '{"response_stream_connection_failed":{"http_status_code":429}}',
    );
  });

  it('EnvVarError without instructions', () => {
    expect(new EnvVarError({ variable: 'X' }).message).toBe('Missing environment variable: `X`.');
  });
});

describe('secrets never leak from an error', () => {
  const secret = 'sk-fake-SECRET-0123456789';
  // A transport error that, like ky's HTTPError, holds the request with its headers.
  const transportError = Object.assign(new Error('Request failed with status code 401'), {
    request: { headers: { authorization: `Bearer ${secret}`, cookie: `session=${secret}` } },
    options: { headers: { Authorization: `Bearer ${secret}` } },
  });
  const errors: CodexError[] = [
    new UnexpectedStatusError({
      status: 401,
      body: 'Unauthorized',
      url: 'https://api.example.com/v1/responses',
      requestId: 'req-1',
      cfRay: 'ray-1',
      cause: transportError,
    }),
    new UnexpectedStatusError({ status: 401, body: '', cause: transportError }).withUserMessage(
      'Check your credentials',
    ),
    new StreamDisconnectedError({ detail: 'network error', cause: transportError }),
    new ConnectionFailedError({ detail: 'error sending request', cause: transportError }),
    new RetryLimitError({ status: 429, cause: { headers: { authorization: secret } } }),
  ];

  it.each(errors.map((error) => [error.name, error] as const))(
    '%s: JSON.stringify, String and util.inspect show no header values',
    (_name, error) => {
      for (const text of [JSON.stringify(error), String(error), inspect(error, { depth: 10 })]) {
        expect(text).not.toContain(secret);
        expect(text.toLowerCase()).not.toContain('authorization');
        expect(text.toLowerCase()).not.toContain('cookie');
      }
    },
  );

  it('toJSON keeps the diagnostics and a summary of the cause', () => {
    const json = JSON.parse(JSON.stringify(errors[0]));
    expect(json).toMatchObject({
      name: 'UnexpectedStatusError',
      kind: 'unexpected_status',
      status: 401,
      url: 'https://api.example.com/v1/responses',
      requestId: 'req-1',
      cfRay: 'ray-1',
      isRetryable: true,
      errorInfo: 'other',
      cause: { name: 'Error', message: 'Request failed with status code 401' },
    });
  });
});

describe('getErrorMessageUi', () => {
  it('returns short messages unchanged', () => {
    expect(getErrorMessageUi(new RequestTimeoutError())).toBe('request timed out');
  });

  it('middle-truncates to 2048 bytes with the character count', () => {
    const error = new InvalidRequestError({ message: `${'a'.repeat(2000)}${'z'.repeat(2000)}` });
    expect(getErrorMessageUi(error)).toBe(
      `${'a'.repeat(1024)}…1952 chars truncated…${'z'.repeat(1024)}`,
    );
  });
});
