const MARKER = Symbol.for('codex.demo.error');

/**
 * A failure the demo explains in one line (`demo: <message>`), such as a bad flag or a missing
 * `OPENAI_API_KEY`. Anything else that escapes is reported by its message too, never with a stack.
 */
export class DemoError extends Error {
  /** Process exit code to use. @default 1 */
  readonly exitCode: number;

  constructor(message: string, options?: { readonly cause?: unknown; readonly exitCode?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DemoError';
    this.exitCode = options?.exitCode ?? 1;
    Object.defineProperty(this, MARKER, { value: true });
  }

  /** True for a `DemoError` from any copy of this module. */
  static isInstance(value: unknown): value is DemoError {
    return typeof value === 'object' && value !== null && MARKER in value;
  }
}
