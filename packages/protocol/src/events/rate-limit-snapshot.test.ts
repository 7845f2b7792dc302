import { describe, expect, it } from 'vitest';
import { isKnownPlan, parsePlanType, parseRateLimitReachedType } from './rate-limit-snapshot.js';

describe('plan and reached-type parsing', () => {
  it('reads plans case-insensitively with the upstream aliases', () => {
    expect(parsePlanType('Plus')).toBe('plus');
    expect(parsePlanType('hc')).toBe('enterprise');
    expect(parsePlanType('education')).toBe('edu');
    expect(parsePlanType('prolite')).toBe('prolite');
    expect(parsePlanType('Galaxy')).toBe('Galaxy');
    expect(isKnownPlan('Galaxy')).toBe(false);
    expect(isKnownPlan('self_serve_business_usage_based')).toBe(true);
  });

  it('drops unknown reached types (§E.2 39)', () => {
    expect(parseRateLimitReachedType('future_rate_limit_reached_type')).toBeUndefined();
    expect(parseRateLimitReachedType('workspace_owner_credits_depleted')).toBe(
      'workspace_owner_credits_depleted',
    );
  });
});
