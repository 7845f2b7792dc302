// The one tsup setup of the repository. Each package's `tsup.config.ts` is a call of
// `packageBuild` naming only what differs: its entries, its formats, and whether it ships type
// declarations. Everything else (source maps, the Node 20 target, tree shaking, cleaning `dist/`,
// the `__CODEX_PACKAGE_VERSION__` constant) is the same for every package.
import { readFileSync } from 'node:fs';
import type { Options } from 'tsup';

/**
 * The version of the package being built (tsup runs in its directory), for the constant
 * `__CODEX_PACKAGE_VERSION__`: only the version string goes into the build, not package.json.
 */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
}

/** What differs from one package's build to another's. */
export interface PackageBuild {
  /**
   * The entry files, one output file each.
   * @default ['src/index.ts']
   */
  readonly entry?: readonly string[];
  /**
   * The module formats: `['esm', 'cjs']` for a published package, `['esm']` for a private one.
   * @default ['esm', 'cjs']
   */
  readonly format?: readonly ('esm' | 'cjs')[];
  /**
   * Emit type declarations (`.d.ts`, and `.d.cts` for the CommonJS build).
   * @default true
   */
  readonly dts?: boolean;
  /**
   * Dependencies bundled into the CommonJS build (and only there): a dependency published as ESM
   * only, so that `require()` of the package works on every Node it supports. The ESM build keeps
   * importing them. The two builds then write into `dist/` side by side, so neither cleans it:
   * the package's `build` script must empty `dist/` before running tsup.
   */
  readonly bundleIntoCjs?: readonly string[];
}

/**
 * The tsup configuration of one package.
 *
 * @example
 * ```ts
 * // packages/<name>/tsup.config.ts
 * import { packageBuild } from '../../tsup.preset.js';
 *
 * export default packageBuild({ entry: ['src/index.ts', 'src/schemas.ts'] });
 * ```
 */
export function packageBuild(build: PackageBuild = {}): Options[] {
  const shared: Options = {
    entry: [...(build.entry ?? ['src/index.ts'])],
    dts: build.dts ?? true,
    sourcemap: true,
    target: 'node20',
    treeshake: true,
    define: { __CODEX_PACKAGE_VERSION__: JSON.stringify(packageVersion()) },
  };
  const format = [...(build.format ?? ['esm', 'cjs'])];
  const bundled = build.bundleIntoCjs ?? [];
  if (bundled.length === 0) return [{ ...shared, format, clean: true }];
  if (!format.includes('cjs')) throw new Error('`bundleIntoCjs` needs the `cjs` format');
  return [
    ...(format.includes('esm') ? [{ ...shared, format: ['esm' as const], clean: false }] : []),
    { ...shared, format: ['cjs'], noExternal: [...bundled], clean: false },
  ];
}
