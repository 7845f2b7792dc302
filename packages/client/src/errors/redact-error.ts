import { TransportError } from '../transport-error.js';
import type { Secrets } from './redact.js';

/**
 * `error` without any of `secrets`, for errors that come from code the library does not control (a
 * custom `fetch`, an auth provider, a provider's `resolve`): `error` itself when it holds none; a
 * `TransportError` that holds one is rebuilt with the same kind and status, its text fields
 * redacted and its cause sanitized; any other error becomes a plain scrubbed copy (see
 * {@link Secrets.sanitize}). The caller's own abort reason should be passed through before calling
 * this, so that it stays the very object the caller gave.
 *
 * @example
 * throw redactError(error, new Secrets().addRequest(sentRequest));
 */
export function redactError(error: unknown, secrets: Secrets): unknown {
  if (secrets.isEmpty) return error;
  if (TransportError.isInstance(error)) return redactTransportError(error, secrets);
  return secrets.sanitize(error);
}

function redactTransportError(error: TransportError, secrets: Secrets): TransportError {
  const cause = error.cause;
  const cleanCause = cause === undefined ? undefined : redactError(cause, secrets);
  const text = (value: string | undefined): string | undefined =>
    value === undefined ? undefined : secrets.redact(value);
  let headersDirty = false;
  if (error.headers !== undefined) {
    for (const [, value] of error.headers) if (secrets.appearsIn(value)) headersDirty = true;
  }
  const dirty =
    cleanCause !== cause ||
    headersDirty ||
    [error.detail, error.body, error.url].some(
      (value) => value !== undefined && secrets.appearsIn(value),
    );
  if (!dirty) return error;
  let headers = error.headers;
  if (headers !== undefined && headersDirty) {
    const scrubbed = new Headers();
    for (const [name, value] of headers) scrubbed.append(name, secrets.redact(value));
    headers = scrubbed;
  }
  switch (error.kind) {
    case 'http':
      return new TransportError({
        kind: 'http',
        status: error.status ?? 0,
        url: text(error.url),
        headers,
        body: text(error.body),
        cause: cleanCause,
      });
    case 'redirect':
      return new TransportError({
        kind: 'redirect',
        status: error.status ?? 0,
        url: text(error.url),
        headers,
        detail: text(error.detail) ?? '',
        cause: cleanCause,
      });
    case 'network':
    case 'build':
    case 'stream':
      return new TransportError({
        kind: error.kind,
        detail: text(error.detail) ?? '',
        cause: cleanCause,
      });
    default:
      return new TransportError({ kind: error.kind, cause: cleanCause });
  }
}
