// Cost must be linear in the stream size. These tests compare work against work on the same
// machine (never against an absolute wall-clock target) and print the throughput measured.
import { bytesOf, splitAt, streamOf } from '@codex/testkit';
import { describe, expect, it } from 'vitest';
import { sseStream } from './sse-stream.js';

const MEBIBYTE = 1024 * 1024;

function chunksOf(bytes: Uint8Array, size: number): Uint8Array[] {
  const offsets: number[] = [];
  for (let offset = size; offset < bytes.length; offset += size) offsets.push(offset);
  return splitAt(bytes, offsets);
}

async function timeEvents(
  chunks: readonly Uint8Array[],
  onData: (data: string) => void,
): Promise<number> {
  const started = performance.now();
  for await (const event of sseStream(streamOf(chunks))) onData(event.data);
  return performance.now() - started;
}

function megabytesPerSecond(bytes: number, milliseconds: number): string {
  return ((bytes / MEBIBYTE / Math.max(milliseconds, 0.001)) * 1000).toFixed(1);
}

describe('linear cost', () => {
  it('one 20 MB event in 1 KiB chunks costs about what it costs in one chunk', async () => {
    const size = 20 * MEBIBYTE;
    const payload = 'x'.repeat(size);
    const bytes = bytesOf(`event: big\ndata: ${payload}\n\n`);
    let length = 0;
    const record = (data: string): void => {
      length = data.length;
    };
    await timeEvents(chunksOf(bytes.subarray(0, MEBIBYTE), 1024), () => {}); // warm-up
    const whole = await timeEvents([bytes], record);
    expect(length).toBe(size);
    length = 0;
    const chunks = chunksOf(bytes, 1024);
    expect(chunks.length).toBeGreaterThan(20_000);
    const chunked = await timeEvents(chunks, record);
    expect(length).toBe(size);
    console.log(
      `SSE one 20 MB event: 1 KiB chunks ${chunked.toFixed(0)} ms (${megabytesPerSecond(bytes.length, chunked)} MB/s), ` +
        `one chunk ${whole.toFixed(0)} ms (${megabytesPerSecond(bytes.length, whole)} MB/s)`,
    );
    // A splitter that re-copies the pending line per chunk needs minutes here (≈ n²/2 = 200 GB
    // of copying); a linear one stays within a small factor of the single-chunk time.
    expect(chunked).toBeLessThan(10 * whole + 2000);
  });

  it('100,000 small events keep pace with a split-on-blank-lines floor', async () => {
    const count = 100_000;
    let text = '';
    for (let index = 0; index < count; index++) {
      text += `event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"token ${index}","sequence_number":${index}}\n\n`;
    }
    const bytes = bytesOf(text);

    // The floor: decode each chunk, split on blank lines, strip `data: `, JSON.parse. It knows
    // nothing of CR, comments, fields or ids, so it is as fast as this work can be.
    const floor = (chunks: readonly Uint8Array[]): { milliseconds: number; parsed: number } => {
      const started = performance.now();
      const decoder = new TextDecoder();
      let carry = '';
      let parsed = 0;
      for (const chunk of chunks) {
        const blocks = (carry + decoder.decode(chunk, { stream: true })).split('\n\n');
        carry = blocks.pop() ?? '';
        for (const block of blocks) {
          const data = block.slice(block.indexOf('data: ') + 6);
          if (JSON.parse(data).sequence_number >= 0) parsed++;
        }
      }
      return { milliseconds: performance.now() - started, parsed };
    };

    const ours = async (
      chunks: readonly Uint8Array[],
    ): Promise<{ milliseconds: number; parsed: number }> => {
      let parsed = 0;
      const milliseconds = await timeEvents(chunks, (data) => {
        if (JSON.parse(data).sequence_number >= 0) parsed++;
      });
      return { milliseconds, parsed };
    };

    const networkSized = chunksOf(bytes, 16 * 1024);
    const small = chunksOf(bytes, 1024);
    // Warm both up, then take the best of three of each so a busy machine hurts less.
    await ours(networkSized.slice(0, 50));
    floor(networkSized.slice(0, 50));
    const best = async (
      run: () =>
        | Promise<{ milliseconds: number; parsed: number }>
        | { milliseconds: number; parsed: number },
    ): Promise<number> => {
      let fastest = Number.POSITIVE_INFINITY;
      for (let round = 0; round < 3; round++) {
        const result = await run();
        expect(result.parsed).toBe(count);
        fastest = Math.min(fastest, result.milliseconds);
      }
      return fastest;
    };
    const floorTime = await best(() => floor(networkSized));
    const oursTime = await best(() => ours(networkSized));
    const oursSmallChunks = await best(() => ours(small));
    const oursWhole = await best(() => ours([bytes]));
    console.log(
      `SSE 100,000 events (${(bytes.length / MEBIBYTE).toFixed(1)} MB, with JSON.parse): ` +
        `16 KiB chunks ${oursTime.toFixed(0)} ms (${megabytesPerSecond(bytes.length, oursTime)} MB/s, ` +
        `${((count / oursTime) * 1000).toFixed(0)} events/s); 1 KiB chunks ${oursSmallChunks.toFixed(0)} ms ` +
        `(${megabytesPerSecond(bytes.length, oursSmallChunks)} MB/s); one chunk ${oursWhole.toFixed(0)} ms; ` +
        `floor ${floorTime.toFixed(0)} ms (${megabytesPerSecond(bytes.length, floorTime)} MB/s); ` +
        `ours/floor throughput ${(floorTime / oursTime).toFixed(2)}×`,
    );
    // Generous bounds: the benchmark package owns the real target (≥ 0.75× of the floor).
    expect(oursTime).toBeLessThan(10 * floorTime + 1000);
    expect(oursSmallChunks).toBeLessThan(10 * oursWhole + 1000);
  });
});
