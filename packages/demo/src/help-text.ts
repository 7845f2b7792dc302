import { DEFAULT_MODEL } from './parse-arguments.js';

/** The `--help` text. */
export const HELP_TEXT: string = `Usage: pnpm demo [options]

Streams a Responses turn through ModelClient and the OpenAI provider (reasoning summary and text
as they arrive, the tool call, token usage, rate limits), compacts the history, shows what an
Amazon Bedrock user sees when the AWS credential has expired, then streams over a WebSocket: two
turns on one connection (the second sent with previous_response_id), and the one-time fallback to
HTTPS when a server answers the handshake with 426 Upgrade Required.

Without --live everything runs against loopback servers on 127.0.0.1; nothing leaves the machine.
The Bedrock and WebSocket steps always run on loopback.

Options:
  --json           one JSON object per line: each ResponseEvent, the compaction, the Bedrock error
                   (use pnpm -s demo --json to leave out pnpm's own "> codex-ts demo" header)
  --live           use the real service; needs OPENAI_API_KEY (OPENAI_BASE_URL is honoured)
  -m, --model <m>  model to ask for (default: ${DEFAULT_MODEL})
  -h, --help       show this help

Colours are used only when stdout is a terminal and NO_COLOR is not set.
Exit status: 0 on success; 1 with one line "demo: <reason>" on failure; 2 for a usage error.
`;
