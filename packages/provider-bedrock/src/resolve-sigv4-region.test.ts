import { FatalError } from '@codex/protocol';
import { describe, expect, it } from 'vitest';
import { profileRegion, resolveSigV4Region } from './resolve-sigv4-region.js';

const CONFIG = `
[default]
region = eu-west-1

[profile codex-bedrock]
output = json
region = us-west-2 ; inline comment

[profile other]
region=ap-south-1
`;

describe('resolveSigV4Region', () => {
  const files = (text: string | undefined) => async (path: string) => {
    expect(path).toBe('/home/me/.aws/config');
    return text;
  };

  it('uses settings, then AWS_REGION, then AWS_DEFAULT_REGION, trimmed (§E.3 case 60)', async () => {
    const readTextFile = files(CONFIG);
    expect(
      await resolveSigV4Region({
        region: ' us-west-2 ',
        profile: undefined,
        env: {},
        readTextFile,
      }),
    ).toBe('us-west-2');
    expect(
      await resolveSigV4Region({
        region: undefined,
        profile: undefined,
        env: { AWS_REGION: ' eu-north-1 ', AWS_DEFAULT_REGION: 'sa-east-1' },
        readTextFile,
      }),
    ).toBe('eu-north-1');
    expect(
      await resolveSigV4Region({
        region: undefined,
        profile: undefined,
        env: { AWS_DEFAULT_REGION: 'sa-east-1' },
        readTextFile,
      }),
    ).toBe('sa-east-1');
  });

  it("then reads the active profile's region from the shared config file", async () => {
    const env = { HOME: '/home/me' };
    const readTextFile = files(CONFIG);
    expect(
      await resolveSigV4Region({ region: undefined, profile: undefined, env, readTextFile }),
    ).toBe('eu-west-1');
    expect(
      await resolveSigV4Region({ region: undefined, profile: 'codex-bedrock', env, readTextFile }),
    ).toBe('us-west-2');
    expect(
      await resolveSigV4Region({
        region: undefined,
        profile: undefined,
        env: { ...env, AWS_PROFILE: 'other' },
        readTextFile,
      }),
    ).toBe('ap-south-1');
  });

  it('honours AWS_CONFIG_FILE', async () => {
    const region = await resolveSigV4Region({
      region: undefined,
      profile: undefined,
      env: { AWS_CONFIG_FILE: '/etc/aws.conf', HOME: '/home/me' },
      readTextFile: async (path) =>
        path === '/etc/aws.conf' ? '[default]\nregion = us-east-2' : undefined,
    });
    expect(region).toBe('us-east-2');
  });

  it('fails with the upstream text when no region resolves', async () => {
    for (const text of [
      undefined,
      '[profile x]\nregion = us-east-1\n',
      '[default]\noutput = json',
    ]) {
      const attempt = resolveSigV4Region({
        region: '  ',
        profile: undefined,
        env: { HOME: '/home/me', AWS_REGION: '' },
        readTextFile: files(text),
      });
      const error = await attempt.catch((caught: unknown) => caught);
      expect(FatalError.isInstance(error)).toBe(true);
      expect((error as Error).message).toBe(
        'Fatal error: failed to resolve Amazon Bedrock auth: AWS SDK config did not resolve a region',
      );
    }
  });
});

describe('profileRegion', () => {
  it('reads `[default]`, `[profile name]` and ignores other sections', () => {
    expect(profileRegion(CONFIG, 'default')).toBe('eu-west-1');
    expect(profileRegion(CONFIG, 'codex-bedrock')).toBe('us-west-2');
    expect(profileRegion(CONFIG, 'missing')).toBeUndefined();
    expect(profileRegion('[codex-bedrock]\nregion = us-east-1', 'codex-bedrock')).toBeUndefined();
  });
});
