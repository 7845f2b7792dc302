import { createKyTransport, type RetryPolicyOptions } from '@codex/client';
import type { AuthProvider } from '../../src/auth/auth-provider.js';
import { noAuth } from '../../src/auth/auth-provider.js';
import { EndpointSession } from '../../src/endpoints/endpoint-session.js';
import { createEndpointSettings } from '../../src/settings/endpoint-settings.js';

/** A session against a test server: no retries unless asked, tiny backoff. */
export function testSession(options: {
  readonly baseUrl: string;
  readonly name?: string;
  readonly auth?: AuthProvider;
  readonly retry?: RetryPolicyOptions;
  readonly queryParams?: Readonly<Record<string, string>>;
  readonly streamIdleTimeoutMs?: number;
}): EndpointSession {
  return new EndpointSession({
    settings: createEndpointSettings({
      name: options.name ?? 'openai',
      baseUrl: options.baseUrl,
      queryParams: options.queryParams,
      retry: options.retry ?? { maxAttempts: 0, baseDelayMs: 1 },
      streamIdleTimeoutMs: options.streamIdleTimeoutMs,
    }),
    auth: options.auth ?? noAuth,
    transport: createKyTransport(),
  });
}
