#!/usr/bin/env node
// `pnpm test:runtimes`: the runtime suite (src/suite.ts: stream a turn, map a 401, abort, stream
// through the Bedrock provider) on Bun, on Deno (without `--allow-env`) and in headless Chromium,
// against @codex/testkit servers on 127.0.0.1. Node 20/22/24 run the packages' own test suites
// (`pnpm test`, `pnpm test:node-versions`).
//
// Bun and Deno come from the npm registry, where each publishes its binary inside a platform
// package (`@oven/bun-<platform>-<arch>`, `@deno/<platform>-<arch>`): `npm pack` and unpack, no
// other download. Chromium is the system's (Debian's `chromium`, which .ci/run installs), found at
// CHROMIUM_PATH or /usr/bin/chromium, driven by playwright-core. The packages must be built.
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { loadTranscript, startResponsesServer, startTestServer } from '@codex/testkit';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const run = promisify(execFile);
const packageDirectory = resolve(import.meta.dirname, '..');
const repositoryRoot = resolve(packageDirectory, '..', '..');
const cache = join(repositoryRoot, 'node_modules', '.cache', 'runtimes');

const BUN_VERSION = '1.4.5';
const DENO_VERSION = '2.9.6';

/** The npm package holding each runtime's binary for this machine, and the binary's path in it. */
const BINARY_PACKAGES = {
  bun: {
    'linux-x64': '@oven/bun-linux-x64',
    'linux-arm64': '@oven/bun-linux-aarch64',
    'darwin-x64': '@oven/bun-darwin-x64',
    'darwin-arm64': '@oven/bun-darwin-aarch64',
    binary: 'bin/bun',
  },
  deno: {
    'linux-x64': '@deno/linux-x64-glibc',
    'linux-arm64': '@deno/linux-arm64-glibc',
    'darwin-x64': '@deno/darwin-x64',
    'darwin-arm64': '@deno/darwin-arm64',
    binary: 'deno',
  },
};

/** The browser flags known to work here as root on a closed network (see the README). */
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const results = [];
const servers = [];
const home = mkdtempSync(join(tmpdir(), 'codex-runtime-home-'));
try {
  const config = await startServers();
  results.push(await runBun(config));
  results.push(await runDeno(config));
  results.push(await runChromium(config));
} finally {
  await Promise.all(servers.map((server) => server.close()));
  rmSync(home, { recursive: true, force: true });
}

let failed = 0;
for (const result of results) {
  console.log(`\n${result.runtime}:`);
  for (const line of result.passed) console.log(`  ok ${line}`);
  if (result.error !== undefined) {
    failed += 1;
    console.log(`  FAILED ${result.error}`);
  }
}
if (failed > 0) {
  console.error(`\ntest:runtimes: ${failed} of ${results.length} runtimes FAILED`);
  process.exit(1);
}
console.log(`\ntest:runtimes: the suite passed on ${results.map((r) => r.runtime).join(', ')}`);

/** The servers of the suite, with CORS for the browser, and the suite's configuration. */
async function startServers() {
  const cors = {
    'access-control-allow-origin': '*',
    'access-control-expose-headers': 'x-request-id, openai-model',
  };
  const ok = await startResponsesServer({ headers: cors, eventDelayMs: 2 });
  const unauthorized = await startResponsesServer({ headers: cors });
  servers.push(ok, unauthorized);
  unauthorized.responses.respondWith({
    status: 401,
    headers: cors,
    body: JSON.stringify({
      error: { message: 'Incorrect API key provided', type: 'invalid_request_error' },
    }),
  });
  // The browser asks before a cross-origin POST with `authorization`: allow what it asks for.
  for (const server of [ok, unauthorized]) {
    server.route('OPTIONS', '/v1/responses', (request) => ({
      status: 204,
      headers: {
        ...cors,
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': request.headers['access-control-request-headers'] ?? '',
      },
    }));
  }
  return {
    baseUrl: ok.baseUrl,
    unauthorizedBaseUrl: unauthorized.baseUrl,
    expectedText: transcriptText(),
  };
}

function transcriptText() {
  return loadTranscript('turn')
    .toString('utf8')
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice('data: '.length)))
    .filter((event) => event.type === 'response.output_text.delta')
    .map((event) => event.delta)
    .join('');
}

async function runBun(config) {
  const bun = runtimeBinary('bun', BUN_VERSION);
  return runProgram('Bun', bun, ['--no-install', 'src/main.ts', JSON.stringify(config)]);
}

async function runDeno(config) {
  const deno = runtimeBinary('deno', DENO_VERSION);
  return runProgram('Deno', deno, [
    'run',
    '--no-prompt',
    '--no-lock',
    '--node-modules-dir=manual',
    // Network to the loopback servers only; no --allow-env: explicit settings read nothing.
    '--allow-net=127.0.0.1',
    'src/main.ts',
    JSON.stringify(config),
  ]);
}

/** Runs `main.ts` with a runtime; its `ok …` lines are the checks passed. */
async function runProgram(name, binary, args) {
  const version = (await run(binary, ['--version'], { encoding: 'utf8' })).stdout.split('\n')[0];
  const runtime = `${name} ${version.replace(/^deno /, '').split(' ')[0]}`;
  try {
    const { stdout } = await run(binary, args, {
      cwd: packageDirectory,
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: home,
        NO_COLOR: '1',
        DENO_DIR: join(cache, 'deno-dir'),
      },
    });
    return outcome(runtime, stdout);
  } catch (error) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`;
    return {
      ...outcome(runtime, output),
      error: output.trim().split('\n').slice(-15).join('\n') || String(error),
    };
  }
}

function outcome(runtime, output) {
  const passed = output
    .split('\n')
    .filter((line) => line.startsWith('ok '))
    .map((line) => line.slice(3));
  const failure = output.split('\n').find((line) => line.startsWith('FAILED '));
  return {
    runtime,
    passed,
    ...(failure !== undefined || passed.length === 0 ? { error: failure ?? 'no check ran' } : {}),
  };
}

async function runChromium(config) {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    return {
      runtime: 'Chromium',
      passed: [],
      error: `no browser at ${executablePath} (apt-get install chromium, or set CHROMIUM_PATH)`,
    };
  }
  const bundle = await build({
    entryPoints: [join(packageDirectory, 'src', 'browser.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    // The Bedrock provider's optional SigV4 peers are Node packages, loaded with `import()` only
    // on the SigV4 path: a browser app using bearer tokens leaves them out of its bundle.
    external: ['@aws-sdk/*', '@smithy/*', '@aws-crypto/*'],
    write: false,
    logLevel: 'silent',
  });
  const page = await startTestServer();
  servers.push(page);
  page.route('GET', '/', {
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: '<!doctype html><meta charset="utf-8"><title>runtime suite</title><script type="module" src="/suite.js"></script>',
  });
  page.route('GET', '/suite.js', {
    headers: { 'content-type': 'text/javascript; charset=utf-8' },
    body: bundle.outputFiles[0].contents,
  });
  // playwright-core starts the browser with a new, empty profile of its own.
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
  const runtime = `Chromium ${browser.version()}`;
  try {
    const tab = await browser.newPage();
    const errors = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    // A different origin (another port) than the API servers: the requests are cross-origin.
    await tab.goto(`${page.url}/#${encodeURIComponent(JSON.stringify(config))}`);
    await tab.waitForFunction(() => globalThis.runtimeSuiteResult !== undefined, undefined, {
      timeout: 60_000,
    });
    const result = await tab.evaluate(() => globalThis.runtimeSuiteResult);
    const error = result.error ?? (errors.length > 0 ? errors.join('\n') : undefined);
    return { runtime, passed: result.passed, ...(error === undefined ? {} : { error }) };
  } catch (error) {
    return { runtime, passed: [], error: String(error) };
  } finally {
    await browser.close();
  }
}

/** The binary of `runtime` at `version`, unpacked once from its npm package into the cache. */
function runtimeBinary(runtime, version) {
  const packages = BINARY_PACKAGES[runtime];
  const name = packages[`${platform()}-${arch()}`];
  if (name === undefined) throw new Error(`no ${runtime} package for ${platform()}-${arch()}`);
  const directory = join(cache, `${name.replace('/', '+')}-${version}`);
  const binary = join(directory, 'package', packages.binary);
  if (existsSync(binary)) return binary;
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  execFileSync('npm', ['pack', `${name}@${version}`, '--silent'], {
    cwd: directory,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const tarball = readdirSync(directory).find((file) => file.endsWith('.tgz'));
  if (tarball === undefined) throw new Error(`npm pack ${name}@${version} wrote nothing`);
  execFileSync('tar', ['xzf', tarball], { cwd: directory });
  rmSync(join(directory, tarball));
  chmodSync(binary, 0o755);
  return binary;
}
