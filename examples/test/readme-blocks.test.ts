// Every code block of every README runs as written. TypeScript and JavaScript blocks are written
// to files next to the README's package (so that they import the packages as a user's program
// does), type-checked together by `tsc`, then run one by one with Node against a test kit server
// whose base URL is in `OPENAI_BASE_URL` and `CODEX_EXAMPLE_BASE_URL` (see `programEnvironment`).
// Shell blocks are not run (they install from the registry or run this repository's scripts):
// the packages they install must exist, and the program blocks of the same README may import
// nothing else, so a README never relies on a package its install line leaves out. A block is
// left out only when its info string says so, with a reason: `ts no-run: <reason>`.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import {
  type CodeBlock,
  importedModules,
  installedPackageNames,
  loadTranscript,
  markdownCodeBlocks,
  packageOfSpecifier,
  type ResponsesServer,
  serveCompanionEndpoints,
  serveResponsesWebsocket,
  startResponsesServer,
} from '@codex/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AWS_EXAMPLE_CREDENTIALS,
  type ProgramResult,
  programEnvironment,
  REPOSITORY_ROOT,
  runProgram,
  typeCheck,
} from './support/run-program.js';

interface Manifest {
  readonly name: string;
  readonly private?: boolean;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
}

interface Readme {
  /** Path relative to the repository root. */
  readonly path: string;
  /** Where its program blocks are written (inside a package, so that its imports resolve). */
  readonly runDirectory: string;
  /** The package the README documents, if it is a package's README. */
  readonly packageName: string | undefined;
  readonly blocks: readonly CodeBlock[];
}

interface ProgramBlock {
  readonly readme: Readme;
  readonly block: CodeBlock;
  /** The file the block was written to. */
  readonly file: string;
}

const workspaceManifests = new Map<string, Manifest>();
for (const directory of [
  ...readdirSync(join(REPOSITORY_ROOT, 'packages')).map((name) => join('packages', name)),
  'examples',
]) {
  const path = join(REPOSITORY_ROOT, directory, 'package.json');
  if (existsSync(path)) workspaceManifests.set(directory, JSON.parse(readFileSync(path, 'utf8')));
}
const publishedPackages = [...workspaceManifests.values()]
  .filter((manifest) => manifest.private !== true)
  .map((manifest) => manifest.name);
/** What a README's install line may name: our packages and the peers they declare. */
const installablePackages = new Set([
  ...[...workspaceManifests.values()].map((manifest) => manifest.name),
  ...[...workspaceManifests.values()].flatMap((manifest) =>
    Object.keys(manifest.peerDependencies ?? {}),
  ),
]);

function findReadmes(): Readme[] {
  const readmes: Readme[] = [];
  for (const [directory, manifest] of [['', undefined], ...workspaceManifests] as const) {
    const path = join(directory, 'README.md');
    if (!existsSync(join(REPOSITORY_ROOT, path))) continue;
    const isPackage = manifest !== undefined && directory !== 'examples';
    readmes.push({
      path,
      // The root README's blocks run from the examples package, which depends on every package.
      runDirectory: join(REPOSITORY_ROOT, isPackage ? directory : 'examples'),
      packageName: isPackage ? manifest.name : undefined,
      blocks: markdownCodeBlocks(readFileSync(join(REPOSITORY_ROOT, path), 'utf8')),
    });
  }
  return readmes;
}

const readmes = findReadmes();
const runDirectoryName = '.readme-blocks';
const programBlocks: ProgramBlock[] = readmes.flatMap((readme) =>
  readme.blocks
    .filter((block) => block.role === 'typescript' || block.role === 'javascript')
    .map((block) => ({
      readme,
      block,
      file: join(
        readme.runDirectory,
        runDirectoryName,
        `${readme.path.replace(/[^a-z0-9]+/gi, '-')}-line-${block.line}.${block.role === 'typescript' ? 'ts' : 'mjs'}`,
      ),
    })),
);

/** Checks on what a block printed or sent, beyond a clean exit, by README and heading. */
const EXPECTATIONS: Record<
  string,
  (result: ProgramResult, server: ResponsesServer) => void | Promise<void>
> = {
  'packages/api/README.md#Quick start': (result, server) => {
    // Text is printed as it arrives, then the usage and the compaction count.
    expect(result.stdout).toContain(transcriptText());
    expect(result.stdout).toContain('tokens: 8608');
    expect(result.stdout).toMatch(/\d+ items after compaction/);
    expect(server.responses.requests[0]?.headers.authorization).toBe('Bearer sk-example-test-key');
    expect(server.compact.requests).toHaveLength(1);
  },
  'packages/api/README.md#Files upload': (result, server) => {
    // Both blocks of the section upload the notes the first one writes.
    expect(result.stdout).toMatch(/^sediment:\/\/file_1\b/);
    const upload = server.requests.find((request) => request.path === '/upload/file_1');
    expect(upload?.text()).toBe('Remember: the retry loop uses the shared backoff helper.\n');
  },
  'packages/provider-bedrock/README.md#Region': (_result, server) => {
    // Credentials and region from the profile in the home directory's AWS files.
    expect(server.responses.requests[0]?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/us-west-2\/bedrock-mantle\//,
    );
  },
};

function transcriptText(): string {
  return loadTranscript('turn')
    .toString('utf8')
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice('data: '.length)) as { type: string; delta?: string })
    .filter((event) => event.type === 'response.output_text.delta')
    .map((event) => event.delta ?? '')
    .join('');
}

let server: ResponsesServer;
let home: string;
let typeReport = '';

beforeAll(async () => {
  // The Responses endpoints (HTTP and WebSocket), plus the files API and realtime calls.
  server = await startResponsesServer();
  serveCompanionEndpoints(server);
  serveResponsesWebsocket(server);
  home = await mkdtemp(join(tmpdir(), 'codex-readme-home-'));
  // The AWS profile the Bedrock README's blocks name, with AWS's documented example keys.
  mkdirSync(join(home, '.aws'));
  writeFileSync(join(home, '.aws', 'config'), '[profile codex-bedrock]\nregion = us-west-2\n');
  writeFileSync(
    join(home, '.aws', 'credentials'),
    `[codex-bedrock]\naws_access_key_id = ${AWS_EXAMPLE_CREDENTIALS.AWS_ACCESS_KEY_ID}\naws_secret_access_key = ${AWS_EXAMPLE_CREDENTIALS.AWS_SECRET_ACCESS_KEY}\n`,
  );
  for (const { file, block } of programBlocks) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, block.code);
  }
  const typeScriptFiles = programBlocks
    .filter(({ block }) => block.role === 'typescript')
    .map(({ file }) => file);
  if (typeScriptFiles.length > 0) {
    typeReport = await typeCheck(typeScriptFiles, join(REPOSITORY_ROOT, '.tmp', 'readme-blocks'));
  }
}, 120_000);

afterAll(async () => {
  await server?.close();
  for (const readme of readmes) {
    rmSync(join(readme.runDirectory, runDirectoryName), { recursive: true, force: true });
  }
  if (home !== undefined) rmSync(home, { recursive: true, force: true });
});

it('finds the READMEs and their blocks, and tsc reports nothing but errors in them', () => {
  expect(readmes.map((readme) => readme.path)).toContain('packages/api/README.md');
  expect(programBlocks.length).toBeGreaterThan(5);
  // A line naming no block file is a failure of tsc itself (e.g. a bad configuration).
  const blockFiles = programBlocks.map(({ file }) => relative(REPOSITORY_ROOT, file));
  const unexplained = typeReport
    .split('\n')
    .filter((line) => /^\S/.test(line) && !blockFiles.some((file) => line.startsWith(file)));
  expect(unexplained).toEqual([]);
});

describe.each(readmes.map((readme) => [readme.path, readme] as const))('%s', (_path, readme) => {
  const installed = readme.blocks
    .filter((block) => block.role === 'shell')
    .flatMap((block) => installedPackageNames(block.code));

  it('installs only packages that exist', () => {
    expect(installed.filter((name) => !installablePackages.has(name))).toEqual([]);
  });

  it('marks a block as not run only with a reason', () => {
    for (const block of readme.blocks.filter((candidate) => candidate.role === 'no-run')) {
      expect(block.reason, `line ${block.line}`).toBeTruthy();
    }
  });

  const blocks = programBlocks.filter((entry) => entry.readme === readme);
  if (blocks.length === 0) return;

  // A package's README may import the package itself and what its install lines install; the
  // root README and the examples' may import any published package.
  const importable = new Set([
    ...installed,
    ...(readme.packageName === undefined ? publishedPackages : [readme.packageName]),
  ]);

  it.each(blocks.map((entry) => [`line ${entry.block.line} (${entry.block.heading})`, entry]))(
    'the block at %s imports only what the README installs, type-checks and runs',
    async (_name, entry) => {
      const foreign = importedModules(entry.block.code)
        .map(packageOfSpecifier)
        .filter((name): name is string => name !== undefined && !importable.has(name));
      expect(foreign, 'imports of packages the README does not install').toEqual([]);

      const errors = typeReport
        .split('\n')
        .filter((line) => line.startsWith(relative(REPOSITORY_ROOT, entry.file)));
      expect(errors, 'tsc').toEqual([]);

      server.reset();
      const result = await runProgram({
        file: entry.file,
        env: programEnvironment({ baseUrl: server.baseUrl, home }),
      });
      expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
      await EXPECTATIONS[`${readme.path}#${entry.block.heading}`]?.(result, server);
    },
  );
});
