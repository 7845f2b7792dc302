import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { TransportError } from '../transport-error.js';
import { REDACTED, Secrets } from './redact.js';
import { redactError } from './redact-error.js';

// 39 characters: one short of the old "40+ base64 characters" heuristic.
const SECRET_39 = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLE12';
const TOKEN = 'sk-fake-token-0123456789abcdef';

describe('Secrets', () => {
  it('redacts a value as is, JSON-escaped (also with \\/), percent-encoded and form-encoded', () => {
    const secrets = new Secrets().add(SECRET_39).add('pass word"x');
    expect(SECRET_39).toHaveLength(39);
    const forms = [
      SECRET_39,
      SECRET_39.replaceAll('/', '\\/'),
      encodeURIComponent(SECRET_39),
      JSON.stringify('pass word"x').slice(1, -1),
      'pass+word%22x',
    ];
    for (const form of forms) {
      expect(secrets.redact(`before ${form} after`)).toBe(`before ${REDACTED} after`);
      expect(secrets.appearsIn(form)).toBe(true);
    }
    expect(secrets.redact('nothing here')).toBe('nothing here');
  });

  it('ignores values shorter than 4 characters and non-strings', () => {
    const secrets = new Secrets().add('abc').add(undefined);
    expect(secrets.isEmpty).toBe(true);
    expect(secrets.redact('abc')).toBe('abc');
  });

  it('takes the credential parts of request headers, including headers marked secret', () => {
    const secrets = new Secrets().addRequest({
      url: 'https://user:p%40ss-word@example.com/v1',
      headers: new Headers({
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/bedrock-mantle/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=0123456789abcdef0123456789abcdef',
        'x-amz-security-token': 'session-token-value',
        'x-acme-token': 'acme-secret-value',
        'x-amz-date': '20260101T000000Z',
      }),
      secretHeaders: ['X-Acme-Token'],
    });
    for (const value of [
      'AKIDEXAMPLE',
      'AKIDEXAMPLE/20260101/us-east-1/bedrock-mantle/aws4_request',
      '0123456789abcdef0123456789abcdef',
      'session-token-value',
      'acme-secret-value',
      'p%40ss-word',
      'p@ss-word',
    ]) {
      expect(secrets.appearsIn(`x ${value} y`), value).toBe(true);
    }
    // Names, dates and signed-header lists are not secrets.
    expect(secrets.appearsIn('content-type;host;x-amz-date')).toBe(false);
    expect(secrets.appearsIn('20260101T000000Z')).toBe(false);
  });

  it('takes a short bearer token on its own, not only with its scheme', () => {
    const secrets = new Secrets().addRequest({
      headers: new Headers({ authorization: 'Bearer sk-test' }),
    });
    expect(secrets.redact('token sk-test rejected')).toBe(`token ${REDACTED} rejected`);
  });

  it('keeps at most `limit` values, forgetting the oldest', () => {
    const secrets = new Secrets({ limit: 2 }).add('first-value').add('second-value');
    secrets.add('first-value'); // refreshed
    secrets.add('third-value');
    expect([...secrets]).toEqual(['first-value', 'third-value']);
    expect(() => new Secrets({ limit: 0 })).toThrow(RangeError);
  });

  it('never shows what it holds', () => {
    const secrets = new Secrets().add(TOKEN);
    expect(JSON.stringify(secrets)).toBe('{}');
    expect(inspect(secrets, { showHidden: true, depth: 5 })).not.toContain(TOKEN);
    expect(String(secrets)).not.toContain(TOKEN);
  });

  describe('sanitize', () => {
    it('returns a clean error as it is', () => {
      const error = new Error('harmless', { cause: new Error('also harmless') });
      expect(new Secrets().add(TOKEN).sanitize(error)).toBe(error);
    });

    it('finds a secret in a non-enumerable property, a symbol key, a Map and deep nesting', () => {
      const secrets = new Secrets().add(TOKEN);
      const hidden = new Error('x');
      Object.defineProperty(hidden, 'request', { value: { headers: { a: TOKEN } } });
      const symbol = Object.assign(new Error('x'), { [Symbol('meta')]: TOKEN });
      const map = Object.assign(new Error('x'), { headers: new Map([['authorization', TOKEN]]) });
      let nested: Record<string, unknown> = { token: TOKEN };
      for (let level = 0; level < 9; level++) nested = { level: nested };
      const deep = Object.assign(new Error('x'), { nested });
      for (const error of [hidden, symbol, map, deep]) {
        const clean = secrets.sanitize(error);
        expect(clean).not.toBe(error);
        expect(inspect(clean, { showHidden: true, depth: Number.POSITIVE_INFINITY })).not.toContain(
          TOKEN,
        );
      }
    });

    it('scrubs the message, the stack and every cause, keeping the chain', () => {
      const secrets = new Secrets().add(TOKEN);
      const error = new TypeError(`outer ${TOKEN}`, {
        cause: new Error('middle', { cause: new Error(`inner "${TOKEN}"`) }),
      });
      const clean = secrets.sanitize(error) as Error;
      expect(clean.message).toBe(`outer ${REDACTED}`);
      expect(clean.name).toBe('TypeError');
      const rendered = inspect(clean, { depth: 10 });
      expect(rendered).not.toContain(TOKEN);
      expect(rendered).toContain(`inner "${REDACTED}"`);
    });

    it('survives getters that throw', () => {
      const error = new Error(`has ${TOKEN}`);
      Object.defineProperty(error, 'boom', {
        enumerable: true,
        get() {
          throw new Error('getter');
        },
      });
      expect((new Secrets().add(TOKEN).sanitize(error) as Error).message).toBe(`has ${REDACTED}`);
    });
  });
});

describe('redactError', () => {
  it('rebuilds a TransportError that holds a secret, keeping its kind', () => {
    const secrets = new Secrets().add(TOKEN);
    const error = new TransportError({
      kind: 'network',
      detail: `refused ${TOKEN}`,
      cause: new Error(TOKEN),
    });
    const clean = redactError(error, secrets) as TransportError;
    expect(TransportError.isInstance(clean)).toBe(true);
    expect(clean.kind).toBe('network');
    expect(clean.message).toBe(`network error: refused ${REDACTED}`);
    expect(inspect(clean.cause, { depth: 5 })).not.toContain(TOKEN);

    const http = new TransportError({
      kind: 'http',
      status: 401,
      body: `bad key ${TOKEN}`,
      headers: new Headers({ 'x-echo': TOKEN }),
    });
    const cleanHttp = redactError(http, secrets) as TransportError;
    expect([cleanHttp.kind, cleanHttp.status, cleanHttp.body]).toEqual([
      'http',
      401,
      `bad key ${REDACTED}`,
    ]);
    expect(cleanHttp.headers?.get('x-echo')).toBe(REDACTED);
  });

  it('returns clean errors and anything with no secrets to look for as they are', () => {
    const error = new TransportError({ kind: 'timeout' });
    expect(redactError(error, new Secrets().add(TOKEN))).toBe(error);
    const foreign = new Error(TOKEN);
    expect(redactError(foreign, new Secrets())).toBe(foreign);
  });
});
