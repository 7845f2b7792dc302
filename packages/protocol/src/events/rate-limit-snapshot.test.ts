import { describe, expect, it } from 'vitest';
import { isKnownPlan, parsePlanType, parseRateLimitReachedType } from './rate-limit-snapshot.js';

describe('plan and reached-type parsing', () => {
  it('reads the lower-case plan names and the upstream aliases', () => {
    expect(parsePlanType('plus')).toBe('plus');
    expect(parsePlanType('hc')).toBe('enterprise');
    expect(parsePlanType('education')).toBe('edu');
    expect(parsePlanType('prolite')).toBe('prolite');
    expect(parsePlanType('self_serve_business_usage_based')).toBe(
      'self_serve_business_usage_based',
    );
    expect(parsePlanType('Galaxy')).toBe('Galaxy');
    expect(isKnownPlan('Galaxy')).toBe(false);
    expect(isKnownPlan('self_serve_business_usage_based')).toBe(true);
  });

  it('matches plan names case-sensitively, as serde does: "PLUS" is an unknown plan', () => {
    for (const raw of ['PLUS', 'Plus', 'Pro', 'HC', 'Hc', 'Education', 'EDU', 'Free ']) {
      expect(parsePlanType(raw), raw).toBe(raw);
      expect(isKnownPlan(parsePlanType(raw)), raw).toBe(false);
    }
  });

  it('keeps an empty plan name as an unknown plan ""', () => {
    expect(parsePlanType('')).toBe('');
    expect(isKnownPlan('')).toBe(false);
  });

  it('drops unknown reached types (§E.2 39)', () => {
    expect(parseRateLimitReachedType('future_rate_limit_reached_type')).toBeUndefined();
    expect(parseRateLimitReachedType('workspace_owner_credits_depleted')).toBe(
      'workspace_owner_credits_depleted',
    );
  });

  it('matches reached types case-sensitively and without trimming', () => {
    expect(parseRateLimitReachedType('rate_limit_reached')).toBe('rate_limit_reached');
    expect(parseRateLimitReachedType('RATE_LIMIT_REACHED')).toBeUndefined();
    expect(parseRateLimitReachedType('Rate_Limit_Reached')).toBeUndefined();
    expect(parseRateLimitReachedType(' rate_limit_reached')).toBeUndefined();
    expect(parseRateLimitReachedType('')).toBeUndefined();
  });
});
