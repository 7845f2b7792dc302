import { FatalError } from '@codex/protocol';

/** The AWS regions in which Amazon Bedrock Mantle serves the OpenAI-compatible API. */
export const MANTLE_SUPPORTED_REGIONS: readonly string[] = Object.freeze([
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
]);

/**
 * The Mantle base URL for a region: `https://bedrock-mantle.{region}.api.aws/openai/v1`.
 *
 * @throws FatalError `` Fatal error: Amazon Bedrock Mantle does not support region `{region}` ``
 * when the region is not one of {@link MANTLE_SUPPORTED_REGIONS}.
 * @example mantleBaseUrl('eu-central-1') // 'https://bedrock-mantle.eu-central-1.api.aws/openai/v1'
 */
export function mantleBaseUrl(region: string): string {
  if (!MANTLE_SUPPORTED_REGIONS.includes(region)) {
    throw new FatalError({
      detail: `Amazon Bedrock Mantle does not support region \`${region}\``,
    });
  }
  return `https://bedrock-mantle.${region}.api.aws/openai/v1`;
}
