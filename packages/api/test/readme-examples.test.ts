// Runs the README's examples for files upload, realtime calls, stream telemetry, client identity
// and static model lists as written, against the test kit: only the base URLs (and the file
// path) are pointed at the loopback server, and the output is captured.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ResponsesServer, startResponsesServer } from '@codex/testkit';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { PACKAGE_VERSION } from '../src/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

function codeUnder(heading: string): string {
  const start = readme.indexOf(`## ${heading}\n`);
  if (start === -1) throw new Error(`README has no "## ${heading}" section`);
  const match = /```ts\n([\s\S]*?)```/.exec(readme.slice(start));
  if (match === null) throw new Error(`README has no ts block under "## ${heading}"`);
  return match[1] ?? '';
}

let server: ResponsesServer;
let directory: string;
let output: unknown[][];

beforeAll(async () => {
  server = await startResponsesServer();
  // Inside the package so that `@codex/api` resolves as for a user.
  directory = mkdtempSync(join(new URL('.', import.meta.url).pathname, '.readme-'));
});

afterAll(async () => {
  await server.close();
  rmSync(directory, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

async function run(name: string, code: string): Promise<unknown[][]> {
  output = [];
  (globalThis as { __readmeLog?: (...values: unknown[]) => void }).__readmeLog = (...values) =>
    output.push(values);
  const file = join(directory, `${name}.ts`);
  writeFileSync(file, code.replaceAll('console.log(', 'globalThis.__readmeLog('));
  await import(/* @vite-ignore */ file);
  return output;
}

it('Files upload', async () => {
  server.route('POST', '/backend-api/files', {
    body: JSON.stringify({ file_id: 'file_9', upload_url: `${server.url}/blob/file_9` }),
  });
  server.route('PUT', '/blob/file_9', { status: 201 });
  server.route('POST', '/backend-api/files/file_9/uploaded', {
    body: JSON.stringify({
      status: 'success',
      download_url: 'https://d/file_9',
      mime_type: 'text/plain',
    }),
  });
  const notes = join(directory, 'notes.txt');
  writeFileSync(notes, 'remember');
  vi.stubEnv('CHATGPT_ACCESS_TOKEN', 'sk-fake-chatgpt');
  vi.stubEnv('CHATGPT_ACCOUNT_ID', 'acct-1');
  // The block writes the file it uploads: here into the temporary directory.
  const code = codeUnder('Files upload')
    .replace("'https://chatgpt.com/backend-api'", JSON.stringify(`${server.url}/backend-api`))
    .replace("'notes.txt'", JSON.stringify(notes));
  expect(await run('files', code)).toEqual([
    ['sediment://file_9', 'https://d/file_9', 'text/plain'],
  ]);
  const create = server.requests.find((request) => request.path === '/backend-api/files')!;
  expect(create.headers.authorization).toBe('Bearer sk-fake-chatgpt');
  expect(create.headers['chatgpt-account-id']).toBe('acct-1');
});

it('Realtime calls', async () => {
  server.route('POST', '/v1/realtime/calls', {
    status: 201,
    headers: { location: '/v1/realtime/calls/rtc_readme' },
    body: 'v=0\r\n',
  });
  const code = codeUnder('Realtime calls').replace(
    'createOpenAIProvider()',
    `createOpenAIProvider({ apiKey: 'sk-readme', baseUrl: ${JSON.stringify(server.baseUrl)} })`,
  );
  expect(await run('realtime', code)).toEqual([['rtc_readme', 5]]);
});

it('Stream telemetry', async () => {
  const code = codeUnder('Stream telemetry').replace(
    'createOpenAIProvider()',
    `createOpenAIProvider({ apiKey: 'sk-readme', baseUrl: ${JSON.stringify(server.baseUrl)} })`,
  );
  const lines = await run('telemetry', code);
  expect(String(lines[0]?.[0])).toMatch(/^attempt 0: 200 after \d+ ms$/);
  expect(lines.slice(1, -1).every((line) => /^event after [\d.]+ ms$/.test(String(line[0])))).toBe(
    true,
  );
  expect(lines.length).toBeGreaterThan(3);
  expect(lines.at(-1)).toEqual(['done']);
});

it('Client identity', async () => {
  const lines = await run('identity', codeUnder('Client identity'));
  expect(lines).toEqual([
    [
      `my_app/${PACKAGE_VERSION} (${process.platform}; ${process.arch}) node/${process.versions.node}`,
      `codex_ts/${PACKAGE_VERSION} (${process.platform}; ${process.arch}) node/${process.versions.node}`,
      'openai',
    ],
  ]);
});

it('Capabilities and static model lists', async () => {
  const lines = await run('catalog', codeUnder('Capabilities and static model lists'));
  expect(lines).toEqual([
    [{ namespaceTools: true, imageGeneration: false, webSearch: false }],
    [['local-coder']],
  ]);
});
