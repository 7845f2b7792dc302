import { FatalError } from '@codex/protocol';
import type { AwsCredentialProvider, AwsCredentials } from './aws-credentials.js';

/** The request shape `SignatureV4#sign` of `@smithy/signature-v4` reads and returns. */
export interface SignableRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number | undefined;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body?: Uint8Array | undefined;
}

/** The part of `SignatureV4` this package uses. */
export interface RequestSigner {
  sign(request: SignableRequest, options?: { signingDate?: Date }): Promise<SignableRequest>;
}

/** What the optional peers provide, reduced to what signing needs. */
export interface AwsSigningModules {
  /** `SignatureV4` of `@smithy/signature-v4`. */
  readonly SignatureV4: new (init: {
    service: string;
    region: string;
    credentials: AwsCredentials;
    sha256: unknown;
    applyChecksum?: boolean;
    uriEscapePath?: boolean;
  }) => RequestSigner;
  /** `Sha256` of `@aws-crypto/sha256-js`. */
  readonly Sha256: unknown;
  /** `defaultProvider` of `@aws-sdk/credential-provider-node`; only loaded when needed. */
  readonly defaultProvider?: ((init: { profile?: string }) => AwsCredentialProvider) | undefined;
}

/** Loads one optional peer; the specifiers are literal so bundlers can see them. */
export type PeerImporter = (name: AwsPeerName) => Promise<unknown>;

/** The optional peer dependencies SigV4 signing needs (and the shared-config loader's module). */
export type AwsPeerName =
  | '@smithy/signature-v4'
  | '@aws-crypto/sha256-js'
  | '@aws-sdk/credential-provider-node'
  | '@smithy/core/config';

/** A profile section of the AWS shared config or credentials file, as the SDK parses it. */
export type SharedConfigProfile = Readonly<Record<string, string | undefined>>;

/** `loadSharedConfigFiles` of `@smithy/core/config` (the AWS SDK's shared-config loader). */
export type SharedConfigLoader = (init: {
  readonly configFilepath?: string;
  readonly filepath?: string;
}) => Promise<{
  readonly configFile?: Readonly<Record<string, SharedConfigProfile>>;
  readonly credentialsFile?: Readonly<Record<string, SharedConfigProfile>>;
}>;

const importPeer: PeerImporter = (name) => {
  switch (name) {
    case '@smithy/signature-v4':
      return import('@smithy/signature-v4');
    case '@aws-crypto/sha256-js':
      return import('@aws-crypto/sha256-js');
    case '@aws-sdk/credential-provider-node':
      return import('@aws-sdk/credential-provider-node');
    case '@smithy/core/config':
      return import('@smithy/core/config');
  }
};

const AUTH_PREFIX = 'failed to resolve Amazon Bedrock auth';

/**
 * Loads the AWS signing packages with dynamic `import()`, only when SigV4 is needed, so a bearer
 * token user never loads (or installs) them. `withCredentialChain` also loads the SDK's default
 * credential chain.
 *
 * @throws FatalError naming every missing package and the install command.
 */
export async function loadAwsSigning(options: {
  readonly withCredentialChain: boolean;
  readonly importer?: PeerImporter | undefined;
}): Promise<AwsSigningModules> {
  const importer = options.importer ?? importPeer;
  const names: AwsPeerName[] = ['@smithy/signature-v4', '@aws-crypto/sha256-js'];
  if (options.withCredentialChain) names.push('@aws-sdk/credential-provider-node');
  const results = await Promise.allSettled(names.map((name) => importer(name)));
  const missing: AwsPeerName[] = [];
  results.forEach((result, index) => {
    if (result.status === 'rejected') {
      if (!isModuleNotFound(result.reason)) {
        throw new FatalError({
          detail: `${AUTH_PREFIX}: failed to load ${names[index]}: ${messageOf(result.reason)}`,
          cause: result.reason,
        });
      }
      missing.push(names[index] as AwsPeerName);
    }
  });
  if (missing.length > 0) {
    const all = options.withCredentialChain
      ? '@smithy/signature-v4 @aws-crypto/sha256-js @aws-sdk/credential-provider-node'
      : '@smithy/signature-v4 @aws-crypto/sha256-js';
    throw new FatalError({
      detail:
        `${AUTH_PREFIX}: SigV4 signing needs the optional peer dependencies ` +
        `${missing.join(', ')}, which are not installed; run \`npm install ${all}\` ` +
        '(or set `AWS_BEARER_TOKEN_BEDROCK` / `apiKey` to use a Bedrock API key instead)',
    });
  }
  const [signatureModule, sha256Module, chainModule] = results.map((result) =>
    result.status === 'fulfilled' ? interop(result.value) : undefined,
  );
  const SignatureV4 = signatureModule?.SignatureV4 as AwsSigningModules['SignatureV4'] | undefined;
  const Sha256 = sha256Module?.Sha256;
  const defaultProvider = chainModule?.defaultProvider as
    | AwsSigningModules['defaultProvider']
    | undefined;
  if (typeof SignatureV4 !== 'function' || typeof Sha256 !== 'function') {
    throw new FatalError({
      detail: `${AUTH_PREFIX}: @smithy/signature-v4 or @aws-crypto/sha256-js does not export SignatureV4 / Sha256; install compatible versions (^5)`,
    });
  }
  if (options.withCredentialChain && typeof defaultProvider !== 'function') {
    throw new FatalError({
      detail: `${AUTH_PREFIX}: @aws-sdk/credential-provider-node does not export defaultProvider; install a compatible version (^3.600.0)`,
    });
  }
  return { SignatureV4, Sha256, defaultProvider };
}

function interop(value: unknown): Record<string, unknown> {
  const record = (value ?? {}) as Record<string, unknown>;
  // A CJS module imported from ESM may put its exports under `default`.
  if (!('SignatureV4' in record || 'Sha256' in record || 'defaultProvider' in record)) {
    const inner = record.default;
    if (typeof inner === 'object' && inner !== null) return inner as Record<string, unknown>;
  }
  return record;
}

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Loads the AWS SDK's shared-config loader (`loadSharedConfigFiles` of `@smithy/core/config`;
 * `@smithy/core` is a dependency of `@smithy/signature-v4`, and the standalone
 * `@smithy/shared-ini-file-loader` is a deprecated re-export of it). Loaded only when a region
 * must come from the profile.
 *
 * @throws FatalError naming the package and the install command when it is missing.
 */
export async function loadSharedConfigLoader(
  options: { readonly importer?: PeerImporter | undefined } = {},
): Promise<SharedConfigLoader> {
  const importer = options.importer ?? importPeer;
  let module: unknown;
  try {
    module = await importer('@smithy/core/config');
  } catch (error) {
    if (!isModuleNotFound(error)) {
      throw new FatalError({
        detail: `${AUTH_PREFIX}: failed to load @smithy/core/config: ${messageOf(error)}`,
        cause: error,
      });
    }
    throw new FatalError({
      detail:
        `${AUTH_PREFIX}: reading the region of the AWS profile needs the optional peer dependency ` +
        '@smithy/core, which is not installed; run `npm install @smithy/core` ' +
        '(or set `region`, `AWS_REGION` or `AWS_DEFAULT_REGION`)',
    });
  }
  const record = (module ?? {}) as Record<string, unknown>;
  const load =
    record.loadSharedConfigFiles ??
    (record.default as Record<string, unknown> | undefined)?.loadSharedConfigFiles;
  if (typeof load !== 'function') {
    throw new FatalError({
      detail: `${AUTH_PREFIX}: @smithy/core/config does not export loadSharedConfigFiles; install a compatible version (^3.24.0)`,
    });
  }
  return load as SharedConfigLoader;
}
