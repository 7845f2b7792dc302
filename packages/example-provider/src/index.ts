/**
 * @packageDocumentation
 * An example custom model provider for `@codex/api` ("Acme gateway"): settings read lazily from
 * options and `ACME_*` variables, bearer auth, an extra header and its own error-mapping rule.
 * Built only on the package roots of `@codex/api` and `@codex/protocol`.
 */

export { ACME_BILLING_URL, ACME_QUOTA_MESSAGE } from './acme-quota-message.js';
export type { AcmeProviderSettings } from './create-acme-provider.js';
export {
  ACME_CLIENT_HEADER,
  ACME_DEFAULT_BASE_URL,
  ACME_PROVIDER_ID,
  ACME_PROVIDER_NAME,
  createAcmeProvider,
} from './create-acme-provider.js';
export { ACME_QUOTA_MARKER, mapAcmeApiError } from './map-acme-api-error.js';
