import { describe, expect, it } from 'vitest';
import { canonicalReason, formatStatus } from './status-text.js';

describe('formatStatus', () => {
  it('uses the canonical reason phrases', () => {
    expect(formatStatus(401)).toBe('401 Unauthorized');
    expect(formatStatus(403)).toBe('403 Forbidden');
    expect(formatStatus(429)).toBe('429 Too Many Requests');
    expect(formatStatus(500)).toBe('500 Internal Server Error');
    expect(formatStatus(502)).toBe('502 Bad Gateway');
  });

  it('differs from Node where the Rust table does', () => {
    expect(formatStatus(203)).toBe('203 Non Authoritative Information');
    expect(formatStatus(418)).toBe("418 I'm a teapot");
    expect(formatStatus(103)).toBe('103 Early Hints');
  });

  it('renders codes the Rust table does not name as unknown', () => {
    expect(formatStatus(599)).toBe('599 <unknown status code>');
    expect(formatStatus(425)).toBe('425 <unknown status code>');
    expect(formatStatus(509)).toBe('509 <unknown status code>');
    expect(canonicalReason(425)).toBeUndefined();
  });
});
