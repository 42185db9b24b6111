// LZ77 back-references, shared by the snappy and lz4 codecs (snappy.ts, lz4.ts): the decoders'
// match copy, and the encoders' greedy matcher (a hash table of 4-byte sequences gives the last
// position seen; a match is extended as far as it goes: not as tight as the reference encoders,
// fast and small) writing into a growable output buffer.

const HASH_BITS = 14;
const MIN_MATCH = 4;
/** Both formats reach back at most 65535 bytes (a 2-byte offset). */
export const MAX_OFFSET = 65535;

/** Back-reference copy inside dst; overlapping (off < n) copies repeat the pattern. */
export function copyMatch(dst: Buffer, d: number, off: number, n: number): void {
  let from = d - off;
  if (off >= n && n >= 32) {
    dst.copyWithin(d, from, from + n);
    return;
  }
  const end = d + n;
  while (d < end) dst[d++] = dst[from++];
}

function hash4(b: Buffer, i: number): number {
  return Math.imul(b.readUInt32LE(i), 0x9e3779b1) >>> (32 - HASH_BITS);
}

/** The matcher's hash table (one per compress call, reused across its blocks). */
export function matchTable(): Int32Array {
  return new Int32Array(1 << HASH_BITS);
}

/** A growable output buffer. */
export class Sink {
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
export function scan(
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
