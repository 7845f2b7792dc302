import { UnexpectedStatusError } from '@codex/protocol';

/** The case-sensitive marker Bedrock puts in the body of a 401 for an expired signature. */
export const EXPIRED_SIGNATURE_MARKER = 'Signature expired:';

/**
 * True when `error` is an {@link UnexpectedStatusError} with status 401 whose raw body contains
 * `Signature expired:` (case-sensitive, colon included). The URL is not looked at: Bedrock is
 * recognised by the provider that mapped the error, never by host.
 *
 * @example
 * isBedrockExpiredSignature(new UnexpectedStatusError({ status: 401, body: 'Signature expired: a is now earlier than b' })); // true
 */
export function isBedrockExpiredSignature(error: unknown): error is UnexpectedStatusError {
  return (
    UnexpectedStatusError.isInstance(error) &&
    error.status === 401 &&
    error.body.includes(EXPIRED_SIGNATURE_MARKER)
  );
}
