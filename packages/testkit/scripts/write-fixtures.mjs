// Writes the recorded transcripts in ../fixtures from the Responses wire format described in
// codex-api.md §4.4 and §6. Run with `node scripts/write-fixtures.mjs` after changing it; the
// output files are committed so tests never depend on this script.
import { writeFileSync } from 'node:fs';

const fixtures = new URL('../fixtures/', import.meta.url);
const MODEL = 'gpt-5.1-codex';
const CREATED_AT = 1_781_000_000;

const frame = (event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

function response({
  id,
  status,
  output = [],
  usage = null,
  error = null,
  incompleteDetails = null,
}) {
  return {
    id,
    object: 'response',
    created_at: CREATED_AT,
    status,
    background: false,
    error,
    incomplete_details: incompleteDetails,
    instructions: null,
    max_output_tokens: null,
    model: MODEL,
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    prompt_cache_key: '0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
    reasoning: { effort: 'medium', summary: 'auto' },
    service_tier: 'auto',
    store: false,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: 'auto',
    tools: [],
    usage,
    metadata: {},
  };
}

// Deterministic "obfuscation" padding: the real API pads deltas with random characters so that
// packet sizes do not reveal token lengths.
function obfuscation(seed) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let value = seed * 2_654_435_761;
  let text = '';
  const length = 4 + (seed % 11);
  for (let index = 0; index < length; index++) {
    value = (value * 1_103_515_245 + 12_345) % 2_147_483_648;
    text += alphabet[value % alphabet.length];
  }
  return text;
}

function turn() {
  const id = 'resp_68c1f0a2b3d4e5f60718293a4b5c6d7e';
  const reasoningId = 'rs_68c1f0a2c4e5f6071829304a5b6c7d8e';
  const messageId = 'msg_68c1f0a2d5f607182930415a6b7c8d9e';
  const callItemId = 'fc_68c1f0a2e6071829304152637c8d9eaf';
  const callId = 'call_Qh3rT8vWm2XkL9pNc4Ys7BdE';
  let sequence = 0;
  const events = [];
  const push = (event) => events.push({ ...event, sequence_number: sequence++ });

  push({ type: 'response.created', response: response({ id, status: 'in_progress' }) });
  push({ type: 'response.in_progress', response: response({ id, status: 'in_progress' }) });

  // Reasoning item with one summary part streamed as deltas.
  const summaryDeltas = [
    '**Inspecting',
    ' the',
    ' project',
    ' layout**\n\n',
    'The',
    ' user',
    ' wants',
    ' to',
    ' know',
    ' what',
    ' the',
    ' repository',
    ' contains',
    '.',
    ' Listing',
    ' the',
    ' top-level',
    ' files',
    ' is',
    ' the',
    ' quickest',
    ' start',
    '.',
  ];
  const summaryText = summaryDeltas.join('');
  const encryptedContent =
    'gAAAAABowfCiZ3Rlc3RraXQtcmVhc29uaW5nLWJsb2ItMDEyMzQ1Njc4OWFiY2RlZl9vcGFxdWVfdG9fY2xpZW50cw==';
  push({
    type: 'response.output_item.added',
    item: { id: reasoningId, type: 'reasoning', encrypted_content: encryptedContent, summary: [] },
    output_index: 0,
  });
  push({
    type: 'response.reasoning_summary_part.added',
    item_id: reasoningId,
    output_index: 0,
    part: { type: 'summary_text', text: '' },
    summary_index: 0,
  });
  for (const delta of summaryDeltas) {
    push({
      type: 'response.reasoning_summary_text.delta',
      delta,
      item_id: reasoningId,
      obfuscation: obfuscation(sequence),
      output_index: 0,
      summary_index: 0,
    });
  }
  push({
    type: 'response.reasoning_summary_text.done',
    item_id: reasoningId,
    output_index: 0,
    summary_index: 0,
    text: summaryText,
  });
  push({
    type: 'response.reasoning_summary_part.done',
    item_id: reasoningId,
    output_index: 0,
    part: { type: 'summary_text', text: summaryText },
    summary_index: 0,
  });
  const reasoningItem = {
    id: reasoningId,
    type: 'reasoning',
    encrypted_content: encryptedContent,
    summary: [{ type: 'summary_text', text: summaryText }],
  };
  push({ type: 'response.output_item.done', item: reasoningItem, output_index: 0 });

  // Assistant message streamed as text deltas.
  const textDeltas = [
    'I',
    "'ll",
    ' start',
    ' by',
    ' listing',
    ' the',
    ' files',
    ' at',
    ' the',
    ' root',
    ' of',
    ' the',
    ' repository',
    ' so',
    ' we',
    ' can',
    ' see',
    ' how',
    ' the',
    ' packages',
    ' are',
    ' laid',
    ' out',
    ' —',
    ' then',
    ' I',
    "'ll",
    ' open',
    ' `package.json`',
    ' to',
    ' check',
    ' the',
    ' workspace',
    ' scripts',
    '.',
  ];
  const text = textDeltas.join('');
  push({
    type: 'response.output_item.added',
    item: {
      id: messageId,
      type: 'message',
      status: 'in_progress',
      content: [],
      phase: 'commentary',
      role: 'assistant',
    },
    output_index: 1,
  });
  push({
    type: 'response.content_part.added',
    content_index: 0,
    item_id: messageId,
    output_index: 1,
    part: { type: 'output_text', annotations: [], logprobs: [], text: '' },
  });
  for (const delta of textDeltas) {
    push({
      type: 'response.output_text.delta',
      content_index: 0,
      delta,
      item_id: messageId,
      logprobs: [],
      obfuscation: obfuscation(sequence),
      output_index: 1,
    });
  }
  push({
    type: 'response.output_text.done',
    content_index: 0,
    item_id: messageId,
    logprobs: [],
    output_index: 1,
    text,
  });
  push({
    type: 'response.content_part.done',
    content_index: 0,
    item_id: messageId,
    output_index: 1,
    part: { type: 'output_text', annotations: [], logprobs: [], text },
  });
  const messageItem = {
    id: messageId,
    type: 'message',
    status: 'completed',
    content: [{ type: 'output_text', annotations: [], logprobs: [], text }],
    phase: 'commentary',
    role: 'assistant',
  };
  push({ type: 'response.output_item.done', item: messageItem, output_index: 1 });

  // A function call whose arguments arrive as deltas.
  const argumentDeltas = [
    '{"',
    'command',
    '":["',
    'ls',
    '","',
    '-la',
    '"],"',
    'workdir',
    '":"',
    '/repo',
    '"}',
  ];
  const argumentsText = argumentDeltas.join('');
  push({
    type: 'response.output_item.added',
    item: {
      id: callItemId,
      type: 'function_call',
      status: 'in_progress',
      arguments: '',
      call_id: callId,
      name: 'shell',
    },
    output_index: 2,
  });
  for (const delta of argumentDeltas) {
    push({
      type: 'response.function_call_arguments.delta',
      delta,
      item_id: callItemId,
      obfuscation: obfuscation(sequence),
      output_index: 2,
    });
  }
  push({
    type: 'response.function_call_arguments.done',
    arguments: argumentsText,
    item_id: callItemId,
    output_index: 2,
  });
  const callItem = {
    id: callItemId,
    type: 'function_call',
    status: 'completed',
    arguments: argumentsText,
    call_id: callId,
    name: 'shell',
  };
  push({ type: 'response.output_item.done', item: callItem, output_index: 2 });

  push({
    type: 'response.completed',
    response: response({
      id,
      status: 'completed',
      output: [reasoningItem, messageItem, callItem],
      usage: {
        input_tokens: 8421,
        input_tokens_details: { cached_tokens: 7936 },
        output_tokens: 187,
        output_tokens_details: { reasoning_tokens: 64 },
        total_tokens: 8608,
      },
    }),
  });
  return events;
}

function failedRateLimit() {
  const id = 'resp_68c1f0b1a2b3c4d5e6f708192a3b4c5d';
  let sequence = 0;
  const events = [];
  const push = (event) => events.push({ ...event, sequence_number: sequence++ });
  push({ type: 'response.created', response: response({ id, status: 'in_progress' }) });
  push({ type: 'response.in_progress', response: response({ id, status: 'in_progress' }) });
  push({
    type: 'response.failed',
    response: response({
      id,
      status: 'failed',
      error: {
        code: 'rate_limit_exceeded',
        message:
          'Rate limit reached for gpt-5.1-codex in organization org-testkit on tokens per min (TPM): Limit 500000, Used 498312, Requested 9210. Please try again in 1.5s. Visit https://platform.openai.com/account/rate-limits to learn more.',
      },
    }),
  });
  return events;
}

function incomplete() {
  const id = 'resp_68c1f0c3b4c5d6e7f8091a2b3c4d5e6f';
  const messageId = 'msg_68c1f0c3c5d6e7f8091a2b3c4d5e6f70';
  let sequence = 0;
  const events = [];
  const push = (event) => events.push({ ...event, sequence_number: sequence++ });
  push({ type: 'response.created', response: response({ id, status: 'in_progress' }) });
  push({ type: 'response.in_progress', response: response({ id, status: 'in_progress' }) });
  push({
    type: 'response.output_item.added',
    item: { id: messageId, type: 'message', status: 'in_progress', content: [], role: 'assistant' },
    output_index: 0,
  });
  push({
    type: 'response.content_part.added',
    content_index: 0,
    item_id: messageId,
    output_index: 0,
    part: { type: 'output_text', annotations: [], logprobs: [], text: '' },
  });
  const deltas = ['The', ' migration', ' touches', ' three', ' packages', ':', ' first', ' the'];
  for (const delta of deltas) {
    push({
      type: 'response.output_text.delta',
      content_index: 0,
      delta,
      item_id: messageId,
      logprobs: [],
      obfuscation: obfuscation(sequence),
      output_index: 0,
    });
  }
  const partial = {
    id: messageId,
    type: 'message',
    status: 'incomplete',
    content: [{ type: 'output_text', annotations: [], logprobs: [], text: deltas.join('') }],
    role: 'assistant',
  };
  push({
    type: 'response.incomplete',
    response: response({
      id,
      status: 'incomplete',
      output: [partial],
      incompleteDetails: { reason: 'max_output_tokens' },
      usage: {
        input_tokens: 512,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: 8,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 520,
      },
    }),
  });
  return events;
}

const compact = {
  output: [
    {
      type: 'message',
      role: 'user',
      content: [
        { type: 'input_text', text: 'Refactor the retry loop to use the shared backoff helper.' },
      ],
    },
    {
      type: 'compaction',
      encrypted_content:
        'gAAAAABowfDdY29tcGFjdGVkLWhpc3RvcnktdGVzdGtpdC0wMTIzNDU2Nzg5YWJjZGVmX29wYXF1ZV9zdW1tYXJ5',
    },
  ],
};

const memories = {
  output: [
    {
      trace_summary:
        'The user refactored the retry loop in packages/client to use backoff(); tests pass on Node 20.',
      memory_summary: 'Prefers small kebab-case modules and colocated vitest tests.',
    },
  ],
};

const models = {
  models: [
    {
      slug: 'gpt-5.1-codex',
      display_name: 'gpt-5.1-codex',
      description: 'Optimized for agentic coding.',
      default_reasoning_level: 'medium',
      supported_reasoning_levels: [
        { effort: 'low', description: 'Fast responses with lighter reasoning' },
        { effort: 'medium', description: 'Balances speed and reasoning depth' },
        { effort: 'high', description: 'Maximizes reasoning depth for complex problems' },
      ],
      shell_type: 'shell_command',
      visibility: 'list',
      supported_in_api: true,
      priority: 1,
      base_instructions: 'You are Codex, a coding agent.',
      supports_reasoning_summaries: true,
      support_verbosity: false,
      default_verbosity: null,
      apply_patch_tool_type: 'freeform',
      truncation_policy: { mode: 'tokens', limit: 10000 },
      supports_parallel_tool_calls: true,
      context_window: 272000,
      experimental_supported_tools: [],
    },
    {
      slug: 'gpt-5.1-codex-mini',
      display_name: 'gpt-5.1-codex-mini',
      description: 'Cheaper, faster, less capable.',
      default_reasoning_level: 'medium',
      supported_reasoning_levels: [
        { effort: 'medium', description: 'Balances speed and reasoning depth' },
        { effort: 'high', description: 'Maximizes reasoning depth for complex problems' },
      ],
      shell_type: 'shell_command',
      visibility: 'list',
      supported_in_api: true,
      priority: 2,
      base_instructions: 'You are Codex, a coding agent.',
      supports_reasoning_summaries: true,
      support_verbosity: false,
      default_verbosity: null,
      apply_patch_tool_type: 'freeform',
      truncation_policy: { mode: 'tokens', limit: 10000 },
      supports_parallel_tool_calls: false,
      context_window: 272000,
      experimental_supported_tools: [],
    },
  ],
};

writeFileSync(new URL('turn.sse', fixtures), turn().map(frame).join(''));
writeFileSync(new URL('failed-rate-limit.sse', fixtures), failedRateLimit().map(frame).join(''));
writeFileSync(new URL('incomplete.sse', fixtures), incomplete().map(frame).join(''));
writeFileSync(new URL('compact.json', fixtures), `${JSON.stringify(compact, null, 2)}\n`);
writeFileSync(new URL('memories.json', fixtures), `${JSON.stringify(memories, null, 2)}\n`);
writeFileSync(new URL('models.json', fixtures), `${JSON.stringify(models, null, 2)}\n`);
