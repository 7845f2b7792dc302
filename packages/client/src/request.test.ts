import { describe, expect, it } from 'vitest';
import { createRequest, encodedJsonBody, jsonBody, rawBody } from './request.js';

describe('createRequest', () => {
  it('fills defaults and copies headers', () => {
    const headers = new Headers({ 'X-A': '1' });
    const request = createRequest({ url: 'https://example.com/v1/models', headers });
    headers.set('x-a', '2');
    expect(request.method).toBe('GET');
    expect(request.compression).toBe('none');
    expect(request.headers.get('x-a')).toBe('1');
    expect(request.body).toBeUndefined();
  });

  it('accepts records and pairs, case-insensitively', () => {
    expect(
      createRequest({ url: 'https://e.com', headers: { 'Content-Type': 'x' } }).headers.get(
        'content-type',
      ),
    ).toBe('x');
    expect(
      createRequest({
        url: 'https://e.com',
        headers: [
          ['A', '1'],
          ['a', '2'],
        ],
      }).headers.get('a'),
    ).toBe('1, 2');
  });

  it('validates inputs with errors naming the option', () => {
    expect(() => createRequest({ url: 'not a url' })).toThrow(TypeError);
    expect(() => createRequest({ url: 'not a url' })).toThrow(/`url`/);
    expect(() => createRequest({ method: 'PO ST', url: 'https://e.com' })).toThrow(/`method`/);
    expect(() => createRequest({ url: 'https://e.com', timeoutMs: 0 })).toThrow(RangeError);
    expect(() => createRequest({ url: 'https://e.com', compression: 'gzip' as never })).toThrow(
      /`compression`/,
    );
  });

  it('never repeats an invalid header value (it may be a credential)', () => {
    let message = '';
    try {
      createRequest({
        url: 'https://e.com',
        headers: { authorization: 'Bearer sk-secret\nInjected: 1' },
      });
    } catch (error) {
      message = String(error) + JSON.stringify(error);
    }
    expect(message).toContain('authorization');
    expect(message).not.toContain('sk-secret');
  });

  it('builds bodies', () => {
    expect(jsonBody({ a: 1 })).toEqual({ kind: 'json', value: { a: 1 } });
    expect(encodedJsonBody('{"a":1}')).toEqual({
      kind: 'encodedJson',
      bytes: new TextEncoder().encode('{"a":1}'),
    });
    expect(rawBody(new Uint8Array([1]))).toEqual({ kind: 'raw', bytes: new Uint8Array([1]) });
  });
});
