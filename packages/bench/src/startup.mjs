// Bundle size and cold start. Each app in ./apps streams one response; esbuild bundles it the
// way an application would ship it (minified ESM for node), and the bundle is run once against
// the loopback server to prove it works. Cold import time is `await import(x)` measured inside a
// fresh `node` process (process start-up itself excluded), median over several spawns.

import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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
      const output = await build({
        entryPoints: [join(benchRoot, 'src', app.entry)],
        bundle: true,
        minify: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        // Node-ESM bundles of CommonJS dependencies need a real `require` (the AI SDK pulls one
        // in); this is the usual esbuild banner, applied to every app alike.
        banner: {
          js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
        },
        write: false,
        logLevel: 'silent',
      });
      const code = output.outputFiles[0].contents;
      const gzipBytes = gzipSync(code, { level: 9 }).length;
      const file = join(directory, `${app.id}.mjs`);
      await writeFile(file, code);
      const execution = await run(process.execPath, [file], {
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
        bytes: code.length,
        kb: round(code.length / 1024, 1),
        gzipBytes,
        gzipKB: round(gzipBytes / 1024, 1),
        runs: works,
      });
    }
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
  return results;
}

/**
 * @param {{ spawns: number, log: (line: string) => void }} options
 */
export async function measureImports({ spawns, log }) {
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
    for (const target of ready) {
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
