import { describe, expect, it } from 'vitest';
import { TransportError } from '../transport-error.js';
import { type EventDecoder, EventStream } from './event-stream.js';

/** A source that hands out `chunks`, then stays open (or ends), recording cancellation. */
function source(chunks: readonly string[], options: { end?: boolean } = {}) {
  const state = { cancelled: false, reads: 0 };
  const stream = new ReadableStream<string>(
    {
      pull(controller) {
        state.reads++;
        const chunk = chunks[state.reads - 1];
        if (chunk !== undefined) controller.enqueue(chunk);
        else if (options.end === true) controller.close();
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

/** Splits chunks on `|`; `stop` finishes, `boom` throws, `skip` is an event with no item. */
class WordDecoder implements EventDecoder<string, string> {
  finished = false;
  decode(chunk: string, out: string[]): number {
    let events = 0;
    for (const word of chunk.split('|')) {
      events++;
      if (word === 'boom') throw new Error('bad word');
      if (word === 'skip') continue;
      out.push(word);
      if (word === 'stop') {
        this.finished = true;
        break;
      }
    }
    return events;
  }
  end(): unknown {
    return new Error('ended early');
  }
}

async function drain<T>(stream: AsyncIterable<T>): Promise<{ items: T[]; error?: unknown }> {
  const items: T[] = [];
  try {
    for await (const item of stream) items.push(item);
  } catch (error) {
    return { items, error };
  }
  return { items };
}

describe('EventStream', () => {
  it('hands out initial items, then decoded ones, and stops at once when the decoder finished', async () => {
    const { stream, state } = source(['a|b', 'stop|after', 'never']);
    let released = 0;
    const events = new EventStream({
      source: stream,
      decoder: new WordDecoder(),
      initialItems: ['head'],
      onRelease: () => released++,
    });
    const { items, error } = await drain(events);
    expect(items).toEqual(['head', 'a', 'b', 'stop']);
    expect(error).toBeUndefined();
    expect(state.cancelled).toBe(true);
    expect(state.reads).toBe(2);
    expect(released).toBe(1);
  });

  it('answers calls of next() made without awaiting the previous one in order, each item once', async () => {
    const { stream, state } = source(['a|b', 'c', 'd|e'], { end: true });
    const events = new EventStream({ source: stream, decoder: new WordDecoder() });
    // Seven calls at once: the first starts a read, the others wait for it, then for each other.
    const outcomes = await Promise.allSettled(Array.from({ length: 7 }, () => events.next()));
    expect(
      outcomes.map((outcome) => {
        if (outcome.status === 'rejected') return `error: ${(outcome.reason as Error).message}`;
        return outcome.value.done === true ? 'done' : outcome.value.value;
      }),
    ).toEqual(['a', 'b', 'c', 'd', 'e', 'error: ended early', 'done']);
    // Three chunks and the end: each read once.
    expect(state.reads).toBe(4);
  });

  it('maps what end() returns, what decode() throws and read errors — never the caller abort', async () => {
    const mapped = (error: unknown) => ({ mapped: error });
    const ended = await drain(
      new EventStream({
        source: source(['a'], { end: true }).stream,
        decoder: new WordDecoder(),
        mapError: mapped,
      }),
    );
    expect(ended.items).toEqual(['a']);
    expect((ended.error as { mapped: Error }).mapped.message).toBe('ended early');

    const thrown = await drain(
      new EventStream({
        source: source(['a|boom']).stream,
        decoder: new WordDecoder(),
        mapError: mapped,
      }),
    );
    expect((thrown.error as { mapped: Error }).mapped.message).toBe('bad word');

    const failing = new ReadableStream<string>({
      pull(controller) {
        controller.error(new Error('terminated'));
      },
    });
    const read = await drain(
      new EventStream({ source: failing, decoder: new WordDecoder(), mapError: mapped }),
    );
    const readError = (read.error as { mapped: TransportError }).mapped;
    expect(TransportError.isInstance(readError) && readError.message).toBe(
      'stream failed: terminated',
    );

    const controller = new AbortController();
    const reason = new Error('user');
    const aborted = new EventStream({
      source: source([]).stream,
      decoder: new WordDecoder(),
      signal: controller.signal,
      mapError: mapped,
    });
    setTimeout(() => controller.abort(reason), 10);
    expect((await drain(aborted)).error).toBe(reason);
  });

  it('the idle timer counts protocol events, not items: events without items keep it alive', async () => {
    // Each chunk is an event that yields nothing, 40 ms apart, then a word: a 100 ms idle timeout
    // never fires although 160 ms pass before the first item.
    const chunks = ['skip', 'skip', 'skip', 'skip', 'x', 'stop'];
    let index = 0;
    const slow = new ReadableStream<string>(
      {
        async pull(controller) {
          await new Promise((resolve) => setTimeout(resolve, 40));
          controller.enqueue(chunks[index++]!);
        },
      },
      { highWaterMark: 0 },
    );
    const { items, error } = await drain(
      new EventStream({ source: slow, decoder: new WordDecoder(), idleTimeoutMs: 1_000 }),
    );
    expect(error).toBeUndefined();
    expect(items).toEqual(['x', 'stop']);

    const silent = await drain(
      new EventStream({ source: source([]).stream, decoder: new WordDecoder(), idleTimeoutMs: 50 }),
    );
    expect(TransportError.isInstance(silent.error) && silent.error.kind).toBe('idleTimeout');
  });

  it('cancel() stops a stream that never started and one in the middle of a read', async () => {
    const idle = source(['a']);
    const events = new EventStream({ source: idle.stream, decoder: new WordDecoder() });
    await events.cancel();
    expect(idle.state.cancelled).toBe(true);
    expect(await events.next()).toEqual({ value: undefined, done: true });

    const stalled = source([]);
    const reading = new EventStream({ source: stalled.stream, decoder: new WordDecoder() });
    const pending = reading.next();
    await reading.cancel();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(stalled.state.cancelled).toBe(true);
  });

  it('reports every protocol event, the end and a failure to onEventTelemetry', async () => {
    const reports: Array<{ outcome: string; durationMs: number; error?: unknown }> = [];
    const events = new EventStream({
      source: source(['a|skip|b', 'c'], { end: true }).stream,
      decoder: new WordDecoder(),
      onEventTelemetry: (telemetry) => reports.push(telemetry),
    });
    const { error } = await drain(events);
    expect((error as Error).message).toBe('ended early');
    expect(reports.map((report) => report.outcome)).toEqual([
      'event',
      'event',
      'event',
      'event',
      'error',
    ]);
    // Events decoded from one chunk: the first carries the wait, the others 0.
    expect(reports[1]!.durationMs).toBe(0);
    expect(reports[2]!.durationMs).toBe(0);
    for (const report of reports) expect(report.durationMs).toBeGreaterThanOrEqual(0);
    expect((reports[4]!.error as Error).message).toBe('ended early');

    const clean = new WordDecoder();
    clean.end = () => undefined;
    const outcomes: string[] = [];
    await drain(
      new EventStream({
        source: source(['x'], { end: true }).stream,
        decoder: clean,
        onEventTelemetry: ({ outcome }) => outcomes.push(outcome),
      }),
    );
    expect(outcomes).toEqual(['event', 'end']);
  });

  it('validates its options, naming the one that is wrong', () => {
    expect(
      () =>
        new EventStream({
          source: source([]).stream,
          decoder: new WordDecoder(),
          idleTimeoutMs: 0,
        }),
    ).toThrow(/idleTimeoutMs/);
    expect(
      () =>
        new EventStream({
          source: 42 as unknown as ReadableStream<string>,
          decoder: new WordDecoder(),
        }),
    ).toThrow(/`source`/);
    for (const name of ['mapError', 'mapReadError', 'onRelease', 'onEventTelemetry']) {
      expect(
        () =>
          new EventStream({
            source: source([]).stream,
            decoder: new WordDecoder(),
            [name]: 'not a function',
          }),
      ).toThrow(new TypeError(`EventStream: \`${name}\` must be a function`));
    }
  });

  it('mapReadError shapes a read failure before it is wrapped; an abort is never passed to it', async () => {
    const failing = (): ReadableStream<string> =>
      new ReadableStream<string>({
        pull: (controller) => controller.error(new Error('read failed: secret-1')),
      });
    const seen: unknown[] = [];
    const mapReadError = (error: unknown): unknown => {
      seen.push(error);
      return new Error((error as Error).message.replace('secret-1', '[gone]'));
    };
    const { error } = await drain(
      new EventStream({ source: failing(), decoder: new WordDecoder(), mapReadError }),
    );
    expect(error).toMatchObject({ kind: 'stream', message: expect.stringContaining('[gone]') });
    expect((error as Error).message).not.toContain('secret-1');
    expect(seen).toHaveLength(1);

    const controller = new AbortController();
    const reason = new Error('stop');
    const aborted = new EventStream({
      source: new ReadableStream<string>({
        pull: () =>
          new Promise<void>(() => {
            controller.abort(reason);
          }),
      }),
      decoder: new WordDecoder(),
      signal: controller.signal,
      mapReadError,
    });
    expect((await drain(aborted)).error).toBe(reason);
    expect(seen).toHaveLength(1);
  });
});

/** Like WordDecoder, but a chunk is decoded up to its first item; the rest on `resume`. */
class LazyWordDecoder implements EventDecoder<string, string> {
  finished = false;
  readonly calls: string[] = [];
  #held: string[] = [];

  get pending(): boolean {
    return this.#held.length > 0;
  }

  decode(chunk: string, out: string[]): number {
    this.calls.push(`decode ${chunk}`);
    this.#held = chunk.split('|');
    return this.#take(out, true);
  }

  resume(out: string[]): number {
    this.calls.push('resume');
    return this.#take(out, false);
  }

  #take(out: string[], firstOnly: boolean): number {
    let events = 0;
    while (this.#held.length > 0) {
      const word = this.#held.shift()!;
      events++;
      if (word === 'boom') throw new Error('bad word');
      out.push(word);
      if (word === 'stop') {
        this.finished = true;
        this.#held = [];
        break;
      }
      if (firstOnly) break;
    }
    return events;
  }

  end(): unknown {
    return undefined;
  }
}

describe('EventStream with a decoder that holds back the rest of a chunk', () => {
  it('hands out a chunk’s first item before the rest is decoded, and reads the source only when nothing is held', async () => {
    const { stream, state } = source(['a|b|c', 'd|stop|never'], { end: true });
    const decoder = new LazyWordDecoder();
    const events = new EventStream({ source: stream, decoder });
    expect(await events.next()).toEqual({ value: 'a', done: false });
    expect(decoder.calls).toEqual(['decode a|b|c']);
    expect(state.reads).toBe(1);
    expect(await events.next()).toEqual({ value: 'b', done: false });
    expect(decoder.calls).toEqual(['decode a|b|c', 'resume']);
    expect(state.reads).toBe(1);
    const { items, error } = await drain(events);
    expect(error).toBeUndefined();
    expect(items).toEqual(['c', 'd', 'stop']);
    expect(decoder.calls).toEqual(['decode a|b|c', 'resume', 'decode d|stop|never', 'resume']);
    // Finished inside resume: the source is cancelled, the rest never decoded.
    expect(state.cancelled).toBe(true);
  });

  it('a failure while resuming is the stream’s one error, mapped', async () => {
    const { stream } = source(['a|boom']);
    const events = new EventStream({
      source: stream,
      decoder: new LazyWordDecoder(),
      mapError: (error) => new TransportError({ kind: 'stream', detail: String(error) }),
    });
    const { items, error } = await drain(events);
    expect(items).toEqual(['a']);
    expect(TransportError.isInstance(error) && error.detail).toBe('Error: bad word');
  });
});

describe('EventStream idle timer', () => {
  it('counts only the consumer’s waits: a consumer that pauses longer than the idle timeout between reads is not timed out', async () => {
    const { stream } = source(['a', 'b', 'c', 'stop']);
    const events = new EventStream({
      source: stream,
      decoder: new WordDecoder(),
      idleTimeoutMs: 200,
    });
    expect(await events.next()).toEqual({ value: 'a', done: false });
    // The timer kept from the first wait fires during this pause, which is not a wait.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await events.next()).toEqual({ value: 'b', done: false });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { items, error } = await drain(events);
    expect(error).toBeUndefined();
    expect(items).toEqual(['c', 'stop']);
  });

  it('a wait that begins while a kept timer is running still gets the whole idle timeout', async () => {
    // The idle timeout is 300 ms. The second wait begins 200 ms after the first, and its chunk
    // arrives 150 ms into it; the timer kept from the first wait fires 100 ms into it.
    let reads = 0;
    const stream = new ReadableStream<string>(
      {
        async pull(controller) {
          reads++;
          if (reads === 1) controller.enqueue('a');
          else if (reads === 2) {
            await new Promise((resolve) => setTimeout(resolve, 150));
            controller.enqueue('stop');
          }
        },
      },
      { highWaterMark: 0 },
    );
    const events = new EventStream({
      source: stream,
      decoder: new WordDecoder(),
      idleTimeoutMs: 300,
    });
    expect(await events.next()).toEqual({ value: 'a', done: false });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { items, error } = await drain(events);
    expect(error).toBeUndefined();
    expect(items).toEqual(['stop']);
  });

  it('fires once the consumer has waited the whole idle timeout, also after earlier events', async () => {
    const { stream } = source(['a']);
    const events = new EventStream({
      source: stream,
      decoder: new WordDecoder(),
      idleTimeoutMs: 80,
      mapError: (error) => error,
    });
    expect(await events.next()).toEqual({ value: 'a', done: false });
    const started = performance.now();
    const { error } = await drain(events);
    expect(TransportError.isInstance(error) && error.kind).toBe('idleTimeout');
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
  });
});
