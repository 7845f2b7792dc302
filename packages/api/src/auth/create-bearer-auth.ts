import { type PreparedRequest, redactError, Secrets, TransportError } from '@codex/client';
import { setLenient } from '../headers-input.js';
import { createAuthError } from './auth-error.js';
import type { AuthProvider } from './auth-provider.js';

/** A token source: returns the current token, or `undefined` when there is none. */
export type BearerTokenSource = () => string | undefined | Promise<string | undefined>;

/** Named arguments of {@link createBearerAuth}; give `token` or `getToken`. */
export interface BearerAuthOptions {
  /** A fixed bearer token (an API key or an access token). */
  readonly token?: string | undefined;
  /**
   * Reads the token before every attempt (so a rotated token is picked up). A thrown
   * `TransportError` (e.g. from `createAuthError({ kind: 'transient', … })`) fails the attempt
   * as it is; anything else fails it as a build error that is not retried.
   */
  readonly getToken?: BearerTokenSource | undefined;
  /** Sent as `ChatGPT-Account-ID` when set. */
  readonly accountId?: string | undefined;
  /**
   * Whether the account is a FedRAMP account (`X-OpenAI-Fedramp: true`).
   * @default false
   */
  readonly fedramp?: boolean | undefined;
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');
// Tokens a rotating source returned that are still kept out of errors.
const HELD_TOKENS = 16;

/**
 * The bearer-token auth provider: `Authorization: Bearer <token>` when there is a token,
 * `ChatGPT-Account-ID: <id>` when an account id is set, `X-OpenAI-Fedramp: true` for FedRAMP
 * accounts. A value that is not a valid header value is skipped silently, as upstream does. The
 * token lives in a closure: `JSON.stringify` and `util.inspect` of the returned object show only
 * `{ type: 'bearer', accountId, fedramp }`, and no error it raises contains it.
 *
 * @example
 * const auth = createBearerAuth({ token: 'sk-…' });
 * const chatgpt = createBearerAuth({ getToken: () => store.accessToken(), accountId: 'workspace-123' });
 */
export function createBearerAuth(options: BearerAuthOptions): AuthProvider {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('createBearerAuth: options must be an object');
  }
  const { token, getToken, accountId } = options;
  if (token !== undefined && typeof token !== 'string') {
    throw new TypeError('createBearerAuth: `token` must be a string');
  }
  if (getToken !== undefined && typeof getToken !== 'function') {
    throw new TypeError('createBearerAuth: `getToken` must be a function');
  }
  if (token !== undefined && getToken !== undefined) {
    throw new TypeError('createBearerAuth: give either `token` or `getToken`, not both');
  }
  if (accountId !== undefined && typeof accountId !== 'string') {
    throw new TypeError('createBearerAuth: `accountId` must be a string');
  }
  const fedramp = options.fedramp === true;
  // Tokens this provider has held (the most recent ones): kept out of any error it raises.
  const held = new Secrets({ limit: HELD_TOKENS });
  held.add(token);

  // Headers that never change, built once; a fixed token's header value too.
  const fixed = new Headers();
  if (accountId !== undefined) setLenient(fixed, 'ChatGPT-Account-ID', accountId);
  if (fedramp) setLenient(fixed, 'X-OpenAI-Fedramp', 'true');
  const fixedAuthorization =
    token !== undefined && token !== '' ? validHeaderValue(`Bearer ${token}`) : undefined;

  const authenticate = (request: PreparedRequest, current: string | undefined): PreparedRequest => {
    const headers = new Headers(request.headers);
    const authorization =
      current === token
        ? fixedAuthorization
        : current
          ? validHeaderValue(`Bearer ${current}`)
          : undefined;
    if (authorization !== undefined) headers.set('authorization', authorization);
    for (const [name, value] of fixed) headers.set(name, value);
    return { ...request, headers };
  };

  const readToken = async (): Promise<string | undefined> => {
    let value: string | undefined;
    try {
      value = await getToken!();
    } catch (error) {
      if (TransportError.isInstance(error)) throw redactError(error, held);
      throw createAuthError({
        kind: 'build',
        message: 'the bearer token source failed',
        cause: held.sanitize(error),
      });
    }
    if (value !== undefined && typeof value !== 'string') {
      throw createAuthError({
        kind: 'build',
        message: 'the bearer token source returned a non-string',
      });
    }
    held.add(value);
    return value;
  };

  const describe = (): Record<string, unknown> => ({
    type: 'bearer',
    ...(accountId === undefined ? {} : { accountId }),
    fedramp,
  });
  const auth: AuthProvider & { toJSON(): Record<string, unknown> } = {
    authenticate:
      getToken === undefined
        ? (request) => authenticate(request, token)
        : async (request) => authenticate(request, await readToken()),
    toJSON: describe,
  };
  Object.defineProperty(auth, INSPECT, { value: () => `BearerAuth ${JSON.stringify(describe())}` });
  return Object.freeze(auth);
}

/** `value` when it is a valid header value, else `undefined` (skipped, as upstream does). */
function validHeaderValue(value: string): string | undefined {
  const probe = new Headers();
  setLenient(probe, 'authorization', value);
  return probe.get('authorization') ?? undefined;
}
