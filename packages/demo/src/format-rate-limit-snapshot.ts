import type { RateLimitSnapshot, RateLimitWindow } from '@codex/protocol';
import { formatDuration } from './format-duration.js';
import { formatWindow } from './format-window.js';

/** Named arguments of {@link formatRateLimitSnapshot}. */
export interface FormatRateLimitSnapshotOptions {
  /** The snapshot from a `rateLimits` event. */
  readonly snapshot: RateLimitSnapshot;
  /** The current time in milliseconds since the epoch. @default Date.now() */
  readonly now?: number | undefined;
  /** BCP 47 locale for the reset time. @default the runtime's locale */
  readonly locale?: string | undefined;
  /** IANA time zone for the reset time. @default the runtime's local zone */
  readonly timeZone?: string | undefined;
}

const BAR_WIDTH = 20;

/**
 * The lines that describe a rate-limit snapshot, one per window, e.g.
 * `5h window      42% used  [████████░░░░░░░░░░░░]  resets 16:48 (in 2h 13m)`;
 * then credits and plan when the server sent them. An empty snapshot gives one line saying so.
 */
export function formatRateLimitSnapshot(options: FormatRateLimitSnapshotOptions): string[] {
  const { snapshot } = options;
  const now = options.now ?? Date.now();
  const windows: Array<[string, RateLimitWindow]> = [];
  if (snapshot.primary) windows.push(['primary', snapshot.primary]);
  if (snapshot.secondary) windows.push(['secondary', snapshot.secondary]);
  const labels = windows.map(([fallback, window]) =>
    window.windowMinutes === undefined
      ? `${fallback} window`
      : `${formatWindow(window.windowMinutes)} window`,
  );
  const labelWidth = Math.max(0, ...labels.map((label) => label.length));
  const lines = windows.map(([, window], index) => {
    const label = (labels[index] ?? '').padEnd(labelWidth);
    const percent = `${formatPercent(window.usedPercent)} used`.padStart(10);
    const reset =
      window.resetsAt === undefined
        ? ''
        : `  resets ${formatReset(window.resetsAt * 1000, now, options)}`;
    return `${label}  ${percent}  ${usageBar(window.usedPercent)}${reset}`;
  });
  if (snapshot.credits) {
    const { credits } = snapshot;
    lines.push(
      credits.unlimited
        ? 'credits       unlimited'
        : `credits       ${credits.hasCredits ? (credits.balance ?? 'available') : 'none'}`,
    );
  }
  if (snapshot.planType !== undefined) lines.push(`plan          ${snapshot.planType}`);
  if (lines.length === 0) lines.push('no rate-limit windows reported');
  return lines;
}

function formatPercent(percent: number): string {
  return Number.isInteger(percent) ? `${percent}%` : `${percent.toFixed(1)}%`;
}

function usageBar(percent: number): string {
  const filled = Math.round((Math.min(Math.max(percent, 0), 100) / 100) * BAR_WIDTH);
  return `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}]`;
}

function formatReset(
  resetAt: number,
  now: number,
  options: Pick<FormatRateLimitSnapshotOptions, 'locale' | 'timeZone'>,
): string {
  const zone = options.timeZone === undefined ? {} : { timeZone: options.timeZone };
  const time = new Intl.DateTimeFormat(options.locale, {
    hour: '2-digit',
    minute: '2-digit',
    ...zone,
  }).format(resetAt);
  const day = new Intl.DateTimeFormat('en-CA', { dateStyle: 'short', ...zone });
  // Same calendar day in the chosen zone: the time is enough. Otherwise name the day too.
  const when =
    day.format(resetAt) === day.format(now)
      ? time
      : `${new Intl.DateTimeFormat(options.locale, {
          weekday: 'short',
          day: 'numeric',
          month: 'short',
          ...zone,
        }).format(resetAt)} ${time}`;
  return `${when} (in ${formatDuration(resetAt - now)})`;
}
