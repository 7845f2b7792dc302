const MARKER: unique symbol = Symbol.for('@codex/client.StreamError') as never;

/** Which way a stream of events ended badly. */
export type StreamErrorKind = 'stream' | 'timeout';

/** What {@link StreamError} is built from. */
export type StreamErrorOptions =
  | {
      /** The stream failed: a read error, a dropped connection, or an early end. */
      kind: 'stream';
      /** What went wrong, shown after `stream failed: `. */
      detail: string;
      /** The underlying error, when there is one. */
      cause?: unknown;
    }
  | {
      /** No complete event arrived within the idle timeout. */
      kind: 'timeout';
    };

/**
 * A stream of server-sent events ended in error.
 *
 * The message is the upstream `StreamError` Display string: `stream failed: {detail}` for kind
 * `stream`, `timeout` for kind `timeout`. A user's abort is never turned into a `StreamError`.
 *
 * @example
 * try {
 *   for await (const event of sseStream(response.body, { idleTimeoutMs: 60_000 })) handle(event);
 * } catch (error) {
 *   if (StreamError.isInstance(error) && error.kind === 'timeout') reconnect();
 *   else throw error;
 * }
 */
export class StreamError extends Error {
  /** `stream` or `timeout`. */
  readonly kind: StreamErrorKind;
  /** For kind `stream`, the text after `stream failed: `; `undefined` for `timeout`. */
  readonly detail: string | undefined;

  constructor(options: StreamErrorOptions) {
    const message = options.kind === 'timeout' ? 'timeout' : `stream failed: ${options.detail}`;
    super(
      message,
      options.kind === 'stream' && 'cause' in options ? { cause: options.cause } : undefined,
    );
    this.name = 'StreamError';
    this.kind = options.kind;
    this.detail = options.kind === 'stream' ? options.detail : undefined;
    // Checked by isInstance: survives two installed copies of the package, unlike instanceof.
    Object.defineProperty(this, MARKER, { value: true });
  }

  /**
   * Whether `value` is a `StreamError`, also when it comes from another installed copy of
   * `@codex/client`.
   */
  static isInstance(value: unknown): value is StreamError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[MARKER] === true
    );
  }
}
