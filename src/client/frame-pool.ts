// Memory for large response frames (fetch responses: a megabyte each with Kafka's defaults),
// given back by whoever is done with a frame and reused for the next one.
//
// Without it every fetch response is a fresh allocation, and the dead ones stay until V8's next
// garbage collection; a reader that allocates little on its own heap (the console consumer's
// print loop allocates nothing per record) collects rarely, so tens of megabytes of read
// responses piled up before anything freed them. Only a user that knows when it is done with
// every byte of a frame gives it back (Fetcher.release); frames nobody gives back are simply
// garbage collected as before.

/** Frames below this size are ordinary allocations (Node's small-buffer pool). */
export const POOLED_FRAME_MIN = 64 * 1024;
/** Capacities are rounded up to this, so frames of slightly different sizes reuse each other. */
const CAPACITY_STEP = 64 * 1024;
/** Free frames kept (a consumer holds a few responses at once: see Fetcher's prefetch). */
const MAX_FREE = 4;

export class FramePool {
  private readonly free: ArrayBuffer[] = [];
  /** Memory this pool handed out: nothing else is ever taken back. */
  private readonly mine = new WeakSet<ArrayBuffer>();

  /** A frame of exactly `size` bytes (contents undefined). */
  take(size: number): Buffer {
    if (size < POOLED_FRAME_MIN) return Buffer.allocUnsafe(size);
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const len = this.free[i].byteLength;
      if (len >= size && (best < 0 || len < this.free[best].byteLength)) best = i;
    }
    let ab: ArrayBuffer;
    if (best >= 0) {
      ab = this.free[best];
      this.free.splice(best, 1);
    } else {
      // Not zero-filled (as Buffer.allocUnsafe): `new ArrayBuffer` would clear every byte first.
      ab = Buffer.allocUnsafeSlow(Math.ceil(size / CAPACITY_STEP) * CAPACITY_STEP).buffer as ArrayBuffer;
      this.mine.add(ab);
    }
    return Buffer.from(ab, 0, size);
  }

  /**
   * Give back the memory of a frame taken here (any view into it will do): the caller guarantees
   * nothing reads or writes it any more. Anything else is ignored.
   */
  give(view: Uint8Array): void {
    const ab = view.buffer as ArrayBuffer;
    if (!this.mine.has(ab) || this.free.includes(ab)) return;
    if (this.free.length < MAX_FREE) {
      this.free.push(ab);
      return;
    }
    // Keep the largest ones: a smaller one can never stand in for them.
    let smallest = 0;
    for (let i = 1; i < this.free.length; i++) if (this.free[i].byteLength < this.free[smallest].byteLength) smallest = i;
    if (this.free[smallest].byteLength < ab.byteLength) this.free[smallest] = ab;
  }
}

/** The pool every client connection reads its large frames into. */
export const framePool = new FramePool();
