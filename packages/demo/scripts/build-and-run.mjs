#!/usr/bin/env node
// `pnpm demo` (root script): builds @codex/demo and the workspace packages it imports with turbo
// (cached after the first run), then runs the demo in this process with the same arguments.
// The build is silent on success; its log is shown only when it fails, so stdout carries the
// demo's own output and nothing else (`pnpm demo --json` stays one JSON object per line).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const demoRoot = fileURLToPath(new URL('..', import.meta.url));
const workspaceRoot = path.resolve(demoRoot, '..', '..');
const LOG_LIMIT = 200_000;

function fail(reason) {
  process.stderr.write(`demo: ${reason}\n`);
  process.exit(1);
}

let turbo;
try {
  turbo = createRequire(path.join(workspaceRoot, 'package.json')).resolve('turbo/bin/turbo');
} catch {
  fail('turbo is not installed; run `pnpm install` at the repository root first');
}

const build = spawn(
  process.execPath,
  [turbo, 'run', 'build', '--filter=@codex/demo...', '--output-logs=errors-only'],
  { cwd: workspaceRoot, stdio: ['ignore', 'pipe', 'pipe'] },
);
let log = '';
const keep = (chunk) => {
  log = (log + chunk).slice(-LOG_LIMIT);
};
build.stdout.setEncoding('utf8').on('data', keep);
build.stderr.setEncoding('utf8').on('data', keep);

// A cold build (fresh clone) takes a while; say so on a terminal, never in piped output.
const notice = setTimeout(() => {
  if (process.stderr.isTTY) {
    process.stderr.write('demo: building the workspace packages first (cached after this run)…\n');
  }
}, 1500);

const code = await new Promise((resolve) => {
  build.on('error', (error) => resolve(`could not start turbo: ${error.message}`));
  build.on('close', (exitCode, signal) => resolve(signal ?? exitCode));
});
clearTimeout(notice);
if (code !== 0) {
  process.stderr.write(log.endsWith('\n') || log === '' ? log : `${log}\n`);
  fail(
    typeof code === 'string' && !code.startsWith('SIG')
      ? code
      : `building @codex/demo and its workspace dependencies failed (turbo: ${code}); see the log above`,
  );
}

// dist/main.js reads process.argv.slice(2), which is this script's arguments.
await import(pathToFileURL(path.join(demoRoot, 'dist', 'main.js')).href);
