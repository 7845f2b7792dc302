import { FatalError, rustTrim } from '@codex/protocol';

/** Environment variables, e.g. `process.env`. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The value trimmed as Rust trims (upstream), or `undefined` when absent or blank. */
export function nonBlank(value: string | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = rustTrim(value);
  return trimmed === '' ? undefined : trimmed;
}

/**
 * The first configured region: the explicit setting, then `AWS_REGION`, then
 * `AWS_DEFAULT_REGION`, each trimmed; blank values count as unset.
 */
export function regionFromSettingsOrEnvironment(
  configured: string | undefined,
  env: Environment,
): string | undefined {
  return nonBlank(configured) ?? nonBlank(env.AWS_REGION) ?? nonBlank(env.AWS_DEFAULT_REGION);
}

/**
 * The region for bearer-token auth (`AWS_BEARER_TOKEN_BEDROCK`): the explicit setting, then
 * `AWS_REGION`, then `AWS_DEFAULT_REGION`, each trimmed and non-empty.
 *
 * @throws FatalError `` Fatal error: Amazon Bedrock bearer token auth requires `model_providers.amazon-bedrock.aws.region`, `AWS_REGION`, or `AWS_DEFAULT_REGION` `` (the upstream text).
 */
export function resolveBearerRegion(configured: string | undefined, env: Environment): string {
  const region = regionFromSettingsOrEnvironment(configured, env);
  if (region !== undefined) return region;
  throw new FatalError({
    detail:
      'Amazon Bedrock bearer token auth requires `model_providers.amazon-bedrock.aws.region`, `AWS_REGION`, or `AWS_DEFAULT_REGION`',
  });
}
