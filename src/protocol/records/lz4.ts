// LZ4 frames (https://github.com/lz4/lz4/blob/dev/doc/lz4_Frame_format.md) of LZ4 blocks
// (lz4_Block_format.md), both directions, as Kafka's clients use them.
// Decoding: any frame; linked blocks work too (everything decodes into one buffer); block and
// content checksums are skipped, not verified, and so is the header checksum (Kafka's magic 0
// wrote it wrongly, KAFKA-3160). Encoding: one frame as KafkaLZ4BlockOutputStream writes it (FLG
// version 1 with independent blocks and no checksums, BD 64 KiB blocks, header checksum = second
// byte of xxHash32(FLG, BD)).
import { CompressionDataError } from './compression-error';
import { copyMatch, matchTable, MAX_OFFSET, scan, Sink } from './lz-match';

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

export function lz4FrameDecompress(src: Buffer, maxOutputLength: number): Buffer {
  const size = lz4Frames(src, null, maxOutputLength);
  const out = Buffer.allocUnsafe(size);
  const n = lz4Frames(src, out, maxOutputLength);
  if (n !== size) throw new CompressionDataError(`lz4: decoded ${n} bytes, expected ${size}`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Encoding

const LZ4_BLOCK = 64 * 1024;

function lz4Length(out: Sink, n: number): void {
  while (n >= 255) {
    out.byte(255);
    n -= 255;
  }
  out.byte(n);
}

/** One LZ4 block of src[s, e) (the format's end rules: the last 5 bytes are literals). */
function lz4Block(src: Buffer, s: number, e: number, out: Sink, table: Int32Array): void {
  let pendingFrom = -1;
  let pendingTo = -1;
  const sequence = (litFrom: number, litTo: number, offset: number, length: number) => {
    const lit = litTo - litFrom;
    const token = (Math.min(lit, 15) << 4) | (offset === 0 ? 0 : Math.min(length - 4, 15));
    out.byte(token);
    if (lit >= 15) lz4Length(out, lit - 15);
    out.bytes(src, litFrom, litTo);
    if (offset === 0) return;
    out.byte(offset & 0xff);
    out.byte(offset >>> 8);
    if (length - 4 >= 15) lz4Length(out, length - 4 - 15);
  };
  // A match must start 12 bytes or more before the end; tail = 12 keeps every match inside.
  scan(src, s, e, table, MAX_OFFSET, e - s >= 13 ? 12 : e - s,
    (from, to) => {
      pendingFrom = from;
      pendingTo = to;
    },
    (offset, length) => {
      if (pendingFrom >= 0) sequence(pendingFrom, pendingTo, offset, length);
      else sequence(0, 0, offset, length);
      pendingFrom = -1;
    });
  if (pendingFrom >= 0) sequence(pendingFrom, pendingTo, 0, 0);
  else sequence(0, 0, 0, 0);
}

const P1 = 0x9e3779b1;
const P2 = 0x85ebca77;
const P3 = 0xc2b2ae3d;
const P4 = 0x27d4eb2f;
const P5 = 0x165667b1;
const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));

/** xxHash32 of a short input (fewer than 16 bytes: all the LZ4 header checksum needs). */
function xxh32Short(b: Buffer, seed = 0): number {
  let h = (seed + P5 + b.length) | 0;
  let i = 0;
  for (; i + 4 <= b.length; i += 4) h = Math.imul(rotl((h + Math.imul(b.readUInt32LE(i), P3)) | 0, 17), P4);
  for (; i < b.length; i++) h = Math.imul(rotl((h + Math.imul(b[i], P5)) | 0, 11), P1);
  h ^= h >>> 15;
  h = Math.imul(h, P2);
  h ^= h >>> 13;
  h = Math.imul(h, P3);
  h ^= h >>> 16;
  return h >>> 0;
}

const LZ4_FLG = 0x60; // version 1, independent blocks, no block/content checksum, no content size
const LZ4_BD = 0x40; // 64 KiB blocks

/**
 * LZ4 frame as Kafka's Lz4BlockOutputStream writes it. `brokenHeaderChecksum`: the header
 * checksum computed over the magic too, as Kafka writes it for message format v0 (KAFKA-3160:
 * what 0.8-era clients check).
 */
export function lz4Compress(src: Buffer, brokenHeaderChecksum = false): Buffer {
  const out = new Sink(src.length + (src.length >>> 7) + 32);
  out.ensure(7);
  out.buf.writeUInt32LE(LZ4_MAGIC, 0);
  out.buf[4] = LZ4_FLG;
  out.buf[5] = LZ4_BD;
  out.buf[6] = (xxh32Short(out.buf.subarray(brokenHeaderChecksum ? 0 : 4, 6)) >>> 8) & 0xff;
  out.n = 7;
  const table = matchTable();
  const block = new Sink(LZ4_BLOCK + 1024);
  for (let s = 0; s < src.length; s += LZ4_BLOCK) {
    const e = Math.min(src.length, s + LZ4_BLOCK);
    block.n = 0;
    lz4Block(src, s, e, block, table);
    out.ensure(4 + Math.min(block.n, e - s));
    if (block.n < e - s) {
      out.buf.writeUInt32LE(block.n, out.n);
      out.n += 4;
      out.bytes(block.buf, 0, block.n);
    } else {
      out.buf.writeUInt32LE((0x80000000 | (e - s)) >>> 0, out.n);
      out.n += 4;
      out.bytes(src, s, e);
    }
  }
  out.ensure(4);
  out.buf.writeUInt32LE(0, out.n);
  out.n += 4;
  return out.result();
}
