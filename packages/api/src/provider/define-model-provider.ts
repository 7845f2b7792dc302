import type { CodexError } from '@codex/protocol';
import type { ModelInfo } from '../endpoints/models-client.js';
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
  const capabilities = checkCapabilities(definition.capabilities);
  const models = checkModels(definition.models);
  const { supportsWebSockets } = definition;
  if (supportsWebSockets !== undefined && typeof supportsWebSockets !== 'boolean') {
    throw new TypeError('defineModelProvider: `supportsWebSockets` must be a boolean');
  }
  return Object.freeze({
    ...definition,
    ...(capabilities === undefined ? {} : { capabilities }),
    ...(models === undefined ? {} : { models }),
    mapApiError: mapApiError ?? defaultMapApiError,
  });
}

const CAPABILITY_NAMES = ['namespaceTools', 'imageGeneration', 'webSearch'] as const;

function checkCapabilities(
  capabilities: ModelProviderDefinition['capabilities'],
): ModelProvider['capabilities'] {
  if (capabilities === undefined) return undefined;
  if (typeof capabilities !== 'object' || capabilities === null) {
    throw new TypeError('defineModelProvider: `capabilities` must be an object of booleans');
  }
  for (const [name, value] of Object.entries(capabilities)) {
    if (!(CAPABILITY_NAMES as readonly string[]).includes(name)) {
      throw new TypeError(
        `defineModelProvider: \`capabilities.${name}\` is not a capability (${CAPABILITY_NAMES.join(', ')})`,
      );
    }
    if (value !== undefined && typeof value !== 'boolean') {
      throw new TypeError(`defineModelProvider: \`capabilities.${name}\` must be a boolean`);
    }
  }
  return Object.freeze({ ...capabilities });
}

// A copy, frozen all the way down: a catalog handed out by listModels cannot be changed by a
// caller for the next one.
function checkModels(models: ModelProviderDefinition['models']): ModelProvider['models'] {
  if (models === undefined) return undefined;
  if (!Array.isArray(models)) {
    throw new TypeError('defineModelProvider: `models` must be an array of ModelInfo');
  }
  return Object.freeze(
    models.map((model: unknown, index) => {
      if (
        typeof model !== 'object' ||
        model === null ||
        typeof (model as ModelInfo).slug !== 'string'
      ) {
        throw new TypeError(
          `defineModelProvider: \`models[${index}]\` must be a ModelInfo with a \`slug\``,
        );
      }
      return deepFreeze(structuredClone(model) as ModelInfo);
    }),
  );
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
