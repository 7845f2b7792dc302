import { getBuiltinModule } from 'node:process';
import { describe, expect, it } from 'vitest';
import { getRuntimeZstdCompressor } from './compression.js';
import { prepareBodyForSend } from './prepare-body-for-send.js';
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

describe('prepareBodyForSend (spec §A.2, §E.1 cases 1–5)', () => {
  it('case 1: encodes JSON compactly, adds content-type, leaves the request as it was', () => {
    const request = createRequest({
      method: 'POST',
      url: URL_,
      body: jsonBody({ model: 'test-model' }),
    });
    const prepared = prepareBodyForSend(request);
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
    const error = buildError(() => prepareBodyForSend(request, { compressor: reverse }));
    expect(error.kind).toBe('build');
    expect(error.detail).toBe(
      'request compression was requested but content-encoding is already set',
    );
    expect(error.message).toBe(
      'request build error: request compression was requested but content-encoding is already set',
    );
  });

  it('case 3 (injected compressor): prepareRequest compresses once and resets compression', () => {
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
    expect(prepared.compression).toBe('none');
    expect(prepared.body?.kind).toBe('encodedJson');
    expect(prepared.headers.get('content-encoding')).toBe('zstd');
    expect(prepared.headers.get('content-type')).toBe('application/json');
    const bytes = prepared.body?.kind === 'encodedJson' ? prepared.body.bytes : undefined;
    expect(text(reverse(bytes!))).toBe('{"model":"test-model"}');
    const again = prepareBodyForSend(prepared, { compressor });
    expect(again.body).toBe(bytes);
    expect(again.headers.get('content-encoding')).toBe('zstd');
    expect(prepareRequest(prepared, { compressor }).body).toEqual(prepared.body);
    expect(calls).toBe(1);
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
    const bytes = prepared.body?.kind === 'encodedJson' ? prepared.body.bytes : new Uint8Array();
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
      const error = buildError(() => prepareBodyForSend(request));
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
    expect(buildError(() => prepareBodyForSend(request, { compressor: reverse })).detail).toBe(
      'request compression cannot be used with raw bodies',
    );
  });

  it('raw body without compression: bytes as they are, no content-type', () => {
    const bytes = new Uint8Array([0xff, 0]);
    const prepared = prepareBodyForSend(
      createRequest({ method: 'PUT', url: URL_, body: rawBody(bytes) }),
    );
    expect(prepared.body).toBe(bytes);
    expect(prepared.headers.has('content-type')).toBe(false);
    const request = prepareRequest(
      createRequest({ method: 'PUT', url: URL_, body: rawBody(bytes) }),
    );
    expect(request.body).toEqual({ kind: 'raw', bytes });
  });

  it('case 5: an existing content-type is kept', () => {
    const request = createRequest({
      method: 'POST',
      url: URL_,
      headers: { 'Content-Type': 'text/plain' },
      body: jsonBody({ a: 1 }),
    });
    expect(prepareBodyForSend(request).headers.get('content-type')).toBe('text/plain');
  });

  it('no body: no bytes, headers unchanged', () => {
    const prepared = prepareBodyForSend(createRequest({ url: URL_, headers: { a: '1' } }));
    expect(prepared.body).toBeUndefined();
    expect([...prepared.headers]).toEqual([['a', '1']]);
  });

  it('a value JSON cannot represent is a build error, not a silent drop', () => {
    const request = createRequest({ method: 'POST', url: URL_, body: jsonBody({ n: 1n }) });
    expect(buildError(() => prepareBodyForSend(request)).detail).toMatch(
      /^failed to serialize JSON body/,
    );
  });
});
