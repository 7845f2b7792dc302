import { getEventListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  byteByByte,
  bytesOf,
  collect,
  iterableOf,
  randomChunks,
  splitAt,
  streamOf,
} from '@codex/testkit';
import type { EventSourceMessage } from '@microsoft/fetch-event-source';
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { TransportError } from '../transport-error.js';
import type { SseEvent } from './sse-event.js';
import { SseParser } from './sse-parser.js';
import { sseStream } from './sse-stream.js';

/** Every event of `chunks` read through `sseStream`. */
function collectEvents(chunks: readonly Uint8Array[]): Promise<SseEvent[]> {
  return collect(sseStream(streamOf(chunks)));
}

const message = (data: string, id = ''): SseEvent => ({ event: 'message', data, id });

interface RuleCase {
  rule: string;
  input: string | Uint8Array;
  expected: SseEvent[];
}

// Every WHATWG rule the issue names, each as a whole stream.
const rules: RuleCase[] = [
  {
    rule: 'LF ends lines',
    input: 'data: a\n\ndata: b\n\n',
    expected: [message('a'), message('b')],
  },
  {
    rule: 'CR ends lines',
    input: 'data: a\r\rdata: b\r\r',
    expected: [message('a'), message('b')],
  },
  {
    rule: 'CRLF ends lines',
    input: 'data: a\r\n\r\ndata: b\r\n\r\n',
    expected: [message('a'), message('b')],
  },
  {
    rule: 'mixed terminators in one event',
    input: 'data: a\r\ndata: b\rdata: c\n\r\n',
    expected: [message('a\nb\nc')],
  },
  {
    rule: 'LF then CR is two terminators (the CR is a blank line)',
    input: 'data: a\n\rdata: b\n\n',
    expected: [message('a'), message('b')],
  },
  {
    rule: 'a final CR-terminated blank line dispatches',
    input: 'data: a\r\r',
    expected: [message('a')],
  },
  {
    rule: 'U+2028 and U+0085 are not line terminators',
    input: 'data: a\u2028b\u0085c\n\n',
    expected: [message('a\u2028b\u0085c')],
  },
  { rule: 'one leading BOM is stripped', input: '\uFEFFdata: a\n\n', expected: [message('a')] },
  {
    rule: 'only one leading BOM is stripped',
    input: '\uFEFF\uFEFFdata: a\n\ndata: b\n\n',
    expected: [message('b')],
  },
  {
    rule: 'a BOM after the start is not stripped',
    input: 'data: a\n\n\uFEFFdata: b\n\ndata: c\n\n',
    expected: [message('a'), message('c')],
  },
  {
    rule: 'a field line without a colon has an empty value',
    input: 'data\n\n',
    expected: [message('')],
  },
  {
    rule: 'two colon-less data lines give one LF',
    input: 'data\ndata\n\n',
    expected: [message('\n')],
  },
  {
    rule: 'a colon-less event line gives the default type',
    input: 'event\ndata: x\n\n',
    expected: [message('x')],
  },
  { rule: 'no space after the colon', input: 'data:a\n\n', expected: [message('a')] },
  { rule: 'exactly one space is stripped', input: 'data:  a \n\n', expected: [message(' a ')] },
  { rule: 'a tab is not stripped', input: 'data:\ta\n\n', expected: [message('\ta')] },
  {
    rule: 'colons in the value are kept',
    input: 'data: a: b:c\n\n',
    expected: [message('a: b:c')],
  },
  {
    rule: 'data lines are joined with LF',
    input: 'data: a\ndata: b\ndata\ndata: c\n\n',
    expected: [message('a\nb\n\nc')],
  },
  {
    rule: 'an empty last data line is kept',
    input: 'data: a\ndata:\n\n',
    expected: [message('a\n')],
  },
  {
    rule: 'a block without data is not dispatched and resets the type',
    input: 'event: ping\n\nid: 1\n\nretry: 10\n\ndata: x\n\n',
    expected: [{ event: 'message', data: 'x', id: '1', retry: 10 }],
  },
  { rule: 'blank lines alone dispatch nothing', input: '\n\n\r\n\r\r\n', expected: [] },
  {
    rule: 'comments are ignored, also between data lines',
    input: ': hello\n\n:\ndata: a\n: middle\ndata: b\n:\n\n',
    expected: [message('a\nb')],
  },
  {
    rule: 'event names the event; it resets after dispatch',
    input: 'event: add\ndata: 1\n\nevent:\ndata: 2\n\ndata: 3\n\n',
    expected: [{ event: 'add', data: '1', id: '' }, message('2'), message('3')],
  },
  {
    rule: 'id persists across events and an empty id resets it',
    input: 'id: 1\ndata: a\n\ndata: b\n\nid\ndata: c\n\nid: 2\n\ndata: d\n\n',
    expected: [message('a', '1'), message('b', '1'), message('c', ''), message('d', '2')],
  },
  {
    rule: 'an id containing NUL is ignored',
    input: 'id: 1\ndata: a\n\nid: 2\u0000x\ndata: b\n\n',
    expected: [message('a', '1'), message('b', '1')],
  },
  {
    rule: 'retry is taken only when all ASCII digits',
    input:
      'data: a\n\nretry: 1000\ndata: b\n\nretry: 12abc\ndata: c\n\nretry\ndata: d\n\n' +
      'retry: -1\nretry: 1.5\nretry:  5\nretry: \uFF15\ndata: e\n\nretry: 007\ndata: f\n\n',
    expected: [
      message('a'),
      { event: 'message', data: 'b', id: '', retry: 1000 },
      { event: 'message', data: 'c', id: '', retry: 1000 },
      { event: 'message', data: 'd', id: '', retry: 1000 },
      { event: 'message', data: 'e', id: '', retry: 1000 },
      { event: 'message', data: 'f', id: '', retry: 7 },
    ],
  },
  {
    rule: 'field names are case-sensitive and unknown fields are ignored',
    input: 'Data: x\nDATA: y\nfoo: bar\ndata: z\n\n',
    expected: [message('z')],
  },
  {
    rule: 'a name that only starts like a known field is another field',
    input:
      'database: x\ndatax\nevents: e\neventtype: f\nidx: 7\ni: 8\nretrying: 9\nretry5\n' +
      'data\ndata:\ndata: z\n\n',
    expected: [{ event: 'message', data: '\n\nz', id: '' }],
  },
  {
    rule: 'multi-byte characters',
    input: 'data: héllo 日本 🎉 𝄞\n\n',
    expected: [message('héllo 日本 🎉 𝄞')],
  },
  {
    rule: 'invalid UTF-8 becomes U+FFFD',
    input: Uint8Array.of(
      ...bytesOf('data: a'),
      0xff,
      0xc3,
      ...bytesOf('b\n\ndata: '),
      0xe6,
      0x97,
      ...bytesOf('\n\n'),
    ),
    expected: [message('a\uFFFD\uFFFDb'), message('\uFFFD')],
  },
  { rule: 'NUL in data is kept', input: 'data: a\u0000b\n\n', expected: [message('a\u0000b')] },
  {
    rule: 'an unterminated last block is discarded',
    input: 'data: a\n\ndata: b\n',
    expected: [message('a')],
  },
  {
    rule: 'an unterminated last line is discarded',
    input: 'data: a\n\ndata: b',
    expected: [message('a')],
  },
  {
    rule: 'an id in an unterminated last block does not leak',
    input: 'data: a\n\nid: 9\ndata: b\n',
    expected: [message('a')],
  },
];

function bytesOfCase(input: string | Uint8Array): Uint8Array {
  return typeof input === 'string' ? bytesOf(input) : input;
}

describe('sseStream follows the WHATWG event-stream rules', () => {
  describe.each(rules)('$rule', ({ input, expected }) => {
    const bytes = bytesOfCase(input);

    it('in one chunk', async () => {
      expect(await collectEvents([bytes])).toEqual(expected);
    });

    it('byte by byte', async () => {
      expect(await collectEvents(byteByByte(bytes))).toEqual(expected);
    });

    it('in random chunkings', async () => {
      for (let seed = 1; seed <= 25; seed++) {
        expect(await collectEvents(randomChunks(bytes, seed))).toEqual(expected);
      }
    });

    it('split at every single offset', async () => {
      for (let offset = 1; offset < bytes.length; offset++) {
        expect(await collectEvents(splitAt(bytes, [offset]))).toEqual(expected);
      }
    });

    it('from an async iterable body', async () => {
      const events: SseEvent[] = [];
      for await (const event of sseStream(iterableOf(byteByByte(bytes)))) events.push(event);
      expect(events).toEqual(expected);
    });
  });

  it('strips a BOM split over three chunks, then none later', async () => {
    const chunks = [Uint8Array.of(0xef), Uint8Array.of(0xbb), Uint8Array.of(0xbf)];
    const rest = bytesOf('data: a\n\n\uFEFFdata: b\n\ndata: c\n\n');
    expect(await collectEvents([...chunks, rest])).toEqual([message('a'), message('c')]);
  });

  it('treats a CRLF split across chunks as one terminator', async () => {
    // Were the LF counted again, the blank line would end the block before `data: b`.
    const chunks = ['data: a\r', '\ndata: b\r', '\n\r', '\n'].map(bytesOf);
    expect(await collectEvents(chunks)).toEqual([message('a\nb')]);
  });

  it('keeps the CR of a CRLF pending across chunks that decode to nothing', async () => {
    // Were the LF after an empty read counted again, the blank line would end the block early.
    const chunks = [
      bytesOf('data: a\r'),
      new Uint8Array(0),
      bytesOf('\ndata: b\r'),
      new Uint8Array(0),
      new Uint8Array(0),
      bytesOf('\n\n'),
    ];
    expect(await collectEvents(chunks)).toEqual([message('a\nb')]);
  });
});

// An independent, deliberately naive reading of the same bytes: whole-buffer decode, one regex
// split, no chunk state at all.
function referenceEvents(bytes: Uint8Array): SseEvent[] {
  const lines = new TextDecoder().decode(bytes).split(/\r\n|\r|\n/);
  lines.pop(); // the unterminated remainder (or "" after the last terminator)
  const events: SseEvent[] = [];
  let data: string[] = [];
  let type = '';
  let id = '';
  let retry: number | undefined;
  for (const line of lines) {
    if (line === '') {
      if (data.length > 0) {
        const event: SseEvent = { event: type || 'message', data: data.join('\n'), id };
        if (retry !== undefined) event.retry = retry;
        events.push(event);
      }
      data = [];
      type = '';
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const name = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (name === 'data') data.push(value);
    else if (name === 'event') type = value;
    else if (name === 'id' && !value.includes('\0')) id = value;
    else if (name === 'retry' && /^[0-9]+$/.test(value)) retry = Number(value);
  }
  return events;
}

const token = fc.constantFrom(
  'data',
  'data:',
  'data: ',
  'event:',
  'event: x',
  'id:',
  'id: 7',
  'retry:',
  'retry: 15',
  'retry: 1x',
  ':',
  ' ',
  'a',
  'é',
  '日',
  '🎉',
  '\uFEFF',
  '\0',
  '\r',
  '\n',
  '\r\n',
  '\n\n',
);

describe('chunk boundaries never change the events (property)', () => {
  const stream = fc.array(token, { maxLength: 60 }).map((tokens) => tokens.join(''));

  it('any chunking of any stream gives the same events as one chunk, and as the reference', async () => {
    await fc.assert(
      fc.asyncProperty(
        stream,
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 20 }),
        async (text, withBom, rawOffsets) => {
          const bytes = bytesOf(withBom ? `\uFEFF${text}` : text);
          const offsets = [
            ...new Set(rawOffsets.map((offset) => offset % (bytes.length + 1))),
          ].sort((a, b) => a - b);
          const whole = await collectEvents([bytes]);
          expect(await collectEvents(splitAt(bytes, offsets))).toEqual(whole);
          expect(whole).toEqual(referenceEvents(bytes));
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('a sink that pauses the parser', () => {
  // The events of `chunks` when the sink pauses wherever `pauses` says (one decision per event),
  // resuming until nothing is held before the next push — what EventStream's decoders do.
  function eventsWithPauses(chunks: readonly Uint8Array[], pauses: readonly boolean[]): SseEvent[] {
    const parser = new SseParser();
    const events: SseEvent[] = [];
    const sink = {
      onEvent(data: string, event: string, id: string): boolean {
        events.push({ event: event === '' ? 'message' : event, data, id });
        return pauses[(events.length - 1) % Math.max(1, pauses.length)] === true;
      },
    };
    for (const chunk of chunks) {
      parser.push(chunk, sink);
      while (parser.paused) parser.resume(sink);
    }
    return events;
  }

  it('pausing and resuming anywhere never changes the events (property)', () => {
    fc.assert(
      fc.property(
        fc.array(token, { maxLength: 60 }).map((tokens) => tokens.join('')),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.array(fc.boolean(), { maxLength: 12 }),
        (text, rawOffsets, pauses) => {
          const bytes = bytesOf(text);
          const offsets = [
            ...new Set(rawOffsets.map((offset) => offset % (bytes.length + 1))),
          ].sort((a, b) => a - b);
          const reference = referenceEvents(bytes).map(({ event, data, id }) => ({
            event,
            data,
            id,
          }));
          expect(eventsWithPauses(splitAt(bytes, offsets), pauses)).toEqual(reference);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('returning true stops right after that event; resume() hands out the rest; a push while paused comes after it', () => {
    const parser = new SseParser();
    const seen: string[] = [];
    const pausing = { onEvent: (data: string) => seen.push(data) === 1 };
    expect(parser.push(bytesOf('data: 1\n\ndata: 2\n\ndata: 3\n\ndata: 4'), pausing)).toBe(1);
    expect(seen).toEqual(['1']);
    expect(parser.paused).toBe(true);
    // Pushed while paused: the held events first, then the new bytes.
    expect(parser.push(bytesOf('\n\n'), { onEvent: (data: string) => seen.push(data) })).toBe(3);
    expect(seen).toEqual(['1', '2', '3', '4']);
    expect(parser.paused).toBe(false);
    expect(parser.resume({ onEvent: () => true })).toBe(0);
  });

  it('a pause at the very end of the text holds nothing', () => {
    const parser = new SseParser();
    expect(parser.push(bytesOf('data: 1\r\n\r\n'), { onEvent: () => true })).toBe(1);
    expect(parser.paused).toBe(false);
  });
});

function timerCount(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
}

/** A body that yields each chunk after its delay and then stays open, silent, until cancelled. */
function scriptedBody(steps: ReadonlyArray<{ delayMs: number; text: string }>): {
  body: ReadableStream<Uint8Array>;
  cancelled: Promise<unknown>;
  /** How many steps were delivered so far. */
  delivered: () => number;
} {
  let resolveCancelled!: (reason: unknown) => void;
  const cancelled = new Promise<unknown>((resolve) => {
    resolveCancelled = resolve;
  });
  let index = 0;
  let delivered = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const step = steps[index++];
      if (step === undefined) return new Promise<void>(() => {}); // stall
      await new Promise<void>((resolve) => {
        timer = setTimeout(resolve, step.delayMs);
      });
      controller.enqueue(bytesOf(step.text));
      delivered++;
    },
    cancel(reason) {
      clearTimeout(timer);
      resolveCancelled(reason);
    },
  });
  return { body, cancelled, delivered: () => delivered };
}

describe('idle timeout', () => {
  it('throws TransportError timeout after the idle time and cancels the body', async () => {
    const { body, cancelled } = scriptedBody([{ delayMs: 0, text: 'data: a\n\n' }]);
    const events: string[] = [];
    const started = performance.now();
    const error = await (async () => {
      for await (const event of sseStream(body, { idleTimeoutMs: 100 })) events.push(event.data);
    })().catch((caught: unknown) => caught);
    const elapsed = performance.now() - started;
    expect(events).toEqual(['a']);
    expect(TransportError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      kind: 'idleTimeout',
      message: 'timeout',
      name: 'TransportError',
    });
    expect(elapsed).toBeGreaterThanOrEqual(90);
    expect(elapsed).toBeLessThan(3000);
    await expect(cancelled).resolves.toBe(error);
  });

  it('is not restarted by comments', async () => {
    const comments = Array.from({ length: 100 }, () => ({ delayMs: 20, text: ': keep-alive\n\n' }));
    const { body, delivered } = scriptedBody([{ delayMs: 0, text: 'data: a\n\n' }, ...comments]);
    const iterator = sseStream(body, { idleTimeoutMs: 150 });
    await expect(iterator.next()).resolves.toMatchObject({ value: { data: 'a' } });
    await expect(iterator.next()).rejects.toMatchObject({ kind: 'idleTimeout' });
    // 100 comments take at least 2 s, however slow the machine; were each comment to restart the
    // timer, it could fire only once they had all been delivered. Counted, not timed.
    expect(delivered()).toBeLessThan(1 + comments.length);
  });

  it('is not restarted by an event that never completes', async () => {
    const trickle = Array.from({ length: 100 }, () => ({ delayMs: 20, text: 'data: more\n' }));
    const { body, delivered } = scriptedBody(trickle);
    await expect(sseStream(body, { idleTimeoutMs: 150 }).next()).rejects.toMatchObject({
      kind: 'idleTimeout',
    });
    // The timeout came while lines were still trickling in (counted, not timed).
    expect(delivered()).toBeLessThan(trickle.length);
  });

  it('restarts on every complete event', async () => {
    const steps = Array.from({ length: 8 }, (_, index) => ({
      delayMs: 60,
      text: `data: ${index}\n\n`,
    }));
    const { body } = scriptedBody([...steps, { delayMs: 0, text: '' }]);
    const events: string[] = [];
    const iterator = sseStream(body, { idleTimeoutMs: 200 });
    for (let index = 0; index < 8; index++) {
      const result = await iterator.next();
      events.push(result.value!.data);
    }
    // 8 × 60 ms is well past 200 ms in total: only the per-event restart keeps it alive.
    expect(events).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
    await expect(iterator.next()).rejects.toMatchObject({ kind: 'idleTimeout' });
  });

  it('does not count the time the consumer spends between events', async () => {
    const chunks = ['data: 1\n\n', 'data: 2\n\n', 'data: 3\n\n'].map(bytesOf);
    const events: string[] = [];
    for await (const event of sseStream(streamOf(chunks), { idleTimeoutMs: 60 })) {
      events.push(event.data);
      await sleep(150);
    }
    expect(events).toEqual(['1', '2', '3']);
  });

  it('can be disabled with Infinity and arms no timer then', async () => {
    const before = timerCount();
    const { body } = scriptedBody([]);
    const iterator = sseStream(body, { idleTimeoutMs: Number.POSITIVE_INFINITY });
    const pending = iterator.next();
    await sleep(20);
    expect(timerCount()).toBeLessThanOrEqual(before);
    await iterator.return?.();
    await expect(pending).resolves.toMatchObject({ done: true });
  });
});

describe('errors, abort and early exit (in-memory bodies)', () => {
  it('wraps a read error as TransportError kind stream, keeping the cause', async () => {
    const failure = new Error('socket hang up');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytesOf('data: a\n\n'));
      },
      pull(controller) {
        controller.error(failure);
      },
    });
    const events: string[] = [];
    const error = await (async () => {
      for await (const event of sseStream(body)) events.push(event.data);
    })().catch((caught: unknown) => caught);
    expect(events).toEqual(['a']);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'stream', message: 'stream failed: socket hang up' });
    expect((error as TransportError).cause).toBe(failure);
  });

  it('wraps a non-Error read failure by its string form', async () => {
    const body = iterableThatThrows('boom');
    await expect(sseStream(body).next()).rejects.toMatchObject({
      kind: 'stream',
      message: 'stream failed: boom',
    });
  });

  it('an already aborted signal throws its reason unwrapped and cancels the body', async () => {
    const reason = new Error('user stopped');
    const { body, cancelled } = scriptedBody([{ delayMs: 0, text: 'data: a\n\n' }]);
    const iterator = sseStream(body, { signal: AbortSignal.abort(reason) });
    await expect(iterator.next()).rejects.toBe(reason);
    await expect(cancelled).resolves.toBe(reason);
    await expect(iterator.next()).resolves.toMatchObject({ done: true });
  });

  it('aborting mid-read throws the reason, cancels the body and removes its listener', async () => {
    const before = timerCount();
    const controller = new AbortController();
    const { body, cancelled } = scriptedBody([{ delayMs: 0, text: 'data: a\n\n' }]);
    const iterator = sseStream(body, { signal: controller.signal, idleTimeoutMs: 10_000 });
    await expect(iterator.next()).resolves.toMatchObject({ value: { data: 'a' } });
    const pending = iterator.next();
    await sleep(10);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await expect(cancelled).resolves.toBe(controller.signal.reason);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(timerCount()).toBeLessThanOrEqual(before);
  });

  it('aborting while the consumer holds an event stops before the next one', async () => {
    const controller = new AbortController();
    const chunks = [bytesOf('data: 1\n\ndata: 2\n\n')];
    const iterator = sseStream(streamOf(chunks), { signal: controller.signal });
    await expect(iterator.next()).resolves.toMatchObject({ value: { data: '1' } });
    controller.abort();
    await expect(iterator.next()).rejects.toBe(controller.signal.reason);
  });

  it('breaking out of for-await cancels the body and removes listeners and timers', async () => {
    const before = timerCount();
    const controller = new AbortController();
    const { body, cancelled } = scriptedBody([
      { delayMs: 0, text: 'data: 1\n\n' },
      { delayMs: 0, text: 'data: 2\n\n' },
    ]);
    for await (const event of sseStream(body, { signal: controller.signal, idleTimeoutMs: 5000 })) {
      if (event.data === '1') break;
    }
    await expect(cancelled).resolves.toBeUndefined();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(timerCount()).toBeLessThanOrEqual(before);
  });

  it('a clean end of the body ends the iteration and removes the listener', async () => {
    const controller = new AbortController();
    const iterator = sseStream(streamOf([bytesOf('data: 1\n\n')]), { signal: controller.signal });
    await expect(iterator.next()).resolves.toMatchObject({ value: { data: '1' } });
    await expect(iterator.next()).resolves.toMatchObject({ done: true });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('answers overlapping next() calls in order', async () => {
    const chunks = ['data: 1\n', '\n', 'data: 2\n\n', 'data: 3\n\n'].map(bytesOf);
    const iterator = sseStream(streamOf(chunks));
    const results = await Promise.all([
      iterator.next(),
      iterator.next(),
      iterator.next(),
      iterator.next(),
    ]);
    expect(results.map((result) => (result.done ? 'done' : result.value.data))).toEqual([
      '1',
      '2',
      '3',
      'done',
    ]);
  });

  it('validates its inputs, naming the option', () => {
    const body = streamOf([]);
    expect(() => sseStream('data: x\n\n' as never)).toThrow(TypeError);
    expect(() => sseStream(body, { idleTimeoutMs: 0 })).toThrow(/idleTimeoutMs/);
    expect(() => sseStream(body, { idleTimeoutMs: Number.NaN })).toThrow(RangeError);
    expect(() => sseStream(body, { idleTimeoutMs: 2 ** 31 })).toThrow(RangeError);
    expect(() => sseStream(body, { signal: {} as AbortSignal })).toThrow(/signal/);
  });
});

function iterableThatThrows(value: unknown): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator]: () => ({
      next: () => Promise.reject(value),
    }),
  };
}

it('SseEvent stays assignable to fetch-event-source’s EventSourceMessage', () => {
  expectTypeOf<SseEvent>().toExtend<EventSourceMessage>();
});
