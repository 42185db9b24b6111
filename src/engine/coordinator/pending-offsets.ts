// Offsets committed inside a transaction (TxnOffsetCommit), per producer id, until the
// producer's COMMIT marker on the group's __consumer_offsets partition makes them the group's
// committed offsets or its ABORT marker drops them (Kafka's pendingTransactionalOffsets).
import type { CommittedOffset } from './offsets';

export interface PendingOffset {
  groupId: string;
  topic: string;
  partition: number;
  o: CommittedOffset;
}

export class PendingTxnOffsets {
  /** producer id -> group -> "topic\0partition" -> offset */
  private readonly byProducer = new Map<number, Map<string, Map<string, PendingOffset>>>();

  put(producerId: number, p: PendingOffset): void {
    let groups = this.byProducer.get(producerId);
    if (!groups) this.byProducer.set(producerId, (groups = new Map()));
    let parts = groups.get(p.groupId);
    if (!parts) groups.set(p.groupId, (parts = new Map()));
    parts.set(`${p.topic}\u0000${p.partition}`, p);
  }

  /** A producer's pending offsets of the groups `belongs` accepts (left in place). */
  peek(producerId: number, belongs: (groupId: string) => boolean): PendingOffset[] {
    const out: PendingOffset[] = [];
    for (const [groupId, parts] of this.byProducer.get(producerId) ?? []) if (belongs(groupId)) out.push(...parts.values());
    return out;
  }

  /** Remove and return a producer's pending offsets of the groups `belongs` accepts. */
  take(producerId: number, belongs: (groupId: string) => boolean): PendingOffset[] {
    const groups = this.byProducer.get(producerId);
    if (!groups) return [];
    const out: PendingOffset[] = [];
    for (const [groupId, parts] of [...groups]) {
      if (!belongs(groupId)) continue;
      out.push(...parts.values());
      groups.delete(groupId);
    }
    if (groups.size === 0) this.byProducer.delete(producerId);
    return out;
  }

  /** Is a transactional commit for the group's partition waiting for its marker? */
  has(groupId: string, topic: string, partition: number): boolean {
    const k = `${topic}\u0000${partition}`;
    for (const groups of this.byProducer.values()) if (groups.get(groupId)?.has(k)) return true;
    return false;
  }

  hasGroup(groupId: string): boolean {
    for (const groups of this.byProducer.values()) if (groups.has(groupId)) return true;
    return false;
  }

  removeGroup(groupId: string): void {
    for (const [pid, groups] of [...this.byProducer]) {
      groups.delete(groupId);
      if (groups.size === 0) this.byProducer.delete(pid);
    }
  }
}
