import {
  type CreditsSnapshot,
  isKnownPlan,
  type PlanType,
  type RateLimitSnapshot,
  type RateLimitWindow,
  rustTrim,
} from '@codex/protocol';
import { isI64 } from '../is-i64.js';
import { type HeaderSource, readHeader, readTextHeader } from '../read-header.js';

/**
 * Response headers as a `Headers` object or a plain record. Lookups are case-insensitive either
 * way.
 */
export type RateLimitHeaders = HeaderSource;

const DEFAULT_LIMIT_ID = 'codex';
// Rust's `str::parse::<f64>` grammar, minus `inf`/`nan` (rejected afterwards as not finite).
const FLOAT = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
// Rust's `str::parse::<i64>`: an optional sign, then ASCII digits only.
const INTEGER = /^[+-]?[0-9]+$/;
const I64_LIMIT = 2 ** 63;
const USED_PERCENT_SUFFIX = '-primary-used-percent';

// Every value is read as upstream reads it: the first one, visible ASCII only (see readHeader).
function parseFloatHeader(headers: HeaderSource, name: string): number | undefined {
  const value = readHeader(headers, name);
  if (value === undefined || !FLOAT.test(value)) return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

function parseIntegerHeader(headers: HeaderSource, name: string): number | undefined {
  const value = readHeader(headers, name);
  if (value === undefined || !INTEGER.test(value)) return undefined;
  const number = Number(value);
  return number >= -I64_LIMIT && number < I64_LIMIT ? number : undefined;
}

function parseBooleanHeader(headers: HeaderSource, name: string): boolean | undefined {
  const value = readHeader(headers, name);
  if (value === undefined) return undefined;
  const lower = asciiLowercase(value);
  if (lower === 'true' || value === '1') return true;
  if (lower === 'false' || value === '0') return false;
  return undefined;
}

function trimmedHeader(headers: HeaderSource, name: string): string | undefined {
  const value = readHeader(headers, name);
  const trimmed = value === undefined ? undefined : rustTrim(value);
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** Rust's `str::to_ascii_lowercase`: only `A`–`Z` change (`Ä` stays). */
function asciiLowercase(text: string): string {
  return text.replace(/[A-Z]+/g, (upper) => upper.toLowerCase());
}

function headerNames(headers: HeaderSource): Iterable<string> {
  return headers instanceof Headers ? headers.keys() : Object.keys(headers);
}

/** Trims, lower-cases and maps `-` to `_`: the library form of a limit id. */
function normaliseLimitId(raw: string): string {
  return asciiLowercase(rustTrim(raw)).replaceAll('-', '_');
}

function parseWindow(
  headers: HeaderSource,
  prefix: string,
  window: 'primary' | 'secondary',
): RateLimitWindow | undefined {
  const usedPercent = parseFloatHeader(headers, `${prefix}-${window}-used-percent`);
  if (usedPercent === undefined) return undefined;
  const windowMinutes = parseIntegerHeader(headers, `${prefix}-${window}-window-minutes`);
  const resetsAt = parseIntegerHeader(headers, `${prefix}-${window}-reset-at`);
  // A window that says nothing (0 % used, no length, no reset time) is no window at all.
  const hasData =
    usedPercent !== 0 ||
    (windowMinutes !== undefined && windowMinutes !== 0) ||
    resetsAt !== undefined;
  if (!hasData) return undefined;
  const result: RateLimitWindow = { usedPercent };
  if (windowMinutes !== undefined) result.windowMinutes = windowMinutes;
  if (resetsAt !== undefined) result.resetsAt = resetsAt;
  return result;
}

function parseCredits(headers: HeaderSource): CreditsSnapshot | undefined {
  const hasCredits = parseBooleanHeader(headers, 'x-codex-credits-has-credits');
  const unlimited = parseBooleanHeader(headers, 'x-codex-credits-unlimited');
  if (hasCredits === undefined || unlimited === undefined) return undefined;
  const credits: CreditsSnapshot = { hasCredits, unlimited };
  const balance = trimmedHeader(headers, 'x-codex-credits-balance');
  if (balance !== undefined) credits.balance = balance;
  return credits;
}

function parseFamily(headers: HeaderSource, limitId: string | undefined): RateLimitSnapshot {
  const trimmed = limitId === undefined ? undefined : rustTrim(limitId);
  const family = asciiLowercase(
    trimmed === undefined || trimmed === '' ? DEFAULT_LIMIT_ID : trimmed,
  ).replaceAll('_', '-');
  const prefix = `x-${family}`;
  const snapshot: RateLimitSnapshot = { limitId: family.replaceAll('-', '_') };
  const limitName = trimmedHeader(headers, `${prefix}-limit-name`);
  if (limitName !== undefined) snapshot.limitName = limitName;
  const primary = parseWindow(headers, prefix, 'primary');
  if (primary !== undefined) snapshot.primary = primary;
  const secondary = parseWindow(headers, prefix, 'secondary');
  if (secondary !== undefined) snapshot.secondary = secondary;
  // Credits are account-wide: always the `x-codex-credits-*` headers, whatever the family.
  const credits = parseCredits(headers);
  if (credits !== undefined) snapshot.credits = credits;
  return snapshot;
}

/**
 * Reads the rate-limit snapshot of one limit family from response headers (`x-<family>-…`, where
 * the family is `limitId` lower-cased with `_` → `-`, `codex` when absent or blank). Always
 * returns a snapshot, possibly with every window absent. A window exists only when its
 * `…-used-percent` is a finite number and it carries data (a non-zero percentage, a non-zero
 * length or a reset time). Credits come from the global `x-codex-credits-*` headers.
 *
 * @example
 * parseRateLimitForLimit(response.headers, 'codex_secondary');
 * // reads x-codex-secondary-primary-used-percent, …; limitId 'codex_secondary'
 */
export function parseRateLimitForLimit(
  headers: RateLimitHeaders,
  limitId?: string,
): RateLimitSnapshot {
  return parseFamily(headers, limitId);
}

/** The snapshot of the default `codex` family; same as `parseRateLimitForLimit(headers)`. */
export function parseDefaultRateLimit(headers: RateLimitHeaders): RateLimitSnapshot {
  return parseFamily(headers, undefined);
}

/**
 * Reads every rate-limit family from response headers: first the default `codex` snapshot
 * (always present, even when empty), then every other family named by an
 * `x-<name>-primary-used-percent` header, sorted by id, kept only when it has a window or credits.
 *
 * @example
 * for (const snapshot of parseAllRateLimits(response.headers)) console.log(snapshot.limitId);
 */
export function parseAllRateLimits(headers: RateLimitHeaders): RateLimitSnapshot[] {
  const snapshots = [parseFamily(headers, undefined)];
  const ids = new Set<string>();
  for (const name of headerNames(headers)) {
    const lower = asciiLowercase(name);
    if (!lower.startsWith('x-') || !lower.endsWith(USED_PERCENT_SUFFIX)) continue;
    const id = normaliseLimitId(lower.slice(2, lower.length - USED_PERCENT_SUFFIX.length));
    if (id !== '' && id !== DEFAULT_LIMIT_ID) ids.add(id);
  }
  // Byte order, as upstream sorts: ids are ASCII in practice, where this equals code-unit order.
  for (const id of [...ids].sort()) {
    const snapshot = parseFamily(headers, id);
    if (snapshot.primary || snapshot.secondary || snapshot.credits) snapshots.push(snapshot);
  }
  return snapshots;
}

/**
 * The `x-codex-promo-message` header trimmed (as Rust trims), or `undefined` when absent, blank or
 * not visible ASCII. Read whole, not split at `, ` like the other headers: see `readTextHeader`.
 */
export function parsePromoMessage(headers: RateLimitHeaders): string | undefined {
  return readTextHeader(headers, 'x-codex-promo-message');
}

const INVALID = Symbol('invalid');
type Invalid = typeof INVALID;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined | Invalid {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : INVALID;
}

// serde's `Option<i64>`: see isI64 (a fraction, `-0` or a value past the i64 range is invalid).
function optionalInteger(value: unknown): number | undefined | Invalid {
  if (value === undefined || value === null) return undefined;
  return isI64(value) ? value : INVALID;
}

function eventWindow(value: unknown): RateLimitWindow | undefined | Invalid {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value) || typeof value.used_percent !== 'number') return INVALID;
  const windowMinutes = optionalInteger(value.window_minutes);
  const resetsAt = optionalInteger(value.reset_at);
  if (windowMinutes === INVALID || resetsAt === INVALID) return INVALID;
  const window: RateLimitWindow = { usedPercent: value.used_percent };
  if (windowMinutes !== undefined) window.windowMinutes = windowMinutes;
  if (resetsAt !== undefined) window.resetsAt = resetsAt;
  return window;
}

function eventCredits(value: unknown): CreditsSnapshot | undefined | Invalid {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) return INVALID;
  const { has_credits: hasCredits, unlimited } = value;
  const balance = optionalString(value.balance);
  if (typeof hasCredits !== 'boolean' || typeof unlimited !== 'boolean' || balance === INVALID) {
    return INVALID;
  }
  const credits: CreditsSnapshot = { hasCredits, unlimited };
  if (balance !== undefined) credits.balance = balance;
  return credits;
}

/**
 * Reads a `codex.rate_limits` event (JSON text, as sent over the Responses WebSocket) into a
 * snapshot, or `undefined` when the text is not JSON, its `type` is not `codex.rate_limits`, or
 * any known field has the wrong shape (serde's rules: integers are integers, enums and the
 * `type` match case-sensitively). The limit id comes from `metered_limit_name` when present (even
 * empty), else `limit_name` (trimmed as Rust trims, ASCII-lower-cased, `-` → `_`), else `codex`;
 * windows use `reset_at`; an unknown `plan_type` (`"PLUS"` included) becomes `'unknown'`.
 *
 * @example
 * parseRateLimitEvent('{"type":"codex.rate_limits","rate_limits":{"primary":{"used_percent":42}}}');
 * // { limitId: 'codex', primary: { usedPercent: 42 } }
 */
export function parseRateLimitEvent(json: string): RateLimitSnapshot | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!isObject(value) || value.type !== 'codex.rate_limits') return undefined;
  const planType = optionalString(value.plan_type);
  const meteredLimitName = optionalString(value.metered_limit_name);
  const limitName = optionalString(value.limit_name);
  const credits = eventCredits(value.credits);
  if (
    planType === INVALID ||
    meteredLimitName === INVALID ||
    limitName === INVALID ||
    credits === INVALID
  ) {
    return undefined;
  }
  const rateLimits = value.rate_limits ?? {};
  if (!isObject(rateLimits)) return undefined;
  const primary = eventWindow(rateLimits.primary);
  const secondary = eventWindow(rateLimits.secondary);
  if (primary === INVALID || secondary === INVALID) return undefined;
  // `Some("")` stays a value: an empty (or blank) `metered_limit_name` wins over `limit_name`
  // and normalises to the empty id, as upstream's `Option::or` + `normalize_limit_id` do.
  const rawId = meteredLimitName ?? limitName;
  const snapshot: RateLimitSnapshot = {
    limitId: rawId === undefined ? DEFAULT_LIMIT_ID : normaliseLimitId(rawId),
  };
  if (primary !== undefined) snapshot.primary = primary;
  if (secondary !== undefined) snapshot.secondary = secondary;
  if (credits !== undefined) snapshot.credits = credits;
  if (planType !== undefined) snapshot.planType = eventPlanType(planType);
  return snapshot;
}

function eventPlanType(raw: string): PlanType {
  // The event carries lower-case plan names only; anything else is `unknown`.
  return isKnownPlan(raw) ? raw : 'unknown';
}
