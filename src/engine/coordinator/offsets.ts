// Committed offsets in memory, per group → topic → partition (the coordinator's view; the
// GroupStore table and __consumer_offsets are its durable copies).

export interface CommittedOffset {
  offset: number;
  leaderEpoch: number;
  metadata: string;
  commitTimestamp: number;
  /** Absolute expiry from an OffsetCommit v2-4 retention time; -1 when none. */
  expireTimestamp: number;
}

export class OffsetTable {
  private readonly byGroup = new Map<string, Map<string, Map<number, CommittedOffset>>>();

  get(groupId: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.byGroup.get(groupId)?.get(topic)?.get(partition);
  }

  put(groupId: string, topic: string, partition: number, o: CommittedOffset): void {
    let topics = this.byGroup.get(groupId);
    if (!topics) this.byGroup.set(groupId, (topics = new Map()));
    let parts = topics.get(topic);
    if (!parts) topics.set(topic, (parts = new Map()));
    parts.set(partition, o);
  }

  remove(groupId: string, topic: string, partition: number): boolean {
    const topics = this.byGroup.get(groupId);
    const parts = topics?.get(topic);
    if (!parts || !parts.delete(partition)) return false;
    if (parts.size === 0) topics!.delete(topic);
    if (topics!.size === 0) this.byGroup.delete(groupId);
    return true;
  }

  removeGroup(groupId: string): void {
    this.byGroup.delete(groupId);
  }

  /** topic → partition → offset, in commit order of first appearance. */
  group(groupId: string): ReadonlyMap<string, ReadonlyMap<number, CommittedOffset>> | undefined {
    return this.byGroup.get(groupId);
  }

  hasOffsets(groupId: string): boolean {
    return this.byGroup.has(groupId);
  }

  groupIds(): string[] {
    return [...this.byGroup.keys()];
  }
}
