import { describe, expect, it } from 'vitest';
import { formatStatus } from './status-text.js';

describe('formatStatus', () => {
  it('uses the canonical reason phrases', () => {
    expect(formatStatus(401)).toBe('401 Unauthorized');
    expect(formatStatus(429)).toBe('429 Too Many Requests');
    expect(formatStatus(502)).toBe('502 Bad Gateway');
  });

  it('differs from Node where the Rust table does', () => {
    expect(formatStatus(203)).toBe('203 Non Authoritative Information');
  });

  it('renders unknown codes', () => {
    expect(formatStatus(599)).toBe('599 <unknown status code>');
  });
});
