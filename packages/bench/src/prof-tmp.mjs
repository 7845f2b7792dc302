import { codexModelClientPath, codexResponsesPath } from './paths/codex-api.mjs';
import { floorPath } from './paths/floor.mjs';
import { createTextDeltaTranscript } from './transcripts.mjs';

const { bytes } = createTextDeltaTranscript({ deltaCount: 100000 });
const chunks = [];
for (let i = 0; i < bytes.length; i += 16384) chunks.push(bytes.subarray(i, i + 16384));
const fetch = async () => {
  let i = 0;
  return new Response(
    new ReadableStream(
      {
        pull(c) {
          if (i < chunks.length) c.enqueue(chunks[i++]);
          else c.close();
        },
      },
      { highWaterMark: 0 },
    ),
    { headers: { 'content-type': 'text/event-stream' } },
  );
};
const which = process.argv[2] ?? 'model';
const path =
  which === 'floor' ? floorPath : which === 'api' ? codexResponsesPath : codexModelClientPath;
const run = await path.create({ fetch, baseURL: 'http://127.0.0.1:1/v1' });
const times = [];
for (let i = 0; i < 12; i++) {
  const t = performance.now();
  await run();
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
console.log(which, 'median', times[6].toFixed(1), 'ms');
