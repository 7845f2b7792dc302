// A MEASURING INSTRUMENT: the floor (./floor.mjs), its request sent through ky the way the default
// transport of `@codex/client` calls ky, instead of calling `fetch` directly. The difference from
// the floor is exactly ky's own cost per request (its options merging, its `Request`, its retry
// and timeout wiring, its hook runner), with nothing of `@codex/api` in between. The ky is the copy
// `@codex/client` resolves, so it is the version the library ships with.
//
// The options mirror `packages/client/src/transport/create-ky-transport.ts` as `ModelClient` uses
// it with the OpenAI provider's defaults (4 retries of POST on 5xx, a 300 s response timeout, one
// `beforeRequest` hook, a caller signal, ky's `fetch` replaced by one that sends the prepared
// request). If the transport changes how it calls ky, change this file with it.

import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { floorRequestInit, readFloor } from './floor.mjs';

async function importKy() {
  const requireFromClient = createRequire(import.meta.resolve('@codex/client'));
  return (await import(pathToFileURL(requireFromClient.resolve('ky')).href)).default;
}

const statusCodes = Array.from({ length: 100 }, (_, index) => 500 + index);

/** @type {import('./types.mjs').BenchPath} */
export const floorOverKyPath = {
  id: 'floor-over-ky',
  label: 'instrument: floor over ky',
  instrument: true,
  unavailable: async () => {
    try {
      await importKy();
      return null;
    } catch {
      return 'not available (ky does not resolve from @codex/client)';
    }
  },
  create: async ({ fetch, baseURL }) => {
    const ky = await importKy();
    const url = `${baseURL}/responses`;
    return async ({ signal, onEvent } = {}) => {
      const controller = new AbortController();
      const onAbort = () => controller.abort(signal.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        const response = await ky(url, {
          method: 'POST',
          throwHttpErrors: true,
          timeout: 300_000,
          retry: {
            limit: 4,
            methods: ['post'],
            statusCodes,
            afterStatusCodes: [],
            backoffLimit: Number.POSITIVE_INFINITY,
            delay: (retryCount) => 200 * 2 ** (retryCount - 1),
          },
          hooks: { beforeRequest: [async () => {}] },
          signal: controller.signal,
          // As the transport does: the body is tied to the call's signal directly, since the
          // signal of ky's `Request` follows its parent only weakly (undici) and ky lets go of
          // that `Request` once the head arrived.
          fetch: (request) =>
            fetch(url, floorRequestInit(AbortSignal.any([request.signal, controller.signal]))),
        });
        return await readFloor(response, onEvent);
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    };
  },
};
