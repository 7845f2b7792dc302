// Replaced at build time (tsup `define`, vitest `define`) by the `version` of this package's
// package.json, so the runtime carries the version string and nothing else of package.json.
declare const __CODEX_PACKAGE_VERSION__: string | undefined;

/** The version of `@codex/api`, as written in its package.json when it was built. */
export const PACKAGE_VERSION: string =
  typeof __CODEX_PACKAGE_VERSION__ === 'string' ? __CODEX_PACKAGE_VERSION__ : '0.0.0-development';

/**
 * The default `originator` header: `codex_ts`. Upstream's own client sends `codex_cli_rs` (the
 * Codex CLI); a library is not the CLI, so it names itself.
 */
export const DEFAULT_ORIGINATOR = 'codex_ts';

const VISIBLE_ASCII = /^[\x21-\x7e](?:[\t\x20-\x7e]*[\x21-\x7e])?$/;

interface RuntimeInfo {
  readonly name: string;
  readonly version: string;
  readonly os: string;
  readonly arch: string;
}

/**
 * The `User-Agent` this package sends by default, in upstream's shape
 * `{originator}/{version} ({os}; {arch}) {runtime}/{runtime version}` — e.g.
 * `codex_ts/0.2.0 (linux; x64) node/20.20.2` — where the version is the version of `@codex/api`.
 * Upstream's shape is `{originator}/{version} ({os} {os version}; {arch}) {terminal}`: the OS
 * version needs `node:os` (not loaded here, so the package stays usable in browsers) and a library
 * has no terminal, so the runtime takes its place. `undefined` where the runtime is not Node,
 * Deno or Bun: browsers do not let `fetch` set `User-Agent`.
 *
 * @example defaultUserAgent('my_app') // 'my_app/0.2.0 (darwin; arm64) node/22.12.0'
 */
export function defaultUserAgent(originator: string = DEFAULT_ORIGINATOR): string | undefined {
  const runtime = detectRuntime();
  if (runtime === undefined) return undefined;
  return `${originator}/${PACKAGE_VERSION} (${runtime.os}; ${runtime.arch}) ${runtime.name}/${runtime.version}`;
}

/** @internal Whether `value` can be sent as a header value that upstream reads back. */
export function isIdentityValue(value: string): boolean {
  return VISIBLE_ASCII.test(value);
}

function detectRuntime(): RuntimeInfo | undefined {
  try {
    const deno = (
      globalThis as {
        Deno?: { version?: { deno?: string }; build?: { os?: string; arch?: string } };
      }
    ).Deno;
    if (typeof deno?.version?.deno === 'string') {
      return {
        name: 'deno',
        version: deno.version.deno,
        os: deno.build?.os ?? 'unknown',
        arch: deno.build?.arch ?? 'unknown',
      };
    }
    const process = (
      globalThis as {
        process?: {
          versions?: Record<string, string | undefined>;
          platform?: string;
          arch?: string;
        };
      }
    ).process;
    const versions = process?.versions;
    const bun = versions?.bun;
    const node = versions?.node;
    const name = typeof bun === 'string' ? 'bun' : typeof node === 'string' ? 'node' : undefined;
    if (name === undefined) return undefined;
    return {
      name,
      version: (name === 'bun' ? bun : node) as string,
      os: process?.platform ?? 'unknown',
      arch: process?.arch ?? 'unknown',
    };
  } catch {
    // A runtime that refuses access to these globals has no User-Agent of ours.
    return undefined;
  }
}
