import { describe, expect, it } from 'vitest';
import {
  parseAllRateLimits,
  parseDefaultRateLimit,
  parsePromoMessage,
  parseRateLimitEvent,
  parseRateLimitForLimit,
} from './rate-limit-headers.js';

describe('rate-limit headers (§5, cases §8.6)', () => {
  it('74. default family', () => {
    expect(
      parseDefaultRateLimit({
        'x-codex-primary-used-percent': '12.5',
        'x-codex-primary-window-minutes': '60',
        'x-codex-primary-reset-at': '1704069000',
      }),
    ).toEqual({
      limitId: 'codex',
      primary: { usedPercent: 12.5, windowMinutes: 60, resetsAt: 1704069000 },
    });
  });

  it('75, §9.18. a named family: x-codex-secondary-primary-* is codex_secondary’s primary', () => {
    expect(
      parseRateLimitForLimit(
        new Headers({
          'x-codex-secondary-primary-used-percent': '80',
          'x-codex-secondary-primary-window-minutes': '1440',
          'x-codex-secondary-primary-reset-at': '1704074400',
        }),
        'codex_secondary',
      ),
    ).toEqual({
      limitId: 'codex_secondary',
      primary: { usedPercent: 80, windowMinutes: 1440, resetsAt: 1704074400 },
    });
  });

  it('76. limit name, trimmed; blank is absent; no fallback to the id', () => {
    const headers = {
      'x-codex-bengalfox-primary-used-percent': '80',
      'x-codex-bengalfox-limit-name': ' gpt-5.2-codex-sonic ',
    };
    expect(parseRateLimitForLimit(headers, 'codex_bengalfox').limitName).toBe(
      'gpt-5.2-codex-sonic',
    );
    expect(
      parseRateLimitForLimit(
        { ...headers, 'x-codex-bengalfox-limit-name': '  ' },
        'codex_bengalfox',
      ),
    ).not.toHaveProperty('limitName');
  });

  it('77. all families: codex first, then the others sorted', () => {
    const snapshots = parseAllRateLimits({
      'x-codex-zeta-primary-used-percent': '10',
      'x-codex-primary-used-percent': '12.5',
      'x-codex-secondary-primary-used-percent': '80',
      'X-Codex-Alpha-Primary-Used-Percent': '20',
    });
    expect(snapshots.map((snapshot) => snapshot.limitId)).toEqual([
      'codex',
      'codex_alpha',
      'codex_secondary',
      'codex_zeta',
    ]);
    expect(snapshots[0]).toEqual({ limitId: 'codex', primary: { usedPercent: 12.5 } });
  });

  it('78, §9.4. empty headers still give the default snapshot', () => {
    expect(parseAllRateLimits(new Headers())).toEqual([{ limitId: 'codex' }]);
  });

  it('79, §9.19. zero windows are dropped; NaN and infinities rejected', () => {
    const primary = (headers: Record<string, string>) => parseDefaultRateLimit(headers).primary;
    expect(primary({ 'x-codex-primary-used-percent': '0' })).toBeUndefined();
    expect(
      primary({ 'x-codex-primary-used-percent': '0', 'x-codex-primary-window-minutes': '0' }),
    ).toBeUndefined();
    expect(
      primary({
        'x-codex-primary-used-percent': '0',
        'x-codex-primary-window-minutes': '0',
        'x-codex-primary-reset-at': '5',
      }),
    ).toEqual({ usedPercent: 0, windowMinutes: 0, resetsAt: 5 });
    for (const value of ['NaN', 'inf', '-infinity', 'abc', '', '0x10', ' 5']) {
      expect(primary({ 'x-codex-primary-used-percent': value }), value).toBeUndefined();
    }
    expect(primary({ 'x-codex-primary-used-percent': '1e2' })).toEqual({ usedPercent: 100 });
    // Integers only for minutes and reset time.
    expect(
      primary({
        'x-codex-primary-used-percent': '7',
        'x-codex-primary-window-minutes': '300.0',
        'x-codex-primary-reset-at': '17e8',
      }),
    ).toEqual({ usedPercent: 7 });
  });

  it('80. credits: booleans true/false/1/0 in any case, balance trimmed', () => {
    expect(
      parseDefaultRateLimit({
        'x-codex-credits-has-credits': 'TRUE',
        'x-codex-credits-unlimited': '0',
        'x-codex-credits-balance': ' 12.50 ',
      }).credits,
    ).toEqual({ hasCredits: true, unlimited: false, balance: '12.50' });
    expect(
      parseDefaultRateLimit({
        'x-codex-credits-has-credits': 'yes',
        'x-codex-credits-unlimited': 'false',
      }).credits,
    ).toBeUndefined();
  });

  it('credits are global: they keep an otherwise empty family', () => {
    const snapshots = parseAllRateLimits({
      'x-codex-other-primary-used-percent': '0',
      'x-codex-credits-has-credits': 'true',
      'x-codex-credits-unlimited': 'false',
    });
    expect(snapshots[1]).toEqual({
      limitId: 'codex_other',
      credits: { hasCredits: true, unlimited: false },
    });
    // Without credits the same family has no data and is dropped.
    expect(parseAllRateLimits({ 'x-codex-other-primary-used-percent': '0' })).toHaveLength(1);
  });

  it('a family with only secondary headers is not discovered', () => {
    expect(
      parseAllRateLimits({ 'x-codex-other-secondary-used-percent': '50' }).map((s) => s.limitId),
    ).toEqual(['codex']);
  });

  it('promo message: trimmed, blank is absent', () => {
    expect(parsePromoMessage({ 'x-codex-promo-message': '  Try Pro  ' })).toBe('Try Pro');
    expect(parsePromoMessage(new Headers({ 'x-codex-promo-message': '  ' }))).toBeUndefined();
    expect(parsePromoMessage({})).toBeUndefined();
  });
});

describe('parseRateLimitEvent (§5.4)', () => {
  it('81. a full event', () => {
    expect(
      parseRateLimitEvent(
        '{"type":"codex.rate_limits","plan_type":"plus","rate_limits":{"primary":{"used_percent":42,"window_minutes":300,"reset_at":1700000000}},"credits":{"has_credits":true,"unlimited":false,"balance":"5"},"metered_limit_name":"Codex-Other"}',
      ),
    ).toEqual({
      limitId: 'codex_other',
      primary: { usedPercent: 42, windowMinutes: 300, resetsAt: 1700000000 },
      credits: { hasCredits: true, unlimited: false, balance: '5' },
      planType: 'plus',
    });
  });

  it('81. another type, bad JSON or a wrong shape → undefined', () => {
    expect(parseRateLimitEvent('{"type":"response.created"}')).toBeUndefined();
    expect(parseRateLimitEvent('{not json')).toBeUndefined();
    expect(
      parseRateLimitEvent(
        '{"type":"codex.rate_limits","credits":{"has_credits":true,"unlimited":false,"balance":5}}',
      ),
    ).toBeUndefined();
    expect(
      parseRateLimitEvent(
        '{"type":"codex.rate_limits","rate_limits":{"primary":{"window_minutes":5}}}',
      ),
    ).toBeUndefined();
  });

  it('limit_name is the fallback id; unknown plans are "unknown"', () => {
    expect(
      parseRateLimitEvent(
        '{"type":"codex.rate_limits","limit_name":" Codex-Bengalfox ","plan_type":"galaxy"}',
      ),
    ).toEqual({ limitId: 'codex_bengalfox', planType: 'unknown' });
  });
});
