import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdownCodeBlocks } from '@codex/testkit';
import { transform } from 'esbuild';
import { CheckFailure } from './check-log.mjs';
import { runCommand } from './run-command.mjs';

const require = createRequire(import.meta.url);
/** The repository's root: its TypeScript compiler and Node types are used, never installed in the app. */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSC = require.resolve('typescript/bin/tsc', { paths: [REPOSITORY_ROOT] });

/**
 * Runs every TypeScript/JavaScript code block of a README in an app directory where only the
 * published packages are installed, as a user who copied them would: type-checked by `tsc` with
 * the strict settings of this repository (resolving the packages from the app's `node_modules`,
 * so a block that imports a package the app did not install fails), then run with Node, types
 * stripped by esbuild.
 *
 * @param {{
 *   readmePath: string,
 *   directory: string,
 *   env: NodeJS.ProcessEnv,
 *   typeRoots: string,
 * }} options `typeRoots`: a `node_modules/@types` holding `@types/node`
 * @returns {Promise<string[]>} one description per block run
 */
export async function runReadmeBlocks({ readmePath, directory, env, typeRoots }) {
  const blocks = markdownCodeBlocks(await readFile(readmePath, 'utf8')).filter(
    (block) => block.role === 'typescript' || block.role === 'javascript',
  );
  if (blocks.length === 0) throw new CheckFailure(`${readmePath} has no code block to run`);
  const files = [];
  for (const block of blocks) {
    const file = join(
      directory,
      `readme-line-${block.line}.${block.role === 'typescript' ? 'ts' : 'mjs'}`,
    );
    await writeFile(file, block.code);
    files.push({ block, file });
  }

  await writeFile(
    join(directory, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2023'],
        module: 'Preserve',
        moduleResolution: 'Bundler',
        moduleDetection: 'force',
        types: ['node'],
        typeRoots: [typeRoots],
        strict: true,
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
        verbatimModuleSyntax: true,
        skipLibCheck: true,
        noEmit: true,
      },
      files: files.filter(({ block }) => block.role === 'typescript').map(({ file }) => file),
    }),
  );
  const typeCheck = await runCommand({
    command: process.execPath,
    args: [TSC, '-p', 'tsconfig.json', '--pretty', 'false'],
    cwd: directory,
    env,
    timeoutMs: 120_000,
    allowFailure: true,
  });
  if (typeCheck.exitCode !== 0) {
    throw new CheckFailure(
      `the README's blocks do not type-check: ${typeCheck.output.trim().split('\n').slice(0, 5).join(' | ')}`,
    );
  }

  const passed = [`tsc: ${files.length} blocks type-check against the installed packages`];
  for (const { block, file } of files) {
    const { code } = await transform(block.code, {
      loader: block.role === 'typescript' ? 'ts' : 'js',
      format: 'esm',
      target: 'node20',
    });
    const script = `${file}.run.mjs`;
    await writeFile(script, code);
    const result = await runCommand({
      command: process.execPath,
      args: [script],
      cwd: directory,
      env,
      timeoutMs: 60_000,
      allowFailure: true,
    });
    if (result.exitCode !== 0) {
      const crash =
        /^[A-Za-z]*Error\b.*$/m.exec(result.stderr)?.[0] ?? `exit code ${result.exitCode}`;
      throw new CheckFailure(
        `README block at line ${block.line} (${block.heading}) failed: ${crash}`,
      );
    }
    passed.push(`README block at line ${block.line} (${block.heading}) ran`);
  }
  return passed;
}
