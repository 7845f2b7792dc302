/** How much a client logs, from nothing to every attempt. */
export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

/** Where log lines go: `console` fits, as does any logger with these four methods. */
export interface Logger {
  /** Failures the caller cannot see otherwise. */
  error(message: string, fields?: Record<string, unknown>): void;
  /** Something went wrong and was worked around (e.g. a transport fallback). */
  warn(message: string, fields?: Record<string, unknown>): void;
  /** A failed attempt that may be retried. */
  info(message: string, fields?: Record<string, unknown>): void;
  /** Every attempt: method, URL, status or error, duration. */
  debug(message: string, fields?: Record<string, unknown>): void;
}

/** Logging settings of the clients. */
export interface LoggingOptions {
  /**
   * The least severe level logged.
   * @default the `CODEX_LOG` environment variable when set (`off`, `error`, `warn`, `info`,
   * `debug`), else `'warn'`
   */
  readonly logLevel?: LogLevel | undefined;
  /** Where lines go. @default console */
  readonly logger?: Logger | undefined;
}

const LEVELS: Readonly<Record<LogLevel, number>> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

/** @internal A logger reduced to the enabled levels: a disabled level is `undefined`. */
export interface ActiveLogger {
  readonly error?: Logger['error'] | undefined;
  readonly warn?: Logger['warn'] | undefined;
  readonly info?: Logger['info'] | undefined;
  readonly debug?: Logger['debug'] | undefined;
}

/**
 * @internal Resolves logging options once (a client reads `CODEX_LOG` at construction, only when
 * `logLevel` is not given). Disabled levels are `undefined`, so a call site costs one check.
 * @throws TypeError naming the option when `logLevel` or `logger` is invalid.
 */
export function resolveLogger(options: LoggingOptions, owner: string): ActiveLogger {
  const level = options.logLevel ?? levelFromEnvironment() ?? 'warn';
  if (!(level in LEVELS)) {
    throw new TypeError(
      `${owner}: \`logLevel\` must be one of ${Object.keys(LEVELS).join(', ')}, got ${String(level)}`,
    );
  }
  const logger = options.logger ?? (globalThis as { console?: Logger }).console;
  if (
    logger === undefined ||
    ['error', 'warn', 'info', 'debug'].some(
      (method) => typeof (logger as unknown as Record<string, unknown>)[method] !== 'function',
    )
  ) {
    if (options.logger !== undefined) {
      throw new TypeError(`${owner}: \`logger\` must have error, warn, info and debug methods`);
    }
    return {};
  }
  const rank = LEVELS[level];
  const bind = (name: Exclude<LogLevel, 'off'>) =>
    rank >= LEVELS[name] ? logger[name].bind(logger) : undefined;
  return { error: bind('error'), warn: bind('warn'), info: bind('info'), debug: bind('debug') };
}

function levelFromEnvironment(): LogLevel | undefined {
  let value: string | undefined;
  try {
    value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env
      ?.CODEX_LOG;
  } catch {
    // A runtime that refuses environment access: nothing set.
    return undefined;
  }
  const level = value?.trim().toLowerCase();
  return level !== undefined && level in LEVELS ? (level as LogLevel) : undefined;
}
