import type { Reasoning } from '@codex/protocol';

/** One raw memory (a trace) to summarise; sent as `{"id","metadata":{"source_path"},"items"}`. */
export interface RawMemory {
  /** Trace id. */
  readonly id: string;
  /** Where the trace came from. */
  readonly metadata: { readonly sourcePath: string };
  /** The trace's items (JSON), sent as they are. */
  readonly items: readonly unknown[];
}

/**
 * The body of `POST {base}/memories/trace_summarize`. On the wire `rawMemories` is called
 * **`traces`**; `reasoning` is omitted when absent.
 */
export interface MemorySummarizeInput {
  /** Model slug. */
  readonly model: string;
  /** The traces to summarise (wire key `traces`). */
  readonly rawMemories: readonly RawMemory[];
  /** Reasoning settings; omitted when absent. */
  readonly reasoning?: Reasoning | undefined;
}

/**
 * One summary returned by the memories endpoint. `rawMemory` is read from the wire key
 * **`trace_summary`** (the alias `raw_memory` is accepted too).
 */
export interface MemorySummarizeOutput {
  /** The summary of the trace itself (wire `trace_summary`). */
  readonly rawMemory: string;
  /** What to remember (wire `memory_summary`). */
  readonly memorySummary: string;
}
