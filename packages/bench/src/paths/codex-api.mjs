// The two @codex/api paths. @codex/api is being written now; until it lands these are skipped
// with a printed "not yet available" line and no numbers.
//
// To enable them:
//   1. add `"@codex/api": "workspace:*"` to packages/bench devDependencies (and `pnpm install`);
//   2. fill in the two `create…` functions below (each returns the same kind of function as the
//      peers in ./openai-sdk.mjs: build the client once, then stream one response per call).
// Everything else (throughput, HTTP first event, concurrency) picks them up automatically.
// The bundle app and cold-import hooks are in ../apps/codex-api-app.mjs and ../startup.mjs.

/**
 * TODO(@codex/api) HOOK 1 — `@codex/api`'s Responses stream producing `ResponseEvent`s.
 *
 * Signature: `(setup: PathSetup) => Promise<(call?: StreamCall) => Promise<StreamOutcome>>`.
 * Build a `ResponsesClient` (provider with `baseUrl: setup.baseURL`, an `AuthProvider` with a
 * dummy bearer token, and the default `HttpTransport` over `setup.fetch`), once. The returned
 * function streams one request with `call.signal` and, for each `ResponseEvent`:
 *   - `output_text_delta`        → textDeltas += 1, collect `delta`, `onEvent?.(true)`;
 *   - `output_item_done` whose item is a message → itemTextLength += its output_text lengths;
 *   - any other event            → `onEvent?.(false)`; count every event in `events`.
 * Return `{ events, textDeltas, text: deltas.join(''), itemTextLength }`.
 *
 * @type {null | import('./types.mjs').BenchPath['create']}
 */
const createResponsesStream = null;

/**
 * TODO(@codex/api) HOOK 2 — `ModelClient.stream` (the provider-routed path).
 *
 * Same signature and counting as HOOK 1, but through `new ModelClient(createOpenAIProvider({
 * baseUrl: setup.baseURL, apiKey: 'sk-bench', fetch: setup.fetch }))` (or however the final API
 * injects `fetch`) and `client.stream(request, { signal })`.
 *
 * @type {null | import('./types.mjs').BenchPath['create']}
 */
const createModelClientStream = null;

async function codexApiUnavailable(create) {
  if (create === null) return 'not yet available (TODO hook in src/paths/codex-api.mjs)';
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
  unavailable: () => codexApiUnavailable(createResponsesStream),
  create: (setup) => createResponsesStream(setup),
};

/** @type {import('./types.mjs').BenchPath} */
export const codexModelClientPath = {
  id: 'codex-model-client',
  label: '@codex/api ModelClient.stream',
  unavailable: () => codexApiUnavailable(createModelClientStream),
  create: (setup) => createModelClientStream(setup),
};
