import type { ServerResponse } from 'node:http';
import type {
  DripOptions,
  HeaderRecord,
  ResponseChunk,
  ResponseScript,
} from './response-script.js';
import { onceOrAborted, sleep, untilAborted } from './wait.js';

const encoder = new TextEncoder();
const DEFAULT_GARBAGE = encoder.encode('\u0000\u0001\u0002 this is not HTTP \u00ff\r\n\r\n');

interface Piece {
  readonly bytes: Uint8Array;
  readonly delayMs: number;
}

/** Callbacks through which the serving code reports what it did to the connection. */
export interface ServeContext {
  /** Aborted when the client goes away or the server closes. */
  readonly signal: AbortSignal;
  /** Called right before the script destroys the socket on purpose. */
  readonly markDropped: () => void;
}

function toBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? encoder.encode(data) : data;
}

function isChunkList(body: Iterable<ResponseChunk>): body is readonly ResponseChunk[] {
  return Array.isArray(body);
}

function* piecesOf(chunks: Iterable<ResponseChunk>): Generator<Piece, void, undefined> {
  for (const chunk of chunks) yield { bytes: toBytes(chunk.data), delayMs: chunk.delayMs ?? 0 };
}

/** Re-cuts `pieces` into `bytesPerChunk` pieces `intervalMs` apart, reading them lazily. */
function* dripPieces(
  pieces: Iterable<Piece>,
  drip: DripOptions,
): Generator<Piece, void, undefined> {
  let pending: Uint8Array = new Uint8Array(0);
  let first = true;
  const next = (bytes: Uint8Array): Piece => {
    const piece = { bytes, delayMs: first ? 0 : drip.intervalMs };
    first = false;
    return piece;
  };
  for (const piece of pieces) {
    pending = pending.length === 0 ? piece.bytes : Buffer.concat([pending, piece.bytes]);
    while (pending.length >= drip.bytesPerChunk) {
      yield next(pending.subarray(0, drip.bytesPerChunk));
      pending = pending.subarray(drip.bytesPerChunk);
    }
  }
  if (pending.length > 0) yield next(pending);
}

/**
 * The body as pieces, in order. A fixed body (one buffer or a list of chunks) becomes a list, so
 * the fast path can see that it is one buffer; an iterable body stays lazy, so it may be endless.
 */
function planPieces({ body, drip }: ResponseScript): Piece[] | Iterable<Piece> {
  if (body === undefined || typeof body === 'string' || body instanceof Uint8Array) {
    const pieces = body === undefined ? [] : [{ bytes: toBytes(body), delayMs: 0 }];
    return drip === undefined ? pieces : [...dripPieces(pieces, drip)];
  }
  const pieces = piecesOf(body);
  if (!isChunkList(body)) return drip === undefined ? pieces : dripPieces(pieces, drip);
  return drip === undefined ? [...pieces] : [...dripPieces(pieces, drip)];
}

function setHeaders(response: ServerResponse, headers: HeaderRecord | undefined): void {
  if (headers === undefined) return;
  for (const [name, value] of Object.entries(headers)) {
    response.setHeader(name, typeof value === 'number' ? String(value) : (value as string));
  }
}

/** Writes `bytes`, waiting for `drain` when the socket buffer is full. */
async function writeWithBackpressure(
  response: ServerResponse,
  bytes: Uint8Array,
  signal: AbortSignal,
): Promise<boolean> {
  if (signal.aborted) return false;
  if (response.write(bytes)) return true;
  return onceOrAborted(response, 'drain', signal);
}

function drop(response: ServerResponse, context: ServeContext): void {
  context.markDropped();
  const socket = response.socket;
  if (socket === null) return;
  // `end` flushes what was written (including corked bytes) before closing; `destroy` alone could
  // discard them and the client would not see the partial body the script promised.
  socket.end();
  socket.once('finish', () => socket.destroy());
}

/** Plays one script onto a response. Never throws for a client that went away. */
export async function serveScript(
  script: ResponseScript,
  response: ServerResponse,
  context: ServeContext,
): Promise<void> {
  const { signal } = context;
  const socket = response.socket;
  if (script.closeWithoutResponse === true) {
    context.markDropped();
    socket?.destroy();
    return;
  }
  if (script.garbage !== undefined) {
    context.markDropped();
    const garbage = script.garbage === true ? DEFAULT_GARBAGE : toBytes(script.garbage);
    // Bypass the HTTP layer on purpose: the client must see bytes that are not a response.
    socket?.end(garbage);
    return;
  }
  if (script.delayMs !== undefined && !(await sleep(script.delayMs, signal))) return;
  if (script.stallBeforeHeaders === true) {
    await untilAborted(signal);
    return;
  }

  response.statusCode = script.status ?? 200;
  setHeaders(response, script.headers);
  const pieces = planPieces(script);
  const dropAfterBytes = script.dropAfterBytes;
  const dropAfterChunks = script.dropAfterChunks;
  const dropping = dropAfterBytes !== undefined || dropAfterChunks !== undefined;
  const stall = script.stall === true;

  if (Array.isArray(pieces) && !dropping && !stall && pieces.length <= 1) {
    const only = pieces[0];
    if (only === undefined || only.delayMs === 0) {
      // Fast path: one pre-encoded buffer, sent with content-length by `end`.
      if (only === undefined) response.end();
      else response.end(only.bytes);
      return;
    }
  }

  response.flushHeaders();
  let bytesLeft = dropAfterBytes ?? Number.POSITIVE_INFINITY;
  let index = 0;
  for (const piece of pieces) {
    if (dropAfterChunks !== undefined && index >= dropAfterChunks) break;
    if (bytesLeft <= 0) break;
    index++;
    if (!(await sleep(piece.delayMs, signal))) return;
    const bytes = piece.bytes.length > bytesLeft ? piece.bytes.subarray(0, bytesLeft) : piece.bytes;
    bytesLeft -= bytes.length;
    if (!(await writeWithBackpressure(response, bytes, signal))) return;
  }
  if (dropping) {
    drop(response, context);
    return;
  }
  if (stall) {
    await untilAborted(signal);
    return;
  }
  response.end();
}
