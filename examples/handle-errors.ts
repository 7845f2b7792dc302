// Handling each kind of failure. Every failure of `ModelClient` — a missing key, an HTTP error
// status, a stream that fails in the middle, a timeout — arrives as a `CodexError`, already
// mapped by the provider; a `switch` on its `kind` narrows it to its class. An abort arrives as
// the signal's reason instead (see abort.ts).
//
//   OPENAI_API_KEY=sk-… node handle-errors.ts
import { CodexError, createOpenAIProvider, ModelClient } from '@codex/api';

/** What a program could do about `error`: one line for the user. */
function advice(error: CodexError): string {
  switch (error.kind) {
    case 'env_var':
      return `configuration: ${error.message}`;
    case 'unexpected_status':
      // The status, the raw body, the url and the request id are all at hand.
      if (error.status === 401 || error.status === 403) {
        return `check the API key (HTTP ${error.status}, request id ${error.requestId ?? 'none'})`;
      }
      return `the server answered HTTP ${error.status}: ${error.body}`;
    case 'usage_limit_reached':
      return `usage limit reached; try again after ${error.resetsAt?.toISOString() ?? 'a while'}`;
    case 'usage_not_included':
    case 'quota_exceeded':
      return `the plan does not allow this: ${error.message}`;
    case 'retry_limit':
    case 'server_overloaded':
    case 'internal_server_error':
      return `the service is struggling; retry later (${error.message})`;
    case 'context_window_exceeded':
      return 'the conversation is too long: compact it (see compact.ts) and retry';
    case 'invalid_request':
    case 'invalid_image_request':
    case 'cyber_policy':
      return `the request was refused: ${error.message}`;
    case 'stream_disconnected':
    case 'response_stream_failed':
    case 'connection_failed':
    case 'request_timeout':
      return `the connection failed; retrying the turn may help (${error.message})`;
    case 'refresh_token_failed':
    case 'fatal':
      return `cannot continue: ${error.message}`;
  }
}

const client = new ModelClient({ provider: createOpenAIProvider() });
try {
  const stream = await client.stream({
    model: process.env.CODEX_EXAMPLE_MODEL ?? 'gpt-5.1-codex-mini',
    input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi' }] }],
  });
  for await (const event of stream) {
    if (event.type === 'outputTextDelta') process.stdout.write(event.delta);
  }
  console.log('\nok: no error');
} catch (error) {
  if (!CodexError.isInstance(error)) throw error;
  console.log(`${error.kind}${error.isRetryable ? ' (retryable)' : ''}: ${advice(error)}`);
  process.exitCode = 1;
}
