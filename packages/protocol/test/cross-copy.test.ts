// Needs the built package (`pnpm build`; turbo's `test` task depends on `build`).
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import * as esm from '../dist/index.js';

const cjs = createRequire(import.meta.url)('../dist/index.cjs') as typeof esm;

describe('isInstance across two copies of the package (ESM and CJS builds)', () => {
  it('loads two distinct copies', () => {
    expect(cjs.UnexpectedStatusError).not.toBe(esm.UnexpectedStatusError);
    const fromCjs = new cjs.UnexpectedStatusError({ status: 401, body: '' });
    expect(fromCjs instanceof esm.UnexpectedStatusError).toBe(false);
  });

  it('recognises errors made by the other copy', () => {
    const fromCjs = new cjs.UnexpectedStatusError({ status: 401, body: 'x', requestId: 'r' });
    const fromEsm = new esm.RetryLimitError({ status: 429 });
    expect(esm.UnexpectedStatusError.isInstance(fromCjs)).toBe(true);
    expect(esm.CodexError.isInstance(fromCjs)).toBe(true);
    expect(cjs.RetryLimitError.isInstance(fromEsm)).toBe(true);
    expect(cjs.CodexError.isInstance(fromEsm)).toBe(true);
    expect(esm.RetryLimitError.isInstance(fromCjs)).toBe(false);
    expect(cjs.UnexpectedStatusError.isInstance(fromEsm)).toBe(false);
  });

  it('recognises every class of the family across copies', () => {
    const pairs: Array<[{ name: string; isInstance(value: unknown): boolean }, unknown]> = [
      [esm.StreamDisconnectedError, new cjs.StreamDisconnectedError({ detail: 'x' })],
      [esm.ContextWindowExceededError, new cjs.ContextWindowExceededError()],
      [esm.RequestTimeoutError, new cjs.RequestTimeoutError()],
      [esm.UnexpectedStatusError, new cjs.UnexpectedStatusError({ status: 500, body: '' })],
      [esm.InvalidRequestError, new cjs.InvalidRequestError({ message: 'x' })],
      [esm.InvalidImageRequestError, new cjs.InvalidImageRequestError()],
      [esm.UsageLimitReachedError, new cjs.UsageLimitReachedError()],
      [esm.ServerOverloadedError, new cjs.ServerOverloadedError()],
      [esm.CyberPolicyError, new cjs.CyberPolicyError({ message: 'x' })],
      [esm.ResponseStreamFailedError, new cjs.ResponseStreamFailedError({ detail: 'x' })],
      [esm.ConnectionFailedError, new cjs.ConnectionFailedError({ detail: 'x' })],
      [esm.QuotaExceededError, new cjs.QuotaExceededError()],
      [esm.UsageNotIncludedError, new cjs.UsageNotIncludedError()],
      [esm.InternalServerError, new cjs.InternalServerError()],
      [esm.RetryLimitError, new cjs.RetryLimitError({ status: 500 })],
      [esm.RefreshTokenFailedError, new cjs.RefreshTokenFailedError({ message: 'x' })],
      [esm.FatalError, new cjs.FatalError({ detail: 'x' })],
      [esm.EnvVarError, new cjs.EnvVarError({ variable: 'X' })],
    ];
    for (const [esmClass, error] of pairs) {
      expect(esmClass.isInstance(error), esmClass.name).toBe(true);
    }
  });

  it('withUserMessage on a foreign copy keeps the copy and the fields', () => {
    const guided = new cjs.UnexpectedStatusError({
      status: 401,
      body: 'b',
      url: 'u',
    }).withUserMessage('Guidance');
    expect(esm.UnexpectedStatusError.isInstance(guided)).toBe(true);
    expect(guided.message).toBe('Guidance, url: u');
  });
});
