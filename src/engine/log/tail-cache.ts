// The newest batches of a partition log, kept in memory as they were stored (Kafka serves a
// caught-up follower from the page cache). Followers fetch what the leader appended moments
// ago, every fetch: reading it back from SQLite copied each batch out of the database once per
// follower, the largest part of serving a fetch. The cache holds whole batches contiguous up to
// the log end; anything that rewrites or removes stored batches (truncation, retention,
// compaction: the store's rewrite counter) empties it, and a read below it goes to the store.
import type { ReadResult } from '../storage/log-store';

/** Per partition: a follower's fetch (replica.fetch.max.bytes defaults to 1 MiB) fits. */
const PARTITION_MAX_BYTES = 1 << 20;

/** What every partition's cache of one store may hold together. */
export class TailBudget {
  used = 0;
  constructor(readonly maxBytes = 64 << 20) {}
}

interface Entry {
  baseOffset: number;
  lastOffset: number;
  bytes: Buffer;
}

export class TailCache {
  private entries: Entry[] = [];
  /** Index of the oldest live entry (entries before it were evicted). */
  private head = 0;
  private bytes = 0;
  private rewrites: number;

  constructor(private readonly budget: TailBudget, private readonly storeRewrites: () => number) {
    this.rewrites = storeRewrites();
  }

  /** A batch just stored at the log end (contiguous with the previous one, or the cache restarts). */
  append(baseOffset: number, lastOffset: number, bytes: Buffer): void {
    this.validate();
    const last = this.entries.length > this.head ? this.entries[this.entries.length - 1] : undefined;
    if (last && last.lastOffset + 1 !== baseOffset) this.clear();
    if (bytes.length > PARTITION_MAX_BYTES) { this.clear(); return; }
    while (this.size() > 0 && (this.bytes + bytes.length > PARTITION_MAX_BYTES || this.budget.used + bytes.length > this.budget.maxBytes)) this.evictOldest();
    if (this.budget.used + bytes.length > this.budget.maxBytes) return;
    this.entries.push({ baseOffset, lastOffset, bytes });
    this.bytes += bytes.length;
    this.budget.used += bytes.length;
  }

  /**
   * LogStore.read's answer from memory, or undefined when the cache does not start at or before
   * the batch holding `offset`.
   */
  read(offset: number, maxBytes: number, endOffset: number): ReadResult | undefined {
    this.validate();
    if (this.size() === 0 || offset < this.entries[this.head].baseOffset) return undefined;
    const batches: Buffer[] = [];
    let bytes = 0;
    for (let i = this.firstEndingAtOrAfter(offset); i < this.entries.length; i++) {
      const e = this.entries[i];
      if (e.baseOffset >= endOffset) break;
      if (batches.length > 0 && bytes + e.bytes.length > maxBytes) break;
      batches.push(e.bytes);
      bytes += e.bytes.length;
    }
    return { batches, bytes };
  }

  /**
   * The index of the first live entry whose last offset is >= offset (entries are in offset
   * order). A binary search: a consumer at the log end reads the cache's last entries, and a
   * walk from the oldest of the ~6,000 small batches a full cache holds cost more than the rest
   * of such a fetch.
   */
  private firstEndingAtOrAfter(offset: number): number {
    let lo = this.head;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.entries[mid].lastOffset < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  clear(): void {
    this.budget.used -= this.bytes;
    this.entries = [];
    this.head = 0;
    this.bytes = 0;
  }

  private size(): number {
    return this.entries.length - this.head;
  }

  private evictOldest(): void {
    const e = this.entries[this.head++];
    this.bytes -= e.bytes.length;
    this.budget.used -= e.bytes.length;
    if (this.head > 64 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  /** Stored batches were rewritten or removed since the cache was filled: start over. */
  private validate(): void {
    const now = this.storeRewrites();
    if (now === this.rewrites) return;
    this.rewrites = now;
    this.clear();
  }
}
