import { inspect } from 'node:util';
import { TransportError } from '@codex/api';
import { describe, expect, it } from 'vitest';
import { referenceSignature, verifySigV4 } from '../test/support/sigv4-reference.js';
import type { AwsCredentials } from './aws-credentials.js';
import { type AuthRequest, createSigV4Auth } from './create-sigv4-auth.js';
import { loadAwsSigning } from './load-aws-signing.js';

// AWS's public example credentials and the date of the SigV4 test suite.
const EXAMPLE: AwsCredentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const SUITE_DATE = new Date('2015-08-30T12:36:00Z');

const modules = await loadAwsSigning({ withCredentialChain: false });

function suiteAuth(credentials: AwsCredentials = EXAMPLE) {
  return createSigV4Auth({
    modules,
    credentials: async () => credentials,
    region: 'us-east-1',
    service: 'service',
    now: () => SUITE_DATE,
  });
}

function request(options: Partial<AuthRequest> & { url: string }): AuthRequest {
  return { method: 'GET', headers: new Headers(), ...options };
}

async function sign(
  auth: ReturnType<typeof suiteAuth>,
  input: AuthRequest,
  signal: AbortSignal = new AbortController().signal,
): Promise<AuthRequest> {
  return auth.authenticate(input, { attempt: 0, signal });
}

/** The kind of a failure as the retry loop sees it: `build` (not retried) or `network` (transient). */
function kindOf(error: unknown): string | undefined {
  return TransportError.isInstance(error) ? error.kind : undefined;
}

describe('SigV4 golden vectors (AWS SigV4 test suite, service `service`, us-east-1, 20150830T123600Z)', () => {
  it('get-vanilla', async () => {
    const signed = await sign(suiteAuth(), request({ url: 'https://example.amazonaws.com/' }));
    expect(signed.headers.get('authorization')).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
    expect(signed.headers.get('x-amz-date')).toBe('20150830T123600Z');
  });

  it('post-vanilla', async () => {
    const signed = await sign(
      suiteAuth(),
      request({ method: 'POST', url: 'https://example.amazonaws.com/' }),
    );
    expect(signed.headers.get('authorization')).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b',
    );
  });

  it('post-x-www-form-urlencoded (signs the exact body bytes)', async () => {
    const signed = await sign(
      suiteAuth(),
      request({
        method: 'POST',
        url: 'https://example.amazonaws.com/',
        headers: new Headers({ 'content-type': 'application/x-www-form-urlencoded' }),
        body: new TextEncoder().encode('Param1=value1'),
      }),
    );
    expect(signed.headers.get('authorization')).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a',
    );
  });

  it('the independent node:crypto reference agrees with the published get-vanilla value', () => {
    expect(
      referenceSignature({
        exchange: {
          method: 'GET',
          target: '/',
          headers: { host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z' },
          body: new Uint8Array(),
        },
        secretAccessKey: EXAMPLE.secretAccessKey,
        region: 'us-east-1',
        service: 'service',
        signedHeaders: ['host', 'x-amz-date'],
        amzDate: '20150830T123600Z',
      }),
    ).toBe('5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
  });
});

describe('createSigV4Auth on a Bedrock request', () => {
  const body = new TextEncoder().encode('{"model":"openai.gpt-5.4","input":[],"stream":true}');
  const bedrockRequest = (): AuthRequest =>
    request({
      method: 'POST',
      url: 'https://bedrock-mantle.us-east-2.api.aws/openai/v1/responses?api-version=1&a=b%20c',
      headers: new Headers({
        'content-type': 'application/json',
        accept: 'text/event-stream',
        'x-amzn-mantle-client-agent': 'codex',
        session_id: 'session-id',
        thread_id: 'thread-id',
        future_identity_header: 'x',
        'x-client-request-id': 'request-id',
      }),
      body,
    });
  const auth = (credentials: AwsCredentials) =>
    createSigV4Auth({
      modules,
      credentials: async () => credentials,
      region: 'us-east-2',
      now: () => new Date('2026-06-14T06:25:25Z'),
    });

  it('strips `_` headers, signs with service bedrock-mantle and matches the reference signature', async () => {
    const signed = await sign(auth(EXAMPLE), bedrockRequest());
    const headers = Object.fromEntries(signed.headers);
    expect(headers.session_id).toBeUndefined();
    expect(headers.thread_id).toBeUndefined();
    expect(headers.future_identity_header).toBeUndefined();
    expect(headers['x-client-request-id']).toBe('request-id');
    expect(headers['x-amz-date']).toBe('20260614T062525Z');
    expect(headers['x-amz-security-token']).toBeUndefined();
    // Mirrors the upstream signer: the payload is signed but not announced in a header.
    expect(headers['x-amz-content-sha256']).toBeUndefined();
    // fetch sends Host itself (from the URL) and refuses to let us override it reliably.
    expect(headers.host).toBeUndefined();
    const parsed = verifySigV4({
      exchange: {
        method: 'POST',
        target: '/openai/v1/responses?api-version=1&a=b%20c',
        headers: { ...headers, host: 'bedrock-mantle.us-east-2.api.aws' },
        body,
      },
      credentials: EXAMPLE,
      region: 'us-east-2',
      service: 'bedrock-mantle',
    });
    expect(parsed.signedHeaders).toEqual([
      'accept',
      'content-type',
      'host',
      'x-amz-date',
      'x-amzn-mantle-client-agent',
      'x-client-request-id',
    ]);
    // The body goes out as the exact signed bytes.
    expect(signed.body).toBe(body);
    expect(signed.url).toBe(bedrockRequest().url);
  });

  it('adds x-amz-security-token for temporary credentials and signs it', async () => {
    const temporary = { ...EXAMPLE, sessionToken: 'session-token-value' };
    const signed = await sign(auth(temporary), bedrockRequest());
    const headers = Object.fromEntries(signed.headers);
    expect(headers['x-amz-security-token']).toBe('session-token-value');
    const parsed = verifySigV4({
      exchange: {
        method: 'POST',
        target: '/openai/v1/responses?api-version=1&a=b%20c',
        headers: { ...headers, host: 'bedrock-mantle.us-east-2.api.aws' },
        body,
      },
      credentials: EXAMPLE,
      region: 'us-east-2',
      service: 'bedrock-mantle',
    });
    expect(parsed.signedHeaders).toContain('x-amz-security-token');
  });

  it('does not change the request it was given', async () => {
    const original = bedrockRequest();
    await sign(auth(EXAMPLE), original);
    expect(original.headers.get('session_id')).toBe('session-id');
    expect(original.headers.has('authorization')).toBe(false);
  });
});

describe('credential failures', () => {
  const failing = (error: unknown) =>
    createSigV4Auth({
      modules,
      credentials: async () => {
        throw error;
      },
      region: 'us-east-1',
    });
  const input = () => request({ url: 'https://bedrock-mantle.us-east-1.api.aws/openai/v1/models' });

  it('a missing credential is a build error with the upstream prefix', async () => {
    const error = await sign(
      failing(new Error('Could not load credentials from any providers')),
      input(),
    ).catch((caught: unknown) => caught);
    expect(kindOf(error)).toBe('build');
    expect((error as TransportError).detail).toBe(
      'Fatal error: failed to resolve Amazon Bedrock auth: failed to load AWS credentials: Could not load credentials from any providers',
    );
  });

  it('a timeout or network failure is transient', async () => {
    const timeout = Object.assign(new Error('provider timed out'), { name: 'TimeoutError' });
    const network = Object.assign(new Error('connect ECONNREFUSED 169.254.169.254:80'), {
      code: 'ECONNREFUSED',
    });
    for (const cause of [timeout, network, new Error('wrapped', { cause: network })]) {
      const error = await sign(failing(cause), input()).catch((caught: unknown) => caught);
      expect(kindOf(error)).toBe('network');
    }
  });

  it('never shows a secret that a third-party error message contains', async () => {
    // AWS's own documentation example key pair (…EXAMPLE / …EXAMPLEKEY): not a real credential.
    const leaky = new Error(
      'bad credentials AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    );
    const error = (await sign(failing(leaky), input()).catch(
      (caught: unknown) => caught,
    )) as TransportError;
    const views = [
      error.message,
      String(error),
      JSON.stringify(error),
      inspect(error, { depth: 5 }),
    ];
    for (const view of views) {
      expect(view).not.toContain('AKIAIOSFODNN7EXAMPLE');
      expect(view).not.toContain('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY');
    }
  });

  it('removes, by value, every credential it loaded earlier: 39 characters, JSON-escaped, percent-encoded', async () => {
    // One character short of the old "40+ base64 characters" pattern; a slash to escape.
    const secret = 'k7MDENG/bPxRfiCYzzzzzzzzzzzzzzzzzzzzz12';
    const token = 'short-session-token';
    expect(secret).toHaveLength(39);
    let calls = 0;
    const auth = createSigV4Auth({
      modules,
      credentials: async () => {
        calls++;
        if (calls === 1) {
          return { accessKeyId: 'ASIAFAKE', secretAccessKey: secret, sessionToken: token };
        }
        throw new Error(
          `refresh failed for {"secret":"${secret.replace('/', '\\/')}"} ${encodeURIComponent(secret)} ${secret} token=${token} id=ASIAFAKE`,
        );
      },
      region: 'us-east-1',
    });
    await sign(auth, input());
    const error = (await sign(auth, input()).catch((caught: unknown) => caught)) as TransportError;
    const views = [error.message, JSON.stringify(error), inspect(error, { depth: 10 })];
    for (const view of views) {
      for (const value of [secret, secret.replace('/', '\\/'), encodeURIComponent(secret), token]) {
        expect(view).not.toContain(value);
      }
      expect(view).not.toContain('ASIAFAKE');
    }
    expect(error.message).toContain(
      'refresh failed for {"secret":"[REDACTED]"} [REDACTED] [REDACTED]',
    );
  });

  it('an empty credential is a build error', async () => {
    const auth = createSigV4Auth({
      modules,
      credentials: async () => ({ accessKeyId: '', secretAccessKey: '' }),
      region: 'us-east-1',
    });
    const error = await sign(auth, input()).catch((caught: unknown) => caught);
    expect(kindOf(error)).toBe('build');
  });

  it('an aborted request surfaces the abort reason, not an auth error', async () => {
    const controller = new AbortController();
    const reason = new Error('user stopped');
    controller.abort(reason);
    const auth = createSigV4Auth({
      modules,
      credentials: async () => EXAMPLE,
      region: 'us-east-1',
    });
    const error = await sign(auth, input(), controller.signal).catch((caught: unknown) => caught);
    expect(error).toBe(reason);
  });
});
