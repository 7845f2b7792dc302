import { expect, it } from 'vitest';
import { formatStatus } from './status-reason.js';

it('renders statuses with the Rust http crate reason phrases', () => {
  expect(formatStatus(103)).toBe('103 Early Hints');
  expect(formatStatus(203)).toBe('203 Non Authoritative Information');
  expect(formatStatus(429)).toBe('429 Too Many Requests');
  expect(formatStatus(425)).toBe('425 <unknown status code>');
});
