/** @packageDocumentation Loopback test server for the @codex/* packages (private). */
export const TESTKIT_HOST = '127.0.0.1';
