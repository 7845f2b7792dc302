import { expect, it } from 'vitest';
import { TESTKIT_HOST } from './index.js';

it('binds to loopback only', () => {
  expect(TESTKIT_HOST).toBe('127.0.0.1');
});
