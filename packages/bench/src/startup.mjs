// Bundle size and cold start. Each app in ./apps streams one response; esbuild bundles it the
// way an application would ship it (minified ESM for node, code splitting on), and the bundle is
// run once against the loopback server to prove it works. Cold import time is `await import(x)`
// measured inside a fresh `node` process (process start-up itself excluded), median over several
// spawns, the modules in a fresh order every round of spawns.

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { median, round } from './stats.mjs';

const benchRoot = fileURLToPath(new URL('..', import.meta.url));

/** The apps to bundle (`ready: false` skips one with a "not yet available" line). */
export const apps = [
  { id: 'codex-api', entry: 'apps/codex-api-app.mjs', ready: true },
  { id: 'openai', entry: 'apps/openai-app.mjs', ready: true },
  { id: 'ai-sdk', entry: 'apps/ai-sdk-app.mjs', ready: true },
];

/**
 * What to import cold. A module that does not resolve from packages/bench (e.g. `@codex/api`
 * before it is built) is skipped with a "not yet available" line.
 */
export const imports = [
  { id: '@codex/api', specifiers: ['@codex/api'] },
  { id: 'openai', specifiers: ['openai'] },
  { id: 'ai', specifiers: ['ai'] },
  { id: 'ai + @ai-sdk/openai', specifiers: ['ai', '@ai-sdk/openai'] },
];

function run(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: benchRoot, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data) => {
      stdout += data;
    });
    child.stderr.on('data', (data) => {
      stderr += data;
    });
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The chunks an entry loads before it runs: itself and, transitively, every chunk it imports
 * statically. Chunks reached only through `import()` are loaded when the code that needs them
 * runs (e.g. `ws` for a WebSocket), so they are not part of what a streaming app loads.
 * @param {import('esbuild').Metafile} metafile
 * @param {string} entry  output path of the entry chunk
 */
function staticClosure(metafile, entry) {
  const seen = new Set();
  const visit = (path) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const imported of metafile.outputs[path]?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
    }
  };
  visit(entry);
  return seen;
}

/**
 * Which package a bundled input belongs to: `@codex/api` for a workspace package's `dist`, the
 * package name for a dependency, `app` for the app itself.
 * @param {string} input  an esbuild metafile input path
 */
function packageOf(input) {
  const workspace =
    /(?:^|\/)packages\/([^/]+)\/dist\//.exec(input) ?? /^\.\.\/([^/]+)\/dist\//.exec(input);
  if (workspace) return `@codex/${workspace[1]}`;
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(input);
  if (dependency) return dependency[1];
  return 'app';
}

/**
 * Minified bytes per package in the given chunks, largest first.
 * @param {import('esbuild').Metafile} metafile
 * @param {Set<string>} chunks
 */
function composition(metafile, chunks) {
  const bytes = new Map();
  for (const chunk of chunks) {
    for (const [input, { bytesInOutput }] of Object.entries(metafile.outputs[chunk].inputs)) {
      const name = packageOf(input);
      bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...bytes]
    .sort((left, right) => right[1] - left[1])
    .map(([name, size]) => ({ package: name, kb: round(size / 1024, 1) }));
}

/**
 * @param {{ server: object, expectedText: string, log: (line: string) => void, onCheck: (check: object) => void }} options
 */
export async function measureBundles({ server, expectedText, log, onCheck }) {
  const directory = await mkdtemp(join(tmpdir(), 'codex-bench-'));
  const results = [];
  try {
    for (const app of apps) {
      if (!app.ready) {
        log(`bundle ${app.id}: not yet available (TODO hook in src/apps/${app.id}-app.mjs)`);
        continue;
      }
      const outdir = join(directory, app.id);
      // Code splitting, as an application bundler does it: a module reached only through a
      // dynamic `import()` goes to a chunk of its own that loads when that code runs.
      const output = await build({
        entryPoints: [join(benchRoot, 'src', app.entry)],
        absWorkingDir: benchRoot,
        bundle: true,
        minify: true,
        splitting: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        outdir,
        outExtension: { '.js': '.mjs' },
        metafile: true,
        // Node-ESM bundles of CommonJS dependencies need a real `require` (the AI SDK pulls one
        // in); this is the usual esbuild banner, applied to every app alike.
        banner: {
          js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
        },
        write: true,
        logLevel: 'silent',
      });
      const { metafile } = output;
      const relative = (path) => path.slice(path.indexOf(`${app.id}/`));
      const entry = Object.keys(metafile.outputs).find(
        (path) => metafile.outputs[path].entryPoint !== undefined,
      );
      const loaded = staticClosure(metafile, entry);
      let startBytes = 0;
      let startGzip = 0;
      let allBytes = 0;
      let allGzip = 0;
      for (const path of Object.keys(metafile.outputs)) {
        if (path.endsWith('.map')) continue;
        const code = await readFile(join(benchRoot, path));
        const gzip = gzipSync(code, { level: 9 }).length;
        allBytes += code.length;
        allGzip += gzip;
        if (loaded.has(path)) {
          startBytes += code.length;
          startGzip += gzip;
        }
      }
      const execution = await run(process.execPath, [join(benchRoot, entry)], {
        OPENAI_API_KEY: 'sk-bench',
        OPENAI_BASE_URL: server.baseURL('small'),
        AI_SDK_LOG_WARNINGS: 'false',
      });
      const works = execution.code === 0 && execution.stdout === expectedText;
      onCheck({
        case: 'bundle',
        path: app.id,
        ok: works,
        problem: works
          ? null
          : `bundled app exit ${execution.code}: ${
              execution.stderr
                .split('\n')
                .find((line) => /Error/.test(line))
                ?.slice(0, 300) ?? `stdout ${JSON.stringify(execution.stdout.slice(0, 80))}…`
            }`,
      });
      results.push({
        app: app.id,
        chunks: Object.keys(metafile.outputs).length,
        startChunks: loaded.size,
        // What the app loads to stream (the entry and its static imports), then every chunk.
        bytes: startBytes,
        kb: round(startBytes / 1024, 1),
        gzipBytes: startGzip,
        gzipKB: round(startGzip / 1024, 1),
        allKB: round(allBytes / 1024, 1),
        allGzipKB: round(allGzip / 1024, 1),
        // Minified KB per package in what the app loads to stream.
        composition: composition(metafile, loaded),
        lazyChunks: Object.keys(metafile.outputs)
          .filter((path) => !loaded.has(path))
          .map(relative),
        runs: works,
      });
    }
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
  return results;
}

/**
 * @param {{ spawns: number, shuffle: <T>(items: readonly T[]) => T[], log: (line: string) => void }} options
 */
export async function measureImports({ spawns, shuffle, log }) {
  const ready = [];
  for (const target of imports) {
    const probe = await run(process.execPath, [
      '--input-type=module',
      '-e',
      target.specifiers.map((specifier) => `await import(${JSON.stringify(specifier)});`).join(''),
    ]);
    if (probe.code === 0) {
      ready.push({ ...target, samples: [] });
    } else {
      log(`import ${target.id}: not yet available (does not resolve from packages/bench)`);
    }
  }
  for (let index = 0; index < spawns; index += 1) {
    for (const target of shuffle(ready)) {
      const script = `const t=performance.now();${target.specifiers
        .map((specifier) => `await import(${JSON.stringify(specifier)});`)
        .join('')}process.stdout.write(String(performance.now()-t));`;
      const result = await run(process.execPath, ['--input-type=module', '-e', script]);
      if (result.code === 0) target.samples.push(Number(result.stdout));
    }
  }
  return ready.map((target) => ({
    module: target.id,
    spawns: target.samples.length,
    medianMs: round(median(target.samples), 1),
  }));
}
