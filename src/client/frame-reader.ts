// Splits a connection's byte stream into size-prefixed response frames. The socket reads into
// one reused buffer (net's `onread`), so each byte is copied once, straight into a frame buffer
// of exactly the frame's size: no fresh 64 KB buffer per read and no concatenation afterwards
// (a 1 MB fetch response used to live twice, as its read chunks and as their concatenation,
// until the next garbage collection). Large frames come from the frame pool (frame-pool.ts).
//
// While a large frame is being filled the socket reads straight into the rest of it
// (nextReadBuffer: net's `onread.buffer` as a function gives the buffer of each next read), so
// the bulk of a fetch response is not copied at all; a read never goes past the frame's end.
import { framePool } from './frame-pool';

/** Size of the buffer a connection reads into, reused for every read. */
export const READ_BUFFER_SIZE = 128 * 1024;
/** A frame with at least this much left to fill is read into directly. */
const DIRECT_READ_MIN = 16 * 1024;

export class FrameReader {
  /** The size prefix while it is incomplete (a read may end inside it). */
  private readonly head = Buffer.alloc(4);
  private headLen = 0;
  /** The frame being filled, and how much of it is. */
  private frame: Buffer | null = null;
  private filled = 0;
  /** The shared read buffer (see nextReadBuffer). */
  private readBuffer: Buffer | null = null;
  /** The rest of the frame that nextReadBuffer last handed out, when it did. */
  private direct: Buffer | null = null;

  constructor(private readonly onFrame: (frame: Buffer) => void) {}

  /**
   * Where the socket should read next: the unfilled rest of a large frame (the bytes then need no
   * copy), otherwise one shared buffer of READ_BUFFER_SIZE. Hand what was read to push().
   */
  nextReadBuffer(): Buffer {
    const frame = this.frame;
    if (frame !== null && frame.length - this.filled >= DIRECT_READ_MIN) {
      this.direct = frame.subarray(this.filled);
      return this.direct;
    }
    this.direct = null;
    return (this.readBuffer ??= Buffer.allocUnsafe(READ_BUFFER_SIZE));
  }

  /** Bytes src[0, n): only valid during this call (the buffer is reused), so whatever is kept is copied. */
  push(src: Buffer, n: number): void {
    if (src === this.direct) {
      // Read into the frame itself, which the read cannot have run past.
      this.direct = null;
      this.filled += n;
      if (this.filled === this.frame!.length) this.finish();
      return;
    }
    let i = 0;
    while (i < n) {
      if (this.frame === null) {
        if (this.headLen === 0 && n - i >= 4) {
          this.start(src.readInt32BE(i));
          i += 4;
        } else {
          this.head[this.headLen++] = src[i++];
          if (this.headLen === 4) {
            this.headLen = 0;
            this.start(this.head.readInt32BE(0));
          }
        }
        continue;
      }
      const frame = this.frame;
      const take = Math.min(frame.length - this.filled, n - i);
      src.copy(frame, this.filled, i, i + take);
      this.filled += take;
      i += take;
      if (this.filled === frame.length) this.finish();
    }
  }

  private start(size: number): void {
    // A negative size is a broken stream: an empty frame fails to decode and closes the connection.
    this.frame = framePool.take(Math.max(size, 0));
    this.filled = 0;
    if (size <= 0) this.finish();
  }

  private finish(): void {
    const frame = this.frame!;
    this.frame = null;
    this.onFrame(frame);
  }
}
