/** The few text styles the demo uses. Each returns its input unchanged when colour is off. */
export interface Style {
  /** Whether escape codes are emitted. */
  readonly enabled: boolean;
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly cyan: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly red: (text: string) => string;
}

/** What {@link shouldUseColor} looks at. */
export interface ColorEnvironment {
  /** The stream the text goes to (only `isTTY` is read). */
  readonly stream: { readonly isTTY?: boolean | undefined };
  /** The process environment. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Colour only on a terminal: `stream.isTTY`, and neither `NO_COLOR` (any non-empty value, see
 * no-color.org) nor `FORCE_COLOR=0` nor `TERM=dumb` is set. Piped output is always plain, so a
 * file or another program never sees escape codes.
 */
export function shouldUseColor({ stream, env }: ColorEnvironment): boolean {
  if (stream.isTTY !== true) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return false;
  if (env.TERM === 'dumb') return false;
  return true;
}

/**
 * Text styles that emit ANSI escape codes when `enabled`, and are the identity otherwise.
 *
 * @example
 * createStyle(false).bold('x'); // 'x'
 * createStyle(true).bold('x'); // '\u001b[1mx\u001b[22m'
 */
export function createStyle(enabled: boolean): Style {
  const wrap =
    (open: number, close: number) =>
    (text: string): string =>
      enabled && text !== '' ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return {
    enabled,
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    cyan: wrap(36, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    red: wrap(31, 39),
  };
}
