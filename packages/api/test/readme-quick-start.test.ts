// Runs the README's "Quick start" code block as written, against the test kit's Responses
// server: only the provider call is pointed at the loopback server, and the output is captured.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTranscript, type ResponsesServer, startResponsesServer } from '@codex/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

function quickStartCode(): string {
  const section = readme.slice(readme.indexOf('## Quick start'));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (match === null) throw new Error('README has no ts block under "## Quick start"');
  return match[1] ?? '';
}

let server: ResponsesServer;
let directory: string;

beforeAll(async () => {
  server = await startResponsesServer({ transcript: loadTranscript('turn') });
  // Inside the package so that `@codex/api` and `@codex/protocol` resolve as for a user.
  directory = mkdtempSync(join(new URL('.', import.meta.url).pathname, '.readme-'));
});

afterAll(async () => {
  await server.close();
  rmSync(directory, { recursive: true, force: true });
});

it('the Quick start streams text as it arrives, then compacts', async () => {
  const code = quickStartCode();
  expect(code).toContain('createOpenAIProvider()');
  const runnable = code
    .replace(
      'createOpenAIProvider()',
      `createOpenAIProvider({ apiKey: 'sk-readme', baseUrl: ${JSON.stringify(server.baseUrl)} })`,
    )
    .replaceAll('process.stdout.write(', 'globalThis.__readmeOutput.push(')
    .replaceAll('console.log(', 'globalThis.__readmeOutput.push(');
  const file = join(directory, 'quick-start.ts');
  writeFileSync(file, runnable);
  const output: unknown[] = [];
  (globalThis as { __readmeOutput?: unknown[] }).__readmeOutput = output;
  await import(/* @vite-ignore */ file);

  const deltas = loadTranscript('turn')
    .toString('utf8')
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice('data: '.length)) as { type: string; delta?: string })
    .filter((event) => event.type === 'response.output_text.delta')
    .map((event) => event.delta ?? '');
  const text = deltas.join('');
  expect(deltas.length).toBeGreaterThan(1);
  // Text is printed one delta at a time, in order, then the usage, then the compaction count.
  expect(output.slice(0, deltas.length).join('')).toBe(text);
  expect(output).toContain('\ntokens:');
  expect(output).toContain('items after compaction');
  expect(server.responses.requests[0]?.headers.authorization).toBe('Bearer sk-readme');
  expect(server.compact.requests).toHaveLength(1);
});
