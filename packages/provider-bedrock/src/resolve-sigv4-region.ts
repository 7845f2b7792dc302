import { FatalError } from '@codex/protocol';
import {
  type Environment,
  nonBlank,
  regionFromSettingsOrEnvironment,
} from './resolve-bedrock-region.js';

/** Reads a file as UTF-8; resolves `undefined` when it cannot be read. */
export type ReadTextFile = (path: string) => Promise<string | undefined>;

/**
 * The signing region, approximating the AWS SDK's region chain: the explicit setting, then
 * `AWS_REGION`, then `AWS_DEFAULT_REGION`, then `region` of the active profile (`profile`
 * setting, else `AWS_PROFILE`, else `default`) in the shared config file (`AWS_CONFIG_FILE`, else
 * `~/.aws/config`). Instance metadata (IMDS) is not consulted.
 *
 * @throws FatalError `Fatal error: failed to resolve Amazon Bedrock auth: AWS SDK config did not resolve a region`
 */
export async function resolveSigV4Region(options: {
  readonly region: string | undefined;
  readonly profile: string | undefined;
  readonly env: Environment;
  readonly readTextFile?: ReadTextFile | undefined;
}): Promise<string> {
  const { env } = options;
  const explicit = regionFromSettingsOrEnvironment(options.region, env);
  if (explicit !== undefined) return explicit;
  const profile = nonBlank(options.profile) ?? nonBlank(env.AWS_PROFILE) ?? 'default';
  const readTextFile = options.readTextFile ?? readTextFileFromDisk;
  const path = nonBlank(env.AWS_CONFIG_FILE) ?? defaultConfigPath(env);
  const text = path === undefined ? undefined : await readTextFile(path);
  const fromProfile = text === undefined ? undefined : profileRegion(text, profile);
  if (fromProfile !== undefined) return fromProfile;
  throw new FatalError({
    detail: 'failed to resolve Amazon Bedrock auth: AWS SDK config did not resolve a region',
  });
}

/** `region` of `profile` in an AWS shared config file (`[default]` or `[profile name]`). */
export function profileRegion(text: string, profile: string): string | undefined {
  const wanted = profile === 'default' ? ['default', 'profile default'] : [`profile ${profile}`];
  let inProfile = false;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/\s[#;].*$/, '').trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[\s*(.+?)\s*\]$/.exec(line);
    if (section !== null) {
      inProfile = wanted.includes((section[1] ?? '').replace(/\s+/g, ' '));
      continue;
    }
    if (!inProfile) continue;
    const setting = /^region\s*=\s*(.*)$/.exec(line);
    if (setting !== null) return nonBlank(setting[1]);
  }
  return undefined;
}

function defaultConfigPath(env: Environment): string | undefined {
  const home = nonBlank(env.HOME) ?? nonBlank(env.USERPROFILE);
  if (home === undefined) return undefined;
  return `${home.replace(/[\\/]+$/, '')}/.aws/config`;
}

async function readTextFileFromDisk(path: string): Promise<string | undefined> {
  try {
    // Loaded only on the SigV4 path, so runtimes without node:fs can still use bearer tokens.
    const { readFile } = await import('node:fs/promises');
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}
