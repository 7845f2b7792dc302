/** A plan Codex knows by name. */
export type KnownPlan =
  | 'free'
  | 'go'
  | 'plus'
  | 'pro'
  | 'prolite'
  | 'team'
  | 'self_serve_business_usage_based'
  | 'business'
  | 'enterprise_cbp_usage_based'
  | 'enterprise'
  | 'edu';

/** A ChatGPT plan: a {@link KnownPlan} or, for plans this version does not know, the raw string. */
export type PlanType = KnownPlan | (string & {});

/** Why a rate limit was reached. */
export type RateLimitReachedType =
  | 'rate_limit_reached'
  | 'workspace_owner_credits_depleted'
  | 'workspace_member_credits_depleted'
  | 'workspace_owner_usage_limit_reached'
  | 'workspace_member_usage_limit_reached';

/** One rate-limit window. */
export interface RateLimitWindow {
  /** Percentage of the window used (may be fractional). */
  usedPercent: number;
  /** The window's length in minutes (e.g. 300 for a five-hour window). */
  windowMinutes?: number;
  /** When the window resets, in Unix seconds. */
  resetsAt?: number;
}

/** Credit balance of the account. */
export interface CreditsSnapshot {
  /** Whether the account has credits (`x-codex-credits-has-credits`). */
  hasCredits: boolean;
  /** Whether the credits are unlimited (`x-codex-credits-unlimited`). */
  unlimited: boolean;
  /** The balance as the server wrote it (`x-codex-credits-balance`); absent when empty. */
  balance?: string;
}

/** A spend-control limit of a workspace member. */
export interface SpendControlLimitSnapshot {
  /** The limit, as the server wrote it (an amount). */
  limit: string;
  /** How much of it is used, as the server wrote it. */
  used: string;
  /** Percentage of the limit left. */
  remainingPercent: number;
  /** When the limit resets, in Unix seconds. */
  resetsAt: number;
}

/** The rate limits of one limit family (`codex` by default), camelCase. */
export interface RateLimitSnapshot {
  /** The family's id, e.g. `codex` or `codex_secondary`. */
  limitId?: string;
  /** The family's display name (`x-<family>-limit-name`), when the server sent one. */
  limitName?: string;
  /** The shorter window (e.g. five hours). */
  primary?: RateLimitWindow;
  /** The longer window (e.g. a week). */
  secondary?: RateLimitWindow;
  /** The account's credits, when the server reported them. */
  credits?: CreditsSnapshot;
  /** The spend-control limit of the workspace member, when there is one. */
  individualLimit?: SpendControlLimitSnapshot;
  /** The ChatGPT plan of the account, when known. */
  planType?: PlanType;
  /** Which limit was reached, when one was. */
  rateLimitReachedType?: RateLimitReachedType;
}

const knownPlans: ReadonlySet<string> = new Set<KnownPlan>([
  'free',
  'go',
  'plus',
  'pro',
  'prolite',
  'team',
  'self_serve_business_usage_based',
  'business',
  'enterprise_cbp_usage_based',
  'enterprise',
  'edu',
]);

/**
 * Reads a plan name as Codex does (serde's lower-case names): the match is exact and
 * case-sensitive, `hc` means `enterprise` and `education` means `edu`; any other string, `"PLUS"`
 * and `""` included, is kept as given (an unknown plan).
 *
 * @example
 * parsePlanType('plus'); // 'plus'
 * parsePlanType('PLUS'); // 'PLUS' (unknown: upstream's enum names are case-sensitive)
 */
export function parsePlanType(raw: string): PlanType {
  if (raw === 'hc') return 'enterprise';
  if (raw === 'education') return 'edu';
  return raw;
}

/** Whether a plan is one Codex knows by name. */
export function isKnownPlan(plan: PlanType): plan is KnownPlan {
  return knownPlans.has(plan);
}

const reachedTypes: ReadonlySet<string> = new Set<RateLimitReachedType>([
  'rate_limit_reached',
  'workspace_owner_credits_depleted',
  'workspace_member_credits_depleted',
  'workspace_owner_usage_limit_reached',
  'workspace_member_usage_limit_reached',
]);

/**
 * Reads a `rate_limit_reached_type` (for example the `x-codex-rate-limit-reached-type` header):
 * the match is exact and case-sensitive, so an unknown string (`"RATE_LIMIT_REACHED"` included)
 * gives `undefined`.
 */
export function parseRateLimitReachedType(raw: string): RateLimitReachedType | undefined {
  return reachedTypes.has(raw) ? (raw as RateLimitReachedType) : undefined;
}
