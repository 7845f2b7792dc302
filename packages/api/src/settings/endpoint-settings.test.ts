import { describe, expect, it } from 'vitest';
import {
  createEndpointSettings,
  endpointUrl,
  isAzureResponsesProvider,
} from './endpoint-settings.js';

describe('createEndpointSettings', () => {
  it('fills the upstream defaults (§2.4) and our response timeout', () => {
    const provider = createEndpointSettings({
      name: 'OpenAI',
      baseUrl: 'https://api.openai.com/v1',
    });
    expect(provider.retry).toEqual({
      maxAttempts: 4,
      baseDelayMs: 200,
      retryOn: { retry429: false, retry5xx: true, retryTransport: true },
    });
    expect(provider.streamIdleTimeoutMs).toBe(300_000);
    expect(provider.responseTimeoutMs).toBe(300_000);
    // Only the identity headers (see test/client-identity.test.ts).
    expect([...provider.headers.keys()]).toEqual(['originator', 'user-agent']);
  });

  it('caps retries at 100 and skips invalid headers instead of failing', () => {
    const provider = createEndpointSettings({
      name: 'x',
      baseUrl: 'http://127.0.0.1:1/v1',
      retry: { maxAttempts: 1_000 },
      headers: { good: 'yes', 'bad name': 'x', bad: 'line\nbreak' },
      originator: false,
      userAgent: false,
    });
    expect(provider.retry.maxAttempts).toBe(100);
    expect([...provider.headers]).toEqual([['good', 'yes']]);
  });

  it('rejects bad options with an error naming the option', () => {
    expect(() => createEndpointSettings({ name: 'x', baseUrl: 'ftp://example.com' })).toThrow(
      /`baseUrl`/,
    );
    expect(() =>
      createEndpointSettings({ name: 'x', baseUrl: 'https://x', responseTimeoutMs: 0 }),
    ).toThrow(/`responseTimeoutMs`/);
    expect(() =>
      createEndpointSettings({ name: 'x', baseUrl: 'https://x', streamIdleTimeoutMs: Number.NaN }),
    ).toThrow(/`streamIdleTimeoutMs`/);
    expect(() =>
      createEndpointSettings({ name: 'x', baseUrl: 'https://x', retry: { maxAttempts: -1 } }),
    ).toThrow(/`retry.maxAttempts`/);
  });
});

describe('endpointUrl and Azure detection (§2.2, §2.3, E.3 cases 66–67)', () => {
  it('appends the provider query parameters', () => {
    const provider = createEndpointSettings({
      name: 'Azure',
      baseUrl: 'https://foo.openai.azure.com/openai',
      queryParams: { 'api-version': '2025-04-01-preview' },
    });
    expect(endpointUrl(provider, 'responses')).toBe(
      'https://foo.openai.azure.com/openai/responses?api-version=2025-04-01-preview',
    );
  });

  it('detects Azure by name or base URL markers', () => {
    expect(isAzureResponsesProvider('custom', 'https://foo.openai.azure.com/openai')).toBe(true);
    expect(isAzureResponsesProvider('custom', 'https://foo.z01.azurefd.net/')).toBe(true);
    expect(isAzureResponsesProvider('Azure')).toBe(true);
    expect(isAzureResponsesProvider('custom', 'https://myproxy.azurewebsites.net/openai')).toBe(
      false,
    );
    expect(isAzureResponsesProvider('OpenAI', 'https://api.openai.com/v1')).toBe(false);
  });
});
