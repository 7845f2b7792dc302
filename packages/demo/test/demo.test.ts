import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startResponsesServer } from '@codex/testkit';
import { beforeAll, describe, expect, it } from 'vitest';

// The BUILT program, as `pnpm demo` runs it (the turbo `test` task builds first).
const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const ASSISTANT_TEXT =
  "I'll start by listing the files at the root of the repository so we can see how the packages are laid out — then I'll open `package.json` to check the workspace scripts.";
const GUIDANCE =
  'Amazon Bedrock rejected the request because its AWS signature has expired. Refresh your AWS credentials and retry. If `AWS_BEARER_TOKEN_BEDROCK` is set, update or unset it, then restart Codex';

interface Chunk {
  /** `performance.now()` when the chunk was read. */
  readonly at: number;
  /** Offset of the chunk in the whole stdout text. */
  readonly offset: number;
  readonly text: string;
}

interface DemoRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly chunks: readonly Chunk[];
}

/** Runs `node dist/main.js …args`, recording every stdout chunk with its arrival time. */
function runDemo(args: readonly string[], env: Record<string, string> = {}): Promise<DemoRun> {
  const baseEnv = { ...process.env };
  // The demo must not depend on the developer's shell: no key, no base URL, no colour settings.
  for (const name of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'NO_COLOR', 'FORCE_COLOR']) {
    delete baseEnv[name];
  }
  const child: ChildProcess = spawn(process.execPath, [MAIN, ...args], {
    env: { ...baseEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: Chunk[] = [];
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stdout?.on('data', (text: string) => {
    chunks.push({ at: performance.now(), offset: stdout.length, text });
    stdout += text;
  });
  child.stderr?.on('data', (text: string) => {
    stderr += text;
  });
  return new Promise((resolve, reject) => {
    // The demo must end by itself (servers closed, no handles left); kill it only as a last resort.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`demo ${args.join(' ')} did not exit by itself within 30 s`));
    }, 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, chunks });
    });
  });
}

/** The chunks that carry at least one character of `stdout.slice(start, end)`. */
function chunksOverlapping(run: DemoRun, start: number, end: number): Chunk[] {
  return run.chunks.filter(
    (chunk) => chunk.offset < end && chunk.offset + chunk.text.length > start,
  );
}

beforeAll(() => {
  if (!existsSync(MAIN)) {
    throw new Error(
      `${MAIN} is missing: build first (pnpm turbo run build --filter=@codex/demo...)`,
    );
  }
});

describe('pnpm demo (built, as a child process)', () => {
  it('streams the turn progressively, then prints usage, rate limits, compaction and the Bedrock guidance, and exits 0', async () => {
    // Events 60 ms apart (the default is 15): the text then spans about 2 s, so a busy machine
    // that reads the child's output late still sees it arrive in pieces.
    const run = await runDemo([], { CODEX_DEMO_EVENT_DELAY_MS: '60' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    // The text is printed as it arrives: its characters came in several chunks, spread over time,
    // and the first of them came before the stream ended (before the usage line was printed).
    // The server paces its 35 text deltas 60 ms apart, so they span about 2 s.
    const textStart = run.stdout.indexOf("I'll start");
    const textEnd = run.stdout.indexOf('workspace scripts.') + 'workspace scripts.'.length;
    expect(textStart).toBeGreaterThan(-1);
    expect(run.stdout.slice(textStart, textEnd)).toBe(ASSISTANT_TEXT);
    const textChunks = chunksOverlapping(run, textStart, textEnd);
    expect(textChunks.length).toBeGreaterThan(1);
    const usageOffset = run.stdout.indexOf('8,421 input (7,936 cached)');
    const [usageChunk] = chunksOverlapping(run, usageOffset, usageOffset + 1);
    expect(usageChunk).toBeDefined();
    expect(usageChunk!.at - textChunks[0]!.at).toBeGreaterThan(500);

    // The reasoning summary streams too, before the text.
    const reasoningOffset = run.stdout.indexOf('**Inspecting the project layout**');
    expect(reasoningOffset).toBeGreaterThan(-1);
    expect(reasoningOffset).toBeLessThan(textStart);

    expect(run.stdout).toContain('function call shell {"command":["ls","-la"],"workdir":"/repo"}');
    expect(run.stdout).toContain(
      '8,421 input (7,936 cached) · 187 output (64 reasoning) · 8,608 total',
    );
    expect(run.stdout).toMatch(/5h window +42% used .* resets \S.* \(in 2h 13m\)/);
    expect(run.stdout).toMatch(/weekly window +12\.5% used .* resets \S.* \(in 4d 3h\)/);
    expect(run.stdout).toContain('Compact the history (5 items)');
    expect(run.stdout).toContain('2 items came back:');
    expect(run.stdout).toContain(
      'user message "Refactor the retry loop to use the shared backoff helper."',
    );
    expect(run.stdout).toContain('compaction (encrypted summary, 88 characters)');
    expect(run.stdout).toContain(`${GUIDANCE}, url: http://127.0.0.1:`);
    expect(run.stdout).toContain('/openai/v1/responses, request id: req_bedrock_7c1e0b5a9f2d4e68');
    expect(run.stdout).toContain('How to fix it');
    expect(run.stdout).toContain('AWS_BEARER_TOKEN_BEDROCK is set, replace it');
    // Step 4: two turns over one WebSocket (the second incremental), then the fallback.
    expect(run.stdout).toContain(
      '4. Stream over a WebSocket, reuse it for the next turn, fall back to HTTPS',
    );
    expect(run.stdout).toMatch(
      /Turn 1 {6}over WebSocket · new connection · 1 of 1 items sent · resp_68c1f0a2b3d4e5f60718293a4b5c6d7e\n/,
    );
    expect(run.stdout).toContain(
      'Turn 2      over WebSocket · same connection · previous_response_id resp_68c1f0a2b3d4e5f60718293a4b5c6d7e + 1 new of 5 items · resp_demo_follow_up_5d0c7a9e',
    );
    expect(run.stdout).toMatch(
      /⚠ Falling back from WebSockets to HTTPS transport\. unexpected status 426 Upgrade Required: .*, url: ws:\/\/127\.0\.0\.1:\d+\/v1\/responses/,
    );
    expect(run.stdout).toContain(
      'Turn 3      over HTTPS after the fallback · resp_demo_follow_up_5d0c7a9e',
    );
    expect(run.stdout.indexOf('Turn 3')).toBeGreaterThan(run.stdout.indexOf('Falling back'));
    // Piped output is never coloured.
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('--json prints one JSON object per line: every event, the compaction, the Bedrock error, then the WebSocket turns and the fallback warning', async () => {
    const run = await runDemo(['--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    const objects = lines.map(
      (line) => JSON.parse(line) as { type: string } & Record<string, unknown>,
    );
    const types = objects.map((object) => object.type);

    expect(types.filter((type) => type === 'outputTextDelta')).toHaveLength(35);
    expect(types.filter((type) => type === 'reasoningSummaryDelta')).toHaveLength(23);
    const deltas = objects.filter((object) => object.type === 'outputTextDelta');
    expect(deltas.map((object) => object.delta).join('')).toBe(ASSISTANT_TEXT);
    expect(objects).toContainEqual({
      type: 'rateLimits',
      snapshot: expect.objectContaining({
        limitId: 'codex',
        primary: expect.objectContaining({ usedPercent: 42, windowMinutes: 300 }),
        secondary: expect.objectContaining({ usedPercent: 12.5, windowMinutes: 10_080 }),
      }),
    });
    const completedIndex = types.indexOf('completed');
    expect(objects[completedIndex]).toMatchObject({
      responseId: 'resp_68c1f0a2b3d4e5f60718293a4b5c6d7e',
      tokenUsage: { inputTokens: 8421, outputTokens: 187, totalTokens: 8608 },
    });
    expect(objects[completedIndex + 1]).toMatchObject({
      type: 'compaction',
      inputItemCount: 5,
      output: [{ type: 'message', role: 'user' }, { type: 'compaction' }],
    });
    expect(objects[completedIndex + 2]).toMatchObject({
      type: 'error',
      provider: 'amazon-bedrock',
      status: 401,
      userMessage: GUIDANCE,
      requestId: 'req_bedrock_7c1e0b5a9f2d4e68',
    });
    expect(objects.slice(completedIndex + 3)).toEqual([
      {
        type: 'websocketTurn',
        turn: 1,
        transport: 'websocket',
        connections: 1,
        sentItems: 1,
        historyItems: 1,
        responseId: 'resp_68c1f0a2b3d4e5f60718293a4b5c6d7e',
      },
      {
        type: 'websocketTurn',
        turn: 2,
        transport: 'websocket',
        connections: 1,
        previousResponseId: 'resp_68c1f0a2b3d4e5f60718293a4b5c6d7e',
        sentItems: 1,
        historyItems: 5,
        responseId: 'resp_demo_follow_up_5d0c7a9e',
      },
      {
        type: 'warning',
        kind: 'websocketFallback',
        message: expect.stringMatching(
          /^Falling back from WebSockets to HTTPS transport\. unexpected status 426 Upgrade Required/,
        ),
      },
      {
        type: 'websocketTurn',
        turn: 3,
        transport: 'https',
        sentItems: 1,
        historyItems: 1,
        responseId: 'resp_demo_follow_up_5d0c7a9e',
      },
    ]);
  });

  it('--live without OPENAI_API_KEY exits non-zero with one line naming the variable', async () => {
    const run = await runDemo(['--live']);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^demo: .*OPENAI_API_KEY.*\n$/);
    expect(run.stderr.split('\n')).toHaveLength(2);
  });

  it('--live sends the key from OPENAI_API_KEY to OPENAI_BASE_URL', async () => {
    await using server = await startResponsesServer();
    const run = await runDemo(['--live', '--json', '--model', 'gpt-test'], {
      OPENAI_API_KEY: 'sk-fake-live-test-key',
      OPENAI_BASE_URL: server.baseUrl,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(server.responses.requests).toHaveLength(1);
    const request = server.responses.requests[0]!;
    expect(request.headers.authorization).toBe('Bearer sk-fake-live-test-key');
    expect(request.json()).toMatchObject({ model: 'gpt-test', stream: true });
    expect(server.compact.requests).toHaveLength(1);
  });

  it('--help exits 0 with the usage', async () => {
    const run = await runDemo(['--help']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Usage: pnpm demo');
    expect(run.stdout).toContain('--json');
    expect(run.stdout).toContain('--live');
  });

  it('an unknown flag exits non-zero with one line and no stack trace', async () => {
    const run = await runDemo(['--frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('demo: unknown option --frobnicate (see --help)\n');
  });
});
