// Growable big-endian writer. Large byte blobs (record batches) are kept by reference as
// separate chunks so a Fetch response never copies the log bytes it serves.

const TWO_32 = 4294967296;
const BIG_CHUNK = 4096;

export class Writer {
  private buf: Buffer;
  private pos = 0;
  private chunks: Buffer[] = [];
  private chunkBytes = 0;

  constructor(initial = 256) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  get length(): number {
    return this.chunkBytes + this.pos;
  }

  int8(v: number): this { this.ensure(1); this.buf.writeInt8(v, this.pos); this.pos += 1; return this; }
  uint8(v: number): this { this.ensure(1); this.buf[this.pos++] = v; return this; }
  int16(v: number): this { this.ensure(2); this.buf.writeInt16BE(v, this.pos); this.pos += 2; return this; }
  uint16(v: number): this { this.ensure(2); this.buf.writeUInt16BE(v, this.pos); this.pos += 2; return this; }
  int32(v: number): this {
    // Byte by byte: Buffer.writeInt32BE's range checks cost more than the write (a request of
    // 10,000 partition numbers took 5-12 ms to encode in a fresh process, 3 ms so).
    v |= 0;
    this.ensure(4);
    const b = this.buf;
    const p = this.pos;
    b[p] = v >>> 24;
    b[p + 1] = v >>> 16;
    b[p + 2] = v >>> 8;
    b[p + 3] = v;
    this.pos = p + 4;
    return this;
  }
  uint32(v: number): this { this.ensure(4); this.buf.writeUInt32BE(v >>> 0, this.pos); this.pos += 4; return this; }
  float64(v: number): this { this.ensure(8); this.buf.writeDoubleBE(v, this.pos); this.pos += 8; return this; }
  bool(v: boolean): this { return this.uint8(v ? 1 : 0); }

  int64(v: number): this {
    this.ensure(8);
    const hi = Math.floor(v / TWO_32);
    const lo = v - hi * TWO_32;
    this.buf.writeInt32BE(hi | 0, this.pos);
    this.buf.writeUInt32BE(lo >>> 0, this.pos + 4);
    this.pos += 8;
    return this;
  }

  uvarint(v: number): this {
    if (v >= 0 && v < 0x80) return this.uint8(v); // lengths and tag counts: almost always one byte
    this.ensure(10);
    while (v >= 0x80) {
      this.buf[this.pos++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[this.pos++] = v;
    return this;
  }

  varint(v: number): this {
    return this.uvarint(((v << 1) ^ (v >> 31)) >>> 0);
  }

  varlong(v: number): this {
    return this.uvarint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  raw(b: Buffer): this {
    if (b.length >= BIG_CHUNK) {
      this.flushPos();
      this.chunks.push(b);
      this.chunkBytes += b.length;
      return this;
    }
    this.ensure(b.length);
    b.copy(this.buf, this.pos);
    this.pos += b.length;
    return this;
  }

  private flushPos(): void {
    if (this.pos > 0) {
      this.chunks.push(this.buf.subarray(0, this.pos));
      this.chunkBytes += this.pos;
      this.buf = Buffer.allocUnsafe(Math.max(256, this.buf.length - this.pos));
      this.pos = 0;
    }
  }

  // The last array of structs written, by which encoder, and where its bytes are (see repeat()).
  private lastArray: unknown = undefined;
  private lastOwner: unknown = undefined;
  private lastStart = -1;
  private lastEnd = -1;

  /** Where the next byte goes in the current buffer, or -1 when a later big chunk could move it. */
  mark(): number {
    return this.chunks.length === 0 ? this.pos : -1;
  }

  /** `owner` (an encoder) just wrote `v` from `start` (a mark()) to here: repeat() may copy those bytes. */
  remember(v: unknown, owner: unknown, start: number): void {
    if (start < 0 || this.chunks.length !== 0) return;
    this.lastArray = v;
    this.lastOwner = owner;
    this.lastStart = start;
    this.lastEnd = this.pos;
  }

  /**
   * Write again the bytes of the array remembered last when `v` is that same array given to the
   * same encoder: encoding is a function of the value, and a message that repeats one array many
   * times (DescribeConfigs for many topics without overrides) then costs one encoding and copies.
   */
  repeat(v: unknown, owner: unknown): boolean {
    if (v !== this.lastArray || owner !== this.lastOwner || this.chunks.length !== 0) return false;
    const n = this.lastEnd - this.lastStart;
    this.ensure(n);
    this.buf.copy(this.buf, this.pos, this.lastStart, this.lastEnd);
    this.pos += n;
    return true;
  }

  private strBytes(s: string): number {
    return Buffer.byteLength(s, 'utf8');
  }

  /**
   * Write a short ASCII string's bytes `skip` bytes ahead, byte by byte: false (nothing kept) for
   * a long or non-ASCII string. Names and config values are short; for them this beats measuring
   * the string and writing it through Buffer (two native calls each, ~40,000 for a describe of 1,000 topics).
   */
  private shortAscii(s: string, skip: number): boolean {
    const n = s.length;
    if (n > 64) return false;
    this.ensure(skip + n);
    const buf = this.buf;
    const at = this.pos + skip;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) return false;
      buf[at + i] = c;
    }
    return true;
  }

  string(s: string): this {
    if (this.shortAscii(s, 2)) {
      this.buf.writeInt16BE(s.length, this.pos);
      this.pos += 2 + s.length;
      return this;
    }
    const n = this.strBytes(s);
    this.int16(n);
    this.ensure(n);
    this.pos += this.buf.write(s, this.pos, 'utf8');
    return this;
  }

  nullableString(s: string | null): this {
    if (s === null || s === undefined) return this.int16(-1);
    return this.string(s);
  }

  compactNullableString(s: string | null): this {
    if (s === null || s === undefined) return this.uvarint(0);
    if (this.shortAscii(s, 1)) { // length + 1 <= 65: a one-byte varint
      this.buf[this.pos] = s.length + 1;
      this.pos += 1 + s.length;
      return this;
    }
    const n = this.strBytes(s);
    this.uvarint(n + 1);
    this.ensure(n);
    this.pos += this.buf.write(s, this.pos, 'utf8');
    return this;
  }

  nullableBytes(b: Buffer | null): this {
    if (b === null || b === undefined) return this.int32(-1);
    this.int32(b.length);
    return this.raw(b);
  }

  compactNullableBytes(b: Buffer | null): this {
    if (b === null || b === undefined) return this.uvarint(0);
    this.uvarint(b.length + 1);
    return this.raw(b);
  }

  arrayLength(n: number, compact: boolean): this {
    return compact ? this.uvarint(n + 1) : this.int32(n);
  }

  /** Reserve an int32 to be filled in later (e.g. a frame size). */
  reserveInt32(): number {
    if (this.chunks.length) throw new Error('reserveInt32 only before big chunks');
    this.ensure(4);
    const at = this.pos;
    this.pos += 4;
    return at;
  }

  patchInt32(at: number, v: number): void {
    if (this.chunks.length === 0) this.buf.writeInt32BE(v, at);
    else this.chunks[0].writeInt32BE(v, at);
  }

  /** The written bytes as a list of buffers (no copy of big blobs). */
  toChunks(): Buffer[] {
    if (this.pos > 0) {
      // Most frames have no big chunk: one buffer, in an array made for it.
      if (this.chunks.length === 0) return [this.buf.subarray(0, this.pos)];
      const out = this.chunks.slice();
      out.push(this.buf.subarray(0, this.pos));
      return out;
    }
    return this.chunks.slice();
  }

  toBuffer(): Buffer {
    const chunks = this.toChunks();
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, this.length);
  }
}
