import { describe, expect, it } from 'vitest';
import { StreamError } from './stream-error.js';

describe('StreamError', () => {
  it('renders the upstream Display strings', () => {
    const cause = new Error('terminated');
    const stream = new StreamError({ kind: 'stream', detail: 'terminated', cause });
    expect(stream.message).toBe('stream failed: terminated');
    expect(stream.kind).toBe('stream');
    expect(stream.detail).toBe('terminated');
    expect(stream.cause).toBe(cause);
    expect(stream.name).toBe('StreamError');
    expect(String(stream)).toBe('StreamError: stream failed: terminated');
    const timeout = new StreamError({ kind: 'timeout' });
    expect(timeout.message).toBe('timeout');
    expect(timeout.detail).toBeUndefined();
    expect('cause' in timeout).toBe(false);
  });

  it('isInstance recognises errors from another copy of the class by the shared marker', () => {
    const foreign = Object.assign(new Error('timeout'), { kind: 'timeout' });
    expect(StreamError.isInstance(foreign)).toBe(false);
    Object.defineProperty(foreign, Symbol.for('@codex/client.StreamError'), { value: true });
    expect(StreamError.isInstance(foreign)).toBe(true);
    expect(StreamError.isInstance(new StreamError({ kind: 'timeout' }))).toBe(true);
    expect(StreamError.isInstance(null)).toBe(false);
    expect(StreamError.isInstance('timeout')).toBe(false);
  });
});
