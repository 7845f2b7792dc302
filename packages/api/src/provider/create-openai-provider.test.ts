import { inspect } from 'node:util';
import { EnvVarError } from '@codex/protocol';
import { rejectionOf, startResponsesServer } from '@codex/testkit';
import { describe, expect, it, vi } from 'vitest';
import { ModelClient } from '../model-client/model-client.js';
import { createOpenAIProvider } from './create-openai-provider.js';
import { defaultMapApiError } from './default-map-api-error.js';

const KEY = 'sk-fake-openai-key-5678';

async function resolvedHeaders(provider: ReturnType<typeof createOpenAIProvider>) {
  const { settings, auth } = await provider.resolve();
  const request = await auth.authenticate(
    {
      method: 'POST',
      url: `${settings.baseUrl}/responses`,
      headers: new Headers(settings.headers),
    },
    { attempt: 0, signal: new AbortController().signal },
  );
  // The identity headers are checked in test/client-identity.test.ts.
  const headers = new Headers(request.headers);
  headers.delete('originator');
  headers.delete('user-agent');
  return { settings, headers: Object.fromEntries(headers) };
}

describe('createOpenAIProvider (§2.4)', () => {
  it('is the OpenAI provider with the neutral mapping, metadata passthrough and WebSockets (§2.4 supports_websockets)', () => {
    const provider = createOpenAIProvider({ env: {} });
    expect(provider).toMatchObject({
      id: 'openai',
      name: 'OpenAI',
      sendsMetadataPassthrough: true,
      supportsRequestCompression: false,
      supportsWebSockets: true,
    });
    expect(provider.mapApiError).toBe(defaultMapApiError);
  });

  it('uses the §2.4 defaults', async () => {
    const { settings } = await resolvedHeaders(
      createOpenAIProvider({ env: { OPENAI_API_KEY: KEY } }),
    );
    expect(settings.baseUrl).toBe('https://api.openai.com/v1');
    expect(settings.streamIdleTimeoutMs).toBe(300_000);
    expect(settings.retry).toMatchObject({
      maxAttempts: 4,
      baseDelayMs: 200,
      retryOn: { retry429: false, retry5xx: true, retryTransport: true },
    });
  });

  it('reads the environment lazily, at resolve()', async () => {
    const env: Record<string, string | undefined> = {};
    const provider = createOpenAIProvider({ env });
    env.OPENAI_API_KEY = KEY;
    env.OPENAI_ORGANIZATION = 'org-1';
    env.OPENAI_PROJECT = '   ';
    env.OPENAI_BASE_URL = 'https://proxy.example.com/v1';
    const { settings, headers } = await resolvedHeaders(provider);
    expect(headers).toEqual({ authorization: `Bearer ${KEY}`, 'openai-organization': 'org-1' });
    expect(settings.baseUrl).toBe('https://proxy.example.com/v1');
  });

  it('explicit options win over the environment', async () => {
    const { settings, headers } = await resolvedHeaders(
      createOpenAIProvider({
        apiKey: 'sk-explicit',
        baseUrl: 'https://explicit.example.com/v1',
        organization: 'org-explicit',
        project: 'proj-explicit',
        headers: { 'x-extra': '1' },
        env: {
          OPENAI_API_KEY: KEY,
          OPENAI_ORGANIZATION: 'org-env',
          OPENAI_BASE_URL: 'https://env/v1',
        },
      }),
    );
    expect(settings.baseUrl).toBe('https://explicit.example.com/v1');
    expect(headers).toEqual({
      authorization: 'Bearer sk-explicit',
      'openai-organization': 'org-explicit',
      'openai-project': 'proj-explicit',
      'x-extra': '1',
    });
  });

  it('a missing or blank API key fails with the EnvVarError naming OPENAI_API_KEY', async () => {
    for (const env of [{}, { OPENAI_API_KEY: '  ' }]) {
      const error = await rejectionOf(createOpenAIProvider({ env }).resolve());
      expect(EnvVarError.isInstance(error)).toBe(true);
      expect((error as Error).message).toBe('Missing environment variable: `OPENAI_API_KEY`.');
    }
    // Through ModelClient it reaches the caller as it is, before anything is sent.
    const error = await rejectionOf(
      new ModelClient({ provider: createOpenAIProvider({ env: {} }) }).listModels('1'),
    );
    expect(EnvVarError.isInstance(error)).toBe(true);
  });

  it('refuses an API key in a browser unless dangerouslyAllowBrowser is set', async () => {
    vi.stubGlobal('window', { document: {} });
    vi.stubGlobal('navigator', { userAgent: 'test' });
    try {
      expect(() => createOpenAIProvider({ apiKey: KEY })).toThrow(
        /refusing to send a secret API key from a browser.*dangerouslyAllowBrowser: true/,
      );
      const fromEnv = createOpenAIProvider({ env: { OPENAI_API_KEY: KEY } });
      expect(await rejectionOf(fromEnv.resolve())).toBeInstanceOf(TypeError);
      const allowed = createOpenAIProvider({ apiKey: KEY, dangerouslyAllowBrowser: true });
      expect((await allowed.resolve()).settings.baseUrl).toBe('https://api.openai.com/v1');
    } finally {
      vi.unstubAllGlobals();
    }
    // Outside a browser the key is fine.
    expect(() => createOpenAIProvider({ apiKey: KEY })).not.toThrow();
  });

  it('validates explicit options at construction', () => {
    expect(() => createOpenAIProvider({ baseUrl: 'not a url' })).toThrow(/`baseUrl`/);
    expect(() => createOpenAIProvider({ apiKey: 1 as unknown as string })).toThrow(/`apiKey`/);
    expect(() => createOpenAIProvider({ streamIdleTimeoutMs: -1 })).toThrow(RangeError);
  });

  it('sends the key and organization over the wire; never shows the key', async () => {
    await using server = await startResponsesServer();
    server.models.enqueue({ status: 401, body: 'Incorrect API key provided' });
    const provider = createOpenAIProvider({
      apiKey: KEY,
      baseUrl: server.baseUrl,
      retry: { maxAttempts: 0 },
      env: { OPENAI_ORGANIZATION: 'org-1' },
    });
    const client = new ModelClient({ provider });
    const error = await rejectionOf(client.listModels('1'));
    expect((error as Error).message).toBe(
      `unexpected status 401 Unauthorized: Incorrect API key provided, url: ${server.baseUrl}/models?client_version=1, request id: req_testkit_1`,
    );
    for (const view of [JSON.stringify(error), inspect(error, { depth: 10 }), String(error)]) {
      expect(view).not.toContain(KEY);
    }
    const { auth } = await provider.resolve();
    expect(JSON.stringify(auth)).not.toContain(KEY);
    expect(inspect(auth)).not.toContain(KEY);
    expect(server.models.requests[0]!.headers).toMatchObject({
      authorization: `Bearer ${KEY}`,
      'openai-organization': 'org-1',
    });
  });
});

describe('createOpenAIProvider: settings given explicitly are not read from the environment', () => {
  /** An environment that records every variable read from it. */
  function recordingEnvironment(): { env: Record<string, string | undefined>; reads: string[] } {
    const reads: string[] = [];
    const env = new Proxy<Record<string, string | undefined>>(
      { OPENAI_API_KEY: 'sk-env' },
      {
        get(target, key) {
          if (typeof key === 'string') reads.push(key);
          return target[key as string];
        },
      },
    );
    return { env, reads };
  }

  it('reads nothing when every setting the environment could give is explicit', async () => {
    const { env, reads } = recordingEnvironment();
    await createOpenAIProvider({
      apiKey: 'sk-explicit',
      baseUrl: 'https://explicit.example.com/v1',
      organization: undefined,
      project: undefined,
      env,
    }).resolve();
    expect(reads).toEqual([]);
  });

  it('reads only the variables of the settings left out', async () => {
    const { env, reads } = recordingEnvironment();
    await createOpenAIProvider({
      apiKey: 'sk-explicit',
      baseUrl: 'https://e.example/v1',
      env,
    }).resolve();
    expect(reads.sort()).toEqual(['OPENAI_ORGANIZATION', 'OPENAI_PROJECT']);
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
    const resolved = await createOpenAIProvider({ apiKey: 'sk-explicit', env }).resolve();
    expect(resolved.settings.baseUrl).toBe('https://api.openai.com/v1');
  });
});
