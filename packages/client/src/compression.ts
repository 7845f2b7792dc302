/**
 * Compresses a prepared JSON body. Synchronous so that a request is prepared in one step; it is
 * called once per request, not once per attempt.
 */
export type Compressor = (bytes: Uint8Array) => Uint8Array;

interface ZstdZlib {
  zstdCompressSync(bytes: Uint8Array, options: { params: Record<number, number> }): Uint8Array;
  constants: { ZSTD_c_compressionLevel: number };
}

interface ProcessWithBuiltins {
  getBuiltinModule?(id: string): unknown;
}

/** zstd level used upstream. */
const ZSTD_LEVEL = 3;

/**
 * The runtime's zstd compressor at level 3 (`node:zlib`, Node ≥ 22.15 / 23.8), or `undefined`
 * where there is none (Node 20, browsers). Loaded lazily through `process.getBuiltinModule`
 * so that importing this package never requires `node:zlib`.
 */
export function getRuntimeZstdCompressor(): Compressor | undefined {
  const runtime = (globalThis as { process?: ProcessWithBuiltins }).process;
  const zlib = runtime?.getBuiltinModule?.('node:zlib') as Partial<ZstdZlib> | undefined;
  const compress = zlib?.zstdCompressSync;
  const level = zlib?.constants?.ZSTD_c_compressionLevel;
  if (typeof compress !== 'function' || typeof level !== 'number') return undefined;
  return (bytes) => {
    const compressed = compress.call(zlib, bytes, { params: { [level]: ZSTD_LEVEL } });
    return new Uint8Array(compressed.buffer, compressed.byteOffset, compressed.byteLength);
  };
}
