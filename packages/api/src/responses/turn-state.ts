/**
 * A write-once cell for the sticky-routing token of one turn (`x-codex-turn-state`). The
 * Responses client stores the header's value only while the cell is empty (the first value
 * wins); the caller replays {@link TurnState.value} as a request header on later requests of
 * the same turn. Share one instance across the requests of a turn; use a new one per turn.
 *
 * @example
 * const turnState = new TurnState();
 * await client.streamRequest(request, { turnState });
 * const next = { extraHeaders: turnState.value ? { 'x-codex-turn-state': turnState.value } : {} };
 */
export class TurnState {
  #value: string | undefined;

  /** @param initial an already known value (the cell is then full). */
  constructor(initial?: string) {
    this.#value = initial;
  }

  /** The stored value, or `undefined` while empty. */
  get value(): string | undefined {
    return this.#value;
  }

  /** Stores `value` when the cell is empty. Returns whether it was stored. */
  set(value: string): boolean {
    if (this.#value !== undefined) return false;
    this.#value = value;
    return true;
  }
}
