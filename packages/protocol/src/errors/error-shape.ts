// The one shape of every error class in the @codex/* packages: how an instance is marked, how it is
// recognised across two installed copies of a package, how it serialises and how Node prints it.
// @codex/client and @codex/protocol do not depend on each other, so each holds this file; a test in
// @codex/protocol keeps the two copies byte-identical.

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** The `Symbol.for` key that marks instances of the error class `name`. */
function markerOf(name: string): symbol {
  return Symbol.for(`@codex/error:${name}`);
}

/**
 * Marks `error` as an instance of the class `name`, so that {@link isMarkedError} recognises it
 * even when it was created by another installed copy of the package (where `instanceof` fails).
 * Called from constructors, not from `static {}` blocks: a static block is a module side effect
 * and keeps every class in every bundle.
 */
export function markError(error: object, name: string): void {
  Object.defineProperty(error, markerOf(name), { value: true });
}

/** Whether `value` was marked as an instance of the class `name` by any copy of the package. */
export function isMarkedError(value: unknown, name: string): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[markerOf(name)] === true
  );
}

/**
 * What a `cause` shows in `toJSON()` and inspect output: an error of the family its own safe
 * `toJSON()`, any other error only its name and message (a foreign error may hold a request and
 * its credentials), anything else nothing.
 */
export function describeCause(cause: unknown): unknown {
  if (cause === undefined || cause === null) return undefined;
  if (typeof cause === 'object' && typeof (cause as { toJSON?: unknown }).toJSON === 'function') {
    if (isFamilyError(cause)) return (cause as { toJSON(): unknown }).toJSON();
  }
  if (cause instanceof Error) return { name: cause.name, message: cause.message };
  return undefined;
}

function isFamilyError(value: object): boolean {
  return Object.getOwnPropertySymbols(value).some((symbol) =>
    Symbol.keyFor(symbol)?.startsWith('@codex/error:'),
  );
}

/**
 * Installs the family's `util.inspect` hook (used by `console.log`) on `prototype`: the stack,
 * then the fields of `toJSON()` other than `name` and `message`. Nothing else of the instance
 * (in particular not a raw `cause`) is walked.
 */
export function installInspect(prototype: { toJSON(): Record<string, unknown> }): void {
  Object.defineProperty(prototype, INSPECT, {
    value(
      this: Error & { toJSON(): Record<string, unknown> },
      _depth: number,
      options: unknown,
      inspect: (value: unknown, options: unknown) => string,
    ): string {
      const { name: _name, message: _message, ...fields } = this.toJSON();
      return `${this.stack ?? `${this.name}: ${this.message}`} ${inspect(fields, options)}`;
    },
  });
}

/**
 * Gives `prototype` a `message` rendered on first read and then kept: an error passed up through
 * several layers (transport → API → provider mapping) is rendered once, where someone reads it,
 * not once per layer. `render` must be pure. Assigning `message` replaces it.
 */
export function installLazyMessage<T extends Error>(
  prototype: T,
  render: (error: T) => string,
): void {
  const rendered = new WeakMap<object, string>();
  Object.defineProperty(prototype, 'message', {
    configurable: true,
    get(this: T): string {
      let message = rendered.get(this);
      if (message === undefined) {
        message = render(this);
        rendered.set(this, message);
      }
      return message;
    },
    set(this: T, value: string): void {
      rendered.set(this, String(value));
    },
  });
}
