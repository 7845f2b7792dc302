// A ModelProvider may declare capabilities and a static model list (upstream
// `ModelProvider::capabilities` and its static models manager); ModelClient.listModels then
// answers from the list, without resolving the provider or sending a request.

import { rejectionOf, startResponsesServer } from '@codex/testkit';
import { describe, expect, it } from 'vitest';
import {
  createEndpointSettings,
  DEFAULT_PROVIDER_CAPABILITIES,
  defineModelProvider,
  ModelClient,
  type ModelInfo,
  noAuth,
  providerCapabilities,
} from '../src/index.js';

const CATALOG: ModelInfo[] = [
  { slug: 'local-large', display_name: 'Large', supported_reasoning_levels: [{ effort: 'low' }] },
  { slug: 'local-small', display_name: 'Small' },
];

describe('provider capabilities and static models', () => {
  it('capabilities default to everything; a declaration overrides only what it names', () => {
    const resolve = async () => {
      throw new Error('not called');
    };
    const plain = defineModelProvider({ id: 'plain', name: 'Plain', resolve });
    expect(providerCapabilities(plain)).toEqual({
      namespaceTools: true,
      imageGeneration: true,
      webSearch: true,
    });
    expect(providerCapabilities(plain)).toBe(DEFAULT_PROVIDER_CAPABILITIES);
    const limited = defineModelProvider({
      id: 'limited',
      name: 'Limited',
      resolve,
      capabilities: { webSearch: false },
    });
    expect(new ModelClient({ provider: limited }).capabilities).toEqual({
      namespaceTools: true,
      imageGeneration: true,
      webSearch: false,
    });
  });

  it('defineModelProvider validates and freezes both declarations', () => {
    const resolve = async () => {
      throw new Error('not called');
    };
    expect(() =>
      defineModelProvider({
        id: 'x',
        name: 'X',
        resolve,
        capabilities: { webSearch: 'no' as never },
      }),
    ).toThrow('`capabilities.webSearch` must be a boolean');
    expect(() =>
      defineModelProvider({
        id: 'x',
        name: 'X',
        resolve,
        capabilities: { fileSearch: false } as never,
      }),
    ).toThrow('`capabilities.fileSearch` is not a capability');
    expect(() =>
      defineModelProvider({ id: 'x', name: 'X', resolve, models: [{ name: 'no slug' }] as never }),
    ).toThrow('`models[0]` must be a ModelInfo with a `slug`');
    const provider = defineModelProvider({ id: 'x', name: 'X', resolve, models: CATALOG });
    expect(Object.isFrozen(provider.models)).toBe(true);
    expect(Object.isFrozen(provider.models?.[0]?.supported_reasoning_levels)).toBe(true);
    // A copy: changing the definition's array later does not change the provider.
    CATALOG.push({ slug: 'late' });
    expect(provider.models?.map((model) => model.slug)).toEqual(['local-large', 'local-small']);
    CATALOG.pop();
  });

  it('listModels answers from the static list: no resolve(), no request, no etag', async () => {
    await using server = await startResponsesServer();
    let resolved = 0;
    const provider = defineModelProvider({
      id: 'static',
      name: 'Static',
      resolve: async () => {
        resolved++;
        return {
          settings: createEndpointSettings({ name: 'Static', baseUrl: server.baseUrl }),
          auth: noAuth,
        };
      },
      models: CATALOG,
    });
    const client = new ModelClient({ provider });
    const first = await client.listModels('1.0.0');
    expect(first).toEqual({ models: CATALOG });
    expect(first.etag).toBeUndefined();
    first.models.pop(); // the caller's array, not the catalog
    expect((await client.listModels('1.0.0')).models).toHaveLength(2);
    expect(resolved).toBe(0);
    expect(server.requests).toHaveLength(0);

    const controller = new AbortController();
    controller.abort(new Error('stop'));
    expect(await rejectionOf(client.listModels('1', { signal: controller.signal }))).toEqual(
      new Error('stop'),
    );
  });

  it('without a static list, listModels asks the server', async () => {
    await using server = await startResponsesServer();
    const provider = defineModelProvider({
      id: 'remote',
      name: 'Remote',
      resolve: async () => ({
        settings: createEndpointSettings({ name: 'Remote', baseUrl: server.baseUrl }),
        auth: noAuth,
      }),
    });
    const { etag } = await new ModelClient({ provider }).listModels('1');
    expect(etag).toBe('"testkit-models-1"');
    expect(server.models.requests).toHaveLength(1);
  });
});
