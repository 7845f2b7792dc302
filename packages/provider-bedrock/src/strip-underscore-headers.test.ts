import { describe, expect, it } from 'vitest';
import { stripUnderscoreHeaders } from './strip-underscore-headers.js';

describe('stripUnderscoreHeaders (§E.3 case 59)', () => {
  it('keeps only headers without `_` in their name', () => {
    const headers = new Headers({
      session_id: 'session-id',
      thread_id: 'thread-id',
      future_identity_header: 'future',
      'x-client-request-id': 'request-id',
    });
    expect([...stripUnderscoreHeaders(headers)]).toEqual([['x-client-request-id', 'request-id']]);
    // The input is left alone.
    expect(headers.get('session_id')).toBe('session-id');
  });
});
