import { FatalError } from '@codex/protocol';
import { describe, expect, it } from 'vitest';
import { type AwsPeerName, loadAwsSigning } from './load-aws-signing.js';

const notFound = (name: string) =>
  Object.assign(new Error(`Cannot find package '${name}'`), { code: 'ERR_MODULE_NOT_FOUND' });

describe('loadAwsSigning', () => {
  it('loads the installed peers', async () => {
    const modules = await loadAwsSigning({ withCredentialChain: true });
    expect(typeof modules.SignatureV4).toBe('function');
    expect(typeof modules.Sha256).toBe('function');
    expect(typeof modules.defaultProvider).toBe('function');
  });

  it('does not load the credential chain when credentials are given', async () => {
    const loaded: AwsPeerName[] = [];
    await loadAwsSigning({
      withCredentialChain: false,
      importer: async (name) => {
        loaded.push(name);
        return name === '@smithy/signature-v4' ? { SignatureV4: class {} } : { Sha256: class {} };
      },
    });
    expect(loaded.sort()).toEqual(['@aws-crypto/sha256-js', '@smithy/signature-v4']);
  });

  it('names the missing peers and the install command', async () => {
    const error = await loadAwsSigning({
      withCredentialChain: true,
      importer: async (name) => {
        if (name === '@smithy/signature-v4') return { SignatureV4: class {} };
        throw notFound(name);
      },
    }).catch((caught: unknown) => caught);
    expect(FatalError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      'Fatal error: failed to resolve Amazon Bedrock auth: SigV4 signing needs the optional peer dependencies @aws-crypto/sha256-js, @aws-sdk/credential-provider-node, which are not installed; run `npm install @smithy/signature-v4 @aws-crypto/sha256-js @aws-sdk/credential-provider-node` (or set `AWS_BEARER_TOKEN_BEDROCK` / `apiKey` to use a Bedrock API key instead)',
    );
  });

  it('reports a peer that fails to load for another reason with its cause', async () => {
    const broken = new SyntaxError('Unexpected token');
    const error = (await loadAwsSigning({
      withCredentialChain: false,
      importer: async () => {
        throw broken;
      },
    }).catch((caught: unknown) => caught)) as FatalError;
    expect(error.message).toBe(
      'Fatal error: failed to resolve Amazon Bedrock auth: failed to load @smithy/signature-v4: Unexpected token',
    );
    expect(error.cause).toBe(broken);
  });

  it('accepts CommonJS modules exposed under `default`', async () => {
    const SignatureV4 = class {};
    const Sha256 = class {};
    const modules = await loadAwsSigning({
      withCredentialChain: false,
      importer: async (name) =>
        name === '@smithy/signature-v4' ? { default: { SignatureV4 } } : { default: { Sha256 } },
    });
    expect(modules.SignatureV4).toBe(SignatureV4);
    expect(modules.Sha256).toBe(Sha256);
  });
});
