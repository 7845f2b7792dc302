import type { ResponseEvent } from '@codex/protocol';
import { parseAllRateLimits } from '../rate-limits/rate-limit-headers.js';
import { readHeader } from '../read-header.js';

/**
 * The events a Responses stream starts with, read from the 2xx response head, in this order:
 * `serverModel` (`openai-model`, verbatim), one `rateLimits` per snapshot of
 * `parseAllRateLimits` (so always at least the default `codex` one), `modelsEtag`
 * (`X-Models-Etag`, untrimmed), `serverReasoningIncluded` (`x-reasoning-included` present,
 * whatever its value — upstream only checks that the header exists).
 * `openai-verification-recommendation` is ignored. Values are read as upstream reads them: the
 * first of repeated values, and a value that is not visible ASCII counts as absent.
 *
 * @example
 * responseHeaderEvents(new Headers({ 'openai-model': 'gpt-5.1-codex' }));
 * // [{ type: 'serverModel', model: 'gpt-5.1-codex' }, { type: 'rateLimits', snapshot: { limitId: 'codex' } }]
 */
export function responseHeaderEvents(headers: Headers): ResponseEvent[] {
  const events: ResponseEvent[] = [];
  const model = readHeader(headers, 'openai-model');
  if (model !== undefined) events.push({ type: 'serverModel', model });
  for (const snapshot of parseAllRateLimits(headers)) events.push({ type: 'rateLimits', snapshot });
  const etag = readHeader(headers, 'x-models-etag');
  if (etag !== undefined) events.push({ type: 'modelsEtag', etag });
  if (headers.has('x-reasoning-included')) {
    events.push({ type: 'serverReasoningIncluded', included: true });
  }
  return events;
}
