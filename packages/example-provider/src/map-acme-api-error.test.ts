import { ApiError, defaultMapApiError } from '@codex/api';
import { UnexpectedStatusError } from '@codex/protocol';
import { describe, expect, it } from 'vitest';
import { ACME_QUOTA_MESSAGE } from './acme-quota-message.js';
import { mapAcmeApiError } from './map-acme-api-error.js';

const QUOTA_BODY = '{"error":{"code":"quota_exhausted","message":"Plan quota exhausted"}}';

describe('mapAcmeApiError', () => {
  it('gives a 402 quota_exhausted the Acme message, keeping status, body and cause', () => {
    const apiError = new ApiError({ kind: 'api', status: 402, message: QUOTA_BODY });
    const error = mapAcmeApiError(apiError);
    expect(UnexpectedStatusError.isInstance(error)).toBe(true);
    const status = error as UnexpectedStatusError;
    expect(status.message).toBe(ACME_QUOTA_MESSAGE);
    expect(status.userMessage).toBe(ACME_QUOTA_MESSAGE);
    expect(status.status).toBe(402);
    expect(status.body).toBe(QUOTA_BODY);
    expect(status.cause).toBe(apiError);
  });

  it.each([
    ['a 402 without the marker', 402, '{"error":{"code":"billing_hard_limit"}}'],
    ['another status with the marker', 403, QUOTA_BODY],
  ])('leaves %s to the neutral mapping', (_name, status, body) => {
    const apiError = new ApiError({ kind: 'api', status, message: body });
    const error = mapAcmeApiError(apiError);
    expect(error.message).toBe(defaultMapApiError(apiError).message);
    expect((error as UnexpectedStatusError).userMessage).toBeUndefined();
  });

  it('maps non-HTTP failures exactly as the neutral mapping does', () => {
    const apiError = new ApiError({ kind: 'contextWindowExceeded' });
    const error = mapAcmeApiError(apiError);
    expect(error.constructor).toBe(defaultMapApiError(apiError).constructor);
    expect(error.message).toBe(defaultMapApiError(apiError).message);
  });
});
