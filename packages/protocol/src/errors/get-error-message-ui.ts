import { truncateMiddle } from '../text/truncate-middle.js';

/**
 * The text to show a user for an error: its message, middle-truncated to 2048 UTF-8 bytes with a
 * `…N chars truncated…` marker.
 *
 * @example
 * console.error(getErrorMessageUi(error));
 */
export function getErrorMessageUi(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return truncateMiddle(message, 2048);
}
