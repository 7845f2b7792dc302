import { describe, expect, it } from 'vitest';
import { UsageLimitReachedError } from './usage-limit-reached-error.js';

// Times are shown in the given zone; UTC keeps the expectations independent of the machine.
const timeZone = 'UTC';
const now = new Date('2026-06-10T08:00:00Z');
const sameDay = new Date('2026-06-10T15:05:00Z');
const laterDay = new Date('2026-07-01T00:07:00Z');

const plus = (resetsAt?: Date) =>
  new UsageLimitReachedError({ planType: 'plus', resetsAt, now, timeZone }).message;

describe('UsageLimitReachedError (§B.5)', () => {
  it('renders the reset time as h:MM AM/PM on the same day', () => {
    expect(plus(sameDay)).toBe(
      "You've hit your usage limit. Upgrade to Pro (https://chatgpt.com/explore/pro), visit https://chatgpt.com/codex/settings/usage to purchase more credits or try again at 3:05 PM.",
    );
    expect(plus(new Date('2026-06-10T00:30:00Z'))).toMatch(/try again at 12:30 AM\.$/);
    expect(plus(new Date('2026-06-10T12:00:00Z'))).toMatch(/try again at 12:00 PM\.$/);
  });

  it('renders a date with an ordinal suffix on another day', () => {
    expect(plus(laterDay)).toMatch(/ or try again at Jul 1st, 2026 12:07 AM\.$/);
    const on = (day: string) => plus(new Date(`2026-08-${day}T21:45:00Z`));
    expect(on('02')).toMatch(/Aug 2nd, 2026 9:45 PM\.$/);
    expect(on('03')).toMatch(/Aug 3rd, 2026 9:45 PM\.$/);
    expect(on('11')).toMatch(/Aug 11th, 2026 9:45 PM\.$/);
    expect(on('12')).toMatch(/Aug 12th, 2026 9:45 PM\.$/);
    expect(on('13')).toMatch(/Aug 13th, 2026 9:45 PM\.$/);
    expect(on('21')).toMatch(/Aug 21st, 2026 9:45 PM\.$/);
    expect(on('22')).toMatch(/Aug 22nd, 2026 9:45 PM\.$/);
    expect(on('23')).toMatch(/Aug 23rd, 2026 9:45 PM\.$/);
  });

  it('uses the local day of the chosen time zone', () => {
    // 23:30 UTC on June 10th is already June 11th in Tokyo, and "now" is still June 10th there.
    const message = new UsageLimitReachedError({
      planType: 'pro',
      resetsAt: new Date('2026-06-10T23:30:00Z'),
      now,
      timeZone: 'Asia/Tokyo',
    }).message;
    expect(message).toBe(
      "You've hit your usage limit. Visit https://chatgpt.com/codex/settings/usage to purchase more credits or try again at Jun 11th, 2026 8:30 AM.",
    );
  });

  it('says later without a reset time', () => {
    expect(plus()).toBe(
      "You've hit your usage limit. Upgrade to Pro (https://chatgpt.com/explore/pro), visit https://chatgpt.com/codex/settings/usage to purchase more credits or try again later.",
    );
  });

  it.each([
    ['team', 'To get more access now, send a request to your admin or try again later.'],
    ['business', 'To get more access now, send a request to your admin or try again later.'],
    [
      'self_serve_business_usage_based',
      'To get more access now, send a request to your admin or try again later.',
    ],
    [
      'enterprise_cbp_usage_based',
      'To get more access now, send a request to your admin or try again later.',
    ],
    [
      'free',
      'Upgrade to Plus to continue using Codex (https://chatgpt.com/explore/plus), or try again later.',
    ],
    [
      'go',
      'Upgrade to Plus to continue using Codex (https://chatgpt.com/explore/plus), or try again later.',
    ],
    [
      'pro',
      'Visit https://chatgpt.com/codex/settings/usage to purchase more credits or try again later.',
    ],
    [
      'prolite',
      'Visit https://chatgpt.com/codex/settings/usage to purchase more credits or try again later.',
    ],
    ['enterprise', 'Try again later.'],
    ['edu', 'Try again later.'],
    ['some_future_plan', 'Try again later.'],
  ])('plan %s', (planType, tail) => {
    expect(new UsageLimitReachedError({ planType }).message).toBe(
      `You've hit your usage limit. ${tail}`,
    );
  });

  it('enterprise and unknown plans say "Try again at" with a time', () => {
    expect(
      new UsageLimitReachedError({ planType: 'edu', resetsAt: sameDay, now, timeZone }).message,
    ).toBe("You've hit your usage limit. Try again at 3:05 PM.");
    expect(new UsageLimitReachedError({ resetsAt: sameDay, now, timeZone }).message).toBe(
      "You've hit your usage limit. Try again at 3:05 PM.",
    );
  });

  it('a non-codex limit name wins over everything else', () => {
    const error = new UsageLimitReachedError({
      planType: 'plus',
      promoMessage: 'Try the new plan',
      rateLimitReachedType: 'workspace_owner_credits_depleted',
      rateLimits: { limitId: 'codex_other', limitName: ' gpt-5.2-codex-sonic ' },
      resetsAt: sameDay,
      now,
      timeZone,
    });
    expect(error.message).toBe(
      "You've hit your usage limit for gpt-5.2-codex-sonic. Switch to another model now, or try again at 3:05 PM.",
    );
    expect(new UsageLimitReachedError({ rateLimits: { limitName: 'codex_other' } }).message).toBe(
      "You've hit your usage limit for codex_other. Switch to another model now, or try again later.",
    );
  });

  it('the codex limit name (any case) and a blank name do not count', () => {
    for (const limitName of ['codex', 'CODEX', '   ']) {
      expect(
        new UsageLimitReachedError({ planType: 'pro', rateLimits: { limitName } }).message,
      ).toBe(
        "You've hit your usage limit. Visit https://chatgpt.com/codex/settings/usage to purchase more credits or try again later.",
      );
    }
  });

  it.each([
    [
      'workspace_owner_credits_depleted',
      'Your workspace is out of credits. Add credits to continue.',
    ],
    [
      'workspace_member_credits_depleted',
      'Your workspace is out of credits. Ask your workspace owner to refill in order to continue.',
    ],
    [
      'workspace_owner_usage_limit_reached',
      'You hit your spend cap set in your workspace. Increase your spend cap to continue.',
    ],
    [
      'workspace_member_usage_limit_reached',
      'You hit your spend cap set by the owner of your workspace. Ask an owner to increase your spend cap to continue.',
    ],
  ] as const)('reached type %s', (rateLimitReachedType, message) => {
    expect(
      new UsageLimitReachedError({ planType: 'plus', promoMessage: 'promo', rateLimitReachedType })
        .message,
    ).toBe(message);
  });

  it('rate_limit_reached falls through to the promo, then the plan', () => {
    expect(
      new UsageLimitReachedError({
        rateLimitReachedType: 'rate_limit_reached',
        promoMessage: 'Upgrade for 2x limits',
        resetsAt: sameDay,
        now,
        timeZone,
      }).message,
    ).toBe("You've hit your usage limit. Upgrade for 2x limits, or try again at 3:05 PM.");
    expect(
      new UsageLimitReachedError({ rateLimitReachedType: 'rate_limit_reached', planType: 'free' })
        .message,
    ).toBe(
      "You've hit your usage limit. Upgrade to Plus to continue using Codex (https://chatgpt.com/explore/plus), or try again later.",
    );
  });

  it('keeps its data, is not retryable and reports usage_limit_exceeded', () => {
    const error = new UsageLimitReachedError({
      planType: 'pro',
      resetsAt: sameDay,
      rateLimits: { limitId: 'codex' },
    });
    expect(error.planType).toBe('pro');
    expect(error.resetsAt).toBe(sameDay);
    expect(error.rateLimits).toEqual({ limitId: 'codex' });
    expect(error.isRetryable).toBe(false);
    expect(JSON.stringify(error.errorInfo)).toBe('"usage_limit_exceeded"');
  });

  it('validates the time zone and the reset time', () => {
    expect(() => new UsageLimitReachedError({ timeZone: 'Mars/Olympus' })).toThrow(/timeZone/);
    expect(() => new UsageLimitReachedError({ resetsAt: new Date(Number.NaN) })).toThrow(
      /resetsAt/,
    );
  });
});
