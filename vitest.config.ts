// The one vitest configuration of the repository: every package with a `test` script is a project.
//
// Each package's `test` script is a plain `vitest run`, started in the package's directory (by
// `pnpm test` through turbo, or by hand). Vitest finds this file by walking up from there, and the
// package holding the current directory is then the only project, so a package's run stays its
// own: its tests, its output, its JSON report. Started at the root, `vitest run` runs every
// package in one process (`--project @codex/api` picks one).
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const rootDirectory = realpathSync(fileURLToPath(new URL('./', import.meta.url)));
const packagesDirectory = join(rootDirectory, 'packages');
/** Workspace packages outside `packages/`, by their directory relative to the root. */
const OTHER_PACKAGE_DIRECTORIES = ['examples'];

/** Test timeouts other than the default, by package directory. */
const TEST_TIMEOUT_MS: Readonly<Record<string, number>> = {
  // The demo's tests spawn the built program several times over.
  'packages/demo': 40_000,
  // Each test type-checks or runs programs in child processes.
  examples: 60_000,
};

interface TestedPackage {
  /** The directory relative to the root: `packages/<name>` or `examples`. */
  readonly directory: string;
  /** The package name, which is also the project name (`--project @codex/api`). */
  readonly name: string;
  /** The package version: the value of `__CODEX_PACKAGE_VERSION__`, as in the build. */
  readonly version: string;
}

/** The packages that have tests: a `package.json` with a `test` script. */
function testedPackages(): TestedPackage[] {
  const found: TestedPackage[] = [];
  const directories = [
    ...readdirSync(packagesDirectory)
      .sort()
      .map((name) => `packages/${name}`),
    ...OTHER_PACKAGE_DIRECTORIES,
  ];
  for (const directory of directories) {
    const manifestPath = join(rootDirectory, directory, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      name: string;
      version?: string;
      scripts?: Record<string, string>;
    };
    if (manifest.scripts?.test !== undefined) {
      found.push({ directory, name: manifest.name, version: manifest.version ?? '0.0.0' });
    }
  }
  return found;
}

/** The directory (relative to the root) of the package holding the current directory, if any. */
function currentPackageDirectory(): string | undefined {
  // Real paths on both sides, so that a symbolic link in either cannot hide the package.
  const path = relative(rootDirectory, realpathSync(process.cwd())).split(sep);
  if (path[0] === 'packages' && path[1] !== undefined) return `packages/${path[1]}`;
  if (path[0] !== undefined && OTHER_PACKAGE_DIRECTORIES.includes(path[0])) return path[0];
  return undefined;
}

function project({ directory, name, version }: TestedPackage): TestProjectInlineConfiguration {
  const testTimeout = TEST_TIMEOUT_MS[directory];
  return {
    extends: true,
    define: { __CODEX_PACKAGE_VERSION__: JSON.stringify(version) },
    test: {
      name,
      root: join(rootDirectory, directory),
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      ...(testTimeout === undefined ? {} : { testTimeout }),
    },
  };
}

const packages = testedPackages();
const current = currentPackageDirectory();
const selected = packages.filter((entry) => current === undefined || entry.directory === current);
if (selected.length === 0) {
  throw new Error(`${current} has no tests: its package.json has no \`test\` script`);
}

export default defineConfig({
  test: {
    projects: selected.map(project),
    testTimeout: 20_000,
    // Tests run on a shared 2-core machine: keep the pool small and never assert on wall time.
    maxWorkers: 2,
    // Tests talk to 127.0.0.1 only: the AWS credential chain must never fall through to the
    // instance metadata service (169.254.169.254) when a test leaves it without credentials.
    env: { AWS_EC2_METADATA_DISABLED: 'true' },
    // Under CI each run also writes a JSON report, relative to the directory vitest was started
    // in: `packages/<name>/test-results.json`, which .ci/run sums into one closing line.
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: 'test-results.json' }]]
      : ['default'],
  },
});
