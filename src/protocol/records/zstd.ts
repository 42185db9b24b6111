// zstd for Node 20 (node:zlib has no zstd before Node 22.15), from two registry packages that
// install without scripts or native builds:
// - decoding: fzstd (pure JavaScript, synchronous, no set-up), so every sync decode path
//   (engine validation, consumers, compaction) reads zstd like the other codecs;
// - encoding: @bokuweb/zstd-wasm (the reference C library compiled to WebAssembly), whose module
//   is instantiated asynchronously once: loadZstdEncoder() before the first zstdCompress().
//
// fzstd sizes its buffers from the frame header (declared content size, window size), so the
// frames are checked first: memory stays bounded by maxOutputLength whatever a client sends.
import type { Decompress as FzstdDecompress } from 'fzstd';

// fzstd loads on first use (a package, so plain require works from the sources too): readers of
// uncompressed records do not pay for compiling it at start-up.
let fzstd: typeof import('fzstd') | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fzstdModule = (): typeof import('fzstd') => (fzstd ??= require('fzstd'));

const FRAME_MAGIC = 0xfd2fb528;
/** zstd's default decoder window limit (ZSTD_WINDOWLOG_LIMIT_DEFAULT = 27), as zstd-jni and librdkafka use. */
const MAX_WINDOW = 1 << 27;

export class ZstdDataError extends Error {
  constructor(message: string) {
    super(`zstd: ${message}`);
    this.name = 'ZstdDataError';
  }
}

/**
 * Walk the frames' headers and block headers (no decoding): the sum of the declared content
 * sizes, or -1 when a frame does not declare one. Throws ZstdDataError for malformed framing
 * or a window larger than zstd's default decoder limit.
 */
function declaredSize(src: Uint8Array): number {
  let at = 0;
  let total = 0;
  const n = src.length;
  if (n === 0) throw new ZstdDataError('empty input');
  while (at < n) {
    if (n - at < 4) throw new ZstdDataError('truncated frame');
    const magic = (src[at] | (src[at + 1] << 8) | (src[at + 2] << 16) | (src[at + 3] << 24)) >>> 0;
    if ((magic & 0xfffffff0) === 0x184d2a50) {
      // Skippable frame: magic, u32 size, payload.
      if (n - at < 8) throw new ZstdDataError('truncated skippable frame');
      const size = (src[at + 4] | (src[at + 5] << 8) | (src[at + 6] << 16) | (src[at + 7] << 24)) >>> 0;
      at += 8 + size;
      if (at > n) throw new ZstdDataError('truncated skippable frame');
      continue;
    }
    if (magic !== FRAME_MAGIC) throw new ZstdDataError('unknown frame descriptor');
    if (n - at < 5) throw new ZstdDataError('truncated frame header');
    const fhd = src[at + 4];
    const fcsFlag = fhd >> 6;
    const singleSegment = (fhd >> 5) & 1;
    const checksum = (fhd >> 2) & 1;
    const dictFlag = fhd & 3;
    if (fhd & 8) throw new ZstdDataError('reserved bit set in frame header');
    let p = at + 5;
    let window = 0;
    if (!singleSegment) {
      if (p >= n) throw new ZstdDataError('truncated frame header');
      const wd = src[p++];
      const base = 2 ** (10 + (wd >> 3));
      window = base + (base / 8) * (wd & 7);
    }
    p += dictFlag === 3 ? 4 : dictFlag;
    const fcsBytes = fcsFlag === 0 ? singleSegment : 1 << fcsFlag;
    if (p + fcsBytes > n) throw new ZstdDataError('truncated frame header');
    let contentSize = -1;
    if (fcsBytes > 0) {
      contentSize = 0;
      for (let i = fcsBytes - 1; i >= 0; i--) contentSize = contentSize * 256 + src[p + i];
      if (fcsBytes === 2) contentSize += 256;
    }
    p += fcsBytes;
    if (singleSegment) window = contentSize;
    if (window > MAX_WINDOW) throw new ZstdDataError(`frame requires a ${window}-byte window (limit ${MAX_WINDOW})`);
    // Blocks: 3-byte little-endian header (last flag, type, size); RLE blocks carry one byte.
    for (;;) {
      if (p + 3 > n) throw new ZstdDataError('truncated block header');
      const bh = src[p] | (src[p + 1] << 8) | (src[p + 2] << 16);
      p += 3;
      const type = (bh >> 1) & 3;
      if (type === 3) throw new ZstdDataError('reserved block type');
      p += type === 1 ? 1 : bh >>> 3;
      if (p > n) throw new ZstdDataError('truncated block');
      if (bh & 1) break;
    }
    p += checksum * 4;
    if (p > n) throw new ZstdDataError('truncated frame checksum');
    at = p;
    if (contentSize < 0 || total < 0) total = -1;
    else total += contentSize;
  }
  return total;
}

/** Decode zstd frames; output larger than maxOutputLength is refused (ZstdDataError). */
export function zstdDecompress(src: Buffer, maxOutputLength: number): Buffer {
  const declared = declaredSize(src);
  if (declared > maxOutputLength) throw new ZstdDataError(`content of ${declared} bytes exceeds the ${maxOutputLength}-byte limit`);
  try {
    if (declared >= 0) {
      const out = fzstdModule().decompress(src);
      return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
    }
    // Some frame does not declare its size (streaming compressors): count as it decodes.
    const chunks: Uint8Array[] = [];
    let total = 0;
    const d: FzstdDecompress = new (fzstdModule().Decompress)((chunk) => {
      total += chunk.length;
      if (total > maxOutputLength) throw new ZstdDataError(`content exceeds the ${maxOutputLength}-byte limit`);
      chunks.push(chunk);
    });
    d.push(src, true);
    return Buffer.concat(chunks, total);
  } catch (e) {
    if (e instanceof ZstdDataError) throw e;
    throw new ZstdDataError((e as Error).message);
  }
}

interface ZstdWasm {
  init(): Promise<void>;
  compress(buf: Uint8Array, level?: number): Uint8Array;
}

let encoder: ZstdWasm | null = null;
let loading: Promise<void> | null = null;

/** Instantiate the WebAssembly encoder (once; later calls share the first load). */
export function loadZstdEncoder(): Promise<void> {
  if (!loading) {
    loading = (async () => {
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      const m: ZstdWasm = require('@bokuweb/zstd-wasm');
      await m.init();
      encoder = m;
    })();
  }
  return loading;
}

export function zstdEncoderLoaded(): boolean {
  return encoder !== null;
}

/** One zstd frame (content size declared) at `level`; loadZstdEncoder() must have completed. */
export function zstdCompress(data: Buffer, level = 3): Buffer {
  if (!encoder) throw new Error('zstd encoder used before loadZstdEncoder() completed');
  const out = encoder.compress(data, level);
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}
