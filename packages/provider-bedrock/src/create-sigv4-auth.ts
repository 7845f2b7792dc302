import {
  type AttemptContext,
  type AuthProvider,
  createAuthError,
  type PreparedRequest,
  Secrets,
} from '@codex/api';
import type { AwsCredentialProvider, AwsCredentials } from './aws-credentials.js';
import type { AwsSigningModules, SignableRequest } from './load-aws-signing.js';
import { stripUnderscoreHeaders } from './strip-underscore-headers.js';

/** The request `authenticate` receives and returns. */
export type AuthRequest = PreparedRequest;

/** The SigV4 signing service of Amazon Bedrock Mantle. */
export const BEDROCK_MANTLE_SIGNING_SERVICE = 'bedrock-mantle';

/** Named arguments of {@link createSigV4Auth}. */
export interface SigV4AuthOptions {
  /** The loaded signing packages. */
  readonly modules: AwsSigningModules;
  /** Resolves credentials before every signature (it should cache). */
  readonly credentials: AwsCredentialProvider;
  /** Signing region. */
  readonly region: string;
  /** @default 'bedrock-mantle' */
  readonly service?: string | undefined;
  /** Signing clock, for tests. @default () => new Date() */
  readonly now?: (() => Date) | undefined;
  /**
   * Where the credentials this signer loads are recorded (access key id, secret key, session
   * token), so that they are kept out of this signer's errors and, through the provider's
   * `ResolvedProvider.secrets`, out of later failures `ModelClient` reports.
   * @default a holder of its own
   */
  readonly held?: Secrets | undefined;
}

/** How many credential values a signer remembers (credentials rotate; the oldest are forgotten). */
export const HELD_CREDENTIAL_VALUES = 24;

const AUTH_PREFIX = 'Fatal error: failed to resolve Amazon Bedrock auth';

/**
 * An `AuthProvider` that signs each attempt with AWS SigV4 (retries are signed again, so a
 * signature never ages across backoff). Before signing it removes every header whose name
 * contains `_`, then signs method, URL (host, path, query), the remaining headers and the exact
 * body bytes, and returns the request with `authorization`, `x-amz-date` and, for temporary
 * credentials, `x-amz-security-token`. Credential failures are ``createAuthError` errors: `transient` when
 * retrying can help (a timeout, a network failure), `build` otherwise; their messages never
 * contain a credential.
 * @internal
 */
export function createSigV4Auth(options: SigV4AuthOptions): AuthProvider {
  const service = options.service ?? BEDROCK_MANTLE_SIGNING_SERVICE;
  const now = options.now ?? (() => new Date());
  const held = options.held ?? new Secrets({ limit: HELD_CREDENTIAL_VALUES });
  return Object.freeze({
    async authenticate(request: AuthRequest, context: AttemptContext): Promise<AuthRequest> {
      const credentials = await loadCredentials(options.credentials, context.signal, held);
      const url = new URL(request.url);
      const headers = stripUnderscoreHeaders(request.headers);
      const signer = new options.modules.SignatureV4({
        service,
        region: options.region,
        credentials,
        sha256: options.modules.Sha256,
        // Upstream (the Rust SDK signer) sends no x-amz-content-sha256; the payload is still signed.
        applyChecksum: false,
      });
      let signed: SignableRequest;
      try {
        signed = await signer.sign(toSignable(request.method, url, headers, request.body), {
          signingDate: now(),
        });
      } catch (error) {
        throw createAuthError({
          kind: 'build',
          message: `${AUTH_PREFIX}: failed to sign the request: ${safeMessage(error, held)}`,
        });
      }
      const signedHeaders = new Headers();
      for (const [name, value] of Object.entries(signed.headers)) {
        // `host` was signed; fetch derives the same value from the URL and sends it itself.
        if (name.toLowerCase() !== 'host') signedHeaders.set(name, value);
      }
      return { ...request, headers: signedHeaders };
    },
  });
}

function toSignable(
  method: string,
  url: URL,
  headers: Headers,
  body: Uint8Array | undefined,
): SignableRequest {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const existing = query[key];
    if (existing === undefined) query[key] = value;
    else query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  const record: Record<string, string> = {};
  for (const [name, value] of headers) record[name] = value;
  record.host = url.host;
  return {
    method: method.toUpperCase(),
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port === '' ? undefined : Number(url.port),
    path: url.pathname,
    query,
    headers: record,
    body: body ?? new Uint8Array(0),
  };
}

async function loadCredentials(
  provider: AwsCredentialProvider,
  signal: AbortSignal | undefined,
  held: Secrets,
): Promise<AwsCredentials> {
  signal?.throwIfAborted();
  let credentials: AwsCredentials;
  try {
    credentials = await provider();
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    // No `cause`: a third-party credential error may hold the credential source's data; the
    // message keeps its (masked) text instead.
    throw createAuthError({
      kind: isTransientCredentialError(error) ? 'transient' : 'build',
      message: `${AUTH_PREFIX}: failed to load AWS credentials: ${safeMessage(error, held)}`,
    });
  }
  // Recorded before any check: a half-valid answer still holds secrets.
  held.add(credentials?.accessKeyId);
  held.add(credentials?.secretAccessKey);
  held.add(credentials?.sessionToken);
  if (
    typeof credentials?.accessKeyId !== 'string' ||
    typeof credentials.secretAccessKey !== 'string' ||
    credentials.accessKeyId === '' ||
    credentials.secretAccessKey === ''
  ) {
    throw createAuthError({
      kind: 'build',
      message: `${AUTH_PREFIX}: failed to load AWS credentials: the credential provider returned no access key`,
    });
  }
  return credentials;
}

const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EPIPE',
  'TimeoutError',
]);

/**
 * Upstream retries "provider timed out" and "provider error" (the source failed, e.g. the
 * instance metadata service was unreachable); everything else (no credentials configured, a bad
 * profile) cannot be fixed by retrying.
 */
function isTransientCredentialError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code, $retryable } = error as {
    name?: unknown;
    code?: unknown;
    $retryable?: unknown;
  };
  if ($retryable !== undefined && $retryable !== null && $retryable !== false) return true;
  if (typeof name === 'string' && /timeout/i.test(name)) return true;
  if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isTransientCredentialError(cause);
}

/**
 * The error's message without any credential: the values this signer has loaded (access key id,
 * secret key, session token of the current and earlier credentials — by value, also JSON-escaped
 * or percent-encoded, whatever their length) are removed; then, as a second line of defence for
 * credentials it never saw, what looks like an AWS key, secret or signature is masked. The
 * message comes from third-party code and is shown to users.
 */
function safeMessage(error: unknown, held: Secrets): string {
  let message: string;
  try {
    message = error instanceof Error ? String(error.message) : String(error);
  } catch {
    message = 'unknown error';
  }
  return held
    .redact(message)
    .replace(/\b(AKIA|ASIA|AIDA|AROA)[A-Z0-9]{12,}\b/g, '<redacted>')
    .replace(/[A-Za-z0-9/+=]{40,}/g, '<redacted>');
}
