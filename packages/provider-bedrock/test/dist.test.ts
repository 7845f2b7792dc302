// The built package: the AWS packages are optional peers, so a bearer-token user must be able to
// load and use it with none of them installed. Runs against dist/ (turbo builds it before tests).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const distFiles = ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts'];
const AWS_PACKAGES = /@aws-sdk\/|@smithy\/|@aws-crypto\//;

describe('dist', () => {
  beforeAll(() => {
    for (const file of distFiles) {
      if (!existsSync(join(packageDir, 'dist', file))) {
        throw new Error(
          `dist/${file} is missing: run \`pnpm --filter @codex/provider-bedrock build\` first`,
        );
      }
    }
  });

  it('has no static import or require of an AWS package, only the lazy import() calls', async () => {
    for (const file of ['index.js', 'index.cjs']) {
      const code = await readFile(join(packageDir, 'dist', file), 'utf8');
      expect(code).not.toMatch(/^\s*import[^(]*['"](@aws-sdk|@smithy|@aws-crypto)\//m);
      expect(code).not.toMatch(/require\(\s*['"](@aws-sdk|@smithy|@aws-crypto)\//);
      const dynamic = code.match(/import\(\s*['"](@aws-sdk|@smithy|@aws-crypto)\/[^'"]+['"]\s*\)/g);
      expect(dynamic?.sort()).toEqual([
        "import('@aws-crypto/sha256-js')",
        "import('@aws-sdk/credential-provider-node')",
        "import('@smithy/core/config')",
        "import('@smithy/signature-v4')",
      ]);
      // No AWS code was bundled in.
      expect(code).not.toContain('AWS4-HMAC-SHA256');
      expect(code.length).toBeLessThan(40_000);
    }
  });

  it('its type declarations do not import AWS types', async () => {
    for (const file of ['index.d.ts', 'index.d.cts']) {
      const types = await readFile(join(packageDir, 'dist', file), 'utf8');
      for (const line of types
        .split('\n')
        .filter((text) => /^\s*(import|export .* from)/.test(text))) {
        expect(line).not.toMatch(AWS_PACKAGES);
      }
    }
  });

  describe('installed without the AWS peers', () => {
    let root: string;

    beforeAll(async () => {
      // A project whose node_modules holds this package and its two runtime dependencies only.
      root = await mkdtemp(join(tmpdir(), 'bedrock-no-aws-'));
      const target = join(root, 'node_modules', '@codex', 'provider-bedrock');
      await mkdir(target, { recursive: true });
      await cp(join(packageDir, 'dist'), join(target, 'dist'), { recursive: true });
      await cp(join(packageDir, 'package.json'), join(target, 'package.json'));
      for (const name of ['api', 'protocol']) {
        await symlink(
          join(packageDir, '..', name),
          join(root, 'node_modules', '@codex', name),
          'dir',
        );
      }
      const script = (load: string) => `
        const { createBedrockProvider } = ${load};
        const bearer = createBedrockProvider({ env: { AWS_BEARER_TOKEN_BEDROCK: 'token', AWS_REGION: 'us-east-1' } });
        const resolved = await bearer.resolve();
        const { headers } = await resolved.auth.authenticate(
          { method: 'POST', url: resolved.settings.baseUrl + '/responses', headers: new Headers() },
          { attempt: 0, signal: new AbortController().signal },
        );
        const sigv4 = createBedrockProvider({ region: 'us-east-1', env: {} });
        const failure = await sigv4.resolve().then(() => 'resolved', (error) => error.message);
        console.log(JSON.stringify({ baseUrl: resolved.settings.baseUrl, authorization: headers.get('authorization'), failure }));
      `;
      await writeFile(join(root, 'esm.mjs'), script("await import('@codex/provider-bedrock')"));
      await writeFile(
        join(root, 'cjs.cjs'),
        `(async () => { ${script("require('@codex/provider-bedrock')")} })().catch((error) => { console.error(error); process.exit(1); });`,
      );
    });

    afterAll(async () => {
      if (root !== undefined) await rm(root, { recursive: true, force: true });
    });

    for (const file of ['esm.mjs', 'cjs.cjs']) {
      it(`${file}: bearer auth works and SigV4 names the packages to install`, async () => {
        const { stdout } = await run(process.execPath, [join(root, file)], { cwd: root });
        expect(JSON.parse(stdout)).toEqual({
          baseUrl: 'https://bedrock-mantle.us-east-1.api.aws/openai/v1',
          authorization: 'Bearer token',
          failure:
            'Fatal error: failed to resolve Amazon Bedrock auth: SigV4 signing needs the optional peer dependencies @smithy/signature-v4, @aws-crypto/sha256-js, @aws-sdk/credential-provider-node, which are not installed; run `npm install @smithy/signature-v4 @aws-crypto/sha256-js @aws-sdk/credential-provider-node` (or set `AWS_BEARER_TOKEN_BEDROCK` / `apiKey` to use a Bedrock API key instead)',
        });
      });
    }
  });
});
