// Runs the published packages' test suites under the other Node.js majors we support (22, 24),
// with Node binaries taken from the npm registry (`node-<platform>-<arch>` packages), so no
// download from anywhere else is needed. The packages must already be built (`pnpm build`).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

const VERSIONS = ['22.23.3', '24.9.0'];
const PACKAGES = ['protocol', 'client', 'api', 'provider-bedrock'];
const root = resolve(import.meta.dirname, '..');
const cache = join(root, 'node_modules', '.cache', 'node-versions');
const binaryPackage = `node-${platform()}-${arch()}`;

let failed = 0;
for (const version of VERSIONS) {
  const bin = fetchNode(version);
  const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH}` };
  const reported = execFileSync('node', ['--version'], { env, encoding: 'utf8' }).trim();
  if (reported !== `v${version}`) throw new Error(`expected node v${version}, got ${reported}`);
  for (const name of PACKAGES) {
    const cwd = join(root, 'packages', name);
    process.stdout.write(`node ${reported} · @codex/${name}: `);
    try {
      const out = execFileSync('pnpm', ['exec', 'vitest', 'run', '--reporter=dot'], {
        cwd,
        env: { ...env, CI: '' }, // no JSON report: .ci/run sums the Node 20 run only
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const line = out.split('\n').find((l) => /Tests\s/.test(l)) ?? 'passed';
      console.log(line.replace(/\x1b\[[0-9;]*m/g, '').trim());
    } catch (error) {
      failed += 1;
      console.log('FAILED');
      console.log(String(error.stdout ?? '').slice(-4000), String(error.stderr ?? '').slice(-2000));
    }
  }
}
if (failed > 0) {
  console.error(`test:node-versions: ${failed} suite(s) failed`);
  process.exit(1);
}
console.log(`test:node-versions: ${PACKAGES.length * VERSIONS.length} suites passed`);

/** Directory holding the `node` binary of `version`, fetched once into the cache. */
function fetchNode(version) {
  const directory = join(cache, `${binaryPackage}-${version}`);
  const bin = join(directory, 'package', 'bin');
  if (existsSync(join(bin, 'node'))) return bin;
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  execFileSync('npm', ['pack', `${binaryPackage}@${version}`, '--silent'], {
    cwd: directory,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const tarball = readdirSync(directory).find((file) => file.endsWith('.tgz'));
  if (tarball === undefined) throw new Error(`npm pack ${binaryPackage}@${version} wrote nothing`);
  execFileSync('tar', ['xzf', tarball], { cwd: directory });
  rmSync(join(directory, tarball));
  return bin;
}
