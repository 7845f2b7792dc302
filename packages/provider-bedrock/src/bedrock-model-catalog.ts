import type { ModelInfo, ProviderCapabilities } from '@codex/api';

/**
 * What Bedrock's Mantle endpoint can do (upstream's Bedrock provider): namespaced tools, but no
 * hosted image generation and no hosted web search.
 */
export const BEDROCK_CAPABILITIES: ProviderCapabilities = Object.freeze({
  namespaceTools: true,
  imageGeneration: false,
  webSearch: false,
});

const REASONING_LEVEL_DESCRIPTIONS = {
  minimal: 'Minimal reasoning',
  low: 'Fast responses with lighter reasoning',
  medium: 'Balances speed and reasoning depth for everyday tasks',
  high: 'Greater reasoning depth for complex problems',
} as const;

function reasoningLevels(
  efforts: readonly (keyof typeof REASONING_LEVEL_DESCRIPTIONS)[],
): readonly { effort: string; description: string }[] {
  return efforts.map((effort) => ({ effort, description: REASONING_LEVEL_DESCRIPTIONS[effort] }));
}

function gptOss(slug: string, displayName: string, priority: number): ModelInfo {
  return {
    slug,
    display_name: displayName,
    description: displayName,
    default_reasoning_level: 'medium',
    supported_reasoning_levels: reasoningLevels(['low', 'medium', 'high']),
    visibility: 'list',
    supported_in_api: true,
    priority,
    supports_reasoning_summaries: true,
    support_verbosity: false,
    supports_parallel_tool_calls: true,
    context_window: 128_000,
    max_context_window: 128_000,
    input_modalities: ['text'],
  };
}

/**
 * The models Mantle serves, as upstream's static Bedrock catalog lists them (Bedrock has no
 * `GET /models` that Codex uses): `openai.gpt-5.4`, `openai.gpt-oss-120b`, `openai.gpt-oss-20b`,
 * in priority order, with the `ModelInfo` keys a client reads (slug, names, reasoning levels,
 * context windows, modalities). Upstream's `base_instructions` (the Codex CLI's system prompt) is
 * not part of it.
 */
export const BEDROCK_MODEL_CATALOG: readonly ModelInfo[] = Object.freeze([
  {
    slug: 'openai.gpt-5.4',
    display_name: 'gpt-5.4',
    description: 'Strong model for everyday coding.',
    default_reasoning_level: 'medium',
    supported_reasoning_levels: reasoningLevels(['minimal', 'low', 'medium', 'high']),
    visibility: 'list',
    supported_in_api: true,
    priority: 0,
    supports_reasoning_summaries: true,
    support_verbosity: true,
    default_verbosity: 'medium',
    supports_parallel_tool_calls: true,
    context_window: 272_000,
    max_context_window: 1_000_000,
    input_modalities: ['text', 'image'],
  },
  gptOss('openai.gpt-oss-120b', 'GPT OSS 120B on Bedrock', 1),
  gptOss('openai.gpt-oss-20b', 'GPT OSS 20B on Bedrock', 2),
]);
