// Snappy (https://github.com/google/snappy/blob/main/format_description.txt), both directions.
// Decoding: raw blocks (as librdkafka and kafkajs write them) and the xerial stream framing (as
// the Java client writes it). Encoding: the xerial stream as snappy-java's SnappyOutputStream
// writes it (magic, version 1, compatible version 1, then [i32 BE length][raw snappy block] per
// 32 KiB of input), which every Kafka client reads.
import { CompressionDataError } from './compression-error';
import { copyMatch, matchTable, MAX_OFFSET, scan, Sink } from './lz-match';

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

export function snappyDecompress(src: Buffer, maxOutputLength: number): Buffer {
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
// Encoding

const XERIAL_STREAM_HEADER = Buffer.from([...XERIAL_MAGIC, 0, 0, 0, 1, 0, 0, 0, 1]);
const SNAPPY_CHUNK = 32 * 1024;

function snappyBlock(src: Buffer, s: number, e: number, out: Sink, table: Int32Array): void {
  let n = e - s;
  do { // uncompressed length, varint
    out.byte((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n >>>= 7;
  } while (n > 0);
  scan(src, s, e, table, MAX_OFFSET, 0,
    (from, to) => {
      let len = to - from;
      while (len > 0) {
        const chunk = Math.min(len, 65536);
        const v = chunk - 1;
        if (v < 60) out.byte(v << 2);
        else if (v < 256) { out.byte(60 << 2); out.byte(v); } else { out.byte(61 << 2); out.byte(v & 0xff); out.byte(v >>> 8); }
        out.bytes(src, from, from + chunk);
        from += chunk;
        len -= chunk;
      }
    },
    (offset, length) => {
      while (length > 0) {
        // copy with a 2-byte offset: 1..64 bytes; never leave fewer than 4 for the next (the
        // 1-byte-offset form needs 4..11, this one takes any 1..64).
        const take = length > 64 ? (length - 64 < 4 ? 60 : 64) : length;
        out.byte(((take - 1) << 2) | 2);
        out.byte(offset & 0xff);
        out.byte(offset >>> 8);
        length -= take;
      }
    });
}

/** Snappy in the xerial stream framing. */
export function snappyCompress(src: Buffer): Buffer {
  const out = new Sink(src.length + (src.length >>> 4) + 64);
  out.bytes(XERIAL_STREAM_HEADER, 0, XERIAL_STREAM_HEADER.length);
  const table = matchTable();
  for (let s = 0; s < src.length; s += SNAPPY_CHUNK) {
    const e = Math.min(src.length, s + SNAPPY_CHUNK);
    const at = out.n;
    out.ensure(4);
    out.n += 4;
    snappyBlock(src, s, e, out, table);
    out.buf.writeInt32BE(out.n - at - 4, at);
  }
  return out.result();
}

