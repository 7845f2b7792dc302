/**
 * Names a rate-limit window by its length: `5h`, `daily`, `weekly`, `monthly`, `3d`, `45m`.
 *
 * @example formatWindow(300); // '5h'
 * @example formatWindow(10_080); // 'weekly'
 */
export function formatWindow(windowMinutes: number): string {
  if (windowMinutes === 1440) return 'daily';
  if (windowMinutes === 10_080) return 'weekly';
  if (windowMinutes >= 40_320 && windowMinutes <= 44_640) return 'monthly';
  if (windowMinutes > 0 && windowMinutes % 1440 === 0) return `${windowMinutes / 1440}d`;
  if (windowMinutes > 0 && windowMinutes % 60 === 0) return `${windowMinutes / 60}h`;
  return `${windowMinutes}m`;
}
