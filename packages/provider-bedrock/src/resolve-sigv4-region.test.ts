// The SigV4 region: settings and environment first, then the profile's `region` read by the AWS
// SDK's own shared-config loader (`@smithy/core/config`) from real files, in the cases the SDK
// documents: the default profile, a named profile (`[profile x]` in config), AWS_PROFILE,
// AWS_CONFIG_FILE, the credentials file, and ~/.aws/config under the home directory.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FatalError } from '@codex/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SharedConfigLoader } from './load-aws-signing.js';
import { resolveSigV4Region } from './resolve-sigv4-region.js';

const NO_REGION =
  'Fatal error: failed to resolve Amazon Bedrock auth: AWS SDK config did not resolve a region';

const CONFIG = `
[default]
region = eu-west-1

[profile codex-bedrock]
output = json
region = us-west-2

[profile other]
region=ap-south-1

[plain-section]
region = sa-east-1

[profile only-in-credentials]
output = json
`;

const CREDENTIALS = `
[default]
region = us-east-2

[only-in-credentials]
aws_access_key_id = AKIDEXAMPLE
region = eu-north-1
`;

let root: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'codex-aws-config-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

afterEach(() => {
  vi.unstubAllEnvs();
});

/** Fresh files per test: the SDK caches what it read by path. */
async function files(config: string | undefined, credentials: string | undefined) {
  const directory = join(root, String(counter++));
  await mkdir(directory);
  const configPath = join(directory, 'config');
  const credentialsPath = join(directory, 'credentials');
  if (config !== undefined) await writeFile(configPath, config);
  if (credentials !== undefined) await writeFile(credentialsPath, credentials);
  return {
    directory,
    env: { AWS_CONFIG_FILE: configPath, AWS_SHARED_CREDENTIALS_FILE: credentialsPath },
  };
}

function region(
  env: Record<string, string>,
  options: { region?: string; profile?: string } = {},
): Promise<string> {
  return resolveSigV4Region({ region: options.region, profile: options.profile, env });
}

describe('resolveSigV4Region', () => {
  it('uses settings, then AWS_REGION, then AWS_DEFAULT_REGION, trimmed; the files are then not read (§E.3 case 60)', async () => {
    const loadSharedConfig = vi.fn(async (): Promise<SharedConfigLoader> => {
      throw new Error('not needed');
    });
    const resolve = (regionSetting: string | undefined, env: Record<string, string>) =>
      resolveSigV4Region({ region: regionSetting, profile: undefined, env, loadSharedConfig });
    expect(await resolve(' us-west-2 ', { AWS_REGION: 'eu-west-1' })).toBe('us-west-2');
    expect(await resolve(undefined, { AWS_REGION: ' eu-north-1 ', AWS_DEFAULT_REGION: 'x' })).toBe(
      'eu-north-1',
    );
    expect(await resolve('  ', { AWS_DEFAULT_REGION: 'sa-east-1' })).toBe('sa-east-1');
    expect(loadSharedConfig).not.toHaveBeenCalled();
  });

  it('the default profile: `[default]` of the config file', async () => {
    const { env } = await files(CONFIG, CREDENTIALS);
    expect(await region(env)).toBe('eu-west-1');
  });

  it('a named profile: `[profile name]` of the config file', async () => {
    const { env } = await files(CONFIG, undefined);
    expect(await region(env, { profile: 'codex-bedrock' })).toBe('us-west-2');
  });

  it('AWS_PROFILE selects the profile; the setting wins over it', async () => {
    const { env } = await files(CONFIG, undefined);
    expect(await region({ ...env, AWS_PROFILE: 'other' })).toBe('ap-south-1');
    expect(await region({ ...env, AWS_PROFILE: 'other' }, { profile: 'codex-bedrock' })).toBe(
      'us-west-2',
    );
  });

  it('a config-file section without the `profile ` prefix is not a profile', async () => {
    const { env } = await files(CONFIG, undefined);
    const error = await region(env, { profile: 'plain-section' }).catch(
      (caught: unknown) => caught,
    );
    expect(FatalError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(NO_REGION);
  });

  it('AWS_CONFIG_FILE names the config file', async () => {
    const { directory } = await files(undefined, undefined);
    const elsewhere = join(directory, 'elsewhere.ini');
    await writeFile(elsewhere, '[default]\nregion = us-east-2\n');
    expect(
      await region({
        AWS_CONFIG_FILE: elsewhere,
        AWS_SHARED_CREDENTIALS_FILE: join(directory, 'x'),
      }),
    ).toBe('us-east-2');
  });

  it('the credentials file counts too, after the config file', async () => {
    const { env } = await files(CONFIG, CREDENTIALS);
    expect(await region(env, { profile: 'only-in-credentials' })).toBe('eu-north-1');
    const onlyCredentials = await files(undefined, CREDENTIALS);
    expect(await region(onlyCredentials.env)).toBe('us-east-2');
  });

  it('~/.aws/config under the home directory when AWS_CONFIG_FILE is not set', async () => {
    const { directory } = await files(undefined, undefined);
    await mkdir(join(directory, '.aws'));
    await writeFile(join(directory, '.aws', 'config'), '[profile home]\nregion = ap-northeast-1\n');
    vi.stubEnv('HOME', directory);
    vi.stubEnv('AWS_CONFIG_FILE', undefined);
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', undefined);
    expect(await region({}, { profile: 'home' })).toBe('ap-northeast-1');
  });

  it('fails with the upstream text when no region resolves', async () => {
    for (const [config, credentials] of [
      [undefined, undefined],
      ['[profile x]\nregion = us-east-1\n', undefined],
      ['[default]\noutput = json', '[default]\nregion = \n'],
    ] as const) {
      const { env } = await files(config, credentials);
      const error = await region({ ...env, AWS_REGION: '' }, { region: '  ' }).catch(
        (caught: unknown) => caught,
      );
      expect(FatalError.isInstance(error)).toBe(true);
      expect((error as Error).message).toBe(NO_REGION);
    }
  });

  it('a missing @smithy/core names the package and the alternatives', async () => {
    const { env } = await files(CONFIG, undefined);
    const { loadSharedConfigLoader } = await import('./load-aws-signing.js');
    const error = await resolveSigV4Region({
      region: undefined,
      profile: undefined,
      env,
      loadSharedConfig: () =>
        loadSharedConfigLoader({
          importer: async () => {
            throw Object.assign(new Error('Cannot find package'), { code: 'ERR_MODULE_NOT_FOUND' });
          },
        }),
    }).catch((caught: unknown) => caught);
    expect((error as Error).message).toBe(
      'Fatal error: failed to resolve Amazon Bedrock auth: reading the region of the AWS profile needs the optional peer dependency @smithy/core, which is not installed; run `npm install @smithy/core` (or set `region`, `AWS_REGION` or `AWS_DEFAULT_REGION`)',
    );
  });
});
