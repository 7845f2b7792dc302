// Client identity: every request carries `originator` and a `User-Agent` naming this package and
// its version (upstream's default client sends `originator: codex_cli_rs` and
// `{originator}/{version} ({os} {os version}; {arch}) {terminal}`). Both can be changed or turned
// off through the endpoint settings and the provider options.
import { existsSync, readFileSync } from 'node:fs';
import { createKyTransport } from '@codex/client';
import { startResponsesServer } from '@codex/testkit';
import { describe, expect, it } from 'vitest';
import {
  CompactClient,
  createEndpointSettings,
  createOpenAIProvider,
  DEFAULT_ORIGINATOR,
  defaultUserAgent,
  ModelClient,
  noAuth,
  PACKAGE_VERSION,
  ResponsesClient,
} from '../src/index.js';
import { collectEvents } from './support/collect-events.js';

const packageJson = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as { version: string; description: string };
const expectedUserAgent = `codex_ts/${packageJson.version} (${process.platform}; ${process.arch}) node/${process.versions.node}`;

describe('client identity', () => {
  it('the version is the one in package.json; the default User-Agent names it', () => {
    expect(PACKAGE_VERSION).toBe(packageJson.version);
    expect(DEFAULT_ORIGINATOR).toBe('codex_ts');
    expect(defaultUserAgent()).toBe(expectedUserAgent);
    expect(defaultUserAgent('my_app')).toBe(expectedUserAgent.replace('codex_ts/', 'my_app/'));
  });

  it('every endpoint sends originator and User-Agent (no longer `user-agent: node`)', async () => {
    await using server = await startResponsesServer();
    const client = new ModelClient({
      provider: createOpenAIProvider({ apiKey: 'sk-fake', baseUrl: server.baseUrl }),
    });
    await collectEvents(await client.stream({ model: 'm', input: [] }));
    await client.compact({ model: 'm', input: [], tools: [], parallelToolCalls: false });
    await client.summarizeMemories({ model: 'm', rawMemories: [] });
    await client.listModels('1');
    expect(server.requests).toHaveLength(4);
    for (const request of server.requests) {
      expect(request.headers.originator).toBe('codex_ts');
      expect(request.headers['user-agent']).toBe(expectedUserAgent);
    }
  });

  it('the provider options replace them; explicit headers win; false sends none', async () => {
    await using server = await startResponsesServer();
    const listWith = async (options: Parameters<typeof createOpenAIProvider>[0]) => {
      await new ModelClient({
        provider: createOpenAIProvider({ apiKey: 'sk-fake', baseUrl: server.baseUrl, ...options }),
      }).listModels('1');
      return server.requests.at(-1)!.headers;
    };
    const custom = await listWith({ originator: 'my_app' });
    expect(custom.originator).toBe('my_app');
    expect(custom['user-agent']).toBe(expectedUserAgent.replace('codex_ts/', 'my_app/'));

    const own = await listWith({ userAgent: 'my-app/1.2.3' });
    expect(own.originator).toBe('codex_ts');
    expect(own['user-agent']).toBe('my-app/1.2.3');

    const byHeader = await listWith({ headers: { 'User-Agent': 'header/1', originator: 'h' } });
    expect([byHeader.originator, byHeader['user-agent']]).toEqual(['h', 'header/1']);

    const none = await listWith({ originator: false, userAgent: false });
    expect(none.originator).toBeUndefined();
    expect(none['user-agent']).toBe('node'); // Node's fetch default
  });

  it('the endpoint settings carry them to the low-level clients', async () => {
    await using server = await startResponsesServer();
    const settings = createEndpointSettings({
      name: 'openai',
      baseUrl: server.baseUrl,
      originator: 'codex_exec',
      userAgent: 'exec/9',
    });
    expect([settings.originator, settings.userAgent]).toEqual(['codex_exec', 'exec/9']);
    const transport = createKyTransport();
    await new CompactClient({ settings, auth: noAuth, transport }).compactRaw({});
    await collectEvents(
      await new ResponsesClient({ settings, auth: noAuth, transport }).stream({}),
    );
    for (const request of server.requests) {
      expect([request.headers.originator, request.headers['user-agent']]).toEqual([
        'codex_exec',
        'exec/9',
      ]);
    }
    expect(() =>
      createEndpointSettings({ name: 'x', baseUrl: server.baseUrl, originator: 'a\nb' }),
    ).toThrow(/`originator`/);
    expect(() =>
      createEndpointSettings({ name: 'x', baseUrl: server.baseUrl, userAgent: '' }),
    ).toThrow(/`userAgent`/);
  });

  it('the build inlines the version string, not package.json', () => {
    for (const file of ['index.js', 'index.cjs']) {
      const path = new URL(`../dist/${file}`, import.meta.url);
      if (!existsSync(path)) {
        throw new Error(`dist/${file} is missing: run \`pnpm --filter @codex/api build\` first`);
      }
      const code = readFileSync(path, 'utf8');
      expect(code).toContain(`PACKAGE_VERSION = ${JSON.stringify(packageJson.version)}`);
      expect(code).not.toContain(packageJson.description);
      expect(code).not.toContain('__CODEX_PACKAGE_VERSION__');
    }
  });
});
