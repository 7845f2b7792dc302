import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { TransportError } from './transport-error.js';

describe('TransportError messages (spec §A.4 Display strings)', () => {
  it('renders http with the canonical reason and a Debug-style body', () => {
    expect(new TransportError({ kind: 'http', status: 503, body: 'busy' }).message).toBe(
      'http 503 Service Unavailable: Some("busy")',
    );
    expect(new TransportError({ kind: 'http', status: 401 }).message).toBe(
      'http 401 Unauthorized: None',
    );
  });

  it.each([
    [401, '401 Unauthorized'],
    [403, '403 Forbidden'],
    [429, '429 Too Many Requests'],
    [502, '502 Bad Gateway'],
    [203, '203 Non Authoritative Information'],
    [413, '413 Payload Too Large'],
    [418, "418 I'm a teapot"],
    [425, '425 <unknown status code>'],
    [599, '599 <unknown status code>'],
  ])('renders status %i as "%s" (Rust http crate phrases)', (status, rendered) => {
    expect(new TransportError({ kind: 'http', status }).message).toBe(`http ${rendered}: None`);
  });

  it('escapes the body the way Rust {:?} does', () => {
    const body = 'a "q" \\ \n\r\t\0 \u001b é \u00a0 \u200b e\u0301 😀';
    expect(new TransportError({ kind: 'http', status: 400, body }).message).toBe(
      'http 400 Bad Request: Some("a \\"q\\" \\\\ \\n\\r\\t\\0 \\u{1b} é \\u{a0} \\u{200b} e\\u{301} 😀")',
    );
  });

  it('renders the other kinds', () => {
    expect(new TransportError({ kind: 'retryLimit' }).message).toBe('retry limit reached');
    expect(new TransportError({ kind: 'timeout' }).message).toBe('timeout');
    expect(new TransportError({ kind: 'network', detail: 'boom' }).message).toBe(
      'network error: boom',
    );
    expect(new TransportError({ kind: 'build', detail: 'bad' }).message).toBe(
      'request build error: bad',
    );
  });
});

describe('TransportError identity and secrets', () => {
  it('isInstance recognises errors from another copy through the Symbol.for marker', () => {
    const error = new TransportError({ kind: 'timeout' });
    expect(TransportError.isInstance(error)).toBe(true);
    const foreign = Object.defineProperty(
      new Error('x'),
      Symbol.for('@codex/error:TransportError'),
      {
        value: true,
      },
    );
    expect(TransportError.isInstance(foreign)).toBe(true);
    expect(TransportError.isInstance(new Error('timeout'))).toBe(false);
    expect(TransportError.isInstance(null)).toBe(false);
  });

  it('drops credential-bearing response headers and URL credentials', () => {
    const headers = new Headers({
      'set-cookie': 'session=secret-cookie',
      'x-request-id': 'req-1',
      authorization: 'Bearer secret-token',
    });
    const error = new TransportError({
      kind: 'http',
      status: 401,
      url: 'https://user:secret-pass@example.com/v1?x=1',
      headers,
      body: 'nope',
    });
    expect(error.headers?.get('x-request-id')).toBe('req-1');
    expect(error.headers?.has('set-cookie')).toBe(false);
    expect(error.url).toBe('https://[REDACTED]@example.com/v1?x=1');
    const everything = [
      JSON.stringify(error),
      String(error),
      inspect(error, { depth: 10, showHidden: true }),
    ].join('\n');
    expect(everything).not.toMatch(/secret/);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'TransportError',
      kind: 'http',
      message: 'http 401 Unauthorized: Some("nope")',
      status: 401,
      url: 'https://[REDACTED]@example.com/v1?x=1',
      headers: { 'x-request-id': 'req-1' },
      body: 'nope',
    });
  });

  it('inspect shows the cause only by name and message', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED'), { extra: 'secret-extra' });
    const text = inspect(new TransportError({ kind: 'network', detail: 'x', cause }), {
      depth: 10,
    });
    expect(text).toContain("cause: { name: 'Error', message: 'connect ECONNREFUSED' }");
    expect(text).not.toContain('secret-extra');
  });
});
