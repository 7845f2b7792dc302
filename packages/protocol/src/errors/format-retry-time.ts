const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function localParts(date: Date, timeZone: string | undefined): LocalParts {
  const format = new Intl.DateTimeFormat('en-US', {
    ...(timeZone === undefined ? {} : { timeZone }),
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  });
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(date)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
  };
}

function daySuffix(day: number): string {
  if (day >= 11 && day <= 13) return 'th';
  switch (day % 10) {
    case 1:
      return 'st';
    case 2:
      return 'nd';
    case 3:
      return 'rd';
    default:
      return 'th';
  }
}

/**
 * Formats when a limit resets, in local time of `timeZone` (the system's when absent): `h:MM AM`
 * when it is the same day as `now`, else `Mon D{st|nd|rd|th}, YYYY h:MM PM`.
 * @internal
 */
export function formatRetryTime(resetsAt: Date, now: Date, timeZone?: string): string {
  const reset = localParts(resetsAt, timeZone);
  const today = localParts(now, timeZone);
  const hour12 = reset.hour % 12 === 0 ? 12 : reset.hour % 12;
  const time = `${hour12}:${String(reset.minute).padStart(2, '0')} ${reset.hour < 12 ? 'AM' : 'PM'}`;
  if (reset.year === today.year && reset.month === today.month && reset.day === today.day) {
    return time;
  }
  return `${MONTHS[reset.month - 1]} ${reset.day}${daySuffix(reset.day)}, ${reset.year} ${time}`;
}
