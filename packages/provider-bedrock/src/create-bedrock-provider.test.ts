import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResolvedProvider } from '@codex/api';
import { FatalError } from '@codex/protocol';
import { rejectionOf } from '@codex/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AwsCredentials } from './aws-credentials.js';
import {
  createBedrockProvider,
  createBedrockProviderWithInternals,
} from './create-bedrock-provider.js';
import type { AwsPeerName, PeerImporter } from './load-aws-signing.js';

const EXAMPLE: AwsCredentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const BEARER_REGION_MISSING =
  'Fatal error: Amazon Bedrock bearer token auth requires `model_providers.amazon-bedrock.aws.region`, `AWS_REGION`, or `AWS_DEFAULT_REGION`';

/** Records which AWS packages were loaded; delegates to the real ones. */
function spyImporter(): { importer: PeerImporter; loaded: AwsPeerName[] } {
  const loaded: AwsPeerName[] = [];
  const importer: PeerImporter = async (name) => {
    loaded.push(name);
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
  return { importer, loaded };
}

async function authHeaders(resolved: ResolvedProvider): Promise<Headers> {
  const request = await resolved.auth.authenticate(
    { method: 'POST', url: `${resolved.settings.baseUrl}/responses`, headers: new Headers() },
    { attempt: 0, signal: new AbortController().signal },
  );
  return request.headers;
}

// No AWS config files at all (the real loader would read the machine's ~/.aws).
const noConfigFiles = async () => ({ configFile: {}, credentialsFile: {} });

describe('createBedrockProvider: identity (§C.2, §E.3 case 61)', () => {
  it('is the Amazon Bedrock provider without compression, metadata passthrough or WebSockets', () => {
    const provider = createBedrockProvider();
    expect(provider.id).toBe('amazon-bedrock');
    expect(provider.name).toBe('Amazon Bedrock');
    expect(provider.supportsRequestCompression).toBe(false);
    expect(provider.sendsMetadataPassthrough).toBe(false);
    expect(provider.supportsWebSockets).toBe(false);
    expect(provider.fetch).toBeUndefined();
    expect(Object.isFrozen(provider)).toBe(true);
  });

  it('passes a custom fetch on', () => {
    const fetch = (async () => new Response('')) as typeof globalThis.fetch;
    expect(createBedrockProvider({ fetch }).fetch).toBe(fetch);
  });

  it('resolves the Mantle endpoint for the region and the client-agent header', async () => {
    const resolved = await createBedrockProvider({
      env: { AWS_BEARER_TOKEN_BEDROCK: 'token', AWS_REGION: 'us-east-1' },
    }).resolve();
    expect(resolved.settings.name).toBe('Amazon Bedrock');
    expect(resolved.settings.baseUrl).toBe('https://bedrock-mantle.us-east-1.api.aws/openai/v1');
    expect([...resolved.settings.headers.keys()]).toEqual([
      'originator',
      'user-agent',
      'x-amzn-mantle-client-agent',
    ]);
    expect(resolved.settings.headers.get('x-amzn-mantle-client-agent')).toBe('codex');
    expect(resolved.settings.headers.get('originator')).toBe('codex_ts');
  });

  it('passes originator and userAgent to the endpoint settings', async () => {
    const resolved = await createBedrockProvider({
      env: { AWS_BEARER_TOKEN_BEDROCK: 'token', AWS_REGION: 'us-east-1' },
      originator: false,
      userAgent: 'my-app/1',
    }).resolve();
    expect(resolved.settings.headers.get('originator')).toBeNull();
    expect(resolved.settings.headers.get('user-agent')).toBe('my-app/1');
  });

  it('adds configured headers, which may override the client agent', async () => {
    const resolved = await createBedrockProvider({
      region: 'us-east-2',
      apiKey: 'key',
      env: {},
      headers: { 'x-team': 'blue', 'x-amzn-mantle-client-agent': 'my-app' },
    }).resolve();
    expect(resolved.settings.headers.get('x-team')).toBe('blue');
    expect(resolved.settings.headers.get('x-amzn-mantle-client-agent')).toBe('my-app');
  });

  it('uses the base URL override as it is (tests, proxies), without the region list', async () => {
    const resolved = await createBedrockProvider({
      apiKey: 'key',
      region: 'us-west-1',
      baseUrl: 'http://127.0.0.1:9/openai/v1',
      env: {},
    }).resolve();
    expect(resolved.settings.baseUrl).toBe('http://127.0.0.1:9/openai/v1');
  });

  it('validates settings early, naming the option', () => {
    expect(() => createBedrockProvider({ region: 1 as never })).toThrow(
      '`region` must be a string',
    );
    expect(() => createBedrockProvider({ credentials: 'x' as never })).toThrow(
      '`credentials` must be a function',
    );
    expect(() => createBedrockProvider({ baseUrl: 'not a url' })).toThrow('`baseUrl`');
    expect(() => createBedrockProvider({ applicationName: ' ' })).toThrow('`applicationName`');
    expect(() => createBedrockProvider(null as never)).toThrow(TypeError);
  });
});

describe('credential precedence (§C.5)', () => {
  it('57: an explicit API key wins over the env token and the AWS profile, which is never loaded', async () => {
    const { importer, loaded } = spyImporter();
    const provider = createBedrockProviderWithInternals(
      {
        apiKey: 'managed-bedrock-api-key',
        region: 'us-east-1',
        profile: 'codex-bedrock',
        env: { AWS_BEARER_TOKEN_BEDROCK: 'env-token', AWS_REGION: 'eu-west-1' },
      },
      { importer, loadSharedConfigFiles: noConfigFiles },
    );
    const resolved = await provider.resolve();
    expect(resolved.settings.baseUrl).toBe('https://bedrock-mantle.us-east-1.api.aws/openai/v1');
    expect((await authHeaders(resolved)).get('authorization')).toBe(
      'Bearer managed-bedrock-api-key',
    );
    expect(loaded).toEqual([]);
  });

  it('uses AWS_BEARER_TOKEN_BEDROCK (trimmed) as a bearer token and loads nothing from AWS', async () => {
    const { importer, loaded } = spyImporter();
    const provider = createBedrockProviderWithInternals(
      { env: { AWS_BEARER_TOKEN_BEDROCK: '  env-token \n', AWS_DEFAULT_REGION: 'eu-north-1' } },
      { importer },
    );
    const resolved = await provider.resolve();
    expect((await authHeaders(resolved)).get('authorization')).toBe('Bearer env-token');
    expect(resolved.settings.baseUrl).toBe('https://bedrock-mantle.eu-north-1.api.aws/openai/v1');
    expect(loaded).toEqual([]);
  });

  it('58: an OpenAI API key in the environment is never sent to Bedrock', async () => {
    const env = {
      OPENAI_API_KEY: 'sk-openai',
      AWS_BEARER_TOKEN_BEDROCK: 'bedrock-token',
      AWS_REGION: 'us-east-1',
    };
    const resolved = await createBedrockProvider({ env }).resolve();
    expect((await authHeaders(resolved)).get('authorization')).toBe('Bearer bedrock-token');
  });

  it('a blank API key or env token counts as unset and falls through to SigV4', async () => {
    const { importer, loaded } = spyImporter();
    const provider = createBedrockProviderWithInternals(
      {
        apiKey: '   ',
        credentials: async () => EXAMPLE,
        env: { AWS_BEARER_TOKEN_BEDROCK: ' \t ', AWS_REGION: 'us-west-2' },
      },
      { importer, loadSharedConfigFiles: noConfigFiles },
    );
    const resolved = await provider.resolve();
    expect((await authHeaders(resolved)).get('authorization')).toMatch(/^AWS4-HMAC-SHA256 /);
    expect(resolved.settings.baseUrl).toBe('https://bedrock-mantle.us-west-2.api.aws/openai/v1');
    // Explicit credentials: the SDK's credential chain is not loaded.
    expect(loaded.sort()).toEqual(['@aws-crypto/sha256-js', '@smithy/signature-v4']);
  });

  it('uses the AWS SDK default chain with the profile, created once per profile', async () => {
    const inits: unknown[] = [];
    const importer: PeerImporter = async (name) => {
      if (name === '@aws-sdk/credential-provider-node') {
        return {
          defaultProvider: (init: unknown) => {
            inits.push(init);
            return async () => EXAMPLE;
          },
        };
      }
      return spyImporter().importer(name);
    };
    const provider = createBedrockProviderWithInternals(
      { profile: 'codex-bedrock', region: 'us-east-1', env: {} },
      { importer, loadSharedConfigFiles: noConfigFiles },
    );
    await provider.resolve();
    await provider.resolve();
    expect(inits).toEqual([{ profile: 'codex-bedrock' }]);
  });

  it('reads the environment at each request, not at construction', async () => {
    const env: Record<string, string | undefined> = {};
    const provider = createBedrockProvider({ env });
    env.AWS_BEARER_TOKEN_BEDROCK = 'first';
    env.AWS_REGION = 'us-east-1';
    expect((await authHeaders(await provider.resolve())).get('authorization')).toBe('Bearer first');
    env.AWS_BEARER_TOKEN_BEDROCK = 'rotated';
    expect((await authHeaders(await provider.resolve())).get('authorization')).toBe(
      'Bearer rotated',
    );
  });

  describe('with process.env', () => {
    const saved = { ...process.env };
    afterEach(() => {
      for (const key of ['AWS_BEARER_TOKEN_BEDROCK', 'AWS_REGION', 'AWS_DEFAULT_REGION']) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    });

    it('defaults to process.env, read lazily', async () => {
      const provider = createBedrockProvider();
      process.env.AWS_BEARER_TOKEN_BEDROCK = 'from-process';
      process.env.AWS_REGION = 'sa-east-1';
      const resolved = await provider.resolve();
      expect((await authHeaders(resolved)).get('authorization')).toBe('Bearer from-process');
      expect(resolved.settings.baseUrl).toBe('https://bedrock-mantle.sa-east-1.api.aws/openai/v1');
    });
  });
});

describe('region resolution and errors', () => {
  it('56: bearer region comes from settings, then AWS_REGION, then AWS_DEFAULT_REGION', async () => {
    const baseUrl = async (settings: Parameters<typeof createBedrockProvider>[0]) =>
      (await createBedrockProvider(settings).resolve()).settings.baseUrl;
    const token = { AWS_BEARER_TOKEN_BEDROCK: 't' };
    expect(
      await baseUrl({ region: ' us-west-2 ', env: { ...token, AWS_REGION: 'eu-west-1' } }),
    ).toBe('https://bedrock-mantle.us-west-2.api.aws/openai/v1');
    expect(await baseUrl({ env: { ...token, AWS_REGION: ' eu-central-1 ' } })).toBe(
      'https://bedrock-mantle.eu-central-1.api.aws/openai/v1',
    );
    expect(await baseUrl({ env: { ...token, AWS_DEFAULT_REGION: 'ap-northeast-1' } })).toBe(
      'https://bedrock-mantle.ap-northeast-1.api.aws/openai/v1',
    );
  });

  it('56: bearer auth without a region is the upstream Fatal error', async () => {
    for (const settings of [
      { env: { AWS_BEARER_TOKEN_BEDROCK: 't' } },
      { apiKey: 'key', env: { AWS_REGION: ' ' } },
    ]) {
      const error = await rejectionOf(createBedrockProvider(settings).resolve(), Error);
      expect(FatalError.isInstance(error)).toBe(true);
      expect(error.message).toBe(BEARER_REGION_MISSING);
    }
  });

  it('55: an unsupported region is a Fatal error, not a fallback', async () => {
    const bearer = await rejectionOf(
      createBedrockProvider({ apiKey: 'key', region: 'us-west-1', env: {} }).resolve(),
      Error,
    );
    expect(FatalError.isInstance(bearer)).toBe(true);
    expect(bearer.message).toBe(
      'Fatal error: Amazon Bedrock Mantle does not support region `us-west-1`',
    );
    const sigv4 = await rejectionOf(
      createBedrockProvider({
        credentials: async () => EXAMPLE,
        env: { AWS_REGION: 'ca-central-1' },
      }).resolve(),
      Error,
    );
    expect(sigv4.message).toBe(
      'Fatal error: Amazon Bedrock Mantle does not support region `ca-central-1`',
    );
  });

  it('SigV4 without any region is the SDK-style Fatal error', async () => {
    const provider = createBedrockProviderWithInternals(
      { credentials: async () => EXAMPLE, env: { HOME: '/nowhere' } },
      { loadSharedConfigFiles: noConfigFiles },
    );
    const error = await rejectionOf(provider.resolve(), Error);
    expect(FatalError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      'Fatal error: failed to resolve Amazon Bedrock auth: AWS SDK config did not resolve a region',
    );
  });

  it('SigV4 takes the region of the profile through the AWS SDK shared-config loader', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'codex-bedrock-config-'));
    try {
      const config = join(directory, 'config');
      await writeFile(config, '[profile work]\nregion = eu-south-1\n');
      const { importer, loaded } = spyImporter();
      const provider = createBedrockProviderWithInternals(
        {
          credentials: async () => EXAMPLE,
          profile: 'work',
          env: { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(directory, 'none') },
        },
        { importer },
      );
      const resolved = await provider.resolve();
      expect(resolved.settings.baseUrl).toBe('https://bedrock-mantle.eu-south-1.api.aws/openai/v1');
      expect(loaded).toContain('@smithy/core/config');
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('a missing peer fails resolve() with the install command', async () => {
    const provider = createBedrockProviderWithInternals(
      { region: 'us-east-1', env: {} },
      {
        importer: async (name) => {
          throw Object.assign(new Error(`Cannot find package '${name}'`), {
            code: 'ERR_MODULE_NOT_FOUND',
          });
        },
      },
    );
    const error = await rejectionOf(provider.resolve(), Error);
    expect(FatalError.isInstance(error)).toBe(true);
    expect(error.message).toContain(
      'npm install @smithy/signature-v4 @aws-crypto/sha256-js @aws-sdk/credential-provider-node',
    );
    // Tried again on the next request (the user may install the peers meanwhile).
    await expect(provider.resolve()).rejects.toThrow('npm install');
  });

  it('an aborted signal stops resolve()', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      createBedrockProvider({ apiKey: 'k', region: 'us-east-1', env: {} }).resolve({
        signal: controller.signal,
      }),
    ).rejects.toThrow('stop');
  });
});

describe('createBedrockProvider: settings given explicitly are not read from the environment', () => {
  function recordingEnvironment(): { env: Record<string, string | undefined>; reads: string[] } {
    const reads: string[] = [];
    const env = new Proxy<Record<string, string | undefined>>(
      { AWS_BEARER_TOKEN_BEDROCK: 'env-token', AWS_REGION: 'eu-west-1' },
      {
        get(target, key) {
          if (typeof key === 'string') reads.push(key);
          return target[key as string];
        },
      },
    );
    return { env, reads };
  }

  it('reads nothing with an explicit API key and region', async () => {
    const { env, reads } = recordingEnvironment();
    const resolved = await createBedrockProvider({
      apiKey: 'k',
      region: 'us-east-1',
      env,
    }).resolve();
    expect(reads).toEqual([]);
    expect(resolved.settings.baseUrl).toBe('https://bedrock-mantle.us-east-1.api.aws/openai/v1');
  });

  it('reads only the bearer token variable with explicit SigV4 credentials and region', async () => {
    const { env, reads } = recordingEnvironment();
    delete (env as { AWS_BEARER_TOKEN_BEDROCK?: string }).AWS_BEARER_TOKEN_BEDROCK;
    const { importer } = spyImporter();
    await createBedrockProviderWithInternals(
      { credentials: async () => EXAMPLE, region: 'us-west-2', env },
      { importer, loadSharedConfigFiles: noConfigFiles },
    ).resolve();
    // Without an `apiKey`, AWS_BEARER_TOKEN_BEDROCK is consulted first: it wins over SigV4.
    expect(reads).toEqual(['AWS_BEARER_TOKEN_BEDROCK']);
  });

  it('counts a variable the runtime refuses to read (Deno without --allow-env) as unset', async () => {
    const env = new Proxy<Record<string, string | undefined>>(
      {},
      {
        get() {
          throw new Error('Requires env access');
        },
      },
    );
    const error = await rejectionOf(createBedrockProvider({ apiKey: 'k', env }).resolve());
    expect(FatalError.isInstance(error) && error.message).toBe(BEARER_REGION_MISSING);
  });
});

describe('in a browser', () => {
  it('refuses a Bedrock API key unless dangerouslyAllowBrowser is set', async () => {
    vi.stubGlobal('window', { document: {} });
    vi.stubGlobal('navigator', { userAgent: 'test' });
    try {
      expect(() => createBedrockProvider({ apiKey: 'bedrock-key', region: 'us-east-1' })).toThrow(
        /refusing to send a Bedrock API key from a browser/,
      );
      const fromEnv = createBedrockProvider({
        env: { AWS_BEARER_TOKEN_BEDROCK: 'token', AWS_REGION: 'us-east-1' },
      });
      expect(await rejectionOf(fromEnv.resolve())).toBeInstanceOf(TypeError);
      const allowed = createBedrockProvider({
        apiKey: 'bedrock-key',
        region: 'us-east-1',
        dangerouslyAllowBrowser: true,
      });
      expect((await allowed.resolve()).settings.baseUrl).toContain('us-east-1');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
