// The two @codex/api paths, used as a user would: the low-level `ResponsesClient` and the
// provider-routed `ModelClient.stream`. Each builds its client once, then streams one response
// per call (the same contract as the peers in ./openai-sdk.mjs). They are skipped with a
// "not yet available" line while `@codex/api` does not resolve (e.g. not built yet).

import { createFetchOnlyTransport } from './fetch-only-transport.mjs';

const input = [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'bench' }] }];

/**
 * Consumes one `@codex/api` `ResponseStream` (from `ResponsesClient` or `ModelClient`) to its end,
 * counting the way every other path counts.
 * @param {AsyncIterable<{ type: string, delta?: string, item?: any }>} stream
 * @param {((isTextDelta: boolean) => void) | undefined} onEvent
 * @returns {Promise<import('./types.mjs').StreamOutcome>}
 */
async function consume(stream, onEvent) {
  const outcome = { events: 0, textDeltas: 0, text: '', itemTextLength: 0 };
  const texts = [];
  for await (const event of stream) {
    outcome.events += 1;
    if (event.type === 'outputTextDelta') {
      outcome.textDeltas += 1;
      texts.push(event.delta);
      onEvent?.(true);
      continue;
    }
    if (event.type === 'outputItemDone' && event.item.type === 'message') {
      for (const part of event.item.content) {
        if (part.type === 'output_text') outcome.itemTextLength += part.text.length;
      }
    }
    onEvent?.(false);
  }
  outcome.text = texts.join('');
  return outcome;
}

/**
 * HOOK 1 — `@codex/api`'s `ResponsesClient.streamRequest` producing `ResponseEvent`s: the
 * low-level client with an explicit provider, bearer auth and the default ky transport over the
 * injected `fetch`. Built once; each call streams one request.
 *
 * @type {import('./types.mjs').BenchPath['create']}
 */
const createResponsesStream = async ({ fetch, baseURL }) => {
  const { createBearerAuth, createEndpointSettings, createKyTransport, ResponsesClient } =
    await import('@codex/api');
  const client = new ResponsesClient({
    settings: createEndpointSettings({ name: 'OpenAI', baseUrl: baseURL }),
    auth: createBearerAuth({ token: 'sk-bench' }),
    transport: createKyTransport({ fetch }),
  });
  return async ({ signal, onEvent } = {}) => {
    const stream = await client.streamRequest(
      { model: 'gpt-5.1', input },
      signal === undefined ? {} : { signal },
    );
    return consume(stream, onEvent);
  };
};

/**
 * HOOK 2 — `ModelClient.stream` (the provider-routed path a user starts with): the built-in
 * OpenAI provider over the injected `fetch`, errors mapped by the provider.
 *
 * @type {import('./types.mjs').BenchPath['create']}
 */
const createModelClientStream = async ({ fetch, baseURL, transport }) => {
  const { createOpenAIProvider, ModelClient } = await import('@codex/api');
  const client = new ModelClient({
    provider: createOpenAIProvider({ apiKey: 'sk-bench', baseUrl: baseURL, fetch }),
    ...(transport === undefined ? {} : { transport }),
  });
  return async ({ signal, onEvent } = {}) => {
    const stream = await client.stream(
      { model: 'gpt-5.1', input },
      signal === undefined ? {} : { signal },
    );
    return consume(stream, onEvent);
  };
};

async function codexApiUnavailable() {
  try {
    await import('@codex/api');
    return null;
  } catch {
    return 'not yet available (@codex/api is not resolvable from packages/bench)';
  }
}

/** @type {import('./types.mjs').BenchPath} */
export const codexResponsesPath = {
  id: 'codex-api',
  label: '@codex/api Responses stream',
  unavailable: () => codexApiUnavailable(),
  create: (setup) => createResponsesStream(setup),
};

/** @type {import('./types.mjs').BenchPath} */
export const codexModelClientPath = {
  id: 'codex-model-client',
  label: '@codex/api ModelClient.stream',
  unavailable: () => codexApiUnavailable(),
  create: (setup) => createModelClientStream(setup),
};

/**
 * A MEASURING INSTRUMENT: `ModelClient.stream` exactly as above, but over the bench's fetch-only
 * transport (./fetch-only-transport.mjs) instead of the default ky transport. The difference
 * between the two rows is what the default transport costs; never a shipped alternative.
 *
 * @type {import('./types.mjs').BenchPath}
 */
export const codexModelClientFetchOnlyPath = {
  id: 'codex-model-client-fetch-only',
  label: 'instrument: ModelClient.stream over a fetch-only transport',
  instrument: true,
  unavailable: () => codexApiUnavailable(),
  create: (setup) =>
    createModelClientStream({
      ...setup,
      transport: createFetchOnlyTransport({ fetch: setup.fetch }),
    }),
};
