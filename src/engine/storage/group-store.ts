// The consumer-group lookup tables: committed offsets per group/topic/partition and the latest
// group metadata record value per group. They mirror what is appended to __consumer_offsets and
// are written in the same SQLite transaction; on start the coordinator reloads from them.
import type { Db } from './database';

export interface StoredOffset {
  groupId: string;
  topic: string;
  partition: number;
  offset: number;
  leaderEpoch: number;
  metadata: string;
  commitTimestamp: number;
  /** -1 when the commit set no explicit retention. */
  expireTimestamp: number;
}

export class GroupStore {
  private upsertOffsetStmt;
  private deleteOffsetStmt;
  private deleteGroupOffsetsStmt;
  private putGroupStmt;
  private deleteGroupStmt;

  constructor(private readonly db: Db) {
    this.upsertOffsetStmt = db.prepare(
      `INSERT OR REPLACE INTO group_offsets (group_id, topic, partition, committed_offset, leader_epoch, metadata, commit_ts, expire_ts)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.deleteOffsetStmt = db.prepare('DELETE FROM group_offsets WHERE group_id = ? AND topic = ? AND partition = ?');
    this.deleteGroupOffsetsStmt = db.prepare('DELETE FROM group_offsets WHERE group_id = ?');
    this.putGroupStmt = db.prepare('INSERT OR REPLACE INTO group_metadata (group_id, value) VALUES (?, ?)');
    this.deleteGroupStmt = db.prepare('DELETE FROM group_metadata WHERE group_id = ?');
  }

  putOffset(o: StoredOffset): void {
    this.upsertOffsetStmt.run(o.groupId, o.topic, o.partition, o.offset, o.leaderEpoch, o.metadata, o.commitTimestamp, o.expireTimestamp);
  }

  deleteOffset(groupId: string, topic: string, partition: number): void {
    this.deleteOffsetStmt.run(groupId, topic, partition);
  }

  deleteGroupOffsets(groupId: string): void {
    this.deleteGroupOffsetsStmt.run(groupId);
  }

  /** The encoded GroupMetadataValue of the group's latest metadata record. */
  putGroup(groupId: string, value: Buffer): void {
    this.putGroupStmt.run(groupId, value);
  }

  deleteGroup(groupId: string): void {
    this.deleteGroupStmt.run(groupId);
  }

  loadOffsets(): StoredOffset[] {
    return (this.db.prepare('SELECT * FROM group_offsets ORDER BY group_id, topic, partition').all() as any[]).map((r) => ({
      groupId: r.group_id, topic: r.topic, partition: r.partition, offset: r.committed_offset, leaderEpoch: r.leader_epoch,
      metadata: r.metadata, commitTimestamp: r.commit_ts, expireTimestamp: r.expire_ts,
    }));
  }

  // --- Offsets committed in a transaction, until its marker (TxnOffsetCommit) ---------------------

  private pendingStmts?: ReturnType<GroupStore['preparePending']>;

  private preparePending() {
    const db = this.db;
    return {
      put: db.prepare(
        `INSERT OR REPLACE INTO group_pending_offsets (producer_id, group_id, topic, partition, committed_offset, leader_epoch, metadata, commit_ts)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      del: db.prepare('DELETE FROM group_pending_offsets WHERE producer_id = ? AND group_id = ?'),
      delGroup: db.prepare('DELETE FROM group_pending_offsets WHERE group_id = ?'),
      all: db.prepare('SELECT * FROM group_pending_offsets ORDER BY producer_id, group_id, topic, partition'),
    };
  }

  private get ps() {
    return (this.pendingStmts ??= this.preparePending());
  }

  putPendingOffset(producerId: number, o: StoredOffset): void {
    this.ps.put.run(producerId, o.groupId, o.topic, o.partition, o.offset, o.leaderEpoch, o.metadata, o.commitTimestamp);
  }

  deletePendingOffsets(producerId: number, groupId: string): void {
    this.ps.del.run(producerId, groupId);
  }

  deleteGroupPendingOffsets(groupId: string): void {
    this.ps.delGroup.run(groupId);
  }

  loadPendingOffsets(): (StoredOffset & { producerId: number })[] {
    return (this.ps.all.all() as any[]).map((r) => ({
      producerId: r.producer_id, groupId: r.group_id, topic: r.topic, partition: r.partition, offset: r.committed_offset,
      leaderEpoch: r.leader_epoch, metadata: r.metadata, commitTimestamp: r.commit_ts, expireTimestamp: -1,
    }));
  }

  loadGroups(): { groupId: string; value: Buffer }[] {
    return (this.db.prepare('SELECT group_id, value FROM group_metadata').all() as any[]).map((r) => ({ groupId: r.group_id, value: r.value }));
  }
}
