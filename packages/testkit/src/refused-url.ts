import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { TESTKIT_HOST } from './start-test-server.js';

/**
 * A URL on 127.0.0.1 where nothing listens, so a connection to it is refused (`ECONNREFUSED`):
 * the port was just free and its listener is closed again. No trailing slash.
 *
 * @example
 * ```ts
 * const error = await rejectionOf(fetch(await refusedUrl()));
 * ```
 */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: TESTKIT_HOST, port: 0 }, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://${TESTKIT_HOST}:${port}`;
}
