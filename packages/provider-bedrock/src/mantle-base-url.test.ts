import { describe, expect, it } from 'vitest';
import { mantleBaseUrl } from './mantle-base-url.js';

describe('mantleBaseUrl', () => {
  it('builds the endpoint for supported regions', () => {
    expect(mantleBaseUrl('ap-northeast-1')).toBe(
      'https://bedrock-mantle.ap-northeast-1.api.aws/openai/v1',
    );
    expect(mantleBaseUrl('eu-central-1')).toBe(
      'https://bedrock-mantle.eu-central-1.api.aws/openai/v1',
    );
  });

  it('rejects unsupported regions with the upstream text', () => {
    expect(() => mantleBaseUrl('us-west-1')).toThrow(
      'Fatal error: Amazon Bedrock Mantle does not support region `us-west-1`',
    );
  });
});
