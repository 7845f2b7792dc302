import type { HeadersInput } from '../headers-input.js';
import { EndpointSession, type EndpointSessionOptions } from './endpoint-session.js';

/**
 * What a unary endpoint client (`CompactClient`, `MemoriesClient`, `ModelsClient`) is built from:
 * an existing {@link EndpointSession}, or the endpoint settings, auth and transport to make one.
 */
export type EndpointClientOptions = { readonly session: EndpointSession } | EndpointSessionOptions;

/** Per-call options of the unary endpoint clients. */
export interface EndpointCallOptions {
  /** Headers on top of the settings' headers (invalid names or values are skipped). */
  readonly extraHeaders?: HeadersInput | undefined;
  /** Cancels the call at any stage; the call then rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Overall deadline of the call, in milliseconds: every attempt, the backoff sleeps between them
   * and reading the response (with `ModelClient`, resolving the provider too). Expiry fails the
   * call with a transport `timeout` that is not retried. Not an upstream setting.
   * @default none (each attempt is still bounded by the settings' `responseTimeoutMs`)
   */
  readonly timeoutMs?: number | undefined;
}

/** @internal */
export function toEndpointSession(options: EndpointClientOptions, owner: string): EndpointSession {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${owner}: options must be an object`);
  }
  if ('session' in options) {
    if (typeof (options.session as Partial<EndpointSession> | null)?.execute !== 'function') {
      throw new TypeError(`${owner}: \`session\` must be an EndpointSession`);
    }
    return options.session;
  }
  return new EndpointSession(options);
}
