import { describe, expect, it } from 'vitest';
import { createEndpointSettings, endpointWebsocketUrl } from './endpoint-settings.js';
import { websocketUrlForPath } from './websocket-url-for-path.js';

describe('websocketUrlForPath (codex-api §2.2, §8.5 case 73)', () => {
  it('maps https to wss and http to ws', () => {
    expect(websocketUrlForPath('https://x/v1', 'responses')).toBe('wss://x/v1/responses');
    expect(websocketUrlForPath('http://127.0.0.1:8080/v1/', '/responses')).toBe(
      'ws://127.0.0.1:8080/v1/responses',
    );
  });

  it('keeps the query parameters', () => {
    expect(
      websocketUrlForPath('https://foo.openai.azure.com/openai', 'responses', {
        'api-version': '2025-04-01-preview',
      }),
    ).toBe('wss://foo.openai.azure.com/openai/responses?api-version=2025-04-01-preview');
  });

  it('leaves ws, wss and other schemes unchanged', () => {
    expect(websocketUrlForPath('ws://x/v1', 'responses')).toBe('ws://x/v1/responses');
    expect(websocketUrlForPath('wss://x/v1', 'responses')).toBe('wss://x/v1/responses');
    expect(websocketUrlForPath('ftp://x/v1', 'responses')).toBe('ftp://x/v1/responses');
  });

  it('fails on a URL that does not parse, without showing credentials', () => {
    expect(() => websocketUrlForPath('https://user:secret-key@', 'responses')).toThrow(
      /not a valid URL: https:\/\/\[REDACTED\]@\/responses/,
    );
  });

  it('endpointWebsocketUrl uses the settings', () => {
    const settings = createEndpointSettings({
      name: 'Azure',
      baseUrl: 'https://example.com/openai/',
      queryParams: { 'api-version': '1' },
    });
    expect(endpointWebsocketUrl(settings, 'responses')).toBe(
      'wss://example.com/openai/responses?api-version=1',
    );
  });
});
