import type { CodexError } from '@codex/protocol';
import type { ApiError } from '../errors/api-error.js';
import { defaultMapApiError } from './default-map-api-error.js';
import type { ModelProvider } from './model-provider.js';

/** What {@link defineModelProvider} takes: a {@link ModelProvider} whose `mapApiError` is optional. */
export interface ModelProviderDefinition extends Omit<ModelProvider, 'mapApiError'> {
  /**
   * Maps an endpoint failure to the error the caller sees. Usually calls `defaultMapApiError`
   * and adjusts its result (e.g. `withUserMessage`).
   * @default defaultMapApiError
   */
  readonly mapApiError?: ((error: ApiError) => CodexError) | undefined;
}

/**
 * Builds a {@link ModelProvider}, validating the definition and filling `mapApiError` with the
 * provider-neutral {@link defaultMapApiError}. The result is frozen.
 *
 * @throws TypeError naming the field that is invalid.
 * @example
 * const local = defineModelProvider({
 *   id: 'local',
 *   name: 'Local',
 *   resolve: async () => ({
 *     settings: createEndpointSettings({ name: 'Local', baseUrl: 'http://127.0.0.1:8080/v1' }),
 *     auth: noAuth,
 *   }),
 * });
 */
export function defineModelProvider(definition: ModelProviderDefinition): ModelProvider {
  if (typeof definition !== 'object' || definition === null) {
    throw new TypeError('defineModelProvider: the definition must be an object');
  }
  const { id, name, resolve, mapApiError, fetch } = definition;
  if (typeof id !== 'string' || id.trim() === '') {
    throw new TypeError('defineModelProvider: `id` must be a non-empty string');
  }
  if (typeof name !== 'string') throw new TypeError('defineModelProvider: `name` must be a string');
  if (typeof resolve !== 'function') {
    throw new TypeError('defineModelProvider: `resolve` must be a function');
  }
  if (mapApiError !== undefined && typeof mapApiError !== 'function') {
    throw new TypeError('defineModelProvider: `mapApiError` must be a function');
  }
  if (fetch !== undefined && typeof fetch !== 'function') {
    throw new TypeError('defineModelProvider: `fetch` must be a function');
  }
  const { supportsWebSockets } = definition;
  if (supportsWebSockets !== undefined && typeof supportsWebSockets !== 'boolean') {
    throw new TypeError('defineModelProvider: `supportsWebSockets` must be a boolean');
  }
  return Object.freeze({
    ...definition,
    mapApiError: mapApiError ?? defaultMapApiError,
  });
}
