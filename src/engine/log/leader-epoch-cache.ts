// Which leader epoch wrote which part of a partition's log (Kafka's LeaderEpochFileCache): a
// list of (epoch, start offset). A follower asks the leader, through OffsetForLeaderEpoch, where
// its latest epoch ends on the leader, and truncates there, so no replica keeps records the new
// leader never had. Persisted by the caller (the partition log) with the log.

export const UNDEFINED_EPOCH = -1;
export const UNDEFINED_EPOCH_OFFSET = -1;

export interface EpochEntry {
  epoch: number;
  startOffset: number;
}

export class LeaderEpochCache {
  constructor(private entries: EpochEntry[] = []) {}

  all(): readonly EpochEntry[] {
    return this.entries;
  }

  latestEpoch(): number {
    return this.entries.length > 0 ? this.entries[this.entries.length - 1].epoch : UNDEFINED_EPOCH;
  }

  /**
   * A batch of `epoch` starts at `startOffset`: a new epoch is recorded (an older or equal one is
   * not: epochs only grow along the log). Returns true when the cache changed.
   */
  assign(epoch: number, startOffset: number): boolean {
    if (epoch < 0) return false;
    const last = this.entries[this.entries.length - 1];
    if (last && epoch <= last.epoch) return false;
    // An entry at or past this start offset belongs to a history this log no longer has.
    this.entries = this.entries.filter((e) => e.startOffset < startOffset);
    this.entries.push({ epoch, startOffset });
    return true;
  }

  /**
   * OffsetForLeaderEpoch: for `requested`, the largest epoch <= it and the offset where that
   * epoch ended (the start of the next higher epoch, or the log end offset for the latest).
   */
  endOffsetFor(requested: number, logEndOffset: number): { epoch: number; endOffset: number } {
    if (requested === UNDEFINED_EPOCH) return { epoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET };
    if (requested === this.latestEpoch()) return { epoch: requested, endOffset: logEndOffset };
    const higher = this.entries.find((e) => e.epoch > requested);
    if (!higher) return { epoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET };
    let floor: EpochEntry | undefined;
    for (const e of this.entries) if (e.epoch <= requested) floor = e;
    return floor ? { epoch: floor.epoch, endOffset: higher.startOffset } : { epoch: requested, endOffset: higher.startOffset };
  }

  /** The log was truncated to end at `endOffset`: epochs that start there or later go. */
  truncateFromEnd(endOffset: number): void {
    this.entries = this.entries.filter((e) => e.startOffset < endOffset);
  }

  /** The log now starts at `startOffset` (retention): the epoch covering it starts there. */
  truncateFromStart(startOffset: number): void {
    let keepFrom = 0;
    for (let i = 0; i < this.entries.length; i++) if (this.entries[i].startOffset <= startOffset) keepFrom = i;
    this.entries = this.entries.slice(keepFrom);
    if (this.entries.length > 0 && this.entries[0].startOffset < startOffset) this.entries[0] = { epoch: this.entries[0].epoch, startOffset };
  }
}
