import type { Reasoning, ResponseItem } from '@codex/protocol';

/** The instructions of the demo turn. */
export const DEMO_INSTRUCTIONS =
  'You are a coding agent working in a TypeScript monorepo. Be brief. Use the shell tool to look around before answering.';

/** The user message of the demo turn (the loopback transcript answers exactly this kind of ask). */
export const DEMO_INPUT: readonly ResponseItem[] = [
  {
    type: 'message',
    role: 'user',
    content: [
      {
        type: 'input_text',
        text: 'What does this repository contain? Start by looking at the files.',
      },
    ],
  },
];

/** The one tool of the demo turn: the `shell` function Codex offers, as sent on the wire. */
export const DEMO_TOOLS: readonly unknown[] = [
  {
    type: 'function',
    name: 'shell',
    description: 'Runs a shell command and returns its output.',
    strict: false,
    parameters: {
      type: 'object',
      properties: {
        command: {
          type: 'array',
          items: { type: 'string' },
          description: 'The command and its arguments.',
        },
        workdir: { type: 'string', description: 'The working directory.' },
      },
      required: ['command'],
      additionalProperties: false,
    },
  },
];

/** Reasoning settings: a summary is asked for, so it can be shown as it streams. */
export const DEMO_REASONING: Reasoning = { effort: 'low', summary: 'auto' };
