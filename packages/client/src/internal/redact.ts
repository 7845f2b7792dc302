// Header names whose values are credentials or session state. They are removed from every
// header set an error keeps, and their request-side values are blanked out of any message text
// that could have echoed them (for example a runtime's "invalid header value" TypeError).
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

const REDACTED = '[REDACTED]';

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
 * Blanks out every occurrence of a sensitive request header value and of URL credentials from a
 * message produced by code we do not control.
 */
export function redactMessage(
  message: string,
  context: { readonly url?: string | undefined; readonly headers?: Headers | undefined },
): string {
  let result = message;
  if (context.headers !== undefined) {
    for (const [name, value] of context.headers) {
      if (!isSensitiveHeader(name) || value.length === 0) continue;
      result = result.split(value).join(REDACTED);
      // A bearer token may be echoed without its scheme.
      const token = value.replace(/^\S+\s+/, '');
      if (token.length >= 4 && token !== value) result = result.split(token).join(REDACTED);
    }
  }
  if (context.url !== undefined) {
    const userInfo = /^[a-z][a-z0-9+.-]*:\/\/([^/?#@]*)@/i.exec(context.url)?.[1];
    if (userInfo) {
      result = result.split(userInfo).join(REDACTED);
      for (const part of userInfo.split(':')) {
        if (part.length >= 4) result = result.split(part).join(REDACTED);
      }
    }
  }
  return redactUrl(result);
}
