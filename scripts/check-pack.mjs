// Packs every published package with `pnpm pack`, installs the tarballs with plain npm into a
// temporary project outside the workspace, and checks that both `require()` and `import()` of
// each package root work there, and that the published tarballs hold what they should: the
// LICENSE and README of the package, and its CHANGELOG once a release has written one.
// Then that `ws` (an optional peer of @codex/api) is not installed, and that WebSocket streaming
// works once it is added.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const packagesDir = join(root, 'packages');
const published = readdirSync(packagesDir)
  .map((dir) => ({
    dir: join(packagesDir, dir),
    manifest: readJson(join(packagesDir, dir, 'package.json')),
  }))
  .filter(({ manifest }) => manifest.private !== true);

const work = mkdtempSync(join(tmpdir(), 'codex-pack-'));
try {
  const tarballs = published.map(({ dir, manifest }) => {
    const out = execFileSync('pnpm', ['pack', '--pack-destination', work], {
      cwd: dir,
      encoding: 'utf8',
    });
    const file = resolve(dir, out.trim().split('\n').pop());
    checkTarballFiles({ tarball: file, dir, name: manifest.name });
    return file;
  });
  const app = join(work, 'app');
  execFileSync('mkdir', ['-p', app]);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'pack-check', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], {
    cwd: app,
    stdio: 'inherit',
  });

  for (const { manifest } of published) {
    const name = manifest.name;
    const cjs = execFileSync(
      'node',
      ['-e', `const m = require(${JSON.stringify(name)}); console.log(Object.keys(m).length)`],
      { cwd: app, encoding: 'utf8' },
    ).trim();
    const esm = execFileSync(
      'node',
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(name)}); console.log(Object.keys(m).length)`,
      ],
      { cwd: app, encoding: 'utf8' },
    ).trim();
    if (Number(cjs) === 0 || Number(esm) === 0)
      throw new Error(`${name}: empty exports (cjs ${cjs}, esm ${esm})`);
    console.log(`ok ${name}: require() exports ${cjs} names, import() exports ${esm} names`);
  }
  checkWebsocketPeer(app);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** The tarball holds LICENSE, README.md and, when the package has one, CHANGELOG.md. */
function checkTarballFiles({ tarball, dir, name }) {
  const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.replace(/^package\//, ''));
  const required = ['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.cjs'];
  if (existsSync(join(dir, 'CHANGELOG.md'))) required.push('CHANGELOG.md');
  const missing = required.filter((file) => !files.includes(file));
  if (missing.length > 0) throw new Error(`${name}: the tarball lacks ${missing.join(', ')}`);
  const license = readFileSync(join(dir, 'LICENSE'), 'utf8');
  if (!license.includes('Apache License') || !license.includes('Version 2.0')) {
    throw new Error(`${name}: LICENSE is not the Apache License 2.0`);
  }
  console.log(`ok ${name}: the tarball holds ${required.join(', ')}`);
}

// `ws` is an optional peer of @codex/api: an HTTP-only install has none and fails WebSocket use
// with an error naming `npm install ws`; once it is added, WebSocket streaming works from both
// builds (the CommonJS one loads `ws` through the same lazy import).
function checkWebsocketPeer(app) {
  if (existsSync(join(app, 'node_modules', 'ws'))) {
    throw new Error('installing @codex/api installed `ws`; it must stay an optional peer');
  }
  const consumer = readFileSync(join(root, 'scripts', 'pack-websocket-consumer.mjs'), 'utf8');
  writeFileSync(join(app, 'websocket-consumer.mjs'), consumer);
  const run = (args, cjs) =>
    execFileSync('node', ['websocket-consumer.mjs', cjs ? 'cjs' : 'esm', ...args], {
      cwd: app,
      encoding: 'utf8',
    }).trim();
  for (const cjs of [false, true])
    console.log(`ok without ws (${cjs ? 'cjs' : 'esm'}): ${run(['missing-ws'], cjs)}`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', 'ws@8'], {
    cwd: app,
    stdio: 'inherit',
  });
  for (const cjs of [false, true]) console.log(`ok with ws: ${run([], cjs)}`);
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}
