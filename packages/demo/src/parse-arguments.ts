import { parseArgs } from 'node:util';
import { DemoError } from './demo-error.js';

/** The model asked for when `--model` is not given. Small and cheap, so `--live` costs little. */
export const DEFAULT_MODEL = 'gpt-5.1-codex-mini';

/** What the command line asked for. */
export interface DemoArguments {
  /** `--json`: one JSON object per line on stdout, nothing else. */
  readonly json: boolean;
  /** `--live`: talk to the real service (needs `OPENAI_API_KEY`). */
  readonly live: boolean;
  /** `--help` / `-h`. */
  readonly help: boolean;
  /** `--model <name>`. @default DEFAULT_MODEL */
  readonly model: string;
}

/**
 * Reads the demo's command line (without `node` and the script path).
 *
 * @throws DemoError naming the offending argument, with a pointer to `--help`.
 * @example
 * parseArguments(['--json', '--model', 'gpt-5.1-codex']);
 * // { json: true, live: false, help: false, model: 'gpt-5.1-codex' }
 */
export function parseArguments(argv: readonly string[]): DemoArguments {
  let values: { json?: boolean; live?: boolean; help?: boolean; model?: string };
  try {
    ({ values } = parseArgs({
      // `pnpm demo -- --json` passes the `--` through; npm habits should not break the flags.
      args: argv[0] === '--' ? argv.slice(1) : [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        json: { type: 'boolean' },
        live: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        model: { type: 'string', short: 'm' },
      },
    }));
  } catch (error) {
    throw new DemoError(`${describeParseError(error)} (see --help)`, { cause: error });
  }
  const model = values.model ?? DEFAULT_MODEL;
  if (model.trim() === '') throw new DemoError('--model needs a model name (see --help)');
  return {
    json: values.json ?? false,
    live: values.live ?? false,
    help: values.help ?? false,
    model,
  };
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // node:util's messages are long and mention `strict: false`, which means nothing to a user of
  // the demo: keep the first sentence and drop the advice aimed at the programmer.
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option ${unknown[1]}`;
  const unexpected = /Unexpected argument '([^']+)'/.exec(message);
  if (unexpected) return `unexpected argument ${unexpected[1]}`;
  const missing = /Option '(?:-\w, )?(--[\w-]+)[^']*' argument missing/.exec(message);
  if (missing) return `${missing[1]} needs a value`;
  return message.split('. ')[0] ?? message;
}
