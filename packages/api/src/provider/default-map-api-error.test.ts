import { TransportError } from '@codex/client';
import {
  ContextWindowExceededError,
  CyberPolicyError,
  InternalServerError,
  InvalidImageRequestError,
  InvalidRequestError,
  QuotaExceededError,
  RequestTimeoutError,
  RetryLimitError,
  ServerOverloadedError,
  StreamDisconnectedError,
  UnexpectedStatusError,
  UsageLimitReachedError,
  UsageNotIncludedError,
} from '@codex/protocol';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors/api-error.js';
import { defaultMapApiError } from './default-map-api-error.js';

function http(
  status: number,
  body: string | undefined,
  headers: Record<string, string> = {},
  url = 'https://example.com/v1/responses',
): ApiError {
  return ApiError.transport(
    new TransportError({ kind: 'http', status, url, headers: new Headers(headers), body }),
  );
}

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

describe('defaultMapApiError: ApiError kinds (§7.3)', () => {
  it('maps the fixed kinds to the same-named errors and keeps the ApiError as cause', () => {
    const cases: Array<[ApiError, (value: unknown) => boolean, string]> = [
      [
        new ApiError({ kind: 'contextWindowExceeded' }),
        ContextWindowExceededError.isInstance,
        "Codex ran out of room in the model's context window. Start a new thread or clear earlier history before retrying.",
      ],
      [
        new ApiError({ kind: 'quotaExceeded' }),
        QuotaExceededError.isInstance,
        'Quota exceeded. Check your plan and billing details.',
      ],
      [
        new ApiError({ kind: 'usageNotIncluded' }),
        UsageNotIncludedError.isInstance,
        'To use Codex with your ChatGPT plan, upgrade to Plus: https://chatgpt.com/explore/plus.',
      ],
      [
        new ApiError({ kind: 'serverOverloaded' }),
        ServerOverloadedError.isInstance,
        'Selected model is at capacity. Please try a different model.',
      ],
      [
        new ApiError({ kind: 'invalidRequest', message: 'Invalid request.' }),
        InvalidRequestError.isInstance,
        'Invalid request.',
      ],
      [
        new ApiError({ kind: 'cyberPolicy', message: 'flagged' }),
        CyberPolicyError.isInstance,
        'flagged',
      ],
      [
        ApiError.stream('socket closed'),
        StreamDisconnectedError.isInstance,
        'stream disconnected before completion: socket closed',
      ],
      [
        new ApiError({ kind: 'rateLimit', message: 'slow' }),
        StreamDisconnectedError.isInstance,
        'stream disconnected before completion: slow',
      ],
    ];
    for (const [input, guard, message] of cases) {
      const mapped = defaultMapApiError(input);
      expect(guard(mapped), message).toBe(true);
      expect(mapped.message).toBe(message);
      expect(mapped.cause).toBe(input);
    }
  });

  it('keeps the delay of a retryable error', () => {
    const mapped = defaultMapApiError(
      new ApiError({ kind: 'retryable', message: 'm', delayMs: 2000 }),
    );
    expect(StreamDisconnectedError.isInstance(mapped)).toBe(true);
    expect(mapped).toMatchObject({ detail: 'm', retryDelayMs: 2000 });
    expect(mapped.message).toBe('stream disconnected before completion: m');
  });

  it('maps Api{status, message} to UnexpectedStatus with the Cloudflare message for a 403 block', () => {
    const plain = defaultMapApiError(
      new ApiError({ kind: 'api', status: 401, message: 'Signature expired: x' }),
    );
    expect(UnexpectedStatusError.isInstance(plain)).toBe(true);
    expect(plain).toMatchObject({ status: 401, body: 'Signature expired: x' });
    expect(plain.message).toBe('unexpected status 401 Unauthorized: Signature expired: x');
    const blocked = defaultMapApiError(
      new ApiError({ kind: 'api', status: 403, message: 'Cloudflare: you have been blocked' }),
    );
    expect(blocked.message).toBe(
      'Access blocked by Cloudflare. This usually happens when connecting from a restricted region (status 403 Forbidden)',
    );
  });

  it('maps transport timeout, network, build and retry limit (E.2 41)', () => {
    expect(
      defaultMapApiError(ApiError.transport(new TransportError({ kind: 'timeout' }))),
    ).toSatisfy(RequestTimeoutError.isInstance);
    expect(
      defaultMapApiError(ApiError.transport(new TransportError({ kind: 'timeout' }))).message,
    ).toBe('request timed out');
    expect(
      defaultMapApiError(ApiError.transport(new TransportError({ kind: 'network', detail: 'dns' })))
        .message,
    ).toBe('stream disconnected before completion: dns');
    expect(
      defaultMapApiError(ApiError.transport(new TransportError({ kind: 'build', detail: 'x' })))
        .message,
    ).toBe('stream disconnected before completion: x');
    const retryLimit = defaultMapApiError(
      ApiError.transport(new TransportError({ kind: 'retryLimit' })),
    );
    expect(RetryLimitError.isInstance(retryLimit)).toBe(true);
    expect(retryLimit.message).toBe('exceeded retry limit, last status: 500 Internal Server Error');
  });
});

describe('defaultMapApiError: HTTP rules (§7.3, §8.7, E.2 34–41)', () => {
  it('503 with an overload code → ServerOverloaded; other 503 → UnexpectedStatus (83, E.2 35)', () => {
    for (const code of ['server_is_overloaded', 'slow_down']) {
      const mapped = defaultMapApiError(http(503, JSON.stringify({ error: { code } })));
      expect(ServerOverloadedError.isInstance(mapped)).toBe(true);
    }
    const other = defaultMapApiError(http(503, '{"error":{"code":"other","message":"busy"}}'));
    expect(UnexpectedStatusError.isInstance(other)).toBe(true);
    expect(other.message).toBe(
      'unexpected status 503 Service Unavailable: busy, url: https://example.com/v1/responses',
    );
  });

  it('400 cyber policy, plain and WebSocket-wrapped, with the fallback message (84–86)', () => {
    const message = 'This request has been flagged for potentially high-risk cyber activity.';
    const plain = defaultMapApiError(
      http(
        400,
        JSON.stringify({
          error: { message, type: 'invalid_request', param: null, code: 'cyber_policy' },
        }),
      ),
    );
    expect(CyberPolicyError.isInstance(plain)).toBe(true);
    expect(plain.message).toBe(message);
    const wrapped = defaultMapApiError(
      http(
        400,
        '{"type":"error","status":400,"error":{"message":"This websocket request was flagged.","type":"invalid_request","code":"cyber_policy"}}',
      ),
    );
    expect(CyberPolicyError.isInstance(wrapped)).toBe(true);
    expect(wrapped.message).toBe('This websocket request was flagged.');
    for (const body of [
      '{"error":{"code":"cyber_policy"}}',
      '{"error":{"code":"cyber_policy","message":"  "}}',
    ]) {
      expect(defaultMapApiError(http(400, body)).message).toBe(
        'This request has been flagged for possible cybersecurity risk.',
      );
    }
  });

  it('400 invalid image, else InvalidRequest with the raw body (87, 91)', () => {
    const image = defaultMapApiError(
      http(400, 'xx The image data you provided does not represent a valid image xx'),
    );
    expect(InvalidImageRequestError.isInstance(image)).toBe(true);
    expect(image.message).toBe('Image poisoning');
    const body = '{"error":{"message":"Some other bad request.","code":"some_other_policy"}}';
    const invalid = defaultMapApiError(http(400, body));
    expect(InvalidRequestError.isInstance(invalid)).toBe(true);
    expect(invalid.message).toBe(body);
    const empty = defaultMapApiError(http(400, undefined));
    expect(empty.message).toBe('');
  });

  it('500 → InternalServerError, body discarded', () => {
    const mapped = defaultMapApiError(http(500, 'secret-ish body'));
    expect(InternalServerError.isInstance(mapped)).toBe(true);
    expect(mapped.message).toBe(
      "We're currently experiencing high demand, which may cause temporary errors.",
    );
  });

  it('429 usage_limit_reached reads the active limit family (88, 89, E.2 39)', () => {
    const body = '{"error":{"type":"usage_limit_reached","plan_type":"pro"}}';
    const named = defaultMapApiError(
      http(429, body, {
        'x-codex-active-limit': 'codex_other',
        'x-codex-other-limit-name': 'codex_other',
        'x-codex-other-primary-used-percent': '100',
      }),
    );
    expect(UsageLimitReachedError.isInstance(named)).toBe(true);
    const usage = named as UsageLimitReachedError;
    expect(usage.rateLimits?.limitId).toBe('codex_other');
    expect(usage.rateLimits?.limitName).toBe('codex_other');
    expect(usage.rateLimits?.primary?.usedPercent).toBe(100);
    expect(usage.planType).toBe('pro');
    expect(usage.message).toBe(
      "You've hit your usage limit for codex_other. Switch to another model now, or try again later.",
    );
    const unnamed = defaultMapApiError(
      http(429, body, {
        'x-codex-active-limit': 'codex_other',
        'x-codex-rate-limit-reached-type': 'future_rate_limit_reached_type',
      }),
    ) as UsageLimitReachedError;
    expect(unnamed.rateLimits?.limitName).toBeUndefined();
    expect(unnamed.rateLimitReachedType).toBeUndefined();
    expect(unnamed.message).toBe(
      "You've hit your usage limit. Visit https://chatgpt.com/codex/settings/usage to purchase more credits or try again later.",
    );
  });

  it('429 usage_limit_reached: resets_at, promo message and reached type', () => {
    const withReset = defaultMapApiError(
      http(
        429,
        '{"error":{"type":"usage_limit_reached","plan_type":"plus","resets_at":1738888888}}',
        {
          'x-codex-promo-message': '  Try the promo  ',
        },
      ),
    ) as UsageLimitReachedError;
    expect(withReset.resetsAt?.toISOString()).toBe(new Date(1738888888 * 1000).toISOString());
    expect(withReset.promoMessage).toBe('Try the promo');
    expect(withReset.rateLimits?.limitId).toBe('codex');
    const reached = defaultMapApiError(
      http(429, '{"error":{"type":"usage_limit_reached"}}', {
        'x-codex-rate-limit-reached-type': 'workspace_owner_credits_depleted',
      }),
    );
    expect(reached.message).toBe('Your workspace is out of credits. Add credits to continue.');
  });

  it('429 usage_not_included → UsageNotIncluded; anything else → RetryLimit with request id fallbacks (E.2 40, 91)', () => {
    expect(defaultMapApiError(http(429, '{"error":{"type":"usage_not_included"}}'))).toSatisfy(
      UsageNotIncludedError.isInstance,
    );
    const withId = defaultMapApiError(http(429, 'slow down', { 'x-request-id': 'r1' }));
    expect(RetryLimitError.isInstance(withId)).toBe(true);
    expect(withId.message).toBe(
      'exceeded retry limit, last status: 429 Too Many Requests, request id: r1',
    );
    expect(
      (
        defaultMapApiError(
          http(429, '{}', { 'x-oai-request-id': 'r2', 'cf-ray': 'c' }),
        ) as RetryLimitError
      ).requestId,
    ).toBe('r2');
    expect(
      (defaultMapApiError(http(429, '{}', { 'cf-ray': 'c' })) as RetryLimitError).requestId,
    ).toBe('c');
    // A mistyped field makes the body "not a usage error".
    expect(
      defaultMapApiError(http(429, '{"error":{"type":"usage_limit_reached","resets_at":"soon"}}')),
    ).toSatisfy(RetryLimitError.isInstance);
  });

  it('other statuses → UnexpectedStatus with all diagnostics (90, E.2 37)', () => {
    const mapped = defaultMapApiError(
      http(
        401,
        '{"detail":"Unauthorized"}',
        {
          'x-request-id': 'req-401',
          'cf-ray': 'ray-401',
          'x-openai-authorization-error': 'missing_authorization_header',
          'x-error-json': base64('{"error":{"code":"token_expired"}}'),
        },
        'https://chatgpt.com/backend-api/codex/models',
      ),
    );
    expect(UnexpectedStatusError.isInstance(mapped)).toBe(true);
    expect(mapped).toMatchObject({
      status: 401,
      requestId: 'req-401',
      cfRay: 'ray-401',
      identityAuthorizationError: 'missing_authorization_header',
      identityErrorCode: 'token_expired',
    });
    expect(mapped.message).toBe(
      'unexpected status 401 Unauthorized: {"detail":"Unauthorized"}, url: https://chatgpt.com/backend-api/codex/models, cf-ray: ray-401, request id: req-401, auth error: missing_authorization_header, auth error code: token_expired',
    );
    expect(
      defaultMapApiError(
        http(401, '', { 'x-error-json': 'eyJlcnJvciI6eyJjb2RlIjoidG9rZW5fZXhwaXJlZCJ9fQ==' }),
      ),
    ).toMatchObject({ identityErrorCode: 'token_expired' });
  });

  it('request id falls back to x-oai-request-id but never to cf-ray (E.2 38, §9.22)', () => {
    expect(defaultMapApiError(http(401, 'x', { 'x-oai-request-id': 'req-auth' }))).toMatchObject({
      requestId: 'req-auth',
    });
    const onlyRay = defaultMapApiError(
      http(401, 'x', { 'cf-ray': 'ray' }),
    ) as UnexpectedStatusError;
    expect(onlyRay.requestId).toBeUndefined();
    expect(onlyRay.cfRay).toBe('ray');
  });

  it('x-error-json that is not padded base64 of JSON with a string code → absent', () => {
    for (const value of [
      'not base64!',
      base64('{"error":{"code":5}}'),
      base64('not json'),
      base64('{"error":{"code":"token_expired"}}').replace(/=+$/, ''),
      base64('null'),
    ]) {
      const mapped = defaultMapApiError(http(401, 'x', { 'x-error-json': value }));
      expect((mapped as UnexpectedStatusError).identityErrorCode, value).toBeUndefined();
    }
  });

  it('header values that are not visible ASCII are absent', () => {
    const headers = new Headers();
    // A UTF-8 value arrives as Latin-1 characters above 0x7E.
    headers.set('x-request-id', 'req-\u00e9');
    headers.set('cf-ray', 'ray-ok');
    const mapped = defaultMapApiError(
      ApiError.transport(new TransportError({ kind: 'http', status: 418, headers, body: '' })),
    ) as UnexpectedStatusError;
    expect(mapped.requestId).toBeUndefined();
    expect(mapped.cfRay).toBe('ray-ok');
    expect(mapped.message).toBe(
      "unexpected status 418 I'm a teapot: Unknown error, cf-ray: ray-ok",
    );
  });

  it('a Cloudflare 403 block gets the neutral userMessage (E.2 34)', () => {
    const mapped = defaultMapApiError(
      http(
        403,
        '<html><body>Cloudflare error: Sorry, you have been blocked</body></html>',
        { 'cf-ray': 'ray-id' },
        'http://example.com/blocked',
      ),
    );
    expect(mapped.message).toBe(
      'Access blocked by Cloudflare. This usually happens when connecting from a restricted region (status 403 Forbidden), url: http://example.com/blocked, cf-ray: ray-id',
    );
    expect((mapped as UnexpectedStatusError).userMessage).toBeDefined();
    const notBlocked = defaultMapApiError(http(403, 'cloudflare blocked', {}, 'http://x/'));
    expect((notBlocked as UnexpectedStatusError).userMessage).toBeUndefined();
  });
});
