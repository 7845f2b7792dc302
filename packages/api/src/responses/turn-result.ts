import type { RateLimitSnapshot, ResponseEvent, ResponseItem, TokenUsage } from '@codex/protocol';

/** What a finished turn produced: the result of `ResponseStream.finalResponse()`. */
export interface TurnResult {
  /** The response id of `response.completed`. */
  readonly responseId: string;
  /** The output text: every `outputTextDelta` of the turn, joined. */
  readonly text: string;
  /** The items of every `outputItemDone` event, in order. */
  readonly output: readonly ResponseItem[];
  /** Token usage, when the server reported it. */
  readonly usage?: TokenUsage | undefined;
  /** `end_turn` of `response.completed`, when present. */
  readonly endTurn?: boolean | undefined;
  /** The last model the server named (response header or event), when it named one. */
  readonly serverModel?: string | undefined;
  /** The rate-limit snapshots the turn reported, in order. */
  readonly rateLimits: readonly RateLimitSnapshot[];
}

/**
 * @internal Collects what `finalResponse()` returns while the events of a stream are produced:
 * one `switch` per event and an array push for text and items, so a stream pays almost nothing
 * for being able to answer `finalResponse()` later.
 */
export class TurnAccumulator {
  #text: string[] = [];
  #output: ResponseItem[] = [];
  #rateLimits: RateLimitSnapshot[] = [];
  #serverModel: string | undefined;
  #completed: Extract<ResponseEvent, { type: 'completed' }> | undefined;

  /** Records one event. */
  record(event: ResponseEvent): void {
    switch (event.type) {
      case 'outputTextDelta':
        this.#text.push(event.delta);
        return;
      case 'outputItemDone':
        this.#output.push(event.item);
        return;
      case 'serverModel':
        this.#serverModel = event.model;
        return;
      case 'rateLimits':
        this.#rateLimits.push(event.snapshot);
        return;
      case 'completed':
        this.#completed = event;
        return;
      default:
        return;
    }
  }

  /** The result once `completed` was recorded; `undefined` before. */
  result(): TurnResult | undefined {
    const completed = this.#completed;
    if (completed === undefined) return undefined;
    const result: {
      -readonly [K in keyof TurnResult]: TurnResult[K];
    } = {
      responseId: completed.responseId,
      text: this.#text.join(''),
      output: this.#output,
      rateLimits: this.#rateLimits,
    };
    if (completed.tokenUsage !== undefined) result.usage = completed.tokenUsage;
    if (completed.endTurn !== undefined) result.endTurn = completed.endTurn;
    if (this.#serverModel !== undefined) result.serverModel = this.#serverModel;
    return result;
  }
}
