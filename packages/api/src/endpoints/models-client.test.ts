import { jsonResponse, rejectionOf, startResponsesServer } from '@codex/testkit';
import { describe, expect, it } from 'vitest';
import { testSession } from '../../test/support/endpoint-fixtures.js';
import { ApiError } from '../errors/api-error.js';
import { ModelsClient } from './models-client.js';

const model = {
  slug: 'gpt-test',
  display_name: 'gpt-test',
  supported_in_api: true,
  priority: 1,
  context_window: 272000,
};

describe('ModelsClient over HTTP (§6.3, §8.4 65–69, §9.20)', () => {
  it('GETs models?client_version=… and returns the models and the ETag verbatim', async () => {
    await using server = await startResponsesServer({
      basePath: '/api/codex',
      models: [model],
      modelsEtag: '"abc"',
    });
    const client = new ModelsClient({ session: testSession({ baseUrl: server.baseUrl }) });
    const result = await client.listModels('0.99.0');
    expect(result.models).toEqual([model]);
    expect(result.etag).toBe('"abc"');
    expect(server.requests).toHaveLength(1);
    const request = server.models.requests[0]!;
    expect(request.method).toBe('GET');
    expect(request.path).toBe('/api/codex/models');
    expect(request.url).toBe('/api/codex/models?client_version=0.99.0');
    expect(request.body).toHaveLength(0);
  });

  it('appends client_version with & after provider query params, unencoded (69)', async () => {
    await using server = await startResponsesServer();
    const client = new ModelsClient({
      session: testSession({ baseUrl: server.baseUrl, queryParams: { a: '1' } }),
    });
    await client.listModels('1.0+build');
    expect(server.models.requests[0]!.url).toBe('/v1/models?a=1&client_version=1.0+build');
  });

  it('no ETag header → etag absent', async () => {
    await using server = await startResponsesServer({ modelsEtag: null });
    const client = new ModelsClient({ session: testSession({ baseUrl: server.baseUrl }) });
    const result = await client.listModels('1');
    expect(result.etag).toBeUndefined();
    expect(result.models.length).toBeGreaterThan(0);
  });

  it('a body that does not decode names the error and quotes the body', async () => {
    await using server = await startResponsesServer();
    const client = new ModelsClient({ session: testSession({ baseUrl: server.baseUrl }) });
    server.models.enqueue(jsonResponse({ data: [] }));
    const error = await rejectionOf(client.listModels('1'));
    expect(ApiError.isInstance(error)).toBe(true);
    expect((error as ApiError).message).toBe(
      'stream error: failed to decode models response: missing field `models`; body: {"data":[]}',
    );
    server.models.enqueue(jsonResponse({ models: [{ display_name: 'x' }] }));
    expect(((await rejectionOf(client.listModels('1'))) as ApiError).message).toBe(
      'stream error: failed to decode models response: models[0]: missing field `slug`; body: {"models":[{"display_name":"x"}]}',
    );
  });

  it('rejects a non-string client version', async () => {
    await using server = await startResponsesServer();
    const client = new ModelsClient({ session: testSession({ baseUrl: server.baseUrl }) });
    await expect(client.listModels(1 as unknown as string)).rejects.toThrow(TypeError);
  });
});
