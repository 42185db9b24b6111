// Record batch compression codecs (attributes bits 0-2): the one entry point through which the
// engine, our clients and the message-format conversions compress and decompress.
//
// Every codec Kafka has, both directions: none, gzip (node:zlib), snappy (snappy.ts), lz4
// (lz4.ts), zstd (zstd.ts; its encoder once loadZstdEncoder() has run, which compressAsync does).
// A codec number no client knows throws CompressionUnsupportedError; malformed data throws
// CompressionDataError.
//
// Every decoder is bounded: output larger than `maxOutputLength` (default 256 MiB) or larger
// than the codec's maximum expansion of the input is refused before anything is allocated.

import { CompressionDataError } from './compression-error';
import { lz4Compress, lz4FrameDecompress } from './lz4';
import { snappyCompress, snappyDecompress } from './snappy';
import { loadZstdEncoder, zstdCompress, zstdDecompress, ZstdDataError } from './zstd';

// node:zlib loads on first use: a reader of uncompressed records (the console consumer's usual
// case) does not pay for it at start-up.
let zlibModule: typeof import('node:zlib') | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const zlib = (): typeof import('node:zlib') => (zlibModule ??= require('node:zlib'));

export { CompressionDataError };

export const CODEC_NONE = 0;
export const CODEC_GZIP = 1;
export const CODEC_SNAPPY = 2;
export const CODEC_LZ4 = 3;
export const CODEC_ZSTD = 4;

export type CodecName = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';
const NAMES: readonly CodecName[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

export const DEFAULT_MAX_DECOMPRESSED = 256 * 1024 * 1024;

export function codecName(codec: number): string {
  return NAMES[codec] ?? `unknown(${codec})`;
}

/** Codec number for a name ('none', 'gzip', 'snappy', 'lz4', 'zstd'); -1 if unknown. */
export function codecId(name: string): number {
  return NAMES.indexOf(name.toLowerCase() as CodecName);
}

export class CompressionUnsupportedError extends Error {
  constructor(readonly codec: number, readonly direction: 'compress' | 'decompress') {
    super(
      direction === 'decompress'
        ? `Compression codec ${codecName(codec)} is not available in this runtime`
        : `Compressing with codec ${codecName(codec)} is not supported (use none, gzip, snappy, lz4 or zstd)`,
    );
    this.name = 'CompressionUnsupportedError';
  }
}

function codecArg(codec: number | string): number {
  return typeof codec === 'number' ? codec : codecId(codec);
}

export function decompress(codec: number | string, data: Buffer, maxOutputLength = DEFAULT_MAX_DECOMPRESSED): Buffer {
  const c = codecArg(codec);
  switch (c) {
    case CODEC_NONE:
      return data;
    case CODEC_GZIP:
      try {
        return zlib().gunzipSync(data, { maxOutputLength });
      } catch (e) {
        throw new CompressionDataError(`gzip: ${(e as Error).message}`);
      }
    case CODEC_SNAPPY:
      return snappyDecompress(data, maxOutputLength);
    case CODEC_LZ4:
      return lz4FrameDecompress(data, maxOutputLength);
    case CODEC_ZSTD:
      try {
        return zstdDecompress(data, maxOutputLength);
      } catch (e) {
        if (e instanceof ZstdDataError) throw new CompressionDataError(e.message);
        throw e;
      }
    default:
      throw new CompressionUnsupportedError(c, 'decompress');
  }
}

/**
 * Compress with `codec`. `level`: the codec's level (gzip -1 = zlib's default, zstd default 3;
 * snappy and lz4 have none). zstd needs loadZstdEncoder() to have completed (compressAsync loads it).
 * `magic`: the message format the data is for (Kafka's wrapForOutput(buffer, messageVersion)):
 * lz4 for magic 0 carries the header checksum 0.8-era clients expect.
 */
export function compress(codec: number | string, data: Buffer, level?: number, magic = 2): Buffer {
  const c = codecArg(codec);
  if (c === CODEC_NONE) return data;
  if (c === CODEC_GZIP) return zlib().gzipSync(data, level === undefined || level === -1 ? {} : { level });
  if (c === CODEC_SNAPPY) return snappyCompress(data);
  if (c === CODEC_LZ4) return lz4Compress(data, magic === 0);
  if (c === CODEC_ZSTD) return zstdCompress(data, level);
  throw new CompressionUnsupportedError(c, 'compress');
}

function gunzipAsync(data: Buffer, maxOutputLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zlib().gunzip(data, { maxOutputLength }, (err, out) => {
      if (err) reject(new CompressionDataError(`gzip: ${err.message}`));
      else resolve(out);
    });
  });
}

/** Like decompress, but gzip runs on the libuv threadpool. Other codecs decode synchronously. */
export async function decompressAsync(codec: number | string, data: Buffer, maxOutputLength = DEFAULT_MAX_DECOMPRESSED): Promise<Buffer> {
  const c = codecArg(codec);
  if (c === CODEC_GZIP) return gunzipAsync(data, maxOutputLength);
  return decompress(c, data, maxOutputLength);
}

/** Like compress, but gzip runs on the libuv threadpool (and the zstd encoder is loaded first). */
export async function compressAsync(codec: number | string, data: Buffer): Promise<Buffer> {
  const c = codecArg(codec);
  if (c === CODEC_ZSTD) await loadZstdEncoder();
  if (c !== CODEC_GZIP) {
    try {
      return Promise.resolve(compress(c, data));
    } catch (e) {
      return Promise.reject(e);
    }
  }
  return new Promise((resolve, reject) => {
    zlib().gzip(data, (err, out) => (err ? reject(err) : resolve(out)));
  });
}
