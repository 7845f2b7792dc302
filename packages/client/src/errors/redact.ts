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

/**
 * The secret values of one request: the values of its credential headers (and, for a scheme such
 * as `Bearer …`, the token alone), URL userinfo, and any value a caller adds (an auth provider's
 * signing key or session token). Text is scrubbed of each value by its actual content, in the
 * forms it is commonly echoed in: as is, JSON-escaped and percent-encoded.
 */
export class Secrets {
  readonly #values = new Set<string>();

  /** Adds a secret value (ignored when shorter than 4 characters). */
  add(value: string | undefined): this {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return this;
    this.#values.add(value);
    const json = JSON.stringify(value).slice(1, -1);
    if (json !== value) this.#values.add(json);
    // JSON escapes `/` optionally (`\/`); some serialisers do.
    if (value.includes('/')) this.#values.add(json.replaceAll('/', '\\/'));
    const encoded = encodeURIComponent(value);
    if (encoded !== value) this.#values.add(encoded);
    return this;
  }

  /** Adds the credential values of `headers` (scheme-less tokens too) and URL userinfo of `url`. */
  addRequest(request: { readonly url?: string | undefined; readonly headers?: Headers }): this {
    if (request.headers !== undefined) {
      for (const [name, value] of request.headers) {
        if (!isSensitiveHeader(name)) continue;
        this.add(value);
        // `Bearer <token>`, `AWS4-HMAC-SHA256 Credential=…, Signature=<hex>`: the parts too.
        for (const part of value.split(/[\s,=]+/)) {
          if (part.length >= 16) this.add(part);
        }
      }
    }
    if (request.url !== undefined) {
      const userInfo = /^[a-z][a-z0-9+.-]*:\/\/([^/?#@]*)@/i.exec(request.url)?.[1];
      if (userInfo) {
        this.add(userInfo);
        for (const part of userInfo.split(':')) this.add(part);
      }
    }
    return this;
  }

  /** Whether there is nothing to redact. */
  get isEmpty(): boolean {
    return this.#values.size === 0;
  }

  /** `text` with every secret value (longest first) and URL credentials replaced. */
  redact(text: string): string {
    let result = text;
    if (this.#values.size > 0) {
      const values = [...this.#values].sort((a, b) => b.length - a.length);
      for (const value of values) {
        if (result.includes(value)) result = result.split(value).join(REDACTED);
      }
    }
    return redactUrl(result);
  }

  /** Whether `text` holds any secret value. */
  appearsIn(text: string): boolean {
    for (const value of this.#values) if (text.includes(value)) return true;
    return false;
  }

  /**
   * `error` itself when nothing it holds (name, message, stack, own properties, causes — walked a
   * few levels deep) contains a secret; otherwise a plain `Error` copy with only its name, message,
   * stack and cause, each scrubbed, so that a caller may keep it as `cause` and print it.
   */
  sanitize(error: unknown, depth = 0): unknown {
    if (this.#values.size === 0 || depth > 8) return error;
    if (!(error instanceof Error)) {
      if (typeof error === 'string' && this.appearsIn(error)) return this.redact(error);
      return this.#holdsSecret(error, 0, new Set()) ? REDACTED : error;
    }
    const cause = (error as { cause?: unknown }).cause;
    const cleanCause = cause === undefined ? undefined : this.sanitize(cause, depth + 1);
    const dirty =
      cleanCause !== cause ||
      this.appearsIn(String(error.stack ?? '')) ||
      this.#holdsSecret(error, 0, new Set());
    if (!dirty) return error;
    const copy = new Error(
      this.redact(String(error.message)),
      cleanCause === undefined ? undefined : { cause: cleanCause },
    );
    copy.name = this.redact(String(error.name));
    copy.stack = this.redact(String(error.stack ?? `${copy.name}: ${copy.message}`));
    return copy;
  }

  #holdsSecret(value: unknown, depth: number, seen: Set<object>): boolean {
    if (typeof value === 'string') return this.appearsIn(value);
    if (typeof value !== 'object' || value === null || depth > 4 || seen.has(value)) return false;
    seen.add(value);
    if (value instanceof Headers) {
      for (const [, header] of value) if (this.appearsIn(header)) return true;
      return false;
    }
    if (value instanceof Error) {
      if (this.appearsIn(String(value.name)) || this.appearsIn(String(value.message))) return true;
    }
    for (const key of Object.keys(value)) {
      let property: unknown;
      try {
        property = (value as Record<string, unknown>)[key];
      } catch {
        continue;
      }
      if (key !== 'cause' && this.#holdsSecret(property, depth + 1, seen)) return true;
    }
    return false;
  }
}
