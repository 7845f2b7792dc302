import { ApiError, defaultMapApiError, TransportError } from '@codex/api';
import {
  InternalServerError,
  InvalidRequestError,
  RequestTimeoutError,
  RetryLimitError,
  StreamDisconnectedError,
  UnexpectedStatusError,
} from '@codex/protocol';
import { describe, expect, it } from 'vitest';
import { httpError } from '../test/support/http-error.js';
import { createBedrockProvider } from './create-bedrock-provider.js';
import { isBedrockExpiredSignature } from './is-bedrock-expired-signature.js';
import { mapBedrockApiError } from './map-bedrock-api-error.js';

// §E.3 notation.
const G =
  'Amazon Bedrock rejected the request because its AWS signature has expired. Refresh your AWS credentials and retry. If `AWS_BEARER_TOKEN_BEDROCK` is set, update or unset it, then restart Codex';
const U = 'https://bedrock-mantle.us-east-2.api.aws/openai/v1/responses';
const EXPIRED = 'Signature expired: 20260609T133205Z is now earlier than 20260614T062525Z';

const provider = createBedrockProvider();
const bedrock = (error: ApiError) => provider.mapApiError(error);

function asUnexpectedStatus(value: unknown): UnexpectedStatusError {
  expect(UnexpectedStatusError.isInstance(value)).toBe(true);
  return value as UnexpectedStatusError;
}

describe('the Bedrock mapApiError (§C.6, §E.3 cases 46–54)', () => {
  it('46: a 401 with `Signature expired:` gets the guidance, diagnostics appended', () => {
    const error = asUnexpectedStatus(
      bedrock(
        httpError({
          status: 401,
          url: U,
          headers: { 'x-request-id': 'req-bedrock' },
          body: EXPIRED,
        }),
      ),
    );
    expect(error.userMessage).toBe(G);
    expect(error.message).toBe(`${G}, url: ${U}, request id: req-bedrock`);
    // Everything else is kept.
    expect(error.status).toBe(401);
    expect(error.body).toBe(EXPIRED);
    expect(error.url).toBe(U);
    expect(error.requestId).toBe('req-bedrock');
    expect(error.isRetryable).toBe(true);
    expect(error.httpStatus).toBe(401);
  });

  it('46: the rendered example of §C.6, byte for byte', () => {
    const error = bedrock(
      httpError({
        status: 401,
        url: U,
        headers: { 'x-request-id': 'req-bedrock' },
        body: 'Signature expired: 20260609T133205Z is now earlier than 20260614T062525Z (20260614T063025Z - 5 min.)',
      }),
    );
    expect(error.message).toBe(
      'Amazon Bedrock rejected the request because its AWS signature has expired. Refresh your AWS credentials and retry. If `AWS_BEARER_TOKEN_BEDROCK` is set, update or unset it, then restart Codex, url: https://bedrock-mantle.us-east-2.api.aws/openai/v1/responses, request id: req-bedrock',
    );
  });

  it('47: any other 401 body stays generic', () => {
    const error = asUnexpectedStatus(
      bedrock(
        httpError({
          status: 401,
          url: U,
          headers: { 'x-request-id': 'req-bedrock' },
          body: 'The security token included in the request is invalid',
        }),
      ),
    );
    expect(error.userMessage).toBeUndefined();
    expect(error.message).toBe(
      `unexpected status 401 Unauthorized: The security token included in the request is invalid, url: ${U}, request id: req-bedrock`,
    );
  });

  it('48: `Signature expired:` with 403 gets no guidance', () => {
    const error = asUnexpectedStatus(
      bedrock(
        httpError({ status: 403, url: U, body: 'Signature expired: old is now earlier than new' }),
      ),
    );
    expect(error.userMessage).toBeUndefined();
    expect(error.message).toBe(
      `unexpected status 403 Forbidden: Signature expired: old is now earlier than new, url: ${U}`,
    );
  });

  it('49: the default (non-Bedrock) mapping of the same 401 is generic', () => {
    const input = httpError({
      status: 401,
      url: U,
      headers: { 'x-request-id': 'req-bedrock' },
      body: EXPIRED,
    });
    const error = asUnexpectedStatus(defaultMapApiError(input));
    expect(error.userMessage).toBeUndefined();
    expect(error.message).toBe(
      `unexpected status 401 Unauthorized: ${EXPIRED}, url: ${U}, request id: req-bedrock`,
    );
  });

  it('50: the match is case-sensitive and needs the colon', () => {
    for (const body of [
      'signature expired: 20260609T133205Z',
      'Signature expired 20260609T133205Z',
      'SIGNATURE EXPIRED: x',
    ]) {
      const error = asUnexpectedStatus(bedrock(httpError({ status: 401, url: U, body })));
      expect(error.userMessage).toBeUndefined();
      expect(error.message).toBe(`unexpected status 401 Unauthorized: ${body}, url: ${U}`);
    }
  });

  it('51: the raw body is searched (JSON too), cf-ray is appended', () => {
    const error = asUnexpectedStatus(
      bedrock(
        httpError({
          status: 401,
          url: U,
          headers: { 'cf-ray': 'r' },
          body: '{"message":"Signature expired: X"}',
        }),
      ),
    );
    expect(error.userMessage).toBe(G);
    expect(error.message).toBe(`${G}, url: ${U}, cf-ray: r`);
  });

  it('51: the raw body is searched even when error.message says something else', () => {
    const body = '{"error":{"message":"Unauthorized"},"detail":"Signature expired: X"}';
    const error = asUnexpectedStatus(bedrock(httpError({ status: 401, url: U, body })));
    expect(error.message).toBe(`${G}, url: ${U}`);
  });

  it('52: an Api{401} error also gets the guidance, with nothing appended', () => {
    const error = asUnexpectedStatus(
      bedrock(new ApiError({ kind: 'api', status: 401, message: 'Signature expired: X' })),
    );
    expect(error.message).toBe(G);
  });

  it('53: 500 and 429 are untouched', () => {
    expect(
      InternalServerError.isInstance(
        bedrock(httpError({ status: 500, url: U, body: 'Signature expired: X' })),
      ),
    ).toBe(true);
    const retryLimit = bedrock(
      httpError({
        status: 429,
        url: U,
        headers: { 'x-request-id': 'r1' },
        body: 'Signature expired: X',
      }),
    );
    expect(RetryLimitError.isInstance(retryLimit)).toBe(true);
    expect(retryLimit.message).toBe(
      'exceeded retry limit, last status: 429 Too Many Requests, request id: r1',
    );
  });

  it('54: a 401 without a body stays generic', () => {
    const error = asUnexpectedStatus(bedrock(httpError({ status: 401, url: U })));
    expect(error.userMessage).toBeUndefined();
    expect(error.message).toBe(`unexpected status 401 Unauthorized: Unknown error, url: ${U}`);
  });

  it('keeps the identity diagnostics in their fixed order after the guidance (§F.3)', () => {
    const error = bedrock(
      httpError({
        status: 401,
        url: U,
        headers: {
          'x-request-id': 'req-1',
          'cf-ray': 'ray-1',
          'x-openai-authorization-error': 'missing_authorization_header',
          'x-error-json': Buffer.from('{"error":{"code":"token_expired"}}').toString('base64'),
        },
        body: EXPIRED,
      }),
    );
    expect(error.message).toBe(
      `${G}, url: ${U}, cf-ray: ray-1, request id: req-1, auth error: missing_authorization_header, auth error code: token_expired`,
    );
  });

  it('returns every other kind exactly as the neutral mapping does', () => {
    const inputs: ApiError[] = [
      httpError({ status: 400, url: U, body: 'Signature expired: X' }),
      ApiError.stream('Signature expired: X'),
      new ApiError({ kind: 'retryable', message: 'Signature expired: X', delayMs: 1500 }),
      new ApiError({ kind: 'api', status: 403, message: 'Signature expired: X' }),
    ];
    for (const input of inputs) {
      const expected = defaultMapApiError(input);
      const actual = bedrock(input);
      expect(actual.constructor).toBe(expected.constructor);
      expect(actual.message).toBe(expected.message);
    }
    expect(InvalidRequestError.isInstance(bedrock(inputs[0] as ApiError))).toBe(true);
    expect(StreamDisconnectedError.isInstance(bedrock(inputs[1] as ApiError))).toBe(true);
  });

  it('overwrites a user message set earlier (e.g. by the Cloudflare rule)', () => {
    const error = mapBedrockApiError(
      new ApiError({ kind: 'api', status: 401, message: 'Signature expired: Cloudflare blocked' }),
    );
    expect(error.message).toBe(G);
  });

  it('names the configured application', () => {
    const named = createBedrockProvider({ applicationName: 'Acme IDE' });
    const error = named.mapApiError(httpError({ status: 401, url: U, body: EXPIRED }));
    expect(error.message).toBe(`${G.replace(/Codex$/, 'Acme IDE')}, url: ${U}`);
    expect(
      mapBedrockApiError(httpError({ status: 401, body: EXPIRED }), { applicationName: 'X' })
        .message,
    ).toMatch(/then restart X$/);
  });

  it('does not look at the host (§F.2): any URL gets the guidance', () => {
    const url = 'http://127.0.0.1:9/openai/v1/responses';
    const error = bedrock(httpError({ status: 401, url, body: EXPIRED }));
    expect(error.message).toBe(`${G}, url: ${url}`);
  });

  it('is synchronous', () => {
    const result = bedrock(httpError({ status: 401, url: U, body: EXPIRED }));
    expect(result).not.toBeInstanceOf(Promise);
    const timeout = bedrock(ApiError.transport(new TransportError({ kind: 'timeout' })));
    expect(RequestTimeoutError.isInstance(timeout)).toBe(true);
  });
});

describe('isBedrockExpiredSignature', () => {
  it('matches only 401 UnexpectedStatusErrors whose raw body contains the marker', () => {
    expect(
      isBedrockExpiredSignature(new UnexpectedStatusError({ status: 401, body: EXPIRED })),
    ).toBe(true);
    expect(isBedrockExpiredSignature(new UnexpectedStatusError({ status: 401, body: 'x' }))).toBe(
      false,
    );
    expect(
      isBedrockExpiredSignature(new UnexpectedStatusError({ status: 403, body: EXPIRED })),
    ).toBe(false);
    expect(isBedrockExpiredSignature(new Error(EXPIRED))).toBe(false);
    expect(isBedrockExpiredSignature({ status: 401, body: EXPIRED })).toBe(false);
  });
});
