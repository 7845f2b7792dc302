import { describe, expect, it } from 'vitest';
import { refusedUrl } from './refused-url.js';
import { rejectionOf } from './rejection-of.js';

describe('refusedUrl', () => {
  it('is an http URL on 127.0.0.1 where a connection is refused', async () => {
    const url = await refusedUrl();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const error = await rejectionOf(fetch(url), TypeError);
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });
});
