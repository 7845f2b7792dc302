/**
 * What to do about an expired Bedrock signature, shown under the guidance line. The guidance
 * itself comes from `@codex/provider-bedrock`; these steps spell it out for a shell user.
 */
export const BEDROCK_FIX_STEPS: readonly string[] = [
  'Refresh your AWS credentials: `aws sso login` (SSO), or new temporary keys in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN.',
  'If AWS_BEARER_TOKEN_BEDROCK is set, replace it with a fresh Bedrock API key, or unset it to use your AWS credentials.',
  'Check the clock of this machine: a request signature is only valid for 5 minutes, so a clock that is off fails the same way.',
  'Restart the program so it reads the new credentials, then retry.',
];
