// Snappy and LZ4 encoders for record batches, in the framings Kafka's Java client writes, so any
// Kafka client can read what we produce:
// - snappy: the xerial stream (magic, version 1, compatible version 1, then [i32 BE length][raw
//   snappy block] per 32 KiB of input), as snappy-java's SnappyOutputStream;
// - lz4: one LZ4 frame (FLG version 1 with independent blocks and no checksums, BD 64 KiB
//   blocks, header checksum = second byte of xxHash32(FLG, BD)), as KafkaLZ4BlockOutputStream.
// Both use one greedy matcher: a hash table of 4-byte sequences gives the last position seen,
// a match is extended as far as it goes. Not as tight as the reference encoders; fast and small.

const XERIAL_HEADER = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00, 0, 0, 0, 1, 0, 0, 0, 1]);
const SNAPPY_CHUNK = 32 * 1024;
const LZ4_BLOCK = 64 * 1024;
const HASH_BITS = 14;
const MIN_MATCH = 4;

function hash4(b: Buffer, i: number): number {
  return Math.imul(b.readUInt32LE(i), 0x9e3779b1) >>> (32 - HASH_BITS);
}

/** A growable output buffer. */
class Sink {
  buf: Buffer;
  n = 0;
  constructor(capacity: number) {
    this.buf = Buffer.allocUnsafe(Math.max(64, capacity));
  }
  ensure(extra: number): void {
    if (this.n + extra <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.n + extra));
    this.buf.copy(next, 0, 0, this.n);
    this.buf = next;
  }
  byte(v: number): void {
    this.ensure(1);
    this.buf[this.n++] = v;
  }
  bytes(src: Buffer, s: number, e: number): void {
    this.ensure(e - s);
    src.copy(this.buf, this.n, s, e);
    this.n += e - s;
  }
  result(): Buffer {
    return this.buf.subarray(0, this.n);
  }
}

/**
 * Greedy matches of src[s, e): calls literal(from, to) and match(offset, length) in order; the
 * last `tail` bytes are always literals, and matches reach back at most maxOffset.
 */
function scan(
  src: Buffer, s: number, e: number, table: Int32Array, maxOffset: number, tail: number,
  literal: (from: number, to: number) => void, match: (offset: number, length: number) => void,
): void {
  table.fill(-1);
  let anchor = s;
  let i = s;
  const limit = e - tail;
  while (i + MIN_MATCH <= limit) {
    const h = hash4(src, i);
    const cand = table[h];
    table[h] = i;
    if (cand >= s && i - cand <= maxOffset && src.readUInt32LE(cand) === src.readUInt32LE(i)) {
      let len = MIN_MATCH;
      while (i + len < limit && src[cand + len] === src[i + len]) len++;
      if (anchor < i) literal(anchor, i);
      match(i - cand, len);
      i += len;
      anchor = i;
    } else {
      i++;
    }
  }
  if (anchor < e) literal(anchor, e);
}

function snappyBlock(src: Buffer, s: number, e: number, out: Sink, table: Int32Array): void {
  let n = e - s;
  do { // uncompressed length, varint
    out.byte((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n >>>= 7;
  } while (n > 0);
  scan(src, s, e, table, 65535, 0,
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
  out.bytes(XERIAL_HEADER, 0, XERIAL_HEADER.length);
  const table = new Int32Array(1 << HASH_BITS);
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
  scan(src, s, e, table, 65535, e - s >= 13 ? 12 : e - s,
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

/** LZ4 frame as Kafka's KafkaLZ4BlockOutputStream writes it. */
export function lz4Compress(src: Buffer): Buffer {
  const out = new Sink(src.length + (src.length >>> 7) + 32);
  out.ensure(7);
  out.buf.writeUInt32LE(0x184d2204, 0);
  out.buf[4] = LZ4_FLG;
  out.buf[5] = LZ4_BD;
  out.buf[6] = (xxh32Short(Buffer.from([LZ4_FLG, LZ4_BD])) >>> 8) & 0xff;
  out.n = 7;
  const table = new Int32Array(1 << HASH_BITS);
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
