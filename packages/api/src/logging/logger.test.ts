import { createKyTransport } from '@codex/client';
import { startResponsesServer } from '@codex/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBearerAuth } from '../auth/create-bearer-auth.js';
import { EndpointSession } from '../endpoints/endpoint-session.js';
import { ModelsClient } from '../endpoints/models-client.js';
import { createEndpointSettings } from '../settings/endpoint-settings.js';
import { type Logger, resolveLogger } from './logger.js';

const SECRET = 'sk-fake-logging-secret-0123';

function recorder(): Logger & { lines: Array<[string, string]> } {
  const lines: Array<[string, string]> = [];
  return {
    lines,
    error: (message) => lines.push(['error', message]),
    warn: (message) => lines.push(['warn', message]),
    info: (message) => lines.push(['info', message]),
    debug: (message) => lines.push(['debug', message]),
  };
}

function session(
  baseUrl: string,
  options: Partial<ConstructorParameters<typeof EndpointSession>[0]>,
) {
  return new EndpointSession({
    settings: createEndpointSettings({
      name: 'openai',
      baseUrl,
      retry: { maxAttempts: 1, baseDelayMs: 1 },
    }),
    auth: createBearerAuth({ token: SECRET }),
    transport: createKyTransport(),
    ...options,
  });
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('logging', () => {
  it('debug logs every attempt, info the failed ones; nothing shows a secret', async () => {
    await using server = await startResponsesServer();
    server.models.enqueue({ status: 503, body: `busy ${SECRET}` });
    const logger = recorder();
    await new ModelsClient({
      session: session(server.baseUrl, { logLevel: 'debug', logger }),
    }).listModels('1');
    expect(logger.lines.map(([level]) => level)).toEqual(['info', 'debug']);
    expect(logger.lines[0]![1]).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/v1\/models\?client_version=1 attempt 0 failed after \d+ ms: http 503 Service Unavailable: Some\("busy \[REDACTED\]"\)$/,
    );
    expect(logger.lines[1]![1]).toMatch(/→ 200 \(\d+ ms, attempt 1\)$/);
    for (const [, line] of logger.lines) expect(line).not.toContain(SECRET);
  });

  it('the default level (warn) logs nothing for attempts; CODEX_LOG sets the level when none is given', async () => {
    await using server = await startResponsesServer();
    const quiet = recorder();
    await new ModelsClient({ session: session(server.baseUrl, { logger: quiet }) }).listModels('1');
    expect(quiet.lines).toEqual([]);

    vi.stubEnv('CODEX_LOG', 'debug');
    const loud = recorder();
    await new ModelsClient({ session: session(server.baseUrl, { logger: loud }) }).listModels('1');
    expect(loud.lines.map(([level]) => level)).toEqual(['debug']);
    const explicit = recorder();
    await new ModelsClient({
      session: session(server.baseUrl, { logger: explicit, logLevel: 'off' }),
    }).listModels('1');
    expect(explicit.lines).toEqual([]);
  });

  it('validates its options, naming the one that is wrong', () => {
    expect(() => resolveLogger({ logLevel: 'loud' as never }, 'X')).toThrow(
      /`logLevel` must be one of/,
    );
    expect(() => resolveLogger({ logger: {} as Logger }, 'X')).toThrow(/`logger` must have/);
  });
});
