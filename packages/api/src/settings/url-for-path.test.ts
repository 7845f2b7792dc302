import { describe, expect, it } from 'vitest';
import { urlForPath } from './url-for-path.js';

describe('urlForPath', () => {
  it('strips slashes and appends the query string', () => {
    expect(urlForPath('https://x/v1/', '/responses', { 'api-version': '1' })).toBe(
      'https://x/v1/responses?api-version=1',
    );
    expect(urlForPath('https://example.com/api/codex/', '/models')).toBe(
      'https://example.com/api/codex/models',
    );
  });

  it('returns the trimmed base for an empty path and ignores empty query maps', () => {
    expect(urlForPath('https://example.com/v1//', '', {})).toBe('https://example.com/v1');
  });
});
