// Runs a TypeScript program as a user would: type-checked by `tsc`, then executed by Node in a
// child process of its own (types stripped by esbuild), with the environment it is given.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

const require = createRequire(import.meta.url);
/** The repository root. */
export const REPOSITORY_ROOT: string = fileURLToPath(new URL('../../../', import.meta.url));

/** What a program did. */
export interface ProgramResult {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The TypeScript (or JavaScript) program `file` as an ES module next to it, for Node. */
export async function stripTypes(file: string): Promise<string> {
  const output = join(dirname(file), `${basename(file).replace(/\.[cm]?[jt]s$/, '')}.run.mjs`);
  const { code } = await transform(readFileSync(file, 'utf8'), {
    loader: file.endsWith('.ts') ? 'ts' : 'js',
    format: 'esm',
    target: 'node20',
    sourcefile: file,
    sourcemap: 'inline',
  });
  writeFileSync(output, code);
  return output;
}

/** Runs `file` (TypeScript or JavaScript) with Node in `cwd`, with exactly `env`. */
export async function runProgram(options: {
  readonly file: string;
  readonly env: Readonly<Record<string, string>>;
  readonly cwd?: string | undefined;
  readonly args?: readonly string[] | undefined;
  readonly timeoutMs?: number | undefined;
}): Promise<ProgramResult> {
  const script = await stripTypes(options.file);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--enable-source-maps', script, ...(options.args ?? [])],
      {
        cwd: options.cwd ?? dirname(options.file),
        env: options.env,
        timeout: options.timeoutMs ?? 30_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const exitCode =
          error === null ? 0 : typeof error.code === 'number' ? error.code : (error.code ?? null);
        resolve({ exitCode: exitCode as number | null, stdout, stderr });
      },
    );
  });
}

/**
 * Type-checks `files` in one `tsc` run with the repository's strict settings (those of its own
 * sources), each file resolving imports from where it lies. Resolves with tsc's report (files
 * named relative to the repository root), `''` when there is nothing to report.
 */
export async function typeCheck(files: readonly string[], workDirectory: string): Promise<string> {
  mkdirSync(workDirectory, { recursive: true });
  const config = join(workDirectory, 'tsconfig.json');
  writeFileSync(
    config,
    JSON.stringify({
      extends: join(REPOSITORY_ROOT, 'tsconfig.base.json'),
      compilerOptions: {
        isolatedDeclarations: false,
        declaration: false,
        noEmit: true,
        typeRoots: [join(REPOSITORY_ROOT, 'node_modules', '@types')],
      },
      files,
    }),
  );
  const tsc = require.resolve('typescript/bin/tsc', { paths: [REPOSITORY_ROOT] });
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [tsc, '-p', config, '--pretty', 'false'],
      // From the root, so that tsc names each file by its path relative to the root.
      { cwd: REPOSITORY_ROOT, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (_error, stdout, stderr) => resolve(`${stdout}${stderr}`.trim()),
    );
  });
}

/** AWS's documented example credentials: they sign requests but open nothing. */
export const AWS_EXAMPLE_CREDENTIALS: Readonly<Record<string, string>> = {
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

/**
 * The environment a README block or an example runs with: the process's `PATH` and nothing of
 * the user's settings, the base URL of the test kit in `OPENAI_BASE_URL` (read by the OpenAI
 * provider itself) and `CODEX_EXAMPLE_BASE_URL` (read by the programs for everything else), test
 * keys, AWS's example credentials, no instance metadata service, and the given home directory.
 */
export function programEnvironment(options: {
  readonly baseUrl: string;
  readonly home: string;
  readonly extra?: Readonly<Record<string, string>> | undefined;
}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: options.home,
    NO_COLOR: '1',
    OPENAI_BASE_URL: options.baseUrl,
    OPENAI_API_KEY: 'sk-example-test-key',
    CODEX_EXAMPLE_BASE_URL: options.baseUrl,
    CODEX_EXAMPLE_API_KEY: 'example-test-key',
    ...AWS_EXAMPLE_CREDENTIALS,
    // The AWS SDK's credential chain must never ask an instance metadata service: no request may
    // leave the loopback interface.
    AWS_EC2_METADATA_DISABLED: 'true',
    ...options.extra,
  };
}
