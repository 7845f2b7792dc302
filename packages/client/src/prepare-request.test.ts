import { getBuiltinModule } from 'node:process';
import { describe, expect, it } from 'vitest';
import { getRuntimeZstdCompressor } from './compression.js';
import { prepareRequest } from './prepare-request.js';
import { createRequest, encodedJsonBody, jsonBody, rawBody } from './request.js';
import { TransportError } from './transport-error.js';

const URL_ = 'https://example.com/v1/responses';
const text = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);
// A stand-in compressor for runtimes without zstd: reversible and visibly different.
const reverse = (bytes: Uint8Array): Uint8Array => bytes.slice().reverse();

function buildError(run: () => unknown): TransportError {
  try {
    run();
  } catch (error) {
    if (TransportError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a build error');
}

describe('prepareRequest (spec §A.2, §E.1 cases 1–5)', () => {
  it('case 1: encodes JSON compactly, adds content-type, leaves the request as it was', () => {
    const request = createRequest({
      method: 'POST',
      url: URL_,
      body: jsonBody({ model: 'test-model' }),
    });
    const prepared = prepareRequest(request);
    expect(text(prepared.body)).toBe('{"model":"test-model"}');
    expect(prepared.headers.get('content-type')).toBe('application/json');
    expect(request.body).toEqual({ kind: 'json', value: { model: 'test-model' } });
    expect(request.compression).toBe('none');
    expect(request.headers.has('content-type')).toBe(false);
  });

  it('case 2: zstd with an existing content-encoding fails with the exact message', () => {
    const request = createRequest({
      method: 'POST',
      url: URL_,
      headers: { 'content-encoding': 'gzip' },
      body: jsonBody({ model: 'test-model' }),
      compression: 'zstd',
    });
    const error = buildError(() => prepareRequest(request, { compressor: reverse }));
    expect(error.kind).toBe('build');
    expect(error.detail).toBe(
      'request compression was requested but content-encoding is already set',
    );
    expect(error.message).toBe(
      'request build error: request compression was requested but content-encoding is already set',
    );
  });

  it('case 3 (injected compressor): the JSON is compressed once, into the prepared bytes', () => {
    let calls = 0;
    const compressor = (bytes: Uint8Array): Uint8Array => {
      calls++;
      return reverse(bytes);
    };
    const request = createRequest({
      method: 'POST',
      url: URL_,
      body: encodedJsonBody('{"model":"test-model"}'),
      compression: 'zstd',
    });
    const prepared = prepareRequest(request, { compressor });
    expect(prepared.headers.get('content-encoding')).toBe('zstd');
    expect(prepared.headers.get('content-type')).toBe('application/json');
    expect(text(reverse(prepared.body!))).toBe('{"model":"test-model"}');
    expect(calls).toBe(1);
    // The request itself is unchanged: still the encoded JSON, still asking for zstd.
    expect(request.compression).toBe('zstd');
    expect(request.headers.has('content-encoding')).toBe(false);
  });

  const zstd = getRuntimeZstdCompressor();
  it.skipIf(zstd === undefined)('case 3 (runtime zstd): the body decompresses to the JSON', () => {
    const zlib = getBuiltinModule('node:zlib') as unknown as {
      zstdDecompressSync(bytes: Uint8Array): Uint8Array;
    };
    const prepared = prepareRequest(
      createRequest({
        method: 'POST',
        url: URL_,
        body: encodedJsonBody('{"model":"test-model"}'),
        compression: 'zstd',
      }),
    );
    const bytes = prepared.body ?? new Uint8Array();
    expect(text(zlib.zstdDecompressSync(bytes))).toBe('{"model":"test-model"}');
    expect(prepared.headers.get('content-encoding')).toBe('zstd');
  });

  it.skipIf(zstd !== undefined)(
    'without runtime zstd and no compressor: a clear build error',
    () => {
      const request = createRequest({
        method: 'POST',
        url: URL_,
        body: jsonBody({}),
        compression: 'zstd',
      });
      const error = buildError(() => prepareRequest(request));
      expect(error.kind).toBe('build');
      expect(error.detail).toMatch(/zstd compression is not available.*`compressor`/);
    },
  );

  it('case 4: raw body with zstd fails with the exact message', () => {
    const request = createRequest({
      method: 'POST',
      url: URL_,
      body: rawBody(new Uint8Array([1, 2])),
      compression: 'zstd',
    });
    expect(buildError(() => prepareRequest(request, { compressor: reverse })).detail).toBe(
      'request compression cannot be used with raw bodies',
    );
  });

  it('raw body without compression: bytes as they are, no content-type', () => {
    const bytes = new Uint8Array([0xff, 0]);
    const prepared = prepareRequest(
      createRequest({ method: 'PUT', url: URL_, body: rawBody(bytes) }),
    );
    expect(prepared.body).toBe(bytes);
    expect(prepared.headers.has('content-type')).toBe(false);
  });

  it('case 5: an existing content-type is kept', () => {
    const request = createRequest({
      method: 'POST',
      url: URL_,
      headers: { 'Content-Type': 'text/plain' },
      body: jsonBody({ a: 1 }),
    });
    expect(prepareRequest(request).headers.get('content-type')).toBe('text/plain');
  });

  it('no body: no bytes, headers unchanged', () => {
    const prepared = prepareRequest(createRequest({ url: URL_, headers: { a: '1' } }));
    expect(prepared.body).toBeUndefined();
    expect([...prepared.headers]).toEqual([['a', '1']]);
  });

  it('a value JSON cannot represent is a build error, not a silent drop', () => {
    const request = createRequest({ method: 'POST', url: URL_, body: jsonBody({ n: 1n }) });
    expect(buildError(() => prepareRequest(request)).detail).toMatch(
      /^failed to serialize JSON body/,
    );
  });
});
