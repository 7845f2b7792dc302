import type { ResponseItem } from '../response-item.js';

// One fully populated and one minimal value of every variant of ResponseItem.
export const responseItemVariants: Array<[string, ResponseItem]> = [
  [
    'message (full)',
    {
      type: 'message',
      id: 'msg_1',
      role: 'assistant',
      content: [
        { type: 'input_text', text: 'hi' },
        { type: 'input_image', image_url: 'data:image/png;base64,AA==', detail: 'high' },
        { type: 'input_image', image_url: 'https://example.com/a.png' },
        { type: 'output_text', text: 'hello' },
      ],
      end_turn: true,
      phase: 'final_answer',
      internal_chat_message_metadata_passthrough: { turn_id: 't1', create_time: 1.5 },
    },
  ],
  [
    'message (end_turn false, empty strings kept)',
    {
      type: 'message',
      id: '',
      role: '',
      content: [{ type: 'output_text', text: '' }],
      end_turn: false,
    },
  ],
  ['message (minimal)', { type: 'message', role: 'user', content: [] }],
  [
    'agent_message',
    {
      type: 'agent_message',
      author: 'root',
      recipient: 'worker',
      content: [
        { type: 'input_text', text: 'do it' },
        { type: 'encrypted_content', encrypted_content: 'enc' },
      ],
    },
  ],
  [
    'reasoning (text content)',
    {
      type: 'reasoning',
      id: 'rs_1',
      summary: [{ type: 'summary_text', text: 'thinking' }],
      content: [{ type: 'text', text: 'visible' }],
      encrypted_content: 'gAAAA',
    },
  ],
  ['reasoning (minimal)', { type: 'reasoning', summary: [], encrypted_content: null }],
  [
    'local_shell_call (full)',
    {
      type: 'local_shell_call',
      call_id: 'call_1',
      status: 'completed',
      action: {
        type: 'exec',
        command: ['ls', '-a'],
        timeout_ms: 1000,
        working_directory: '/tmp',
        env: { A: 'b' },
        user: 'me',
      },
    },
  ],
  [
    'local_shell_call (nulls)',
    {
      type: 'local_shell_call',
      call_id: null,
      status: 'in_progress',
      action: {
        type: 'exec',
        command: [],
        timeout_ms: null,
        working_directory: null,
        env: null,
        user: null,
      },
    },
  ],
  [
    'function_call',
    {
      type: 'function_call',
      name: 'shell',
      namespace: 'tools',
      arguments: '{"cmd":"ls"}',
      call_id: 'c1',
    },
  ],
  [
    'tool_search_call',
    {
      type: 'tool_search_call',
      call_id: 'search-1',
      status: 'completed',
      execution: 'client',
      arguments: { query: 'calendar create', limit: 1 },
    },
  ],
  [
    'tool_search_call (null call id)',
    { type: 'tool_search_call', call_id: null, execution: 'server', arguments: null },
  ],
  ['function_call_output (string)', { type: 'function_call_output', call_id: 'c1', output: 'ok' }],
  [
    'function_call_output (array)',
    {
      type: 'function_call_output',
      call_id: 'c1',
      output: [
        { type: 'input_text', text: 'see image' },
        { type: 'input_image', image_url: 'data:image/png;base64,AA==', detail: 'original' },
        { type: 'encrypted_content', encrypted_content: 'enc' },
      ],
    },
  ],
  [
    'custom_tool_call',
    {
      type: 'custom_tool_call',
      status: 'completed',
      call_id: 'call_0',
      name: 'apply_patch',
      input: '*** Begin Patch\n*** End Patch',
    },
  ],
  [
    'custom_tool_call_output',
    { type: 'custom_tool_call_output', call_id: 'call_0', name: 'apply_patch', output: 'done' },
  ],
  [
    'custom_tool_call_output (array, no name)',
    {
      type: 'custom_tool_call_output',
      call_id: 'call_0',
      output: [{ type: 'input_text', text: 'x' }],
    },
  ],
  [
    'tool_search_output',
    {
      type: 'tool_search_output',
      call_id: null,
      status: 'completed',
      execution: 'client',
      tools: [{ type: 'function', name: 'calendar_create' }],
    },
  ],
  [
    'web_search_call (search)',
    {
      type: 'web_search_call',
      id: 'ws_1',
      status: 'completed',
      action: { type: 'search', query: 'weather', queries: ['weather', 'forecast'] },
    },
  ],
  [
    'web_search_call (open_page)',
    { type: 'web_search_call', action: { type: 'open_page', url: 'https://example.com' } },
  ],
  [
    'web_search_call (find_in_page)',
    {
      type: 'web_search_call',
      action: { type: 'find_in_page', url: 'https://example.com', pattern: 'needle' },
    },
  ],
  ['web_search_call (other action)', { type: 'web_search_call', action: { type: 'other' } }],
  ['web_search_call (no action)', { type: 'web_search_call', status: 'in_progress' }],
  [
    'image_generation_call',
    {
      type: 'image_generation_call',
      id: 'ig_1',
      status: 'completed',
      revised_prompt: 'a cat',
      result: 'iVBOR',
    },
  ],
  [
    'image_generation_call (minimal)',
    { type: 'image_generation_call', id: 'ig_2', status: 'generating', result: '' },
  ],
  [
    'ghost_snapshot',
    {
      type: 'ghost_snapshot',
      ghost_commit: {
        id: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
        parent: 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3',
        preexisting_untracked_files: ['notes.txt', 'src/scratch.ts'],
        preexisting_untracked_dirs: ['tmp'],
      },
    },
  ],
  [
    'ghost_snapshot (no parent)',
    {
      type: 'ghost_snapshot',
      ghost_commit: {
        id: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
        parent: null,
        preexisting_untracked_files: [],
        preexisting_untracked_dirs: [],
      },
    },
  ],
  ['compaction', { type: 'compaction', encrypted_content: 'abc' }],
  ['compaction_trigger', { type: 'compaction_trigger' }],
  ['context_compaction', { type: 'context_compaction', encrypted_content: 'ctx' }],
  ['context_compaction (empty)', { type: 'context_compaction' }],
  ['other', { type: 'other' }],
];

/** Invalid items with a pattern their parse error must match. */
export const invalidResponseItems: Array<[string, unknown, RegExp]> = [
  ['not an object', 'text', /expected a JSON object/],
  ['an array', [], /expected a JSON object/],
  ['no type', { role: 'user' }, /expected a string "type"/],
  [
    'missing call_id',
    { type: 'function_call', name: 'f', arguments: '{}' },
    /"function_call".*call_id/,
  ],
  ['bad phase', { type: 'message', role: 'a', content: [], phase: 'draft' }, /"message".*phase/],
  ['bad content item', { type: 'message', role: 'a', content: [{ type: 'video' }] }, /"message"/],
  ['missing tool search arguments', { type: 'tool_search_call', execution: 'client' }, /arguments/],
  [
    'bad shell status',
    { type: 'local_shell_call', status: 'done', action: { type: 'exec', command: [] } },
    /status/,
  ],
  [
    'shell status in another case',
    { type: 'local_shell_call', status: 'Completed', action: { type: 'exec', command: [] } },
    /"local_shell_call".*status/,
  ],
  [
    'phase in upper case',
    { type: 'message', role: 'a', content: [], phase: 'FINAL_ANSWER' },
    /"message".*phase/,
  ],
  [
    'image detail in upper case',
    {
      type: 'message',
      role: 'a',
      content: [{ type: 'input_image', image_url: 'u', detail: 'HIGH' }],
    },
    /"message".*content\.0\.detail/,
  ],
  [
    'fractional timeout_ms (a u64 upstream)',
    {
      type: 'local_shell_call',
      status: 'completed',
      action: { type: 'exec', command: [], timeout_ms: 1.5 },
    },
    /"local_shell_call".*action\.timeout_ms/,
  ],
  [
    'negative timeout_ms',
    {
      type: 'local_shell_call',
      status: 'completed',
      action: { type: 'exec', command: [], timeout_ms: -1 },
    },
    /action\.timeout_ms/,
  ],
  [
    'image_generation_call without its id',
    { type: 'image_generation_call', status: 'completed', result: 'r' },
    /"image_generation_call".*id/,
  ],
  [
    'image_generation_call with a null id',
    { type: 'image_generation_call', id: null, status: 'completed', result: 'r' },
    /"image_generation_call".*id/,
  ],
  [
    'ghost_snapshot without its commit',
    { type: 'ghost_snapshot' },
    /"ghost_snapshot".*ghost_commit/,
  ],
  [
    'ghost commit without the untracked directories',
    {
      type: 'ghost_snapshot',
      ghost_commit: { id: 'c', parent: null, preexisting_untracked_files: [] },
    },
    /"ghost_snapshot".*ghost_commit\.preexisting_untracked_dirs/,
  ],
  [
    'end_turn as a string',
    { type: 'message', role: 'a', content: [], end_turn: 'yes' },
    /end_turn/,
  ],
];
