import { FatalError } from '@codex/protocol';
import { describe, expect, it } from 'vitest';
import { MANTLE_SUPPORTED_REGIONS, mantleBaseUrl } from './mantle-base-url.js';

describe('mantleBaseUrl (§E.3 case 55)', () => {
  it('builds the endpoint for supported regions', () => {
    expect(mantleBaseUrl('ap-northeast-1')).toBe(
      'https://bedrock-mantle.ap-northeast-1.api.aws/openai/v1',
    );
    expect(mantleBaseUrl('eu-central-1')).toBe(
      'https://bedrock-mantle.eu-central-1.api.aws/openai/v1',
    );
  });

  it('supports exactly the twelve Mantle regions of §C.5', () => {
    expect([...MANTLE_SUPPORTED_REGIONS].sort()).toEqual(
      [
        'us-east-2',
        'us-east-1',
        'us-west-2',
        'ap-southeast-3',
        'ap-south-1',
        'ap-northeast-1',
        'eu-central-1',
        'eu-west-1',
        'eu-west-2',
        'eu-south-1',
        'eu-north-1',
        'sa-east-1',
      ].sort(),
    );
    for (const region of MANTLE_SUPPORTED_REGIONS) {
      expect(mantleBaseUrl(region)).toBe(`https://bedrock-mantle.${region}.api.aws/openai/v1`);
    }
    expect(Object.isFrozen(MANTLE_SUPPORTED_REGIONS)).toBe(true);
  });

  it('rejects other regions with the upstream Fatal error text', () => {
    for (const region of ['us-west-1', 'US-EAST-1', ' us-east-1', 'cn-north-1', '']) {
      let caught: unknown;
      try {
        mantleBaseUrl(region);
      } catch (error) {
        caught = error;
      }
      expect(FatalError.isInstance(caught)).toBe(true);
      expect((caught as Error).message).toBe(
        `Fatal error: Amazon Bedrock Mantle does not support region \`${region}\``,
      );
    }
  });
});
