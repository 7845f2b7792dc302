import type { ResponseEvent } from '@codex/protocol';
import { parseAllRateLimits } from '../rate-limits/rate-limit-headers.js';

/**
 * The events a Responses stream starts with, read from the 2xx response head, in this order:
 * `serverModel` (`openai-model`, verbatim), one `rateLimits` per snapshot of
 * `parseAllRateLimits` (so always at least the default `codex` one), `modelsEtag`
 * (`X-Models-Etag`, untrimmed), `serverReasoningIncluded` (`x-reasoning-included` present,
 * whatever its value). `openai-verification-recommendation` is ignored.
 *
 * @example
 * responseHeaderEvents(new Headers({ 'openai-model': 'gpt-5.1-codex' }));
 * // [{ type: 'serverModel', model: 'gpt-5.1-codex' }, { type: 'rateLimits', snapshot: { limitId: 'codex' } }]
 */
export function responseHeaderEvents(headers: Headers): ResponseEvent[] {
  const events: ResponseEvent[] = [];
  const model = headers.get('openai-model');
  if (model !== null) events.push({ type: 'serverModel', model });
  for (const snapshot of parseAllRateLimits(headers)) events.push({ type: 'rateLimits', snapshot });
  const etag = headers.get('x-models-etag');
  if (etag !== null) events.push({ type: 'modelsEtag', etag });
  if (headers.has('x-reasoning-included')) {
    events.push({ type: 'serverReasoningIncluded', included: true });
  }
  return events;
}
