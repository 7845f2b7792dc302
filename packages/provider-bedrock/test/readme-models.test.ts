// Runs the README's "Models and capabilities" example as written: it needs no server, no
// credentials and no region, because the catalog is static.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
// Inside the package so that `@codex/provider-bedrock` resolves as for a user.
const directory = mkdtempSync(join(new URL('.', import.meta.url).pathname, '.readme-'));

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

it('the Models and capabilities example lists the catalog without a request', async () => {
  const section = readme.slice(readme.indexOf('### Models and capabilities'));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  expect(code).toContain('client.listModels(');
  const output: unknown[] = [];
  (globalThis as { __readmeLog?: (value: unknown) => void }).__readmeLog = (value) =>
    output.push(value);
  const file = join(directory, 'models.ts');
  writeFileSync(file, code.replaceAll('console.log(', 'globalThis.__readmeLog('));
  await import(/* @vite-ignore */ file);
  expect(output).toEqual([
    ['openai.gpt-5.4', 'openai.gpt-oss-120b', 'openai.gpt-oss-20b'],
    { namespaceTools: true, imageGeneration: false, webSearch: false },
    272_000,
  ]);
});
