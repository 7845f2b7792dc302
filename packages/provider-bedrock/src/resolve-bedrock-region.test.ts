import { FatalError } from '@codex/protocol';
import { describe, expect, it } from 'vitest';
import { resolveBearerRegion } from './resolve-bedrock-region.js';

const MISSING =
  'Fatal error: Amazon Bedrock bearer token auth requires `model_providers.amazon-bedrock.aws.region`, `AWS_REGION`, or `AWS_DEFAULT_REGION`';

describe('resolveBearerRegion (§E.3 case 56)', () => {
  it('prefers the configured region, trimmed', () => {
    expect(resolveBearerRegion(' us-west-2 ', { AWS_REGION: 'eu-west-1' })).toBe('us-west-2');
  });

  it('falls back to AWS_REGION, trimmed', () => {
    expect(resolveBearerRegion(undefined, { AWS_REGION: ' eu-central-1 ' })).toBe('eu-central-1');
  });

  it('falls back to AWS_DEFAULT_REGION', () => {
    expect(resolveBearerRegion(undefined, { AWS_DEFAULT_REGION: 'ap-northeast-1' })).toBe(
      'ap-northeast-1',
    );
  });

  it('treats blank values as unset at every step', () => {
    expect(resolveBearerRegion('  ', { AWS_REGION: '', AWS_DEFAULT_REGION: ' sa-east-1 ' })).toBe(
      'sa-east-1',
    );
  });

  it('fails with the upstream text when nothing is set', () => {
    let caught: unknown;
    try {
      resolveBearerRegion(undefined, { AWS_REGION: '   ' });
    } catch (error) {
      caught = error;
    }
    expect(FatalError.isInstance(caught)).toBe(true);
    expect((caught as Error).message).toBe(MISSING);
  });
});
