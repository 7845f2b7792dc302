import { TransportError } from '@codex/client';

/** The HTTP response of a WebSocket handshake, as `ws` reports it (a Node `IncomingMessage`). */
export interface WebSocketHandshakeResponse {
  /** The status code, e.g. `101`, `401`, `426`. */
  readonly statusCode?: number | undefined;
  /** The TCP socket (Node `net.Socket`): an idle connection unreferences it. */
  readonly socket?: { ref?(): unknown; unref?(): unknown } | null | undefined;
  /** Lower-cased header names; repeated headers as arrays. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** Reads the body (a Node readable stream). */
  on(event: 'data', listener: (chunk: Uint8Array | string) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * The part of a `ws` `WebSocket` (client) this package uses: Node `EventEmitter` events
 * (`upgrade`, `unexpected-response`, `open`, `message`, `ping`, `pong`, `close`, `error`),
 * `send` with a callback, `close`, `terminate`, and flow control with `pause` / `resume`.
 */
export interface WebSocketLike {
  /** 0 connecting, 1 open, 2 closing, 3 closed. */
  readonly readyState: number;
  on(event: string, listener: (...args: never[]) => void): unknown;
  send(data: string, callback: (error?: Error | null) => void): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  pause?(): void;
  resume?(): void;
}

/** Options this package passes when it opens a socket (a subset of `ws`'s `ClientOptions`). */
export interface WebSocketOpenOptions {
  /** Handshake request headers. */
  readonly headers: Record<string, string>;
  /** Always `true`: permessage-deflate is offered, as upstream. */
  readonly perMessageDeflate: boolean;
  /** Always `false`: a redirect is a handshake failure. */
  readonly followRedirects: boolean;
  /** Largest message accepted, in bytes. */
  readonly maxPayload: number;
  /** Pings are answered with pongs. */
  readonly autoPong: boolean;
}

/**
 * A `ws`-compatible `WebSocket` constructor (`import { WebSocket } from 'ws'`). Pass one to use
 * another copy of `ws` (or a compatible implementation); by default the `ws` package is loaded
 * the first time a WebSocket is opened.
 */
export type WebSocketConstructor = new (
  url: string,
  options: WebSocketOpenOptions,
) => WebSocketLike;

/** @internal Loads the `ws` module; replaced in tests. */
export type WebSocketModuleImporter = () => Promise<unknown>;

// A literal specifier, so bundlers see the optional dependency.
const importWs: WebSocketModuleImporter = () => import('ws');

/** The error when `ws` is not installed. */
export const WS_MISSING_MESSAGE =
  'Responses over WebSocket needs the optional peer dependency `ws`, which is not installed; run `npm install ws` (or stream over HTTPS instead)';

/** The error in a browser. */
export const BROWSER_WEBSOCKET_MESSAGE =
  'Responses over WebSocket is not available in a browser: the handshake must carry headers (Authorization, OpenAI-Beta), which the browser WebSocket API cannot send; stream over HTTPS instead';

let cached: Promise<WebSocketConstructor> | undefined;

/**
 * @internal The `WebSocket` constructor of the `ws` package, loaded with a dynamic `import()` the
 * first time it is needed (so HTTP-only users never load, or install, it).
 *
 * @throws TransportError of kind `build`: {@link WS_MISSING_MESSAGE} when `ws` is not installed,
 * {@link BROWSER_WEBSOCKET_MESSAGE} in a browser, or what loading it failed with.
 */
export function loadWebSocket(
  options: {
    readonly importer?: WebSocketModuleImporter | undefined;
    readonly isBrowser?: boolean | undefined;
  } = {},
): Promise<WebSocketConstructor> {
  if (options.isBrowser ?? isBrowser()) {
    return Promise.reject(new TransportError({ kind: 'build', detail: BROWSER_WEBSOCKET_MESSAGE }));
  }
  if (options.importer !== undefined) return load(options.importer);
  cached ??= load(importWs).catch((error: unknown) => {
    cached = undefined; // installing `ws` later in the same process should work
    throw error;
  });
  return cached;
}

async function load(importer: WebSocketModuleImporter): Promise<WebSocketConstructor> {
  let module: unknown;
  try {
    module = await importer();
  } catch (error) {
    if (isModuleNotFound(error)) {
      throw new TransportError({ kind: 'build', detail: WS_MISSING_MESSAGE, cause: error });
    }
    throw new TransportError({
      kind: 'build',
      detail: `failed to load \`ws\`: ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
    });
  }
  const webSocket = webSocketOf(module);
  if (webSocket === undefined) {
    throw new TransportError({
      kind: 'build',
      detail:
        'the installed `ws` does not export a WebSocket class; install ws@8 (`npm install ws@8`)',
    });
  }
  return webSocket;
}

/** `WebSocket` of the module: ESM (`{ WebSocket, default }`) or CommonJS (the class itself). */
function webSocketOf(module: unknown): WebSocketConstructor | undefined {
  const record = module as { WebSocket?: unknown; default?: unknown } | null | undefined;
  const candidates = [
    record?.WebSocket,
    (record?.default as { WebSocket?: unknown } | undefined)?.WebSocket,
    record?.default,
    module,
  ];
  for (const candidate of candidates) {
    if (typeof candidate === 'function' && 'CONNECTING' in candidate) {
      return candidate as unknown as WebSocketConstructor;
    }
  }
  return undefined;
}

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

/** A browser: a DOM and no Node-compatible `process` (Deno and Bun have one, and run `ws`). */
function isBrowser(): boolean {
  const global = globalThis as {
    document?: unknown;
    window?: unknown;
    process?: { versions?: { node?: unknown } };
  };
  return (
    typeof global.window === 'object' &&
    typeof global.document === 'object' &&
    typeof global.process?.versions?.node !== 'string'
  );
}
