// Record batch compression codecs (attributes bits 0-2).
//
// Decoding: none, gzip (node:zlib), snappy (raw blocks as librdkafka/kafkajs write them, and the
// xerial stream framing the Java client writes), lz4 (the LZ4 frame format, as Kafka's clients
// write it; block and content checksums are skipped, not verified). zstd has no decoder in Node 20.
// Encoding: none, gzip, snappy and lz4 (compressors.ts). Unsupported directions throw
// CompressionUnsupportedError.
//
// Every decoder is bounded: output larger than `maxOutputLength` (default 256 MiB) or larger
// than the codec's maximum expansion of the input is refused before anything is allocated.

import * as zlib from 'node:zlib';
import { lz4Compress, snappyCompress } from './compressors';

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
        : `Compressing with codec ${codecName(codec)} is not supported (use none, gzip, snappy or lz4)`,
    );
    this.name = 'CompressionUnsupportedError';
  }
}

/** Malformed compressed data (maps to CORRUPT_MESSAGE on the broker side). */
export class CompressionDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CompressionDataError';
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
        return zlib.gunzipSync(data, { maxOutputLength });
      } catch (e) {
        throw new CompressionDataError(`gzip: ${(e as Error).message}`);
      }
    case CODEC_SNAPPY:
      return snappyDecompress(data, maxOutputLength);
    case CODEC_LZ4:
      return lz4FrameDecompress(data, maxOutputLength);
    default:
      throw new CompressionUnsupportedError(c, 'decompress');
  }
}

export function compress(codec: number | string, data: Buffer): Buffer {
  const c = codecArg(codec);
  if (c === CODEC_NONE) return data;
  if (c === CODEC_GZIP) return zlib.gzipSync(data);
  if (c === CODEC_SNAPPY) return snappyCompress(data);
  if (c === CODEC_LZ4) return lz4Compress(data);
  throw new CompressionUnsupportedError(c, 'compress');
}

function gunzipAsync(data: Buffer, maxOutputLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zlib.gunzip(data, { maxOutputLength }, (err, out) => {
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

/** Like compress, but gzip runs on the libuv threadpool. */
export function compressAsync(codec: number | string, data: Buffer): Promise<Buffer> {
  const c = codecArg(codec);
  if (c !== CODEC_GZIP) {
    try {
      return Promise.resolve(compress(c, data));
    } catch (e) {
      return Promise.reject(e);
    }
  }
  return new Promise((resolve, reject) => {
    zlib.gzip(data, (err, out) => (err ? reject(err) : resolve(out)));
  });
}

// ---------------------------------------------------------------------------------------------
// Snappy (https://github.com/google/snappy/blob/main/format_description.txt)

const XERIAL_MAGIC = [0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00];
const XERIAL_HEADER = 16; // magic(8) + version i32 + compatible version i32

function isXerial(src: Buffer): boolean {
  if (src.length < XERIAL_HEADER) return false;
  for (let i = 0; i < 8; i++) if (src[i] !== XERIAL_MAGIC[i]) return false;
  return true;
}

// A copy of up to 64 bytes costs 3 bytes (copy-2 tag): no block expands by more than ~22x.
const SNAPPY_MAX_RATIO = 22;

/** Declared uncompressed length of the raw snappy block at src[s, e); sets `hdrEnd`. */
let hdrEnd = 0;
function snappyDeclaredLength(src: Buffer, s: number, e: number): number {
  let result = 0;
  let mult = 1;
  for (let i = 0; i < 5; i++) {
    if (s >= e) throw new CompressionDataError('snappy: truncated length preamble');
    const b = src[s++];
    result += (b & 0x7f) * mult;
    if ((b & 0x80) === 0) {
      if (result > (e - s) * SNAPPY_MAX_RATIO + 64) {
        throw new CompressionDataError(`snappy: declared length ${result} impossible for ${e - s} input bytes`);
      }
      hdrEnd = s;
      return result;
    }
    mult *= 128;
  }
  throw new CompressionDataError('snappy: length preamble too long');
}

/** Decode the raw snappy block src[s, e) into dst at d; returns the new end of output. */
function snappyRawInto(src: Buffer, s: number, e: number, dst: Buffer, d: number): number {
  const len = snappyDeclaredLength(src, s, e);
  s = hdrEnd;
  const dStart = d;
  const dEnd = d + len;
  if (dEnd > dst.length) throw new CompressionDataError('snappy: output overflow');
  while (s < e) {
    const tag = src[s++];
    const type = tag & 3;
    let n: number;
    let off: number;
    if (type === 0) {
      n = tag >>> 2;
      if (n >= 60) {
        const nb = n - 59;
        if (s + nb > e) throw new CompressionDataError('snappy: truncated literal length');
        n = src[s];
        if (nb > 1) n |= src[s + 1] << 8;
        if (nb > 2) n |= src[s + 2] << 16;
        if (nb > 3) n = (n | (src[s + 3] << 24)) >>> 0;
        s += nb;
      }
      n += 1;
      if (s + n > e || d + n > dEnd) throw new CompressionDataError('snappy: literal overruns block');
      if (n < 32) {
        for (let i = 0; i < n; i++) dst[d + i] = src[s + i];
      } else {
        src.copy(dst, d, s, s + n);
      }
      s += n;
      d += n;
      continue;
    }
    if (type === 1) {
      if (s >= e) throw new CompressionDataError('snappy: truncated copy');
      n = ((tag >>> 2) & 7) + 4;
      off = ((tag >>> 5) << 8) | src[s++];
    } else if (type === 2) {
      if (s + 2 > e) throw new CompressionDataError('snappy: truncated copy');
      n = (tag >>> 2) + 1;
      off = src[s] | (src[s + 1] << 8);
      s += 2;
    } else {
      if (s + 4 > e) throw new CompressionDataError('snappy: truncated copy');
      n = (tag >>> 2) + 1;
      off = (src[s] | (src[s + 1] << 8) | (src[s + 2] << 16) | (src[s + 3] << 24)) >>> 0;
      s += 4;
    }
    if (off === 0 || off > d - dStart) throw new CompressionDataError(`snappy: bad copy offset ${off}`);
    if (d + n > dEnd) throw new CompressionDataError('snappy: copy overruns block');
    copyMatch(dst, d, off, n);
    d += n;
  }
  if (d !== dEnd) throw new CompressionDataError(`snappy: decoded ${d - dStart} bytes, block declares ${len}`);
  return d;
}

/** Back-reference copy inside dst; overlapping (off < n) copies repeat the pattern. */
function copyMatch(dst: Buffer, d: number, off: number, n: number): void {
  let from = d - off;
  if (off >= n && n >= 32) {
    dst.copyWithin(d, from, from + n);
    return;
  }
  const end = d + n;
  while (d < end) dst[d++] = dst[from++];
}

function snappyDecompress(src: Buffer, maxOutputLength: number): Buffer {
  if (!isXerial(src)) {
    const len = snappyDeclaredLength(src, 0, src.length);
    if (len > maxOutputLength) throw new CompressionDataError(`snappy: ${len} bytes exceeds limit ${maxOutputLength}`);
    const out = Buffer.allocUnsafe(len);
    snappyRawInto(src, 0, src.length, out, 0);
    return out;
  }
  // xerial framing: header, then [i32 BE chunk length][raw snappy block] repeated.
  let total = 0;
  let s = XERIAL_HEADER;
  while (s < src.length) {
    if (s + 4 > src.length) throw new CompressionDataError('snappy: truncated xerial chunk length');
    const n = src.readInt32BE(s);
    s += 4;
    if (n < 0 || s + n > src.length) throw new CompressionDataError('snappy: xerial chunk runs past the input');
    if (n > 0) total += snappyDeclaredLength(src, s, s + n);
    if (total > maxOutputLength) throw new CompressionDataError(`snappy: output exceeds limit ${maxOutputLength}`);
    s += n;
  }
  const out = Buffer.allocUnsafe(total);
  let d = 0;
  s = XERIAL_HEADER;
  while (s < src.length) {
    const n = src.readInt32BE(s);
    s += 4;
    if (n > 0) d = snappyRawInto(src, s, s + n, out, d);
    s += n;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// LZ4 frame format (https://github.com/lz4/lz4/blob/dev/doc/lz4_Frame_format.md) and block
// format (lz4_Block_format.md). Linked blocks work too: everything decodes into one buffer.

const LZ4_MAGIC = 0x184d2204;
const LZ4_SKIPPABLE_MASK = 0xfffffff0;
const LZ4_SKIPPABLE = 0x184d2a50;
// One match byte run of 255 adds 255 output bytes: no block expands by more than ~255x.
const LZ4_MAX_RATIO = 256;

/** Exact decoded size of the LZ4 block src[s, e), walking tokens without copying. */
function lz4BlockSize(src: Buffer, s: number, e: number): number {
  let size = 0;
  while (s < e) {
    const token = src[s++];
    let lit = token >>> 4;
    if (lit === 15) {
      let b: number;
      do {
        if (s >= e) throw new CompressionDataError('lz4: truncated literal length');
        b = src[s++];
        lit += b;
      } while (b === 255);
    }
    s += lit;
    size += lit;
    if (s >= e) {
      if (s > e) throw new CompressionDataError('lz4: literals overrun block');
      break;
    }
    if (s + 2 > e) throw new CompressionDataError('lz4: truncated match offset');
    s += 2;
    let m = (token & 15) + 4;
    if ((token & 15) === 15) {
      let b: number;
      do {
        if (s >= e) throw new CompressionDataError('lz4: truncated match length');
        b = src[s++];
        m += b;
      } while (b === 255);
    }
    size += m;
  }
  return size;
}

/** Decode the LZ4 block src[s, e) into dst at d (back-references may reach earlier blocks). */
function lz4BlockInto(src: Buffer, s: number, e: number, dst: Buffer, d: number): number {
  const dEnd = dst.length;
  while (s < e) {
    const token = src[s++];
    let lit = token >>> 4;
    if (lit === 15) {
      let b: number;
      do {
        if (s >= e) throw new CompressionDataError('lz4: truncated literal length');
        b = src[s++];
        lit += b;
      } while (b === 255);
    }
    if (s + lit > e || d + lit > dEnd) throw new CompressionDataError('lz4: literals overrun block');
    if (lit < 32) {
      for (let i = 0; i < lit; i++) dst[d + i] = src[s + i];
    } else {
      src.copy(dst, d, s, s + lit);
    }
    s += lit;
    d += lit;
    if (s >= e) break; // the last sequence has literals only
    if (s + 2 > e) throw new CompressionDataError('lz4: truncated match offset');
    const off = src[s] | (src[s + 1] << 8);
    s += 2;
    let m = (token & 15) + 4;
    if ((token & 15) === 15) {
      let b: number;
      do {
        if (s >= e) throw new CompressionDataError('lz4: truncated match length');
        b = src[s++];
        m += b;
      } while (b === 255);
    }
    if (off === 0 || off > d) throw new CompressionDataError(`lz4: bad match offset ${off}`);
    if (d + m > dEnd) throw new CompressionDataError('lz4: match overruns output');
    copyMatch(dst, d, off, m);
    d += m;
  }
  return d;
}

/**
 * Walk every frame of src. With dst null: returns the total decoded size (content size field
 * when present, else an exact token walk). With dst: decodes into it and returns bytes written.
 */
function lz4Frames(src: Buffer, dst: Buffer | null, maxOutputLength: number): number {
  let s = 0;
  let total = 0;
  const len = src.length;
  while (s < len) {
    if (s + 4 > len) throw new CompressionDataError('lz4: truncated frame magic');
    const magic = src.readUInt32LE(s);
    if (((magic & LZ4_SKIPPABLE_MASK) >>> 0) === LZ4_SKIPPABLE) {
      if (s + 8 > len) throw new CompressionDataError('lz4: truncated skippable frame');
      s += 8 + src.readUInt32LE(s + 4);
      continue;
    }
    if (magic !== LZ4_MAGIC) throw new CompressionDataError(`lz4: bad frame magic 0x${magic.toString(16)}`);
    if (s + 7 > len) throw new CompressionDataError('lz4: truncated frame descriptor');
    const flg = src[s + 4];
    if (flg >>> 6 !== 1) throw new CompressionDataError(`lz4: unsupported frame version ${flg >>> 6}`);
    const blockChecksum = (flg & 0x10) !== 0;
    const hasContentSize = (flg & 0x08) !== 0;
    const contentChecksum = (flg & 0x04) !== 0;
    if (flg & 0x01) throw new CompressionDataError('lz4: frames with a dictionary id are not supported');
    s += 6; // magic, FLG, BD
    let contentSize = -1;
    if (hasContentSize) {
      if (s + 8 > len) throw new CompressionDataError('lz4: truncated content size');
      contentSize = src.readUInt32LE(s) + src.readUInt32LE(s + 4) * 4294967296;
      s += 8;
    }
    s += 1; // header checksum (not verified)
    let frameOut = 0;
    let sizedByTokens = 0;
    const frameStart = s;
    for (;;) {
      if (s + 4 > len) throw new CompressionDataError('lz4: truncated block size');
      const word = src.readUInt32LE(s);
      s += 4;
      if (word === 0) break; // EndMark
      const raw = word >= 0x80000000;
      const n = raw ? word - 0x80000000 : word;
      if (s + n > len) throw new CompressionDataError('lz4: block runs past the input');
      if (dst !== null) {
        const at = total + frameOut;
        if (raw) {
          if (at + n > dst.length) throw new CompressionDataError('lz4: output overflow');
          src.copy(dst, at, s, s + n);
          frameOut += n;
        } else {
          frameOut = lz4BlockInto(src, s, s + n, dst, at) - total;
        }
      } else if (contentSize < 0) {
        sizedByTokens += raw ? n : lz4BlockSize(src, s, s + n);
        if (total + sizedByTokens > maxOutputLength) {
          throw new CompressionDataError(`lz4: output exceeds limit ${maxOutputLength}`);
        }
      }
      s += n;
      if (blockChecksum) s += 4;
    }
    if (contentChecksum) s += 4;
    if (s > len) throw new CompressionDataError('lz4: truncated frame');
    if (dst !== null) {
      if (contentSize >= 0 && frameOut !== contentSize) {
        throw new CompressionDataError(`lz4: decoded ${frameOut} bytes, frame declares ${contentSize}`);
      }
      total += frameOut;
    } else if (contentSize >= 0) {
      if (contentSize > (s - frameStart) * LZ4_MAX_RATIO + 64) {
        throw new CompressionDataError(`lz4: declared content size ${contentSize} impossible for the input`);
      }
      total += contentSize;
    } else {
      total += sizedByTokens;
    }
    if (total > maxOutputLength) throw new CompressionDataError(`lz4: output exceeds limit ${maxOutputLength}`);
  }
  return total;
}

function lz4FrameDecompress(src: Buffer, maxOutputLength: number): Buffer {
  const size = lz4Frames(src, null, maxOutputLength);
  const out = Buffer.allocUnsafe(size);
  const n = lz4Frames(src, out, maxOutputLength);
  if (n !== size) throw new CompressionDataError(`lz4: decoded ${n} bytes, expected ${size}`);
  return out;
}
