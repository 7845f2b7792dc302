// Amazon Bedrock with AWS SigV4 signing: every attempt is signed with the AWS credentials in the
// environment (service `bedrock-mantle`). Needs the optional peers of @codex/provider-bedrock:
//
//   npm install @codex/api @codex/provider-bedrock @smithy/signature-v4 @aws-crypto/sha256-js
//   AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=… node bedrock-sigv4.ts
//
// CODEX_EXAMPLE_BASE_URL, when set, replaces the Mantle endpoint (the test kit in CI, which is
// given AWS's documented example credentials: they sign requests but open nothing).
import { ModelClient } from '@codex/api';
import { createBedrockProvider } from '@codex/provider-bedrock';

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`set ${name}`);
  return value;
}

const provider = createBedrockProvider({
  region: process.env.AWS_REGION ?? 'us-east-1',
  baseUrl: process.env.CODEX_EXAMPLE_BASE_URL,
  // Leave `credentials` out to use the AWS SDK's default chain instead (profiles, SSO, roles; it
  // needs @aws-sdk/credential-provider-node as well).
  credentials: async () => ({
    accessKeyId: required('AWS_ACCESS_KEY_ID'),
    secretAccessKey: required('AWS_SECRET_ACCESS_KEY'),
    ...(process.env.AWS_SESSION_TOKEN ? { sessionToken: process.env.AWS_SESSION_TOKEN } : {}),
  }),
});

const client = new ModelClient({ provider });
const stream = await client.stream({
  model: process.env.CODEX_EXAMPLE_MODEL ?? 'openai.gpt-5.4',
  input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hello' }] }],
});
for await (const event of stream) {
  if (event.type === 'outputTextDelta') process.stdout.write(event.delta);
  if (event.type === 'completed') process.stdout.write(`\n(response ${event.responseId})\n`);
}
