// The console consumer's output buffer: formatters write bytes straight into one large Buffer,
// which is handed to stdout in big chunks. Buffers come back to a small free list once the stream
// is done with them (fresh memory is costly: every new page faults on first touch), so a steady
// run reuses the same few buffers whether stdout is a file (written synchronously) or a pipe.

/** Takes a chunk; calls `release` when the chunk's memory may be reused. */
export type ByteSink = (chunk: Buffer, release: () => void) => void;

const MAX_FREE = 4;

export const OUTPUT_BUFFER_SIZE = 1 << 20;

export class Output {
  buf: Buffer;
  pos = 0;

  constructor(private readonly sink: ByteSink, private readonly size = OUTPUT_BUFFER_SIZE) {
    this.buf = Buffer.allocUnsafe(size);
  }

  private free: Buffer[] = [];

  /** Hand everything written so far to the sink. */
  flush(): void {
    if (this.pos === 0) return;
    const full = this.buf;
    const chunk = full.subarray(0, this.pos);
    this.pos = 0;
    this.buf = this.free.pop() ?? Buffer.allocUnsafe(this.size);
    this.sink(chunk, () => {
      if (full.length === this.size && this.free.length < MAX_FREE) this.free.push(full);
    });
  }

  /** Make room for n more bytes. */
  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) {
      this.free.push(this.buf);
      this.buf = Buffer.allocUnsafe(n);
    }
  }

  /** src[start, start + len). */
  put(src: Buffer, start: number, len: number): void {
    if (this.pos + len > this.buf.length) this.reserve(len);
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
    if (this.pos + len > this.buf.length) this.reserve(len);
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
