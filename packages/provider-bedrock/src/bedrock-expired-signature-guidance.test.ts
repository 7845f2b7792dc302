import { describe, expect, it } from 'vitest';
import { bedrockExpiredSignatureGuidance } from './bedrock-expired-signature-guidance.js';

// §G, verbatim: backticks are literal, no trailing period.
const G =
  'Amazon Bedrock rejected the request because its AWS signature has expired. Refresh your AWS credentials and retry. If `AWS_BEARER_TOKEN_BEDROCK` is set, update or unset it, then restart Codex';

describe('bedrockExpiredSignatureGuidance', () => {
  it('is the upstream text by default, without a trailing period (§F.1)', () => {
    expect(bedrockExpiredSignatureGuidance()).toBe(G);
    expect(bedrockExpiredSignatureGuidance().endsWith('then restart Codex')).toBe(true);
  });

  it('names another application in the last words when asked', () => {
    expect(bedrockExpiredSignatureGuidance('My Editor')).toBe(G.replace(/Codex$/, 'My Editor'));
  });

  it('rejects an empty application name', () => {
    expect(() => bedrockExpiredSignatureGuidance('  ')).toThrow(TypeError);
    expect(() => bedrockExpiredSignatureGuidance('  ')).toThrow(/applicationName/);
  });
});
