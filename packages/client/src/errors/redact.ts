// Header names whose values are credentials or session state. They are never kept on an error,
// and their request-side values are secrets that every message built from foreign text is
// scrubbed of.
const SENSITIVE_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'set-cookie2',
  'x-api-key',
  'api-key',
  'x-amz-security-token',
  'x-goog-api-key',
]);

/** What replaces a secret in text. */
export const REDACTED = '[REDACTED]';

// Shorter values are not secrets worth the risk of mangling ordinary words.
const MIN_SECRET_LENGTH = 4;
// How deep `sanitize` looks into an error's properties and causes (inspect's default depth is 2;
// `depth: Infinity` users are covered up to here, which is deeper than any runtime error nests).
const MAX_SCAN_DEPTH = 12;
// Parameters of an `Authorization` value that name, rather than hold, something.
const NON_SECRET_PARAMETERS: ReadonlySet<string> = new Set(['signedheaders', 'algorithm']);

/** Whether a header (any case) may carry a credential. */
export function isSensitiveHeader(name: string): boolean {
  return SENSITIVE_HEADERS.has(name.toLowerCase());
}

/** A copy of `headers` without the credential-bearing ones. */
export function withoutSensitiveHeaders(headers: Headers): Headers {
  const kept = new Headers();
  for (const [name, value] of headers) {
    if (!isSensitiveHeader(name)) kept.append(name, value);
  }
  return kept;
}

/** Replaces URL credentials (`https://user:pass@host` → `https://[REDACTED]@host`) anywhere in `text`. */
export function redactUrl(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/?#@\s]*@/gi, `$1${REDACTED}@`);
}

/** Named arguments of the {@link Secrets} constructor. */
export interface SecretsOptions {
  /**
   * Most secret values kept; adding one more forgets the oldest. For a holder that lives long and
   * sees rotating tokens (a session, a token source), so that it never grows without bound.
   * @default unlimited
   */
  readonly limit?: number | undefined;
}

/** The request fields {@link Secrets.addRequest} reads. */
export interface SecretBearingRequest {
  /** The URL (its userinfo is a secret). */
  readonly url?: string | undefined;
  /** The headers (the values of credential headers are secrets). */
  readonly headers?: Headers | undefined;
  /** More header names whose values are secrets (see `PreparedRequest.secretHeaders`). */
  readonly secretHeaders?: readonly string[] | undefined;
}

/**
 * A set of secret values and the rules that keep them out of text. A value is matched by its
 * actual content, never by its shape, in the forms it is commonly echoed in: as is, JSON-escaped
 * (also with `\/`) and percent-encoded. What it holds is never shown: `JSON.stringify` gives `{}`
 * and `util.inspect` shows no value.
 *
 * Iterating it yields the values it holds (as they were added), so that one holder can be merged
 * into another.
 *
 * @example
 * const secrets = new Secrets().add(apiKey).addRequest(preparedRequest);
 * const safe = secrets.redact(`upstream said: ${message}`);
 */
export class Secrets implements Iterable<string> {
  readonly #limit: number;
  // Each value, with the forms text is scrubbed of.
  readonly #values = new Map<string, readonly string[]>();
  // Every form of every value, longest first; rebuilt when the values change.
  #forms: string[] | undefined;

  constructor(options: SecretsOptions = {}) {
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    if (!(limit >= 1)) throw new RangeError('Secrets: `limit` must be a number >= 1');
    this.#limit = limit;
  }

  /** Adds a secret value (ignored when not a string or shorter than 4 characters). */
  add(value: string | undefined): this {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return this;
    if (this.#values.has(value)) {
      // Refreshed: the newest values are the last to be forgotten.
      const forms = this.#values.get(value)!;
      this.#values.delete(value);
      this.#values.set(value, forms);
      return this;
    }
    this.#values.set(value, formsOf(value));
    if (this.#values.size > this.#limit) {
      this.#values.delete(this.#values.keys().next().value!);
    }
    this.#forms = undefined;
    return this;
  }

  /** Adds every value of `values` (another `Secrets`, a list, a set). */
  addAll(values: Iterable<string | undefined> | undefined): this {
    if (values === undefined || values === null) return this;
    for (const value of values) this.add(value);
    return this;
  }

  /**
   * Adds the secrets a request carries: the values of its credential headers (`authorization`,
   * `api-key`, `x-api-key`, `x-amz-security-token`, cookies, …) and of the headers it names in
   * `secretHeaders` — each whole, and its parts: the token of `Bearer <token>`, the credential,
   * its access key id and the signature of `AWS4-HMAC-SHA256 Credential=…, Signature=…` — and the
   * userinfo of its URL.
   */
  addRequest(request: SecretBearingRequest): this {
    const { headers, secretHeaders } = request;
    if (headers !== undefined) {
      const extra =
        secretHeaders === undefined || secretHeaders.length === 0
          ? undefined
          : new Set(secretHeaders.map((name) => String(name).toLowerCase()));
      for (const [name, value] of headers) {
        if (isSensitiveHeader(name) || extra?.has(name)) this.#addHeaderValue(value);
      }
    }
    if (request.url !== undefined) {
      const userInfo = /^[a-z][a-z0-9+.-]*:\/\/([^/?#@]*)@/i.exec(request.url)?.[1];
      if (userInfo) {
        this.add(userInfo);
        for (const part of userInfo.split(':')) this.add(part);
        try {
          for (const part of decodeURIComponent(userInfo).split(':')) this.add(part);
        } catch {
          // Not valid percent-encoding: the raw parts were added.
        }
      }
    }
    return this;
  }

  #addHeaderValue(value: string): void {
    this.add(value);
    const scheme = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s+(.+)$/.exec(value);
    if (scheme === null) return;
    const rest = scheme[2]!.trim();
    this.add(rest);
    // `key=value` parameters (SigV4, Digest): each value, and the access key id of a credential.
    for (const parameter of rest.split(',')) {
      const equals = parameter.indexOf('=');
      if (equals === -1) continue;
      const key = parameter.slice(0, equals).trim().toLowerCase();
      if (NON_SECRET_PARAMETERS.has(key)) continue;
      const parameterValue = parameter
        .slice(equals + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1');
      this.add(parameterValue);
      if (key === 'credential') this.add(parameterValue.split('/')[0]);
    }
  }

  /** How many values it holds. */
  get size(): number {
    return this.#values.size;
  }

  /** Whether there is nothing to redact. */
  get isEmpty(): boolean {
    return this.#values.size === 0;
  }

  /** The values it holds, oldest first. */
  [Symbol.iterator](): Iterator<string> {
    return this.#values.keys();
  }

  /** `text` with every secret value (longest first) and URL credentials replaced. */
  redact(text: string): string {
    let result = text;
    for (const form of this.#allForms()) {
      if (result.includes(form)) result = result.split(form).join(REDACTED);
    }
    return redactUrl(result);
  }

  /** Whether `text` holds any secret value. */
  appearsIn(text: string): boolean {
    for (const form of this.#allForms()) if (text.includes(form)) return true;
    return false;
  }

  /**
   * `error` itself when nothing it holds (name, message, stack, own properties — enumerable or
   * not, symbols included — the entries of its maps and sets, and its causes, walked deeply)
   * contains a secret; otherwise a plain `Error` copy with only its name, message, stack and
   * cause, each scrubbed, so that a caller may keep it as `cause` and print it. A non-error value
   * that holds a secret becomes its redacted text (a string) or `[REDACTED]`.
   */
  sanitize(error: unknown, depth = 0): unknown {
    if (this.#values.size === 0 || depth > MAX_SCAN_DEPTH) return error;
    if (!(error instanceof Error)) {
      if (typeof error === 'string' && this.appearsIn(error)) return this.redact(error);
      return this.#holdsSecret(error, 0, new Set()) ? REDACTED : error;
    }
    const cause = readProperty(error, 'cause');
    const cleanCause = cause === undefined ? undefined : this.sanitize(cause, depth + 1);
    const dirty =
      cleanCause !== cause ||
      this.appearsIn(String(readProperty(error, 'stack') ?? '')) ||
      this.#holdsSecret(error, 0, new Set());
    if (!dirty) return error;
    const copy = new Error(
      this.redact(String(readProperty(error, 'message') ?? '')),
      cleanCause === undefined ? undefined : { cause: cleanCause },
    );
    copy.name = this.redact(String(readProperty(error, 'name') ?? 'Error'));
    copy.stack = this.redact(
      String(readProperty(error, 'stack') ?? `${copy.name}: ${copy.message}`),
    );
    return copy;
  }

  /** Never shows a value. */
  toJSON(): Record<string, never> {
    return {};
  }

  #allForms(): readonly string[] {
    if (this.#forms === undefined) {
      const forms = new Set<string>();
      for (const valueForms of this.#values.values())
        for (const form of valueForms) forms.add(form);
      this.#forms = [...forms].sort((a, b) => b.length - a.length);
    }
    return this.#forms;
  }

  #holdsSecret(value: unknown, depth: number, seen: Set<object>): boolean {
    if (typeof value === 'string') return this.appearsIn(value);
    if (typeof value !== 'object' || value === null || depth > MAX_SCAN_DEPTH || seen.has(value)) {
      return false;
    }
    seen.add(value);
    if (value instanceof Headers) {
      for (const [, header] of value) if (this.appearsIn(header)) return true;
      return false;
    }
    if (value instanceof Map) {
      for (const [key, entry] of value) {
        if (this.#holdsSecret(key, depth + 1, seen) || this.#holdsSecret(entry, depth + 1, seen)) {
          return true;
        }
      }
    } else if (value instanceof Set) {
      for (const entry of value) if (this.#holdsSecret(entry, depth + 1, seen)) return true;
    }
    if (value instanceof Error) {
      if (this.appearsIn(String(readProperty(value, 'name') ?? ''))) return true;
      if (this.appearsIn(String(readProperty(value, 'message') ?? ''))) return true;
    }
    for (const key of Reflect.ownKeys(value)) {
      if (key === 'cause' && value instanceof Error) continue; // sanitized on its own
      if (typeof key === 'string' && this.appearsIn(key)) return true;
      if (this.#holdsSecret(readProperty(value, key), depth + 1, seen)) return true;
    }
    return false;
  }
}

function formsOf(value: string): readonly string[] {
  const forms = new Set([value]);
  const json = JSON.stringify(value).slice(1, -1);
  forms.add(json);
  // JSON escapes `/` optionally (`\/`); some serialisers do.
  if (value.includes('/')) forms.add(json.replaceAll('/', '\\/'));
  forms.add(encodeURIComponent(value));
  // `application/x-www-form-urlencoded` writes a space as `+`.
  if (value.includes(' ')) forms.add(encodeURIComponent(value).replaceAll('%20', '+'));
  return [...forms];
}

// A property read that survives getters that throw (a hostile or broken error object).
function readProperty(value: object, key: PropertyKey): unknown {
  try {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    // Own data properties only: inspect shows getters as `[Getter]` without calling them.
    if (descriptor !== undefined) return 'value' in descriptor ? descriptor.value : undefined;
    return (value as Record<PropertyKey, unknown>)[key];
  } catch {
    return undefined;
  }
}
