// The console consumer's output buffer: formatters write bytes straight into one large Buffer,
// which is handed to stdout in big chunks. Buffers come back to a small free list once the stream
// is done with them (fresh memory is costly: every new page faults on first touch), so a steady
// run reuses the same few buffers whether stdout is a file (written synchronously) or a pipe.
//
// The hot path (the default formatter printing values only) need not copy into that buffer at
// all: moveDown() moves each value, and its line separator, down inside the fetched records
// themselves, into the room the bytes already read leave behind (a record's length, offset, key
// and header count precede its value), and the run of moved bytes goes to stdout as one chunk of
// the fetched buffer. Buffer.copy allocates a view per call on Node 20 (a million records: a
// million views, and the garbage collections they cause); copyWithin within one buffer does not.

/** Takes a chunk; calls `release` when the chunk's memory may be reused. */
export type ByteSink = (chunk: Buffer, release: () => void) => void;

const MAX_FREE = 4;

export const OUTPUT_BUFFER_SIZE = 1 << 20;

export class Output {
  buf: Buffer;
  pos = 0;
  /** The buffer moveDown() writes into, with its pending bytes at [inPlaceStart, inPlacePos); null when none. */
  private inPlace: Buffer | null = null;
  private inPlaceStart = 0;
  private inPlacePos = 0;
  /** Chunks handed to the sink, and how many of them it has released (a stream releases in order). */
  private handed = 0;
  private released = 0;
  private readonly waiting: { after: number; fn: () => void }[] = [];
  private readonly onReleased = (): void => {
    this.released++;
    while (this.waiting.length > 0 && this.waiting[0].after <= this.released) this.waiting.shift()!.fn();
  };

  constructor(private readonly sink: ByteSink, private readonly size = OUTPUT_BUFFER_SIZE) {
    this.buf = Buffer.allocUnsafe(size);
  }

  private free: Buffer[] = [];

  /** Hand everything written so far to the sink. */
  flush(): void {
    if (this.inPlace !== null) {
      this.flushInPlace();
      return;
    }
    if (this.pos === 0) return;
    const full = this.buf;
    const chunk = full.subarray(0, this.pos);
    this.pos = 0;
    this.buf = this.free.pop() ?? Buffer.allocUnsafe(this.size);
    this.handed++;
    this.sink(chunk, () => {
      if (full.length === this.size && this.free.length < MAX_FREE) this.free.push(full);
      this.onReleased();
    });
  }

  /** Call fn once the sink is done with every chunk handed to it so far (see flush()). */
  afterWritten(fn: () => void): void {
    if (this.released >= this.handed) fn();
    else this.waiting.push({ after: this.handed, fn });
  }

  private flushInPlace(): void {
    const src = this.inPlace!;
    const start = this.inPlaceStart;
    const end = this.inPlacePos;
    this.inPlace = null;
    if (end > start) {
      this.handed++;
      this.sink(src.subarray(start, end), this.onReleased);
    }
  }

  /**
   * Write src[start, start + len) followed by `tail` by moving them down inside src, when the
   * bytes of src before `start` down to where the previous move ended (or, for the first one,
   * none) may be overwritten, and the moved bytes end at or before `limit` (the first byte of src
   * still to be read). Returns false when they cannot be placed so: the caller writes them the
   * ordinary way. Only for a src nothing else reads again below `limit`.
   */
  moveDown(src: Buffer, start: number, len: number, tail: Buffer, limit: number): boolean {
    let w: number;
    if (this.inPlace === src) {
      w = this.inPlacePos;
    } else {
      // Bytes already in the own buffer (or another source's) go first; begin only at a flush
      // boundary, so a run that mixes both ways does not turn into one write per record.
      if (this.pos > 0) return false;
      if (this.inPlace !== null) this.flushInPlace();
      this.inPlace = src;
      this.inPlaceStart = start;
      w = start;
    }
    const tailLen = tail.length;
    if (w + len + tailLen > limit) {
      this.flushInPlace();
      return false;
    }
    if (w !== start) src.copyWithin(w, start, start + len);
    w += len;
    if (tailLen === 1) src[w++] = tail[0];
    else for (let i = 0; i < tailLen; i++) src[w++] = tail[i];
    this.inPlacePos = w;
    return true;
  }

  /** Make room for n more bytes. */
  reserve(n: number): void {
    if (this.inPlace !== null) this.flushInPlace();
    if (this.pos + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) {
      this.free.push(this.buf);
      this.buf = Buffer.allocUnsafe(n);
    }
  }

  /** src[start, start + len). */
  put(src: Buffer, start: number, len: number): void {
    if (this.inPlace !== null || this.pos + len > this.buf.length) this.reserve(len);
    const buf = this.buf;
    let pos = this.pos;
    if (len <= 32) {
      // Buffer.copy costs a new Uint8Array view per call: a loop is cheaper for short runs.
      for (let i = 0; i < len; i++) buf[pos++] = src[start + i];
    } else {
      src.copy(buf, pos, start, start + len);
      pos += len;
    }
    this.pos = pos;
  }

  putBuffer(b: Buffer): void {
    this.put(b, 0, b.length);
  }

  /** A string of code points below 128 (labels, numbers). */
  ascii(s: string): void {
    const len = s.length;
    if (this.inPlace !== null || this.pos + len > this.buf.length) this.reserve(len);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < len; i++) buf[pos++] = s.charCodeAt(i);
    this.pos = pos;
  }

  utf8(s: string): void {
    const len = Buffer.byteLength(s, 'utf8');
    this.reserve(len);
    this.pos += this.buf.write(s, this.pos, len, 'utf8');
  }

  /** A non-negative or negative integer below 2^53 in decimal. */
  integer(n: number): void {
    this.ascii(String(n));
  }
}
