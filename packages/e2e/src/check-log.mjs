/** A check that did not hold; its message is the one-line reason the run fails with. */
export class CheckFailure extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'CheckFailure';
  }
}

/**
 * @typedef {object} CheckLog
 * @property {(title: string) => void} step starts a numbered step and prints its title
 * @property {(line: string) => void} note prints an indented detail line that is not a check
 * @property {(description: string) => void} pass records and prints one passed check
 * @property {(condition: unknown, description: string, failure?: string) => void} check passes when
 *   `condition` is truthy, else throws {@link CheckFailure} with `failure` (or `description`)
 * @property {() => void} finish prints the duration of the last step
 * @property {() => number} passedCount
 */

/**
 * Creates the step log: numbered steps with their duration, one line per passed check.
 *
 * @param {{ totalSteps: number, write?: (line: string) => void }} options
 * @returns {CheckLog}
 */
export function createCheckLog({ totalSteps, write = (line) => console.log(line) }) {
  let passed = 0;
  let stepNumber = 0;
  let stepStartedAt = 0;
  let stepTitle = '';

  const finishStep = () => {
    if (stepTitle === '') return;
    write(`        (${formatSeconds(Date.now() - stepStartedAt)})`);
    stepTitle = '';
  };
  const pass = (/** @type {string} */ description) => {
    passed += 1;
    write(`    ok  ${description}`);
  };

  return {
    step(title) {
      finishStep();
      stepNumber += 1;
      stepStartedAt = Date.now();
      stepTitle = title;
      write(`e2e:publish [${stepNumber}/${totalSteps}] ${title}`);
    },
    note(line) {
      write(`        ${line}`);
    },
    pass,
    check(condition, description, failure) {
      if (!condition) throw new CheckFailure(failure ?? description);
      pass(description);
    },
    finish: finishStep,
    passedCount: () => passed,
  };
}

/**
 * @param {number} milliseconds
 * @returns {string} e.g. `3.2 s`
 */
export function formatSeconds(milliseconds) {
  return `${(milliseconds / 1000).toFixed(1)} s`;
}
