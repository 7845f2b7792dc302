import type { Request } from '@codex/client';
import { AuthError } from './auth-error.js';
import type { AuthProvider } from './auth-provider.js';

/** A token source: returns the current token, or `undefined` when there is none. */
export type BearerTokenSource = () => string | undefined | Promise<string | undefined>;

/** Named arguments of {@link createBearerAuth}; give `token` or `getToken`. */
export interface BearerAuthOptions {
  /** A fixed bearer token (an API key or an access token). */
  readonly token?: string | undefined;
  /**
   * Reads the token on every attempt (so a rotated token is picked up). A thrown `AuthError`
   * fails the attempt as it is (`transient` is retried); anything else fails it as a `build`
   * error that is not retried.
   */
  readonly getToken?: BearerTokenSource | undefined;
  /** Sent as `ChatGPT-Account-ID` when set. */
  readonly accountId?: string | undefined;
  /**
   * Whether the account is a FedRAMP account (`X-OpenAI-Fedramp: true`).
   * @default false
   */
  readonly fedramp?: boolean | undefined;
  /**
   * Called once when a request failed with 401: resolve a new token (used from then on), `true`
   * when `getToken` will now return a fresh one, or `false`/`undefined` when there is nothing
   * left to try. Becomes the auth provider's `recoverUnauthorized`.
   */
  readonly refresh?:
    | ((options: {
        readonly signal?: AbortSignal | undefined;
      }) => Promise<string | boolean | undefined>)
    | undefined;
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * The bearer-token auth provider: `Authorization: Bearer <token>` when there is a token,
 * `ChatGPT-Account-ID: <id>` when an account id is set, `X-OpenAI-Fedramp: true` for FedRAMP
 * accounts. A value that is not a valid header value is skipped silently, as upstream does. The
 * token lives in a closure: `JSON.stringify` and `util.inspect` of the returned object show only
 * `{ type: 'bearer', accountId, fedramp }`, and no error message contains it.
 *
 * @example
 * const auth = createBearerAuth({ token: process.env.OPENAI_API_KEY });
 * const chatgpt = createBearerAuth({ getToken: () => store.accessToken(), accountId: 'workspace-123' });
 */
export function createBearerAuth(options: BearerAuthOptions): AuthProvider {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('createBearerAuth: options must be an object');
  }
  const { getToken, accountId, refresh } = options;
  if (options.token !== undefined && typeof options.token !== 'string') {
    throw new TypeError('createBearerAuth: `token` must be a string');
  }
  if (getToken !== undefined && typeof getToken !== 'function') {
    throw new TypeError('createBearerAuth: `getToken` must be a function');
  }
  if (options.token !== undefined && getToken !== undefined) {
    throw new TypeError('createBearerAuth: give either `token` or `getToken`, not both');
  }
  if (accountId !== undefined && typeof accountId !== 'string') {
    throw new TypeError('createBearerAuth: `accountId` must be a string');
  }
  if (refresh !== undefined && typeof refresh !== 'function') {
    throw new TypeError('createBearerAuth: `refresh` must be a function');
  }
  const fedramp = options.fedramp === true;
  // A token returned by `refresh` replaces every other source from then on.
  let refreshed: string | undefined;
  // The token `getToken` returned last: what the synchronous `addAuthHeaders` can use when the
  // source is asynchronous.
  let lastRead: string | undefined;

  const addHeaders = (headers: Headers, token: string | undefined): void => {
    if (token !== undefined && token !== '')
      setLenient(headers, 'Authorization', `Bearer ${token}`);
    if (accountId !== undefined) setLenient(headers, 'ChatGPT-Account-ID', accountId);
    if (fedramp) setLenient(headers, 'X-OpenAI-Fedramp', 'true');
  };

  const syncToken = (): string | undefined => {
    if (refreshed !== undefined) return refreshed;
    if (getToken === undefined) return options.token;
    try {
      const token = getToken();
      if (typeof token === 'string') return token;
      if (token instanceof Promise) token.catch(() => {});
    } catch {
      // A failing source attaches nothing here; `applyAuth` reports the failure.
    }
    return lastRead;
  };

  const readToken = async (): Promise<string | undefined> => {
    if (refreshed !== undefined) return refreshed;
    if (getToken === undefined) return options.token;
    let token: string | undefined;
    try {
      token = await getToken();
    } catch (error) {
      if (AuthError.isInstance(error)) throw error;
      throw new AuthError({
        kind: 'build',
        message: 'the bearer token source failed',
        cause: error,
      });
    }
    if (token !== undefined && typeof token !== 'string') {
      throw new AuthError({
        kind: 'build',
        message: 'the bearer token source returned a non-string',
      });
    }
    lastRead = token;
    return token;
  };

  const auth: AuthProvider & { toJSON(): Record<string, unknown> } = {
    addAuthHeaders(headers: Headers): void {
      addHeaders(headers, syncToken());
    },
    async applyAuth(request: Request): Promise<Request> {
      const headers = new Headers(request.headers);
      addHeaders(headers, await readToken());
      return { ...request, headers };
    },
    toJSON(): Record<string, unknown> {
      return describe();
    },
  };
  const describe = (): Record<string, unknown> => ({
    type: 'bearer',
    ...(accountId === undefined ? {} : { accountId }),
    fedramp,
  });
  if (refresh !== undefined) {
    auth.recoverUnauthorized = async ({ signal }) => {
      const result = await refresh({ signal });
      if (typeof result === 'string') {
        refreshed = result;
        return true;
      }
      return result === true;
    };
  }
  Object.defineProperty(auth, INSPECT, { value: () => `BearerAuth ${JSON.stringify(describe())}` });
  return Object.freeze(auth);
}

function setLenient(headers: Headers, name: string, value: string): void {
  try {
    headers.set(name, value);
  } catch {
    // Not a valid header value: skipped, as upstream does (and never echoed in an error).
  }
}
