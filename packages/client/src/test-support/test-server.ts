// Test-only loopback HTTP server (not exported from the package). Kept deliberately small; the
// shared @codex/testkit package will replace it.
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

/** What the server does for one request. */
export interface ScriptStep {
  /** @default 200 */
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  /** Body chunks, written one by one with `chunkDelayMs` between them. */
  readonly chunks?: ReadonlyArray<string | Uint8Array>;
  /** @default 0 */
  readonly chunkDelayMs?: number;
  /** Wait before sending the response head. */
  readonly headerDelayMs?: number;
  /** Keep the connection open and silent, before the head or after the chunks. */
  readonly stall?: 'beforeHeaders' | 'afterChunks';
  /** Destroy the socket, before the head or after the chunks. */
  readonly drop?: 'beforeHeaders' | 'afterChunks';
}

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** Whether the connection that carried this request is still open. */
  isConnectionOpen(): boolean;
}

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly requests: RecordedRequest[];
  stop(): Promise<void>;
}

/** Steps by arrival order (the last one repeats), or a function of the arrival index and request. */
export type Script =
  | ReadonlyArray<ScriptStep>
  | ((index: number, request: RecordedRequest) => ScriptStep);

export async function startTestServer(script: Script): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const index = requests.length;
    const recorded: RecordedRequest = {
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body: Buffer.concat(chunks),
      isConnectionOpen: () => !request.socket.destroyed,
    };
    requests.push(recorded);
    const step =
      typeof script === 'function'
        ? script(index, recorded)
        : (script[Math.min(index, script.length - 1)] ?? {});
    await respond(step, response, wait);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function respond(
  step: ScriptStep,
  response: ServerResponse,
  wait: (ms: number) => Promise<void>,
): Promise<void> {
  if (step.headerDelayMs) await wait(step.headerDelayMs);
  if (step.stall === 'beforeHeaders') return;
  if (step.drop === 'beforeHeaders') {
    response.socket?.destroy();
    return;
  }
  response.writeHead(step.status ?? 200, step.headers as Record<string, string | string[]>);
  response.flushHeaders();
  for (const [position, chunk] of (step.chunks ?? []).entries()) {
    if (position > 0 && step.chunkDelayMs) await wait(step.chunkDelayMs);
    if (response.destroyed) return;
    response.write(chunk);
  }
  if (step.stall === 'afterChunks') return;
  if (step.drop === 'afterChunks') {
    // Let the written bytes leave before the socket goes.
    await wait(20);
    response.socket?.destroy();
    return;
  }
  response.end();
}

/** A URL on 127.0.0.1 where nothing listens (connections are refused). */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/**
 * For a test file: returns `serve(script)`, which starts a server for the current test; the
 * server is stopped after each test. Call it once at the top level of the file.
 */
export function serveEachTest(): (script: Script) => Promise<TestServer> {
  let current: TestServer | undefined;
  afterEach(async () => {
    await current?.stop();
    current = undefined;
  });
  return async (script) => {
    current = await startTestServer(script);
    return current;
  };
}

/** Resolves with the rejection of `promise` (fails the test when it resolves). */
export async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
