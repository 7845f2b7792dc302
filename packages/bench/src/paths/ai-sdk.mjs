// The AI SDK as a user would call it: `streamText` with the OpenAI Responses provider,
// consuming `result.stream` (the v7 name of `fullStream`).

// The AI SDK prints a banner on its first warning; the benchmark output should stay a table.
globalThis.AI_SDK_LOG_WARNINGS = false;

/** @type {import('./types.mjs').BenchPath} */
export const aiSdkPath = {
  id: 'ai-sdk',
  label: 'AI SDK streamText',
  unavailable: async () => null,
  create: async ({ fetch, baseURL }) => {
    const [{ streamText }, { createOpenAI }] = await Promise.all([
      import('ai'),
      import('@ai-sdk/openai'),
    ]);
    const provider = createOpenAI({ apiKey: 'sk-bench', baseURL, fetch });
    const model = provider.responses('gpt-5.1');
    return async ({ signal, onEvent } = {}) => {
      const result = streamText({
        model,
        prompt: 'bench',
        maxRetries: 0,
        ...(signal === undefined ? {} : { abortSignal: signal }),
      });
      // The AI SDK does not surface a completed message item's text while streaming.
      const outcome = { events: 0, textDeltas: 0, text: '', itemTextLength: null };
      const texts = [];
      for await (const part of result.stream) {
        outcome.events += 1;
        if (part.type === 'text-delta') {
          outcome.textDeltas += 1;
          texts.push(part.text);
          onEvent?.(true);
          continue;
        }
        if (part.type === 'error') throw part.error;
        if (part.type === 'abort') throw signal?.reason ?? new Error('AI SDK stream aborted');
        onEvent?.(false);
      }
      outcome.text = texts.join('');
      return outcome;
    };
  },
};
