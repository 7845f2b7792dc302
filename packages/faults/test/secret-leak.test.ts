// The secret-leak suite of issue 13: each kind of secret a request carries or the library holds,
// leaked by each source of foreign text (user code and servers) in each form it is echoed in,
// must appear on no surface a user can print — message, String(), JSON, toJSON, inspect (default,
// and with depth and showHidden), stack, every cause in the chain, and the telemetry objects.
import { inspect } from 'node:util';
import {
  type AttemptTelemetry,
  type AuthProvider,
  createBearerAuth,
  createEndpointSettings,
  createKyTransport,
  createOpenAIProvider,
  defineModelProvider,
  type FetchFunction,
  ModelClient,
  type ModelProvider,
} from '@codex/api';
import { EventStream, type StreamEventTelemetry } from '@codex/client';
import { createBedrockProvider } from '@codex/provider-bedrock';
import { bytesOf, startResponsesServer } from '@codex/testkit';
import { describe, expect, it } from 'vitest';

/** A secret of exactly 39 characters, with `/`, `+` and `=` so that every encoded form differs. */
const BEARER = 'sk-leak/0123456789+abcdefghij=ABCDEFGHI';
const API_KEY = 'azure-leak-key/0123456789+abcdef==';
const X_API_KEY = 'x-api-leak-key/0123456789+abcdef==';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYLEAKKEY12';
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjE/leak+session+token==';
const CUSTOM = 'acme-leak-token/0123456789+abcdef==';
const USERINFO_PASSWORD = 'userinfo-leak-pass+0123456789abcdef';

/** The forms a secret is echoed in. */
const FORMS: Readonly<Record<string, (secret: string) => string>> = {
  'as is': (secret) => secret,
  'JSON-escaped': (secret) => JSON.stringify(secret).slice(1, -1).replaceAll('/', '\\/'),
  'percent-encoded': (secret) => encodeURIComponent(secret),
};

/** Every form of `secret` that must not be shown. */
function shapesOf(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  return [...new Set([secret, json, json.replaceAll('/', '\\/'), encodeURIComponent(secret)])];
}

type Source =
  | 'a custom fetch throws'
  | 'a custom fetch body fails mid-stream'
  | 'the server echoes it in an error body and header'
  | 'the server echoes it in a body that does not decode'
  | 'auth throws'
  | 'resolve() throws'
  | 'the runtime refuses the URL';

/** What a kind needs to build its client for one case. */
interface Build {
  readonly baseUrl: string;
  readonly fetch: FetchFunction;
  readonly onAttempt: (telemetry: AttemptTelemetry) => void;
  /** When it returns an error, the auth step throws it (a token source, credentials, custom auth). */
  readonly authFailure: () => Error | undefined;
}

interface Kind {
  readonly name: string;
  /** The endpoint base path of its server. */
  readonly basePath: string;
  /** The secret, or — for a value only the wire shows (a signature) — how to read it there. */
  readonly secret: string | ((headers: Headers) => string | undefined);
  readonly sources: readonly Source[];
  /** No request can be sent (the runtime refuses it), so the warm-up call fails too. */
  readonly unsendable?: boolean;
  provider(build: Build): ModelProvider;
}

function openai(build: Build, headers?: Record<string, string>): ModelProvider {
  return createOpenAIProvider({
    apiKey: 'sk-not-the-secret-of-this-case',
    baseUrl: build.baseUrl,
    env: {},
    headers,
    fetch: build.fetch,
    retry: { maxAttempts: 0 },
  });
}

function bedrock(build: Build): ModelProvider {
  return createBedrockProvider({
    region: 'us-east-1',
    baseUrl: build.baseUrl,
    env: {},
    fetch: build.fetch,
    retry: { maxAttempts: 0 },
    credentials: async () => {
      const failure = build.authFailure();
      if (failure !== undefined) throw failure;
      return {
        accessKeyId: 'AKIALEAKSEXAMPLE0001',
        secretAccessKey: AWS_SECRET,
        sessionToken: SESSION_TOKEN,
      };
    },
  });
}

/** A provider whose auth is `auth` (for the kinds that need an auth of their own). */
function custom(build: Build, auth: AuthProvider): ModelProvider {
  return defineModelProvider({
    id: 'leak-suite',
    name: 'Leak suite',
    fetch: build.fetch,
    resolve: async () => ({
      settings: createEndpointSettings({
        name: 'Leak suite',
        baseUrl: build.baseUrl,
        retry: { maxAttempts: 0 },
      }),
      auth,
    }),
  });
}

const WIRE_SOURCES: readonly Source[] = [
  'a custom fetch throws',
  'a custom fetch body fails mid-stream',
  'the server echoes it in an error body and header',
  'the server echoes it in a body that does not decode',
  'resolve() throws',
];

const KINDS: readonly Kind[] = [
  {
    name: 'bearer token (39 characters)',
    basePath: '/v1',
    secret: BEARER,
    sources: [...WIRE_SOURCES, 'auth throws'],
    provider: (build) =>
      custom(
        build,
        createBearerAuth({
          getToken: () => {
            const failure = build.authFailure();
            if (failure !== undefined) throw failure;
            return BEARER;
          },
        }),
      ),
  },
  {
    name: 'api-key header',
    basePath: '/v1',
    secret: API_KEY,
    sources: WIRE_SOURCES,
    provider: (build) => openai(build, { 'api-key': API_KEY }),
  },
  {
    name: 'x-api-key header',
    basePath: '/v1',
    secret: X_API_KEY,
    sources: WIRE_SOURCES,
    provider: (build) => openai(build, { 'x-api-key': X_API_KEY }),
  },
  {
    name: 'SigV4 secret access key',
    basePath: '/openai/v1',
    secret: AWS_SECRET,
    // Never sent: only the credential provider and resolution can quote it.
    sources: ['auth throws', 'resolve() throws'],
    provider: bedrock,
  },
  {
    name: 'SigV4 signature',
    basePath: '/openai/v1',
    secret: (headers) => /Signature=([0-9a-f]+)/.exec(headers.get('authorization') ?? '')?.[1],
    // Bedrock lists its models from a static catalog: no models body ever comes back to decode.
    sources: WIRE_SOURCES.filter(
      (source) => source !== 'the server echoes it in a body that does not decode',
    ),
    provider: bedrock,
  },
  {
    name: 'SigV4 session token',
    basePath: '/openai/v1',
    secret: SESSION_TOKEN,
    sources: [
      ...WIRE_SOURCES.filter(
        (source) => source !== 'the server echoes it in a body that does not decode',
      ),
      'auth throws',
    ],
    provider: bedrock,
  },
  {
    name: 'custom auth header marked secret',
    basePath: '/v1',
    secret: CUSTOM,
    sources: [...WIRE_SOURCES, 'auth throws'],
    provider: (build) =>
      custom(build, {
        authenticate(request) {
          const failure = build.authFailure();
          if (failure !== undefined) throw failure;
          const headers = new Headers(request.headers);
          headers.set('x-acme-token', CUSTOM);
          return { ...request, headers, secretHeaders: ['x-acme-token'] };
        },
      }),
  },
  {
    name: 'URL userinfo',
    basePath: '/v1',
    secret: USERINFO_PASSWORD,
    sources: ['the runtime refuses the URL', 'resolve() throws'],
    unsendable: true,
    provider: (build) =>
      openai({
        ...build,
        baseUrl: build.baseUrl.replace('http://', `http://leak-user:${USERINFO_PASSWORD}@`),
      }),
  },
];

/** Everything a user could print of `value` and of each cause below it. */
function surfacesOf(value: unknown): string[] {
  const views: string[] = [];
  let current: unknown = value;
  for (let depth = 0; depth < 10 && current !== undefined && current !== null; depth++) {
    const error = current as Error & { toJSON?: () => unknown };
    views.push(
      String(error),
      inspect(error),
      inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
      safeJson(error),
    );
    if (error instanceof Error) {
      views.push(error.message, String(error.stack));
      if (typeof error.toJSON === 'function') views.push(safeJson(error.toJSON()));
    }
    current = (current as { cause?: unknown }).cause;
  }
  return views;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch (error) {
    return `unserialisable: ${String(error)}`;
  }
}

/** One case: a warm-up call that lets the library see the secret, then the leaking call. */
async function runCase(kind: Kind, source: Source, form: (secret: string) => string) {
  await using server = await startResponsesServer({ basePath: kind.basePath });
  let phase = 0;
  let learned: string | undefined;
  const secretNow = (): string => {
    if (typeof kind.secret === 'string') return kind.secret;
    if (learned === undefined) throw new Error('the secret was never sent');
    return learned;
  };
  const attempts: AttemptTelemetry[] = [];
  const fetch: FetchFunction = async (input, init) => {
    if (typeof kind.secret === 'function')
      learned = kind.secret(new Headers(init?.headers)) ?? learned;
    if (phase === 1 && source === 'a custom fetch throws') {
      const failure = new TypeError('fetch failed', {
        cause: new Error(`connect ECONNREFUSED while sending ${form(secretNow())}`),
      });
      // What a real client error may carry without showing it: the request it was sending.
      Object.defineProperty(failure, 'request', {
        value: { headers: Object.fromEntries(new Headers(init?.headers)) },
      });
      throw failure;
    }
    const response = await globalThis.fetch(input, init);
    if (phase === 1 && source === 'a custom fetch body fails mid-stream' && response.ok) {
      const reader = response.body!.getReader();
      let sent = false;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (!sent) {
            sent = true;
            const { value } = await reader.read();
            controller.enqueue(value!.subarray(0, 40));
            return;
          }
          await reader.cancel();
          controller.error(new Error(`proxy reset the stream of ${form(secretNow())}`));
        },
      });
      return new Response(body, { status: response.status, headers: response.headers });
    }
    return response;
  };
  let authFailing = false;
  let resolveFailing = false;
  const build: Build = {
    baseUrl: server.baseUrl,
    fetch,
    onAttempt: (telemetry) => attempts.push(telemetry),
    authFailure: () =>
      authFailing
        ? new Error(`token refresh failed for "${form(secretNow())}"`, {
            cause: new Error(`store said: ${form(secretNow())}`),
          })
        : undefined,
  };
  const base = kind.provider(build);
  const provider = defineModelProvider({
    ...base,
    resolve: async (options) => {
      if (resolveFailing) {
        throw new Error(`configuration refers to ${form(secretNow())}`, {
          cause: new Error(form(secretNow())),
        });
      }
      return base.resolve(options);
    },
  });
  const client = new ModelClient({ provider, onAttempt: build.onAttempt });
  const errors: unknown[] = [];
  const turn = async (): Promise<void> => {
    const stream = await client.stream({ model: 'gpt-test', input: [] });
    for await (const _event of stream) {
      // drained
    }
  };
  await turn().catch((error: unknown) => errors.push(error));
  if (kind.unsendable !== true) expect(errors, 'the warm-up call succeeds').toEqual([]);
  phase = 1;
  switch (source) {
    case 'auth throws':
      authFailing = true;
      break;
    case 'resolve() throws':
      resolveFailing = true;
      break;
    case 'the server echoes it in an error body and header':
      server.responses.enqueue(() => ({
        status: 401,
        headers: { 'x-echo': form(secretNow()), 'content-type': 'text/plain' },
        body: `invalid credential: ${form(secretNow())}`,
      }));
      break;
    case 'the server echoes it in a body that does not decode':
      server.models.enqueue(() => ({
        headers: { 'content-type': 'text/plain' },
        body: `<html>unknown key ${form(secretNow())}</html>`,
      }));
      break;
    default:
      break;
  }
  if (source === 'the server echoes it in a body that does not decode') {
    await client.listModels('1.0.0').catch((error: unknown) => errors.push(error));
  } else if (source !== 'the runtime refuses the URL') {
    await turn().catch((error: unknown) => errors.push(error));
  }
  expect(errors.length, 'the leaking call fails').toBeGreaterThan(0);
  const secret = secretNow();
  const views = [
    ...errors.flatMap(surfacesOf),
    inspect(attempts, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    safeJson(attempts),
  ];
  for (const view of views) {
    for (const shape of shapesOf(secret)) expect(view).not.toContain(shape);
  }
}

/** The number of cases, for the report. */
export const LEAK_CASE_COUNT: number =
  KINDS.reduce(
    (count, kind) =>
      count +
      kind.sources.reduce(
        (sum, source) =>
          sum + (source === 'the runtime refuses the URL' ? 1 : Object.keys(FORMS).length),
        0,
      ),
    0,
  ) + 1;

describe.each(KINDS)('$name', (kind) => {
  for (const source of kind.sources) {
    const forms = source === 'the runtime refuses the URL' ? { 'as is': FORMS['as is']! } : FORMS;
    for (const [formName, form] of Object.entries(forms)) {
      it(`${source} (${formName})`, () => runCase(kind, source, form));
    }
  }
});

describe('stream telemetry', () => {
  it('an EventStream over a transport body that fails quoting the token reports it scrubbed', async () => {
    const fetch: FetchFunction = async (_input, init) => {
      const authorization = new Headers(init?.headers).get('authorization');
      let sent = false;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (!sent) {
            sent = true;
            controller.enqueue(bytesOf('data: 1\n\n'));
            return;
          }
          controller.error(new Error(`reset while streaming for ${authorization}`));
        },
      });
      return new Response(body, { status: 200 });
    };
    const response = await createKyTransport({ fetch }).stream({
      method: 'POST',
      url: 'http://127.0.0.1:9/v1/responses',
      headers: new Headers({ authorization: `Bearer ${BEARER}` }),
    });
    const telemetry: StreamEventTelemetry[] = [];
    const stream = new EventStream<number>({
      source: response.body,
      decoder: {
        finished: false,
        decode: (chunk, out) => {
          out.push(chunk.byteLength);
          return 1;
        },
        end: () => undefined,
      },
      onEventTelemetry: (entry) => telemetry.push(entry),
      onRelease: () => response.close(),
    });
    const error = await (async () => {
      for await (const _item of stream) {
        // read on
      }
    })().catch((caught: unknown) => caught);
    expect(telemetry.map((entry) => entry.outcome)).toEqual(['event', 'error']);
    for (const view of [
      ...surfacesOf(error),
      inspect(telemetry, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    ]) {
      for (const shape of shapesOf(BEARER)) expect(view).not.toContain(shape);
    }
  });
});
