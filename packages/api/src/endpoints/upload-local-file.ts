import { encodedJsonBody, rawBody } from '@codex/client';
import { ApiError } from '../errors/api-error.js';
import { toApiError } from '../errors/to-api-error.js';
import { errorMessage } from './encode-json.js';
import { type EndpointClientOptions, toEndpointSession } from './endpoint-client-options.js';
import type { EndpointSession } from './endpoint-session.js';
import { loadNodeModule } from './load-node-module.js';

/** The largest file {@link uploadLocalFile} sends: 512 MiB. */
export const OPENAI_FILE_UPLOAD_LIMIT_BYTES: number = 512 * 1024 * 1024;
/** The scheme prefix of an uploaded file's URI (`sediment://file_123`). */
export const OPENAI_FILE_URI_PREFIX = 'sediment://';
/** Longest wait for each of the upload's requests: 60 000 ms. */
export const FILE_REQUEST_TIMEOUT_MS = 60_000;
/** How long the upload is polled while the server answers `retry`: 30 000 ms. */
export const FILE_FINALIZE_TIMEOUT_MS = 30_000;
/** The pause between two polls: 250 ms. */
export const FILE_FINALIZE_RETRY_DELAY_MS = 250;

const USE_CASE = 'codex';
const FINALIZE_FAILED = 'upload finalization returned an error';

/** A file uploaded by {@link uploadLocalFile}. */
export interface UploadedFile {
  /** The server's id, e.g. `file_123`. */
  readonly fileId: string;
  /** `sediment://<fileId>`, the URI to refer to the file in requests. */
  readonly uri: string;
  /** Where the uploaded file can be downloaded. */
  readonly downloadUrl: string;
  /** The name the server reports, else the local file's name. */
  readonly fileName: string;
  /** The size sent, in bytes. */
  readonly fileSizeBytes: number;
  /** The MIME type the server reports. */
  readonly mimeType?: string | undefined;
  /** The local path given. */
  readonly path: string;
}

/** What {@link uploadLocalFile} uploads, and how. */
export interface UploadLocalFileOptions {
  /** The local file (Node, Bun or Deno: read with `node:fs/promises`, loaded only here). */
  readonly path: string;
  /** Cancels the upload at any stage; the upload then rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
}

/** @internal The clock the finalize polling reads and sleeps with (a test seam). */
export interface UploadClock {
  now(): number;
  sleep(milliseconds: number, signal: AbortSignal | undefined): Promise<void>;
}

const realClock: UploadClock = {
  now: () => performance.now(),
  sleep: (milliseconds, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, milliseconds);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * Uploads a local file to the ChatGPT backend's files API (upstream `upload_local_file`):
 *
 * 1. local checks: the path exists, is a file, and holds at most 512 MiB;
 * 2. `POST {baseUrl}/files` with `{"file_name", "file_size", "use_case": "codex"}` →
 *    `{"file_id", "upload_url"}`;
 * 3. `PUT <upload_url>` with `x-ms-blob-type: BlockBlob` and the file's bytes — no credentials,
 *    no settings headers (the URL is pre-signed, usually on another host);
 * 4. `POST {baseUrl}/files/{file_id}/uploaded` with `{}`, polled every 250 ms while the answer's
 *    `status` is `retry`, for up to 30 s; `success` (with a `download_url`) ends it.
 *
 * The two `POST`s carry the identity headers (`originator`, `User-Agent`) and the session's auth;
 * no request is retried, each may take up to 60 s. Failures are `ApiError`s:
 * `invalidRequest` for the local checks (``path `…` does not exist``, ``path `…` is not a file``,
 * ``path `…` cannot be read: …``, ``file `…` is too large: N bytes exceeds the limit of
 * 536870912 bytes``); `transport` for a non-2xx answer (with its status and body), a network
 * failure or a timeout; `stream` for ``failed to parse OpenAI file response from <url>: …``,
 * ``OpenAI file upload for `<id>` is not ready yet`` and
 * ``OpenAI file upload for `<id>` failed: <error_message, else "upload finalization returned an error">``.
 *
 * @example
 * const uploaded = await uploadLocalFile({ settings, auth, transport: createKyTransport(), path: 'notes.txt' });
 * console.log(uploaded.uri); // sediment://file_123
 */
export function uploadLocalFile(
  options: EndpointClientOptions & UploadLocalFileOptions,
): Promise<UploadedFile> {
  return uploadLocalFileWithClock(options, realClock);
}

/** @internal {@link uploadLocalFile} with its clock injected. */
export async function uploadLocalFileWithClock(
  options: EndpointClientOptions & UploadLocalFileOptions,
  clock: UploadClock,
): Promise<UploadedFile> {
  const session = toEndpointSession(options, 'uploadLocalFile');
  const { path, signal } = options;
  if (typeof path !== 'string' || path === '') {
    throw new TypeError('uploadLocalFile: `path` must be a non-empty string');
  }
  try {
    return await upload(session, path, signal, clock);
  } catch (error) {
    throw toApiError(error, signal);
  }
}

async function upload(
  session: EndpointSession,
  path: string,
  signal: AbortSignal | undefined,
  clock: UploadClock,
): Promise<UploadedFile> {
  // Loaded here only, so that importing the package (or bundling it for a browser) needs no node:fs.
  const fs = await loadNodeModule<typeof import('node:fs/promises')>('node:fs/promises');
  const { basename } = await loadNodeModule<typeof import('node:path')>('node:path');
  let size: number;
  try {
    const stats = await fs.stat(path);
    if (!stats.isFile()) throw localFailure(`path \`${path}\` is not a file`);
    size = stats.size;
  } catch (error) {
    if (ApiError.isInstance(error)) throw error;
    if ((error as { code?: unknown } | null)?.code === 'ENOENT') {
      throw localFailure(`path \`${path}\` does not exist`, error);
    }
    throw localFailure(`path \`${path}\` cannot be read: ${errorMessage(error)}`, error);
  }
  if (size > OPENAI_FILE_UPLOAD_LIMIT_BYTES) {
    throw localFailure(
      `file \`${path}\` is too large: ${size} bytes exceeds the limit of ${OPENAI_FILE_UPLOAD_LIMIT_BYTES} bytes`,
    );
  }
  const localName = basename(path);
  const fileName = localName === '' || localName === '.' || localName === '..' ? 'file' : localName;

  const base = session.settings.baseUrl.replace(/\/+$/, '');
  const createUrl = `${base}/files`;
  const created = await postJson(
    session,
    createUrl,
    {
      file_name: fileName,
      file_size: size,
      use_case: USE_CASE,
    },
    signal,
  );
  const { fileId, uploadUrl } = decodeCreated(created, createUrl);

  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch (error) {
    throw localFailure(`path \`${path}\` cannot be read: ${errorMessage(error)}`, error);
  }
  await session.execute({
    method: 'PUT',
    path: '',
    url: uploadUrl,
    body: rawBody(bytes),
    forcedHeaders: { 'x-ms-blob-type': 'BlockBlob' },
    baseHeaders: 'none',
    authenticate: false,
    retry: false,
    responseTimeoutMs: FILE_REQUEST_TIMEOUT_MS,
    signal,
  });

  const finalizeUrl = `${base}/files/${fileId}/uploaded`;
  const started = clock.now();
  for (;;) {
    const finalized = decodeFinalized(
      await postJson(session, finalizeUrl, {}, signal),
      finalizeUrl,
    );
    if (finalized.status === 'success') {
      if (finalized.downloadUrl === undefined) {
        throw ApiError.stream(`OpenAI file upload for \`${fileId}\` failed: missing download_url`);
      }
      const uploaded: UploadedFile = {
        fileId,
        uri: `${OPENAI_FILE_URI_PREFIX}${fileId}`,
        downloadUrl: finalized.downloadUrl,
        fileName: finalized.fileName ?? fileName,
        fileSizeBytes: size,
        path,
      };
      return finalized.mimeType === undefined
        ? uploaded
        : { ...uploaded, mimeType: finalized.mimeType };
    }
    if (finalized.status !== 'retry') {
      throw ApiError.stream(
        `OpenAI file upload for \`${fileId}\` failed: ${finalized.errorMessage ?? FINALIZE_FAILED}`,
      );
    }
    if (clock.now() - started >= FILE_FINALIZE_TIMEOUT_MS) {
      throw ApiError.stream(`OpenAI file upload for \`${fileId}\` is not ready yet`);
    }
    await clock.sleep(FILE_FINALIZE_RETRY_DELAY_MS, signal);
  }
}

function localFailure(message: string, cause?: unknown): ApiError {
  return new ApiError(
    { kind: 'invalidRequest', message },
    cause === undefined ? undefined : { cause },
  );
}

/** One authenticated JSON `POST`, not retried; the decoded text of the 2xx answer. */
async function postJson(
  session: EndpointSession,
  url: string,
  body: unknown,
  signal: AbortSignal | undefined,
): Promise<{ text: string }> {
  const response = await session.execute({
    path: '',
    url,
    body: encodedJsonBody(JSON.stringify(body)),
    baseHeaders: 'identity',
    retry: false,
    responseTimeoutMs: FILE_REQUEST_TIMEOUT_MS,
    signal,
  });
  // Upstream reads these bodies with reqwest's `text()`: lossy UTF-8, a leading BOM removed.
  return { text: new TextDecoder().decode(response.body) };
}

function parseObject(text: string, url: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw decodeFailure(url, errorMessage(error), error);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw decodeFailure(url, 'invalid type: expected a JSON object');
  }
  return json as Record<string, unknown>;
}

function decodeFailure(url: string, detail: string, cause?: unknown): ApiError {
  return ApiError.stream(`failed to parse OpenAI file response from ${url}: ${detail}`, cause);
}

function requiredString(json: Record<string, unknown>, key: string, url: string): string {
  const value = json[key];
  if (value === undefined) throw decodeFailure(url, `missing field \`${key}\``);
  if (typeof value !== 'string')
    throw decodeFailure(url, `invalid type for \`${key}\`: expected a string`);
  return value;
}

// serde's `Option<String>`: absent and `null` are none, any other non-string fails the decode.
function optionalString(
  json: Record<string, unknown>,
  key: string,
  url: string,
): string | undefined {
  const value = json[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw decodeFailure(url, `invalid type for \`${key}\`: expected a string`);
  return value;
}

function decodeCreated(
  response: { text: string },
  url: string,
): { fileId: string; uploadUrl: string } {
  const json = parseObject(response.text, url);
  return {
    fileId: requiredString(json, 'file_id', url),
    uploadUrl: requiredString(json, 'upload_url', url),
  };
}

interface Finalized {
  readonly status: string;
  readonly downloadUrl: string | undefined;
  readonly fileName: string | undefined;
  readonly mimeType: string | undefined;
  readonly errorMessage: string | undefined;
}

function decodeFinalized(response: { text: string }, url: string): Finalized {
  const json = parseObject(response.text, url);
  return {
    status: requiredString(json, 'status', url),
    downloadUrl: optionalString(json, 'download_url', url),
    fileName: optionalString(json, 'file_name', url),
    mimeType: optionalString(json, 'mime_type', url),
    errorMessage: optionalString(json, 'error_message', url),
  };
}
