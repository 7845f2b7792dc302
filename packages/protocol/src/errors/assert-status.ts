/**
 * Throws a `TypeError` naming the option unless `status` is an HTTP status code (100–999).
 * @internal
 */
export function assertStatus(status: unknown, option: string): void {
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 999) {
    throw new TypeError(`${option} must be an integer HTTP status code, got ${String(status)}`);
  }
}
