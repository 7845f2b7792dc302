import type { ModelProvider } from './model-provider.js';

/**
 * What the models of a provider can do beyond the Responses API itself (upstream
 * `ProviderCapabilities`). A caller builds its tool list from it: a provider without
 * `webSearch` must not be offered the hosted web search tool. Declarative: requests are not
 * changed by it.
 */
export interface ProviderCapabilities {
  /** Tools grouped in namespaces (`namespace` on function calls). */
  readonly namespaceTools: boolean;
  /** The hosted image generation tool. */
  readonly imageGeneration: boolean;
  /** The hosted web search tool. */
  readonly webSearch: boolean;
}

/** Everything supported: the capabilities of a provider that declares none (upstream default). */
export const DEFAULT_PROVIDER_CAPABILITIES: ProviderCapabilities = Object.freeze({
  namespaceTools: true,
  imageGeneration: true,
  webSearch: true,
});

/**
 * The capabilities of `provider`: what it declares, each one it leaves out `true`.
 *
 * @example providerCapabilities(createBedrockProvider()).webSearch // false
 */
export function providerCapabilities(provider: ModelProvider): ProviderCapabilities {
  const declared = provider.capabilities;
  if (declared === undefined) return DEFAULT_PROVIDER_CAPABILITIES;
  return Object.freeze({ ...DEFAULT_PROVIDER_CAPABILITIES, ...declared });
}
