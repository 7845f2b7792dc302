import { inspect } from 'node:util';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { bytesOf, rejectionOf, startTestServer, type TestServer, zstdFrame } from '@codex/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequest, jsonBody, type Request } from '../request.js';
import { EventStream } from '../sse/event-stream.js';
import { TransportError } from '../transport-error.js';
import { createKyTransport } from './create-ky-transport.js';
import type { FetchFunction } from './follow-redirects.js';
import { guardBody, undecodedCoding } from './guard-body.js';
import { streamBodySource } from './stream-body-source.js';

const SECRET = 'sk-fake-guard-secret-0123456789';
const transport = createKyTransport();

let server: TestServer;
// Whether this runtime's fetch decodes `content-encoding: zstd` (Node 24 does, Node 20 and 22 not).
let fetchDecodesZstd: boolean;
beforeAll(async () => {
  server = await startTestServer();
  server.route('GET', '/probe', {
    headers: { 'content-encoding': 'zstd' },
    body: zstdFrame(bytesOf('probe')),
  });
  const probe = await fetch(`${server.url}/probe`);
  fetchDecodesZstd = (await probe.text()) === 'probe';
});
afterAll(async () => {
  await server.close();
});

function get(path: string): Request {
  return createRequest({ url: `${server.url}${path}` });
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of stream) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

const TEXT = 'data: {"type":"response.created"}\n\n'.repeat(20);

describe('bodies in a coding the runtime does not decode', () => {
  it('zstd: a stream error that names the coding (or the decoded body where fetch decodes zstd)', async () => {
    server.route('GET', '/zstd', {
      headers: { 'content-encoding': 'zstd' },
      body: zstdFrame(bytesOf(TEXT)),
    });
    const response = await transport.stream(get('/zstd'));
    const outcome = await readAll(response.body).then(
      (text) => text,
      (error: unknown) => error,
    );
    response.close();
    const executed = await transport.execute(get('/zstd')).then(
      (answer) => new TextDecoder().decode(answer.body),
      (error: unknown) => error,
    );
    for (const result of [outcome, executed]) {
      if (fetchDecodesZstd) {
        expect(result).toBe(TEXT);
      } else {
        expect(TransportError.isInstance(result) && result.kind).toBe('stream');
        expect((result as Error).message).toBe(
          "stream failed: the response body is still zstd-encoded (content-encoding: zstd): this runtime's fetch does not decode zstd",
        );
      }
    }
  });

  it('a zstd body is recognised when its magic number arrives one byte at a time', async () => {
    server.route('GET', '/zstd-drip', {
      headers: { 'content-encoding': 'zstd' },
      body: zstdFrame(bytesOf(TEXT)),
      drip: { bytesPerChunk: 1, intervalMs: 1 },
    });
    const response = await transport.stream(get('/zstd-drip'));
    const outcome = await readAll(response.body).then(
      (text) => text,
      (error: unknown) => error,
    );
    response.close();
    if (fetchDecodesZstd) expect(outcome).toBe(TEXT);
    else expect(TransportError.isInstance(outcome) && outcome.detail).toMatch(/zstd-encoded/);
  });

  it('gzip and br are decoded by fetch and pass untouched', async () => {
    server.route('GET', '/gzip', {
      headers: { 'content-encoding': 'gzip' },
      body: gzipSync(bytesOf(TEXT)),
    });
    server.route('GET', '/br', {
      headers: { 'content-encoding': 'br' },
      body: brotliCompressSync(bytesOf(TEXT)),
    });
    for (const path of ['/gzip', '/br']) {
      const response = await transport.stream(get(path));
      expect(await readAll(response.body)).toBe(TEXT);
      response.close();
      expect(new TextDecoder().decode((await transport.execute(get(path))).body)).toBe(TEXT);
    }
  });

  it('a body gzip-encoded twice under one content-encoding is named, not parsed', async () => {
    server.route('GET', '/gzip-twice', {
      headers: { 'content-encoding': 'gzip' },
      body: gzipSync(gzipSync(bytesOf(TEXT))),
    });
    const error = await rejectionOf(transport.execute(get('/gzip-twice')));
    expect(TransportError.isInstance(error) && error.detail).toMatch(/still gzip-encoded/);
  });

  it('undecodedCoding looks only at the outermost coding and its magic number', () => {
    const zstd = zstdFrame(bytesOf('x'));
    expect(undecodedCoding('zstd', zstd)).toBe('zstd');
    expect(undecodedCoding('gzip, zstd', zstd)).toBe('zstd');
    expect(undecodedCoding('zstd, identity', zstd)).toBe('zstd');
    expect(undecodedCoding(null, zstd)).toBeUndefined();
    expect(undecodedCoding('zstd', bytesOf('{"plain":1}'))).toBeUndefined();
    expect(undecodedCoding('br', zstd)).toBeUndefined();
    expect(undecodedCoding('zstd', zstd.subarray(0, 3))).toBeUndefined();
  });
});

describe('guardBody', () => {
  it('pulls one read at a time (back-pressure is kept) and cancels the source', async () => {
    let pulled = 0;
    let cancelled: unknown;
    const source = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled++;
          controller.enqueue(bytesOf(`chunk ${pulled};`));
        },
        cancel(reason) {
          cancelled = reason;
        },
      },
      { highWaterMark: 0 },
    );
    const guarded = guardBody(source, { contentEncoding: null, mapError: (error) => error });
    const reader = guarded.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('chunk 1;');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(pulled).toBe(1);
    await reader.cancel('done');
    expect(cancelled).toBe('done');
  });
});

describe('secrets in failures that come from code the library does not control', () => {
  const post = (fetchUrl = `${server.url}/v1/x`): Request =>
    createRequest({
      method: 'POST',
      url: fetchUrl,
      headers: { authorization: `Bearer ${SECRET}` },
      body: jsonBody({ model: 'm' }),
    });

  // A custom fetch whose body sends one event, then fails quoting the request's credential.
  const failingFetch: FetchFunction = async (_input, init) => {
    const authorization = new Headers(init?.headers).get('authorization');
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(bytesOf('data: {}\n\n'));
          return;
        }
        controller.error(new Error(`proxy dropped the stream of ${authorization}`));
      },
    });
    return new Response(body, { status: 200 });
  };

  it('a custom fetch whose body fails quoting the token: the read error is scrubbed', async () => {
    const response = await createKyTransport({ fetch: failingFetch }).stream(post());
    const error = await rejectionOf(readAll(response.body));
    response.close();
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(SECRET);
    expect((error as Error).message).toBe('proxy dropped the stream of [REDACTED]');
  });

  it('streamBodySource: the raw bytes and a mapper that scrubs the read error, for EventStream', async () => {
    const response = await createKyTransport({ fetch: failingFetch }).stream(post());
    const { source, mapReadError } = streamBodySource(response);
    expect(mapReadError).toBeTypeOf('function');
    const events = new EventStream({
      source,
      mapReadError,
      decoder: {
        decode: (chunk: Uint8Array, out: string[]) => {
          out.push(new TextDecoder().decode(chunk));
          return 1;
        },
        finished: false,
        end: () => undefined,
      },
      onRelease: () => response.close(),
    });
    const error = await rejectionOf(
      (async () => {
        for await (const _ of events);
      })(),
    );
    expect(TransportError.isInstance(error)).toBe(true);
    expect((error as TransportError).kind).toBe('stream');
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(SECRET);
    expect((error as Error).message).toContain('proxy dropped the stream of [REDACTED]');
  });

  it('streamBodySource after `body` was read is that (guarded) body; the runtime fetch has no mapper', async () => {
    const response = await createKyTransport({ fetch: failingFetch }).stream(post());
    const body = response.body;
    expect(streamBodySource(response)).toEqual({ source: body });
    expect(response.body).toBe(body);
    expect((await rejectionOf(readAll(body))) as Error).toHaveProperty(
      'message',
      'proxy dropped the stream of [REDACTED]',
    );
    response.close();

    server.route('GET', '/plain', { body: TEXT });
    const plain = await createKyTransport().stream(get('/plain'));
    const { source, mapReadError } = streamBodySource(plain);
    expect(mapReadError).toBeUndefined();
    expect(source).toBe(plain.body);
    expect(await readAll(source)).toBe(TEXT);
    plain.close();
  });

  it('close() cancels the raw body when `body` was never read', async () => {
    let cancelled: unknown = 'not cancelled';
    const fetch: FetchFunction = async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          cancel: (reason) => {
            cancelled = reason;
          },
        }),
        { status: 200 },
      );
    const response = await createKyTransport({ fetch }).stream(post());
    response.close();
    await new Promise((resolve) => setImmediate(resolve));
    expect(cancelled).toBeUndefined();
    expect(streamBodySource(response).source.locked).toBe(false);
  });

  it('a non-2xx body that echoes the credential is redacted', async () => {
    server.route('POST', '/v1/echo', (request) => ({
      status: 401,
      body: `invalid key: ${request.headers.authorization}`,
    }));
    const error = await rejectionOf(transport.execute(post(`${server.url}/v1/echo`)));
    expect(TransportError.isInstance(error) && error.body).toBe('invalid key: [REDACTED]');
    expect((error as Error).message).not.toContain(SECRET);
  });

  it('a TransportError thrown by a hook or a custom fetch is scrubbed, keeping its kind', async () => {
    const hook = await rejectionOf(
      transport.execute(post(), {
        beforeAttempt: (request) => {
          throw new TransportError({
            kind: 'network',
            detail: `sts refused ${request.headers.get('authorization')}`,
          });
        },
      }),
    );
    expect(TransportError.isInstance(hook) && [hook.kind, hook.message]).toEqual([
      'network',
      'network error: sts refused [REDACTED]',
    ]);
    const fetch: FetchFunction = async (_input, init) => {
      throw new TransportError({
        kind: 'build',
        detail: `bad ${new Headers(init?.headers).get('authorization')}`,
      });
    };
    const fetched = await rejectionOf(createKyTransport({ fetch }).execute(post()));
    expect((fetched as Error).message).toBe('request build error: bad [REDACTED]');
  });

  it('a header the hook marks secret is scrubbed like authorization', async () => {
    const attempts: unknown[] = [];
    const fetch: FetchFunction = async (_input, init) => {
      const token = new Headers(init?.headers).get('x-acme-token');
      throw new TypeError('fetch failed', { cause: new Error(`acme rejected "${token}"`) });
    };
    const error = await rejectionOf(
      createKyTransport({ fetch }).execute(post(), {
        beforeAttempt: (request) => {
          const headers = new Headers(request.headers);
          headers.set('x-acme-token', 'acme-custom-secret-42');
          return { ...request, headers, secretHeaders: ['x-acme-token'] };
        },
        onAttempt: (telemetry) => attempts.push(telemetry),
      }),
    );
    expect((error as Error).message).toBe(
      'network error: fetch failed: acme rejected "[REDACTED]"',
    );
    for (const surface of [error, attempts]) {
      expect(inspect(surface, { depth: 10, showHidden: true })).not.toContain(
        'acme-custom-secret-42',
      );
    }
  });

  it('a hook returning a malformed secretHeaders is a build error', async () => {
    const error = await rejectionOf(
      transport.execute(post(), {
        beforeAttempt: (request) => ({
          ...request,
          secretHeaders: 'x-acme-token' as unknown as string[],
        }),
      }),
    );
    expect(TransportError.isInstance(error) && error.kind).toBe('build');
  });
});
