import { describe, expect, it } from 'vitest';
import { DemoError } from './demo-error.js';
import { DEFAULT_MODEL, parseArguments } from './parse-arguments.js';

describe('parseArguments', () => {
  it('defaults to the loopback demo with the default model', () => {
    expect(parseArguments([])).toEqual({
      json: false,
      live: false,
      help: false,
      model: DEFAULT_MODEL,
    });
  });

  it('reads every flag, in both spellings of --model', () => {
    expect(parseArguments(['--json', '--live', '--model', 'gpt-5.1-codex'])).toEqual({
      json: true,
      live: true,
      help: false,
      model: 'gpt-5.1-codex',
    });
    expect(parseArguments(['--model=o4-mini']).model).toBe('o4-mini');
    expect(parseArguments(['-m', 'o4-mini']).model).toBe('o4-mini');
    expect(parseArguments(['-h']).help).toBe(true);
  });

  it('ignores a leading `--` (as in `pnpm demo -- --json`)', () => {
    expect(parseArguments(['--', '--json']).json).toBe(true);
  });

  it.each([
    [['--jsno'], 'unknown option --jsno (see --help)'],
    [['extra'], 'unexpected argument extra (see --help)'],
    [['--model'], '--model needs a value (see --help)'],
    [['--model', ' '], '--model needs a model name (see --help)'],
  ])('rejects %j with a one-line reason', (argv, message) => {
    let caught: unknown;
    try {
      parseArguments(argv);
    } catch (error) {
      caught = error;
    }
    expect(DemoError.isInstance(caught)).toBe(true);
    expect((caught as Error).message).toBe(message);
  });
});
