// Sequential big-endian reader over one Kafka frame. Every read checks bounds so a
// malformed frame surfaces as a ProtocolDecodeError, never as an out-of-range slice.

export class ProtocolDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolDecodeError';
  }
}

const TWO_32 = 4294967296;

export class Reader {
  offset: number;
  /**
   * Whether an array of structs whose bytes repeat those of the array of the same field decoded
   * just before may be handed back as that same array (one decoding, shared objects). Only for a
   * caller that does not modify what it reads: a DescribeConfigs answer for 1,000 topics carries
   * the same ~40 entries 1,000 times, and decoding each copy was most of its cost (garbage collection).
   */
  shareRepeats = false;
  private repeatOwner: unknown = undefined;
  private repeatStart = -1;
  private repeatEnd = -1;
  private repeatValue: unknown = undefined;

  constructor(readonly buf: Buffer, offset = 0, readonly end = buf.length) {
    this.offset = offset;
  }

  /** The value `owner` remembered last, when the bytes at `start` repeat its bytes (read past them). */
  repeatOf(owner: unknown, start: number): any {
    if (owner !== this.repeatOwner) return undefined;
    const n = this.repeatEnd - this.repeatStart;
    if (start + n > this.end || this.buf.compare(this.buf, this.repeatStart, this.repeatEnd, start, start + n) !== 0) return undefined;
    this.offset = start + n;
    return this.repeatValue;
  }

  /** `owner` decoded `value` from the bytes from `start` to here. */
  rememberRepeat(owner: unknown, start: number, value: unknown): void {
    this.repeatOwner = owner;
    this.repeatStart = start;
    this.repeatEnd = this.offset;
    this.repeatValue = value;
  }

  remaining(): number {
    return this.end - this.offset;
  }

  private need(n: number): number {
    const at = this.offset;
    if (n < 0 || at + n > this.end) {
      throw new ProtocolDecodeError(`frame too short: need ${n} bytes at ${at}, have ${this.end - at}`);
    }
    this.offset = at + n;
    return at;
  }

  int8(): number { return this.buf.readInt8(this.need(1)); }
  uint8(): number { return this.buf[this.need(1)]; }
  int16(): number { return this.buf.readInt16BE(this.need(2)); }
  uint16(): number { return this.buf.readUInt16BE(this.need(2)); }
  int32(): number { return this.buf.readInt32BE(this.need(4)); }
  uint32(): number { return this.buf.readUInt32BE(this.need(4)); }
  float64(): number { return this.buf.readDoubleBE(this.need(8)); }
  bool(): boolean { return this.buf[this.need(1)] !== 0; }

  /** int64 as a JS number: exact for |x| < 2^53, which covers offsets, ids and timestamps. */
  int64(): number {
    const at = this.need(8);
    return this.buf.readInt32BE(at) * TWO_32 + this.buf.readUInt32BE(at + 4);
  }

  uvarint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.uint8();
      if (shift < 28) result |= (b & 0x7f) << shift;
      else result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) break;
      shift += 7;
      if (shift > 35) throw new ProtocolDecodeError('varint too long');
    }
    return result >>> 0 === result ? result : result;
  }

  varint(): number {
    const u = this.uvarint();
    return (u >>> 1) ^ -(u & 1);
  }

  /** zig-zag varlong as a number (exact within 2^53). */
  varlong(): number {
    let lo = 0;
    let mult = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.uint8();
      lo += (b & 0x7f) * mult;
      if ((b & 0x80) === 0) {
        return lo % 2 === 0 ? lo / 2 : -(lo + 1) / 2;
      }
      mult *= 128;
    }
    throw new ProtocolDecodeError('varlong too long');
  }

  bytesOf(n: number): Buffer {
    const at = this.need(n);
    return this.buf.subarray(at, at + n);
  }

  string(): string {
    const n = this.int16();
    if (n < 0) throw new ProtocolDecodeError('null string where non-null expected');
    const at = this.need(n);
    return this.buf.toString('utf8', at, at + n);
  }

  nullableString(): string | null {
    const n = this.int16();
    if (n < 0) return null;
    const at = this.need(n);
    return this.buf.toString('utf8', at, at + n);
  }

  compactNullableString(): string | null {
    const n = this.uvarint() - 1;
    if (n < 0) return null;
    const at = this.need(n);
    return this.buf.toString('utf8', at, at + n);
  }

  compactString(): string {
    const s = this.compactNullableString();
    if (s === null) throw new ProtocolDecodeError('null string where non-null expected');
    return s;
  }

  nullableBytes(): Buffer | null {
    const n = this.int32();
    if (n < 0) return null;
    return this.bytesOf(n);
  }

  compactNullableBytes(): Buffer | null {
    const n = this.uvarint() - 1;
    if (n < 0) return null;
    return this.bytesOf(n);
  }

  /** Array length (classic int32 or compact uvarint+1); -1 means null. */
  arrayLength(compact: boolean): number {
    const n = compact ? this.uvarint() - 1 : this.int32();
    // Each element takes at least one byte: a larger count is a lie, refuse before allocating.
    if (n > this.remaining()) throw new ProtocolDecodeError(`array length ${n} exceeds frame`);
    return n;
  }

  uuid(): Buffer {
    return this.bytesOf(16);
  }
}
