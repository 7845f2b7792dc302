// Runs every example program of this folder as a user would (`node <example>.ts`, types stripped)
// against a test kit server, with the base URL and keys in the environment, and checks what it
// printed and what the server received.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadTranscript,
  type ResponsesServer,
  sseResponse,
  startResponsesServer,
} from '@codex/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { programEnvironment, REPOSITORY_ROOT, runProgram } from './support/run-program.js';

const examplesDirectory = join(REPOSITORY_ROOT, 'examples');
let server: ResponsesServer;
let home: string;

beforeAll(async () => {
  server = await startResponsesServer();
  home = mkdtempSync(join(tmpdir(), 'codex-examples-home-'));
});

afterEach(() => server.reset());

afterAll(async () => {
  await server?.close();
  rmSync(home, { recursive: true, force: true });
  for (const file of readdirSync(examplesDirectory).filter((name) => name.endsWith('.run.mjs'))) {
    rmSync(join(examplesDirectory, file), { force: true });
  }
});

function run(example: string, extra: Record<string, string> = {}) {
  return runProgram({
    file: join(examplesDirectory, example),
    env: programEnvironment({ baseUrl: server.baseUrl, home, extra }),
  });
}

/** The assistant text of the recorded `turn` transcript. */
function turnText(): string {
  return loadTranscript('turn')
    .toString('utf8')
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice('data: '.length)) as { type: string; delta?: string })
    .filter((event) => event.type === 'response.output_text.delta')
    .map((event) => event.delta ?? '')
    .join('');
}

function completed(id: string) {
  return {
    type: 'response.completed',
    response: {
      id,
      usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15 },
    },
  };
}

it('every example in the folder has a test here', () => {
  const examples = readdirSync(examplesDirectory).filter(
    (name) => name.endsWith('.ts') && !name.endsWith('.d.ts'),
  );
  expect(examples.sort()).toEqual(
    [
      'abort.ts',
      'bedrock-sigv4.ts',
      'compact.ts',
      'custom-provider.ts',
      'handle-errors.ts',
      'stream-turn.ts',
      'tool-call.ts',
    ].sort(),
  );
});

it('stream-turn.ts prints the text as it arrives, then the usage', async () => {
  const result = await run('stream-turn.ts');
  expect(result.exitCode, result.stderr).toBe(0);
  expect(result.stdout).toContain(turnText());
  expect(result.stdout).toMatch(/response resp_\w+: 8608 tokens/);
  expect(server.responses.requests[0]?.headers.authorization).toBe('Bearer sk-example-test-key');
});

it('tool-call.ts runs the requested function and sends its output back', async () => {
  server.responses.enqueue(
    sseResponse([
      { type: 'response.created', response: { id: 'resp_1' } },
      {
        type: 'response.output_item.done',
        item: {
          type: 'function_call',
          name: 'get_current_time',
          arguments: '{}',
          call_id: 'call_time_1',
        },
      },
      completed('resp_1'),
    ]),
    sseResponse([
      { type: 'response.created', response: { id: 'resp_2' } },
      { type: 'response.output_text.delta', delta: 'It is ' },
      { type: 'response.output_text.delta', delta: 'noon.' },
      completed('resp_2'),
    ]),
  );
  const result = await run('tool-call.ts');
  expect(result.exitCode, result.stderr).toBe(0);
  expect(result.stdout).toMatch(/\[tool\] get_current_time\(\{\}\) → \d{4}-\d\d-\d\dT/);
  expect(result.stdout).toContain('It is noon.');
  const requests = server.responses.requests.map(
    (request) => request.json() as { input: Array<Record<string, unknown>>; tools: unknown[] },
  );
  expect(requests).toHaveLength(2);
  expect(requests[0]?.tools).toEqual([expect.objectContaining({ name: 'get_current_time' })]);
  expect(requests[1]?.input).toContainEqual(
    expect.objectContaining({ type: 'function_call_output', call_id: 'call_time_1' }),
  );
});

it('compact.ts replaces the history with what the server returns', async () => {
  const result = await run('compact.ts');
  expect(result.exitCode, result.stderr).toBe(0);
  expect(result.stdout).toMatch(/^2 items compacted into \d+:/);
  expect(server.compact.requests).toHaveLength(1);
});

describe('custom-provider.ts', () => {
  it('streams through its own settings and auth', async () => {
    const result = await run('custom-provider.ts');
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain(turnText());
    const request = server.responses.requests[0];
    expect(request?.headers.authorization).toBe('Bearer example-test-key');
    expect(request?.headers['x-example-client']).toBe('codex-examples');
  });

  it('shows its own message for the failure it recognises', async () => {
    server.responses.enqueue({ status: 402, body: 'payment required' });
    const result = await run('custom-provider.ts');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(
      /^Your gateway plan is out of credit\. Top it up and retry, url: http:\/\/127\.0\.0\.1:\d+\/v1\/responses, request id: req_testkit_\d+\n$/,
    );
  });
});

it('bedrock-sigv4.ts signs every request with SigV4 for bedrock-mantle', async () => {
  const result = await run('bedrock-sigv4.ts');
  expect(result.exitCode, result.stderr).toBe(0);
  expect(result.stdout).toContain(turnText());
  const headers = server.responses.requests[0]?.headers ?? {};
  expect(headers.authorization).toMatch(
    /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/us-east-1\/bedrock-mantle\/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$/,
  );
  expect(headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
  expect(headers['x-amzn-mantle-client-agent']).toBe('codex');
});

it('abort.ts cancels the turn in the middle and the connection is released', async () => {
  const slow = await startResponsesServer({ eventDelayMs: 10 });
  try {
    const result = await runProgram({
      file: join(examplesDirectory, 'abort.ts'),
      env: programEnvironment({
        baseUrl: slow.baseUrl,
        home,
        extra: { CODEX_EXAMPLE_MAX_CHARACTERS: '20' },
      }),
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/\naborted after \d+ characters: enough text\n$/);
    expect(result.stdout).not.toContain(turnText());
    expect(await slow.responses.requests[0]?.outcome).toBe('client-disconnected');
  } finally {
    await slow.close();
  }
});

describe('handle-errors.ts', () => {
  it('reports no error when the turn succeeds', async () => {
    const result = await run('handle-errors.ts');
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain('ok: no error');
  });

  it.each([
    {
      name: 'a missing key',
      setUp: () => {},
      extra: { OPENAI_API_KEY: '' },
      printed: 'env_var: configuration: Missing environment variable: `OPENAI_API_KEY`.',
    },
    {
      name: 'a 401',
      setUp: () => server.responses.enqueue({ status: 401, body: '{"detail":"Unauthorized"}' }),
      extra: {},
      printed:
        'unexpected_status (retryable): check the API key (HTTP 401, request id req_testkit_',
    },
    {
      name: 'a 400',
      setUp: () => server.responses.enqueue({ status: 400, body: 'bad tool schema' }),
      extra: {},
      printed: 'invalid_request: the request was refused:',
    },
    {
      name: 'a usage limit',
      setUp: () =>
        server.responses.enqueue({
          status: 429,
          body: JSON.stringify({
            error: { type: 'usage_limit_reached', plan_type: 'plus', resets_at: 1_900_000_000 },
          }),
        }),
      extra: {},
      printed: 'usage_limit_reached: usage limit reached; try again after 2030-03-17T17:46:40.000Z',
    },
    {
      name: 'a stream that fails with a full context window',
      setUp: () =>
        server.responses.enqueue(
          sseResponse([
            { type: 'response.created', response: { id: 'resp_f' } },
            {
              type: 'response.failed',
              response: {
                id: 'resp_f',
                error: { code: 'context_length_exceeded', message: 'too long' },
              },
            },
          ]),
        ),
      extra: {},
      printed: 'context_window_exceeded: the conversation is too long',
    },
  ])('narrows $name to its kind', async ({ setUp, extra, printed }) => {
    setUp();
    const result = await run('handle-errors.ts', extra);
    expect(result.exitCode, result.stderr).toBe(1);
    expect(result.stdout).toContain(printed);
  });
});
