import { FatalError } from '@codex/protocol';
import { loadSharedConfigLoader, type SharedConfigLoader } from './load-aws-signing.js';
import {
  type Environment,
  nonBlank,
  regionFromSettingsOrEnvironment,
} from './resolve-bedrock-region.js';

const NO_REGION = 'failed to resolve Amazon Bedrock auth: AWS SDK config did not resolve a region';

/**
 * The signing region: the explicit setting, then `AWS_REGION`, then `AWS_DEFAULT_REGION` (the
 * order of upstream's AWS SDK for Rust), then the `region` of the active profile — `profile`,
 * else `AWS_PROFILE`, else `default` — as the AWS SDK's own shared-config loader reads it
 * (`loadSharedConfigFiles` of `@smithy/core/config`, an optional peer loaded only here): the
 * config file (`AWS_CONFIG_FILE`, else `~/.aws/config`; `[default]` and `[profile name]`
 * sections) first, then the credentials file (`AWS_SHARED_CREDENTIALS_FILE`, else
 * `~/.aws/credentials`), as the SDK's region provider prefers them. The two file variables are
 * taken from `env`; the home directory is the SDK's (from the process environment). Instance
 * metadata (IMDS) is not consulted.
 *
 * @throws FatalError `Fatal error: failed to resolve Amazon Bedrock auth: AWS SDK config did not resolve a region`,
 * or naming the missing peer when the profile must be read and `@smithy/core` is not installed.
 */
export async function resolveSigV4Region(options: {
  readonly region: string | undefined;
  readonly profile: string | undefined;
  readonly env: Environment;
  readonly loadSharedConfig?: (() => Promise<SharedConfigLoader>) | undefined;
}): Promise<string> {
  const { env } = options;
  const explicit = regionFromSettingsOrEnvironment(options.region, env);
  if (explicit !== undefined) return explicit;
  const profile = nonBlank(options.profile) ?? nonBlank(env.AWS_PROFILE) ?? 'default';
  const load = await (options.loadSharedConfig ?? loadSharedConfigLoader)();
  const configFilepath = nonBlank(env.AWS_CONFIG_FILE);
  const filepath = nonBlank(env.AWS_SHARED_CREDENTIALS_FILE);
  let files: Awaited<ReturnType<SharedConfigLoader>>;
  try {
    files = await load({
      ...(configFilepath === undefined ? {} : { configFilepath }),
      ...(filepath === undefined ? {} : { filepath }),
    });
  } catch (error) {
    throw new FatalError({
      detail: `failed to resolve Amazon Bedrock auth: failed to read the AWS config: ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
    });
  }
  const region =
    nonBlank(files.configFile?.[profile]?.region) ??
    nonBlank(files.credentialsFile?.[profile]?.region);
  if (region !== undefined) return region;
  throw new FatalError({ detail: NO_REGION });
}
