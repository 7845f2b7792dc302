// Properties of issue 13, with fast-check: SSE framing under any chunking equals a model of the
// events that were written; random bytes never make a reader throw anything but the library's
// own errors; the Responses stream gives the same outcome however its body is cut. The bodies are
// handed over by a `fetch` of the test's own (public API only, no network), so each run is cheap.
import {
  ApiError,
  createEndpointSettings,
  createKyTransport,
  createOpenAIProvider,
  type FetchFunction,
  ModelClient,
  noAuth,
  ResponsesClient,
} from '@codex/api';
import { sseStream, TransportError } from '@codex/client';
import { CodexError } from '@codex/protocol';
import { encodeSseEvents, loadTranscript, splitAt, streamOf } from '@codex/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** How many runs each property makes (the report sums them). */
export const RUNS = {
  framing: 500,
  randomBytesSse: 500,
  randomBytesResponses: 300,
  randomBytesUnary: 200,
  chunking: 300,
} as const;

const encoder = new TextEncoder();

/** Cuts `bytes` at the given offsets (taken modulo the length, deduplicated, sorted). */
function cut(bytes: Uint8Array, rawOffsets: readonly number[]): Uint8Array[] {
  const offsets = [...new Set(rawOffsets.map((offset) => offset % (bytes.length + 1)))].sort(
    (a, b) => a - b,
  );
  return splitAt(bytes, offsets);
}

/** A `fetch` that answers every request with `chunks` as a 200 body of `contentType`. */
function fetchAnswering(chunks: readonly Uint8Array[], contentType: string): FetchFunction {
  return async () =>
    new Response(streamOf(chunks), { status: 200, headers: { 'content-type': contentType } });
}

describe('SSE framing under any chunking equals the events written (property)', () => {
  // Events as a writer means them: an optional type and id, data of any text (lines included).
  const text = fc.string({ unit: 'grapheme', maxLength: 12 });
  const event = fc.record({
    type: fc.option(fc.stringMatching(/^[a-z.]{1,12}$/), { nil: undefined }),
    id: fc.option(fc.stringMatching(/^[a-z0-9]{1,8}$/), { nil: undefined }),
    data: fc.array(
      text.filter((line) => !/[\r\n]/.test(line)),
      { minLength: 1, maxLength: 3 },
    ),
  });
  const newline = fc.constantFrom('\n', '\r', '\r\n');

  it('any line ends, comments, BOM and cuts give back exactly the events', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { maxLength: 8 }),
        newline,
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 24 }),
        async (events, eol, withBom, withComments, offsets) => {
          let wire = withBom ? '\uFEFF' : '';
          for (const { type, id, data } of events) {
            if (withComments) wire += `: keep-alive${eol}`;
            if (type !== undefined) wire += `event: ${type}${eol}`;
            if (id !== undefined) wire += `id:${id}${eol}`;
            for (const line of data) wire += `data: ${line}${eol}`;
            wire += eol;
          }
          const seen: Array<{ event: string; data: string; id: string }> = [];
          for await (const { event: type, data, id } of sseStream(
            streamOf(cut(encoder.encode(wire), offsets)),
          )) {
            seen.push({ event: type, data, id });
          }
          let lastId = '';
          const expected = events.map(({ type, id, data }) => {
            if (id !== undefined) lastId = id;
            return { event: type ?? 'message', data: data.join('\n'), id: lastId };
          });
          expect(seen).toEqual(expected);
        },
      ),
      { numRuns: RUNS.framing },
    );
  });
});

describe('random bytes never throw anything but the library’s errors (property)', () => {
  const bytes = fc.uint8Array({ maxLength: 2048 });
  // Random bytes, or random bytes inside SSE-looking lines (so the parsers get past framing).
  const body = fc.oneof(
    bytes,
    fc
      .array(
        fc.oneof(bytes, fc.constantFrom('data: ', '\n', '\r\n', '\n\n', '{"type":"response.')),
        {
          maxLength: 30,
        },
      )
      .map((parts) => {
        const pieces = parts.map((part) =>
          typeof part === 'string' ? encoder.encode(part) : part,
        );
        const joined = new Uint8Array(pieces.reduce((size, piece) => size + piece.length, 0));
        let at = 0;
        for (const piece of pieces) {
          joined.set(piece, at);
          at += piece.length;
        }
        return joined;
      }),
  );

  it('sseStream: events or a TransportError, also with a small event limit', async () => {
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.array(fc.nat(), { maxLength: 16 }),
        fc.boolean(),
        async (data, offsets, small) => {
          try {
            for await (const _event of sseStream(
              streamOf(cut(data, offsets)),
              small ? { maxEventSize: 64 } : {},
            )) {
              // read on
            }
          } catch (error) {
            expect(TransportError.isInstance(error), String(error)).toBe(true);
          }
        },
      ),
      { numRuns: RUNS.randomBytesSse },
    );
  });

  it('a Responses stream (ModelClient): events, then a CodexError or the end', async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.array(fc.nat(), { maxLength: 16 }), async (data, offsets) => {
        const client = new ModelClient({
          provider: createOpenAIProvider({
            apiKey: 'sk-property',
            baseUrl: 'http://127.0.0.1:9/v1',
            env: {},
            fetch: fetchAnswering(cut(data, offsets), 'text/event-stream'),
            maxEventSize: 512,
          }),
        });
        try {
          for await (const _event of await client.stream({ model: 'm', input: [] })) {
            // read on
          }
        } catch (error) {
          expect(CodexError.isInstance(error), String(error)).toBe(true);
          expect(ApiError.isInstance((error as Error).cause)).toBe(true);
        }
      }),
      { numRuns: RUNS.randomBytesResponses },
    );
  });

  it('a unary answer (models): a result or a CodexError, never a foreign error', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (data) => {
        const client = new ModelClient({
          provider: createOpenAIProvider({
            apiKey: 'sk-property',
            baseUrl: 'http://127.0.0.1:9/v1',
            env: {},
            fetch: fetchAnswering([data], 'application/json'),
          }),
        });
        try {
          await client.listModels('1.0.0');
        } catch (error) {
          expect(CodexError.isInstance(error), String(error)).toBe(true);
          // A short excerpt at most, whatever the body.
          expect((error as Error).message.length).toBeLessThan(1_500);
        }
      }),
      { numRuns: RUNS.randomBytesUnary },
    );
  });
});

describe('the Responses stream gives the same outcome under any chunking (property)', () => {
  const transcripts = [
    loadTranscript('turn'),
    loadTranscript('failed-rate-limit'),
    loadTranscript('incomplete'),
    // Completed, then more: nothing after completed counts.
    encodeSseEvents([
      { type: 'response.output_text.delta', delta: 'caf\u00e9 \u{1F389}' },
      { type: 'response.completed', response: { id: 'r1' } },
      { type: 'response.output_text.delta', delta: 'after' },
    ]),
    // Broken pieces that are skipped, then the end without completed.
    encodeSseEvents([
      { type: 'response.output_text.delta', delta: 42 },
      { type: 'response.output_text.delta', delta: 'kept' },
    ]),
  ].map((transcript) => new Uint8Array(transcript));

  /** Events (as JSON) and the terminal error's message, for one cutting of `transcript`. */
  async function outcomeOf(
    chunks: readonly Uint8Array[],
  ): Promise<{ events: string[]; error?: string }> {
    const client = new ResponsesClient({
      settings: createEndpointSettings({ name: 'openai', baseUrl: 'http://127.0.0.1:9/v1' }),
      auth: noAuth,
      transport: createKyTransport({ fetch: fetchAnswering(chunks, 'text/event-stream') }),
    });
    const events: string[] = [];
    try {
      for await (const event of await client.streamRequest({ model: 'm', input: [] })) {
        events.push(JSON.stringify(event));
      }
      return { events };
    } catch (error) {
      return { events, error: error instanceof Error ? error.message : String(error) };
    }
  }

  it('cut anywhere, the events and the ending are those of the whole body', async () => {
    const whole = await Promise.all(transcripts.map((transcript) => outcomeOf([transcript])));
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: transcripts.length - 1 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        async (index, offsets) => {
          expect(await outcomeOf(cut(transcripts[index]!, offsets))).toEqual(whole[index]);
        },
      ),
      { numRuns: RUNS.chunking },
    );
  });
});
