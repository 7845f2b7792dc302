import { describe, expect, it } from 'vitest';
import { cloudflareBlockedMessage } from './cloudflare-blocked-message.js';
import { UnexpectedStatusError } from './unexpected-status-error.js';

describe('UnexpectedStatusError rendering (§B.1, §E.2)', () => {
  it('26: plain body with url', () => {
    const error = new UnexpectedStatusError({
      status: 403,
      body: 'plain text error',
      url: 'http://example.com/plain',
    });
    expect(error.message).toBe(
      'unexpected status 403 Forbidden: plain text error, url: http://example.com/plain',
    );
  });

  it('27: userMessage replaces the head, diagnostics still appended', () => {
    const error = new UnexpectedStatusError({
      status: 401,
      body: 'provider-specific response',
      userMessage: 'Provider-specific guidance',
      url: 'https://example.com/v1/responses',
      requestId: 'req-provider',
    });
    expect(error.message).toBe(
      'Provider-specific guidance, url: https://example.com/v1/responses, request id: req-provider',
    );
  });

  it('28: JSON error.message is preferred', () => {
    const error = new UnexpectedStatusError({
      status: 401,
      body: '{"error":{"message":"Workspace is not authorized in this region."},"status":401}',
      url: 'https://chatgpt.com/backend-api/codex/responses',
      requestId: 'req-123',
    });
    expect(error.message).toBe(
      'unexpected status 401 Unauthorized: Workspace is not authorized in this region., url: https://chatgpt.com/backend-api/codex/responses, request id: req-123',
    );
  });

  it('28b: a long JSON error.message is never truncated', () => {
    const long = 'm'.repeat(1500);
    const error = new UnexpectedStatusError({
      status: 400,
      body: JSON.stringify({ error: { message: `  ${long}  ` } }),
    });
    expect(error.message).toBe(`unexpected status 400 Bad Request: ${long}`);
  });

  it('29: bodies over 1000 bytes are cut with ...', () => {
    const error = new UnexpectedStatusError({
      status: 502,
      body: 'x'.repeat(1010),
      url: 'http://example.com/long',
      requestId: 'req-long',
    });
    expect(error.message).toBe(
      `unexpected status 502 Bad Gateway: ${'x'.repeat(1000)}..., url: http://example.com/long, request id: req-long`,
    );
  });

  it('29b: the cut never splits a UTF-8 character', () => {
    // 999 ASCII bytes then a 3-byte character straddling the 1000-byte limit.
    const body = `${'a'.repeat(999)}€${'b'.repeat(20)}`;
    const error = new UnexpectedStatusError({ status: 500, body });
    expect(error.message).toBe(
      `unexpected status 500 Internal Server Error: ${'a'.repeat(999)}...`,
    );
    const exact = `${'a'.repeat(997)}€${'b'.repeat(20)}`;
    expect(new UnexpectedStatusError({ status: 500, body: exact }).message).toBe(
      `unexpected status 500 Internal Server Error: ${'a'.repeat(997)}€...`,
    );
  });

  it('29c: exactly 1000 bytes is kept whole', () => {
    const error = new UnexpectedStatusError({ status: 500, body: 'y'.repeat(1000) });
    expect(error.message).toBe(`unexpected status 500 Internal Server Error: ${'y'.repeat(1000)}`);
  });

  it('30: cf-ray comes between url and request id', () => {
    const error = new UnexpectedStatusError({
      status: 401,
      body: 'plain text error',
      url: 'https://chatgpt.com/backend-api/codex/responses',
      cfRay: '9c81f9f18f2fa49d-LHR',
      requestId: 'req-xyz',
    });
    expect(error.message).toBe(
      'unexpected status 401 Unauthorized: plain text error, url: https://chatgpt.com/backend-api/codex/responses, cf-ray: 9c81f9f18f2fa49d-LHR, request id: req-xyz',
    );
  });

  it('31: all five diagnostics in the fixed order', () => {
    const error = new UnexpectedStatusError({
      status: 401,
      body: 'plain text error',
      identityErrorCode: 'token_expired',
      identityAuthorizationError: 'missing_authorization_header',
      requestId: 'req-auth',
      cfRay: 'cf-ray-auth-401-test',
      url: 'https://chatgpt.com/backend-api/codex/models',
    });
    expect(error.message).toBe(
      'unexpected status 401 Unauthorized: plain text error, url: https://chatgpt.com/backend-api/codex/models, cf-ray: cf-ray-auth-401-test, request id: req-auth, auth error: missing_authorization_header, auth error code: token_expired',
    );
  });

  it('32: a blank body renders Unknown error', () => {
    expect(new UnexpectedStatusError({ status: 502, body: '   ' }).message).toBe(
      'unexpected status 502 Bad Gateway: Unknown error',
    );
    expect(new UnexpectedStatusError({ status: 404, body: '' }).message).toBe(
      'unexpected status 404 Not Found: Unknown error',
    );
  });

  it('33: a blank JSON error.message falls back to the trimmed raw body', () => {
    const body = '{"error":{"message":"   "}}';
    expect(new UnexpectedStatusError({ status: 400, body: `  ${body}\n` }).message).toBe(
      `unexpected status 400 Bad Request: ${body}`,
    );
  });

  it('trims like Rust: U+FEFF is kept, U+0085 is stripped', () => {
    expect(new UnexpectedStatusError({ status: 400, body: '\u0085body\u0085' }).message).toBe(
      'unexpected status 400 Bad Request: body',
    );
    expect(new UnexpectedStatusError({ status: 400, body: '\ufeffbody' }).message).toBe(
      'unexpected status 400 Bad Request: \ufeffbody',
    );
  });

  it('unknown status codes render <unknown status code>', () => {
    expect(new UnexpectedStatusError({ status: 599, body: 'x' }).message).toBe(
      'unexpected status 599 <unknown status code>: x',
    );
  });

  it('34: the Cloudflare rule produces the neutral userMessage', () => {
    const body = '<html><body>Cloudflare error: Sorry, you have been blocked</body></html>';
    const userMessage = cloudflareBlockedMessage(403, body);
    expect(userMessage).toBe(
      'Access blocked by Cloudflare. This usually happens when connecting from a restricted region (status 403 Forbidden)',
    );
    const error = new UnexpectedStatusError({
      status: 403,
      body,
      userMessage,
      url: 'http://example.com/blocked',
      cfRay: 'ray-id',
    });
    expect(error.message).toBe(
      'Access blocked by Cloudflare. This usually happens when connecting from a restricted region (status 403 Forbidden), url: http://example.com/blocked, cf-ray: ray-id',
    );
  });

  it('the Cloudflare rule needs 403 and both case-sensitive words', () => {
    expect(cloudflareBlockedMessage(401, 'Cloudflare blocked')).toBeUndefined();
    expect(cloudflareBlockedMessage(403, 'cloudflare blocked')).toBeUndefined();
    expect(cloudflareBlockedMessage(403, 'Cloudflare Blocked')).toBeUndefined();
    expect(cloudflareBlockedMessage(403, 'Cloudflare error')).toBeUndefined();
  });

  it('is retryable, has the status and info other (§F.26)', () => {
    const error = new UnexpectedStatusError({ status: 401, body: '' });
    expect(error.isRetryable).toBe(true);
    expect(error.httpStatus).toBe(401);
    expect(JSON.stringify(error.errorInfo)).toBe('"other"');
  });

  it('validates its input', () => {
    expect(() => new UnexpectedStatusError({ status: 4.5, body: '' })).toThrow(TypeError);
    expect(() => new UnexpectedStatusError({ status: 42, body: '' })).toThrow(/status/);
    expect(
      () => new UnexpectedStatusError({ status: 400, body: undefined as unknown as string }),
    ).toThrow(/body/);
  });
});

describe('UnexpectedStatusError#withUserMessage', () => {
  const cause = new Error('transport said no');
  const original = new UnexpectedStatusError({
    status: 401,
    body: 'credential expired: 2026-06-01T00:00:00Z',
    url: 'https://provider.example/v1/responses',
    cfRay: 'ray-1',
    requestId: 'req-1',
    identityAuthorizationError: 'auth-err',
    identityErrorCode: 'code-1',
    cause,
  });

  it('returns a new error keeping every field and the cause', () => {
    const guided = original.withUserMessage('Refresh your credentials and retry');
    expect(guided).not.toBe(original);
    expect(UnexpectedStatusError.isInstance(guided)).toBe(true);
    expect(guided.status).toBe(401);
    expect(guided.body).toBe(original.body);
    expect(guided.url).toBe(original.url);
    expect(guided.cfRay).toBe('ray-1');
    expect(guided.requestId).toBe('req-1');
    expect(guided.identityAuthorizationError).toBe('auth-err');
    expect(guided.identityErrorCode).toBe('code-1');
    expect(guided.cause).toBe(cause);
    expect(guided.userMessage).toBe('Refresh your credentials and retry');
    expect(guided.message).toBe(
      'Refresh your credentials and retry, url: https://provider.example/v1/responses, cf-ray: ray-1, request id: req-1, auth error: auth-err, auth error code: code-1',
    );
    expect(guided.isRetryable).toBe(true);
  });

  it('leaves the original untouched', () => {
    original.withUserMessage('something else');
    expect(original.userMessage).toBeUndefined();
    expect(
      original.message.startsWith('unexpected status 401 Unauthorized: credential expired:'),
    ).toBe(true);
  });
});

describe('the README example', () => {
  it('renders what the README says the user sees', () => {
    const error = new UnexpectedStatusError({
      status: 401,
      body: '{"message":"credential expired at 2026-06-01T12:00:00Z"}',
      url: 'https://provider.example.com/v1/responses',
      requestId: 'req-42',
    });
    expect(error.message).toBe(
      'unexpected status 401 Unauthorized: {"message":"credential expired at 2026-06-01T12:00:00Z"}, url: https://provider.example.com/v1/responses, request id: req-42',
    );
    expect(
      error.withUserMessage('Your credentials expired. Refresh them and restart the app').message,
    ).toBe(
      'Your credentials expired. Refresh them and restart the app, url: https://provider.example.com/v1/responses, request id: req-42',
    );
  });
});
