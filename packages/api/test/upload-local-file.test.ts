// Files upload (codex-api.md §6.4, case §8.9 #102), end to end over the test kit: the local
// checks, POST /files, the PUT to the upload URL without credentials, the finalize polling.
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKyTransport } from '@codex/client';
import { InvalidRequestError, UnexpectedStatusError } from '@codex/protocol';
import { type ResponseScript, rejectionOf, startTestServer, type TestServer } from '@codex/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type UploadClock, uploadLocalFileWithClock } from '../src/endpoints/upload-local-file.js';
import {
  type ApiError,
  createBearerAuth,
  createEndpointSettings,
  createOpenAIProvider,
  EndpointSession,
  FILE_FINALIZE_RETRY_DELAY_MS,
  FILE_FINALIZE_TIMEOUT_MS,
  ModelClient,
  OPENAI_FILE_UPLOAD_LIMIT_BYTES,
  uploadLocalFile,
} from '../src/index.js';

let directory: string;
let hello: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'codex-upload-'));
  hello = join(directory, 'hello.txt');
  await writeFile(hello, 'hello');
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** A clock whose sleeps advance time at once, recording each pause. */
function fakeClock(): UploadClock & { readonly sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (milliseconds) => {
      sleeps.push(milliseconds);
      now += milliseconds;
    },
  };
}

function json(value: unknown): ResponseScript {
  return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

/** The backend of case #102 on a test server: create, upload, finalize (retry, then success). */
function backend(server: TestServer) {
  const create = server.route(
    'POST',
    '/backend-api/files',
    json({ file_id: 'file_123', upload_url: `${server.url}/upload/file_123?sig=abc` }),
  );
  const put = server.route('PUT', '/upload/file_123', { status: 201 });
  const finalize = server.route(
    'POST',
    '/backend-api/files/file_123/uploaded',
    json({
      status: 'success',
      download_url: `${server.url}/download/file_123`,
      file_name: 'hello.txt',
      mime_type: 'text/plain',
      file_size_bytes: 5,
    }),
  );
  finalize.enqueue(json({ status: 'retry' }));
  return { create, put, finalize };
}

function session(server: TestServer): EndpointSession {
  return new EndpointSession({
    settings: createEndpointSettings({
      name: 'ChatGPT',
      baseUrl: `${server.url}/backend-api/`,
      headers: { 'x-provider-header': 'not for files' },
      retry: { maxAttempts: 3, baseDelayMs: 1 },
    }),
    auth: createBearerAuth({ token: 'sk-fake-token', accountId: 'account_id' }),
    transport: createKyTransport(),
  });
}

describe('uploadLocalFile', () => {
  it('#102: create, PUT without credentials, finalize polled while retry (250 ms apart)', async () => {
    await using server = await startTestServer();
    const routes = backend(server);
    const clock = fakeClock();
    const uploaded = await uploadLocalFileWithClock(
      { session: session(server), path: hello },
      clock,
    );
    expect(uploaded).toEqual({
      fileId: 'file_123',
      uri: 'sediment://file_123',
      downloadUrl: `${server.url}/download/file_123`,
      fileName: 'hello.txt',
      fileSizeBytes: 5,
      mimeType: 'text/plain',
      path: hello,
    });

    const create = routes.create.requests[0]!;
    expect(create.headers['chatgpt-account-id']).toBe('account_id');
    expect(create.headers.authorization).toBe('Bearer sk-fake-token');
    expect(create.headers.originator).toBe('codex_ts');
    expect(create.headers['x-provider-header']).toBeUndefined();
    expect(create.json()).toEqual({ file_name: 'hello.txt', file_size: 5, use_case: 'codex' });

    const put = routes.put.requests[0]!;
    expect(put.url).toBe('/upload/file_123?sig=abc');
    expect(put.headers['content-length']).toBe('5');
    expect(put.headers['x-ms-blob-type']).toBe('BlockBlob');
    expect(put.text()).toBe('hello');
    for (const secret of [
      'authorization',
      'chatgpt-account-id',
      'originator',
      'x-provider-header',
    ]) {
      expect(put.headers[secret]).toBeUndefined();
    }

    expect(routes.finalize.requests).toHaveLength(2);
    expect(routes.finalize.requests[0]!.json()).toEqual({});
    expect(routes.finalize.requests[1]!.headers.authorization).toBe('Bearer sk-fake-token');
    expect(clock.sleeps).toEqual([250]);
    expect(server.requests.map((request) => request.method)).toEqual([
      'POST',
      'PUT',
      'POST',
      'POST',
    ]);
  });

  it('gives up with "not ready yet" after polling for 30 s', async () => {
    await using server = await startTestServer();
    const routes = backend(server);
    routes.finalize.respondWith(json({ status: 'retry' }));
    const clock = fakeClock();
    const error = (await rejectionOf(
      uploadLocalFileWithClock({ session: session(server), path: hello }, clock),
    )) as ApiError;
    expect(error.message).toBe('stream error: OpenAI file upload for `file_123` is not ready yet');
    // Polls at 0, 250, …, 30 000 ms: the one at 30 s finds the time is up.
    expect(FILE_FINALIZE_TIMEOUT_MS).toBe(30_000);
    expect(FILE_FINALIZE_RETRY_DELAY_MS).toBe(250);
    expect(routes.finalize.requests).toHaveLength(30_000 / 250 + 1);
    expect(new Set(clock.sleeps)).toEqual(new Set([250]));
  });

  it('the local checks: missing path, not a file, more than 512 MiB — nothing is sent', async () => {
    await using server = await startTestServer();
    backend(server);
    const big = join(directory, 'big.bin');
    await writeFile(big, '');
    await truncate(big, OPENAI_FILE_UPLOAD_LIMIT_BYTES + 1); // sparse: no data written
    const exactly = join(directory, 'limit.bin');
    await writeFile(exactly, '');
    await truncate(exactly, OPENAI_FILE_UPLOAD_LIMIT_BYTES);
    const missing = join(directory, 'missing.txt');
    const failure = async (path: string) =>
      (await rejectionOf(uploadLocalFile({ session: session(server), path }))) as ApiError;
    expect((await failure(missing)).details).toEqual({
      kind: 'invalidRequest',
      message: `path \`${missing}\` does not exist`,
    });
    expect((await failure(directory)).details).toEqual({
      kind: 'invalidRequest',
      message: `path \`${directory}\` is not a file`,
    });
    expect((await failure(big)).details).toEqual({
      kind: 'invalidRequest',
      message: `file \`${big}\` is too large: 536870913 bytes exceeds the limit of 536870912 bytes`,
    });
    expect(server.requests).toHaveLength(0);
    // Exactly 512 MiB passes the check (the create request is sent, then refused here).
    server.route('POST', '/backend-api/files', { status: 413, body: 'too big for the test' });
    expect((await failure(exactly)).kind).toBe('transport');
    expect(server.requests.map((request) => request.json())).toEqual([
      { file_name: 'limit.bin', file_size: OPENAI_FILE_UPLOAD_LIMIT_BYTES, use_case: 'codex' },
    ]);
  });

  it('a non-2xx answer to any of the three requests is a transport error, never retried', async () => {
    for (const [step, path] of [
      ['create', '/backend-api/files'],
      ['upload', '/upload/file_123'],
      ['finalize', '/backend-api/files/file_123/uploaded'],
    ] as const) {
      await using server = await startTestServer();
      backend(server);
      server.route(step === 'upload' ? 'PUT' : 'POST', path, { status: 503, body: `${step} down` });
      const error = (await rejectionOf(
        uploadLocalFile({ session: session(server), path: hello }),
      )) as ApiError;
      expect(error.kind).toBe('transport');
      const transport =
        error.details.kind === 'transport' ? error.details.transportError : undefined;
      expect([transport?.status, transport?.body]).toEqual([503, `${step} down`]);
      expect(server.requests.filter((request) => request.path === path)).toHaveLength(1);
    }
  });

  it('decode failures and failed uploads, with upstream text', async () => {
    await using server = await startTestServer();
    const routes = backend(server);
    const run = async () =>
      ((await rejectionOf(uploadLocalFile({ session: session(server), path: hello }))) as ApiError)
        .message;
    const createUrl = `${server.url}/backend-api/files`;
    const finalizeUrl = `${server.url}/backend-api/files/file_123/uploaded`;
    routes.create.enqueue(json({ file_id: 1, upload_url: 'x' }));
    expect(await run()).toBe(
      `stream error: failed to parse OpenAI file response from ${createUrl}: invalid type for \`file_id\`: expected a string`,
    );
    routes.create.enqueue({ body: 'not json' });
    expect(await run()).toMatch(
      new RegExp(`^stream error: failed to parse OpenAI file response from ${createUrl}: `),
    );
    routes.finalize.respondWith(json({ download_url: 'x' }));
    expect(await run()).toBe(
      `stream error: failed to parse OpenAI file response from ${finalizeUrl}: missing field \`status\``,
    );
    routes.finalize.respondWith(json({ status: 'failed', error_message: 'virus found' }));
    expect(await run()).toBe('stream error: OpenAI file upload for `file_123` failed: virus found');
    routes.finalize.respondWith(json({ status: 'FAILED', error_message: null }));
    expect(await run()).toBe(
      'stream error: OpenAI file upload for `file_123` failed: upload finalization returned an error',
    );
    routes.finalize.respondWith(json({ status: 'success' }));
    expect(await run()).toBe(
      'stream error: OpenAI file upload for `file_123` failed: missing download_url',
    );
  });

  it('a create answer with a BOM is read as reqwest text() reads it (the BOM removed)', async () => {
    await using server = await startTestServer();
    const routes = backend(server);
    routes.finalize.respondWith(json({ status: 'success', download_url: 'https://d/x' }));
    routes.create.enqueue({
      body: `\uFEFF${JSON.stringify({ file_id: 'file_123', upload_url: `${server.url}/upload/file_123` })}`,
    });
    const uploaded = await uploadLocalFile({ session: session(server), path: hello });
    expect([uploaded.fileName, uploaded.mimeType]).toEqual(['hello.txt', undefined]);
  });

  it('an abort while polling rejects with the signal’s reason', async () => {
    await using server = await startTestServer();
    const routes = backend(server);
    const controller = new AbortController();
    const reason = new Error('stop');
    routes.finalize.respondWith((request) => {
      if (routes.finalize.requests.length >= 2) controller.abort(reason);
      return json({ status: 'retry', seen: request.index });
    });
    const error = await rejectionOf(
      uploadLocalFile({ session: session(server), path: hello, signal: controller.signal }),
    );
    expect(error).toBe(reason);
  });
});

describe('uploadLocalFile through ModelClient.run', () => {
  it("uploads with the provider's base URL and auth, and maps every failure through mapApiError", async () => {
    await using server = await startTestServer();
    const routes = backend(server);
    routes.finalize.respondWith(json({ status: 'success', download_url: 'https://d/x' }));
    const client = new ModelClient({
      provider: createOpenAIProvider({
        apiKey: 'sk-fake',
        baseUrl: `${server.url}/backend-api`,
        retry: { maxAttempts: 0 },
      }),
    });
    expect(
      (
        await client.run((session, call) =>
          uploadLocalFile({ session, path: hello, signal: call.signal }),
        )
      ).uri,
    ).toBe('sediment://file_123');

    const missing = join(directory, 'nope.txt');
    const local = await rejectionOf(
      client.run((session) => uploadLocalFile({ session, path: missing })),
    );
    expect(InvalidRequestError.isInstance(local)).toBe(true);
    expect((local as Error).message).toBe(`path \`${missing}\` does not exist`);

    routes.create.enqueue({ status: 403, body: 'forbidden', headers: { 'x-request-id': 'req-f' } });
    const http = await rejectionOf(
      client.run((session, call) => uploadLocalFile({ session, path: hello, signal: call.signal })),
    );
    expect(UnexpectedStatusError.isInstance(http)).toBe(true);
    expect((http as Error).message).toBe(
      `unexpected status 403 Forbidden: forbidden, url: ${server.url}/backend-api/files, request id: req-f`,
    );
  });
});
