import { describe, expect, it } from 'vitest';
import { formatRateLimitSnapshot } from './format-rate-limit-snapshot.js';

// 2026-06-14 10:00:00 UTC, a Sunday.
const NOW = Date.UTC(2026, 5, 14, 10, 0, 0);
const seconds = (milliseconds: number): number => Math.floor(milliseconds / 1000);

describe('formatRateLimitSnapshot', () => {
  it('names each window, its use, its reset time and the countdown', () => {
    const lines = formatRateLimitSnapshot({
      snapshot: {
        limitId: 'codex',
        primary: {
          usedPercent: 42,
          windowMinutes: 300,
          resetsAt: seconds(NOW + (2 * 60 + 13) * 60_000 + 20_000),
        },
        secondary: {
          usedPercent: 12.5,
          windowMinutes: 10_080,
          resetsAt: seconds(NOW + (4 * 24 + 3) * 3_600_000 + 20_000),
        },
      },
      now: NOW,
      locale: 'en-GB',
      timeZone: 'UTC',
    });
    expect(lines).toEqual([
      '5h window        42% used  [████████░░░░░░░░░░░░]  resets 12:13 (in 2h 13m)',
      'weekly window  12.5% used  [███░░░░░░░░░░░░░░░░░]  resets Thu 18 Jun 13:00 (in 4d 3h)',
    ]);
  });

  it('shows the reset in the given time zone', () => {
    const [line] = formatRateLimitSnapshot({
      snapshot: {
        primary: { usedPercent: 1, windowMinutes: 60, resetsAt: seconds(NOW + 30 * 60_000) },
      },
      now: NOW,
      locale: 'en-GB',
      timeZone: 'Asia/Tokyo',
    });
    expect(line).toContain('resets 19:30 (in 30m)');
  });

  it('copes with windows missing their length or reset time, and with credits and plan', () => {
    const lines = formatRateLimitSnapshot({
      snapshot: {
        primary: { usedPercent: 100 },
        credits: { hasCredits: true, unlimited: false, balance: '12.50' },
        planType: 'plus',
      },
      now: NOW,
    });
    expect(lines).toEqual([
      'primary window   100% used  [████████████████████]',
      'credits       12.50',
      'plan          plus',
    ]);
  });

  it('says so when the snapshot is empty', () => {
    expect(formatRateLimitSnapshot({ snapshot: { limitId: 'codex' }, now: NOW })).toEqual([
      'no rate-limit windows reported',
    ]);
  });
});
