import {
  isKnownPlan,
  type PlanType,
  type RateLimitReachedType,
  type RateLimitSnapshot,
} from '../events/rate-limit-snapshot.js';
import { rustTrim } from '../text/rust-trim.js';
import { CodexError, type CodexErrorOptions, isMarked, markErrorClass } from './codex-error.js';
import type { CodexErrorInfo } from './codex-error-info.js';
import { formatRetryTime } from './format-retry-time.js';

/** Named arguments of {@link UsageLimitReachedError}. */
export interface UsageLimitReachedErrorOptions extends CodexErrorOptions {
  planType?: PlanType | undefined;
  /** When the limit resets (the server sends Unix seconds: `new Date(seconds * 1000)`). */
  resetsAt?: Date | undefined;
  /** The snapshot of the limit that was hit (its `limitName` picks the per-model message). */
  rateLimits?: RateLimitSnapshot | undefined;
  /** The `x-codex-promo-message` response header. */
  promoMessage?: string | undefined;
  /** The `x-codex-rate-limit-reached-type` response header. */
  rateLimitReachedType?: RateLimitReachedType | undefined;
  /**
   * The current time, which decides whether the reset time shows a date.
   * @default new Date()
   */
  now?: Date | undefined;
  /**
   * IANA time zone the reset time is shown in.
   * @default the system's local time zone
   */
  timeZone?: string | undefined;
}

/**
 * The account hit a usage limit.
 *
 * Message, first that applies: a limit other than `codex` (by `rateLimits.limitName`) → `You've hit
 * your usage limit for {name}. Switch to another model now, or try again at {time}.`; a workspace
 * reached type → its fixed text; a promo message → `You've hit your usage limit. {promo}, or try
 * again at {time}.`; otherwise the text for the plan. `{time}` is `h:MM AM` the same day, else
 * `Mon D{st|nd|rd|th}, YYYY h:MM PM`, and `try again later` without a reset time. Not retryable.
 */
export class UsageLimitReachedError extends CodexError {
  override readonly name: string = 'UsageLimitReachedError';
  readonly kind: 'usage_limit_reached' = 'usage_limit_reached';
  readonly isRetryable: boolean = false;
  readonly planType?: PlanType;
  readonly resetsAt?: Date;
  readonly rateLimits?: RateLimitSnapshot;
  readonly promoMessage?: string;
  readonly rateLimitReachedType?: RateLimitReachedType;

  constructor(options: UsageLimitReachedErrorOptions = {}) {
    if (options.resetsAt !== undefined && Number.isNaN(options.resetsAt.getTime?.())) {
      throw new TypeError('resetsAt must be a valid Date');
    }
    if (options.timeZone !== undefined) {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: options.timeZone });
      } catch (error) {
        throw new RangeError(`timeZone is not a known time zone: ${options.timeZone}`, {
          cause: error,
        });
      }
    }
    // Rendered now, not lazily: the text depends on the current time (`today` vs a date).
    super(renderUsageLimit(options), options);
    markErrorClass(this, 'UsageLimitReachedError');
    if (options.planType !== undefined) this.planType = options.planType;
    if (options.resetsAt !== undefined) this.resetsAt = options.resetsAt;
    if (options.rateLimits !== undefined) this.rateLimits = options.rateLimits;
    if (options.promoMessage !== undefined) this.promoMessage = options.promoMessage;
    if (options.rateLimitReachedType !== undefined) {
      this.rateLimitReachedType = options.rateLimitReachedType;
    }
  }

  get errorInfo(): CodexErrorInfo {
    return 'usage_limit_exceeded';
  }

  /** Whether `value` is a `UsageLimitReachedError`, from any installed copy of this package. */
  static override isInstance(value: unknown): value is UsageLimitReachedError {
    return isMarked(value, 'UsageLimitReachedError');
  }
}

const REACHED_TYPE_MESSAGES: Partial<Record<RateLimitReachedType, string>> = {
  workspace_owner_credits_depleted: 'Your workspace is out of credits. Add credits to continue.',
  workspace_member_credits_depleted:
    'Your workspace is out of credits. Ask your workspace owner to refill in order to continue.',
  workspace_owner_usage_limit_reached:
    'You hit your spend cap set in your workspace. Increase your spend cap to continue.',
  workspace_member_usage_limit_reached:
    'You hit your spend cap set by the owner of your workspace. Ask an owner to increase your spend cap to continue.',
};

function renderUsageLimit(options: UsageLimitReachedErrorOptions): string {
  const { resetsAt, timeZone } = options;
  const time =
    resetsAt === undefined
      ? undefined
      : formatRetryTime(resetsAt, options.now ?? new Date(), timeZone);
  const orTryAgain = time === undefined ? ' or try again later.' : ` or try again at ${time}.`;
  const tryAgain = time === undefined ? ' Try again later.' : ` Try again at ${time}.`;

  const rawName = options.rateLimits?.limitName;
  const limitName = rawName === undefined ? undefined : rustTrim(rawName);
  if (limitName && limitName.toLowerCase() !== 'codex') {
    return `You've hit your usage limit for ${limitName}. Switch to another model now,${orTryAgain}`;
  }
  const reachedTypeMessage =
    options.rateLimitReachedType === undefined
      ? undefined
      : REACHED_TYPE_MESSAGES[options.rateLimitReachedType];
  if (reachedTypeMessage !== undefined) return reachedTypeMessage;
  if (options.promoMessage !== undefined) {
    return `You've hit your usage limit. ${options.promoMessage},${orTryAgain}`;
  }

  const plan = options.planType;
  switch (plan !== undefined && isKnownPlan(plan) ? plan : undefined) {
    case 'plus':
      return `You've hit your usage limit. Upgrade to Pro (https://chatgpt.com/explore/pro), visit https://chatgpt.com/codex/settings/usage to purchase more credits${orTryAgain}`;
    case 'team':
    case 'self_serve_business_usage_based':
    case 'business':
    case 'enterprise_cbp_usage_based':
      return `You've hit your usage limit. To get more access now, send a request to your admin${orTryAgain}`;
    case 'free':
    case 'go':
      return `You've hit your usage limit. Upgrade to Plus to continue using Codex (https://chatgpt.com/explore/plus),${orTryAgain}`;
    case 'pro':
    case 'prolite':
      return `You've hit your usage limit. Visit https://chatgpt.com/codex/settings/usage to purchase more credits${orTryAgain}`;
    default:
      return `You've hit your usage limit.${tryAgain}`;
  }
}
