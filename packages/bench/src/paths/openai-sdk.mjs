// The `openai` SDK as a user would call it: `client.responses.create({ stream: true })` and
// `for await` over the events.

/** @type {import('./types.mjs').BenchPath} */
export const openaiPath = {
  id: 'openai',
  label: 'openai responses.create',
  unavailable: async () => null,
  create: async ({ fetch, baseURL }) => {
    const { default: OpenAI } = await import('openai');
    const client = new OpenAI({ apiKey: 'sk-bench', baseURL, fetch, maxRetries: 0 });
    return async ({ signal, onEvent } = {}) => {
      const stream = await client.responses.create(
        { model: 'gpt-5.1', input: 'bench', stream: true },
        signal === undefined ? {} : { signal },
      );
      const outcome = { events: 0, textDeltas: 0, text: '', itemTextLength: 0 };
      const texts = [];
      for await (const event of stream) {
        outcome.events += 1;
        if (event.type === 'response.output_text.delta') {
          outcome.textDeltas += 1;
          texts.push(event.delta);
          onEvent?.(true);
          continue;
        }
        if (event.type === 'response.output_item.done' && event.item.type === 'message') {
          for (const part of event.item.content) {
            if (part.type === 'output_text') outcome.itemTextLength += part.text.length;
          }
        }
        onEvent?.(false);
      }
      outcome.text = texts.join('');
      return outcome;
    };
  },
};
