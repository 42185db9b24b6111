// Where recent batches end, in bytes appended to the log (Kafka's LogOffsetMetadata positions):
// a waiting fetch compares the position of the offset it may now read up to with the one it
// could read up to at its last read, and reads again only when enough bytes came in between
// (DelayedFetch's positionDiff). In memory only: positions count bytes appended by this object's
// log since it was opened, never bytes stored.

/** Entries kept at most; an offset older than that has no known position (the fetch just reads). */
const MAX_ENTRIES = 4096;

export class BytePositions {
  /** Bytes appended since the log was opened (or last truncated: see reset). */
  total = 0;
  private ends: number[] = [];
  private positions: number[] = [];
  /** Index of the first live entry (entries before it were trimmed). */
  private first = 0;

  constructor(logEndOffset: number) {
    this.reset(logEndOffset);
  }

  /** A batch ending before `endOffset` (its last offset + 1) was appended. */
  append(endOffset: number, bytes: number): void {
    this.total += bytes;
    this.ends.push(endOffset);
    this.positions.push(this.total);
    if (this.ends.length - this.first > MAX_ENTRIES) this.first++;
    this.compact();
  }

  /** Positions of offsets below `offset` will not be asked for again (the last entry stays). */
  trimBelow(offset: number): void {
    const last = this.ends.length - 1;
    while (this.first < last && this.ends[this.first] < offset) this.first++;
    this.compact();
  }

  /** How many entries are live (the caller trims when they pile up). */
  get size(): number {
    return this.ends.length - this.first;
  }

  /** The position of a batch boundary, or undefined when it is not (or no longer) known. */
  at(offset: number): number | undefined {
    let lo = this.first;
    let hi = this.ends.length - 1;
    if (hi < lo || offset < this.ends[lo] || offset > this.ends[hi]) return undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const end = this.ends[mid];
      if (end === offset) return this.positions[mid];
      if (end < offset) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** The log was truncated (or emptied): only its new end has a known position. */
  reset(logEndOffset: number): void {
    this.ends = [logEndOffset];
    this.positions = [this.total];
    this.first = 0;
  }

  private compact(): void {
    if (this.first < 1024 || this.first * 2 < this.ends.length) return;
    this.ends = this.ends.slice(this.first);
    this.positions = this.positions.slice(this.first);
    this.first = 0;
  }
}
