import { formatStatus } from '../status-text.js';

/**
 * The provider-neutral user message for a request Cloudflare blocked: set as the `userMessage` of an
 * {@link UnexpectedStatusError} when the status is 403 and the body contains both `Cloudflare` and
 * `blocked` (case-sensitive); `undefined` otherwise.
 *
 * @example
 * cloudflareBlockedMessage(403, '<html>Cloudflare … you have been blocked</html>');
 * // 'Access blocked by Cloudflare. This usually happens when connecting from a restricted region (status 403 Forbidden)'
 */
export function cloudflareBlockedMessage(status: number, body: string): string | undefined {
  if (status !== 403 || !body.includes('Cloudflare') || !body.includes('blocked')) return undefined;
  return `Access blocked by Cloudflare. This usually happens when connecting from a restricted region (status ${formatStatus(status)})`;
}
