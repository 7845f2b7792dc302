/** Where an Acme customer buys more quota. */
export const ACME_BILLING_URL = 'https://console.acme.example/billing';

/**
 * Shown instead of `unexpected status 402 Payment Required: …` when the gateway reports that the
 * plan's quota is used up. No trailing period: the diagnostics (`, url: …, request id: …`) follow.
 */
export const ACME_QUOTA_MESSAGE: string = `Your Acme plan is out of quota. Top up at ${ACME_BILLING_URL} and retry`;
