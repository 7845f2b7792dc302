/**
 * Which kind of sub-agent started a session. `threadSpawn` is a collaborator spawned by another
 * thread; `{ other }` carries a free-form label.
 */
export type SubAgentSource =
  | 'review'
  | 'compact'
  | 'memoryConsolidation'
  | 'threadSpawn'
  | { readonly other: string };

/**
 * Where a session comes from. Only sub-agent sessions change the Responses request: they add an
 * `x-openai-subagent` header (see {@link subAgentLabel}).
 */
export type SessionSource =
  | 'cli'
  | 'vscode'
  | 'exec'
  | 'mcp'
  | 'custom'
  | 'unknown'
  | { readonly subAgent: SubAgentSource };

/**
 * The `x-openai-subagent` label of a session source: `review`, `compact`, `memory_consolidation`,
 * `collab_spawn` (thread-spawned collaborators) or the free-form label; `undefined` for sources
 * that are not sub-agents.
 *
 * @example subAgentLabel({ subAgent: 'review' }) // 'review'
 */
export function subAgentLabel(source: SessionSource | undefined): string | undefined {
  if (typeof source !== 'object' || source === null) return undefined;
  const subAgent = source.subAgent;
  switch (subAgent) {
    case 'review':
      return 'review';
    case 'compact':
      return 'compact';
    case 'memoryConsolidation':
      return 'memory_consolidation';
    case 'threadSpawn':
      return 'collab_spawn';
    default:
      return typeof subAgent === 'object' && subAgent !== null ? subAgent.other : undefined;
  }
}
