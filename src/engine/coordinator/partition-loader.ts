// A __consumer_offsets partition becomes this broker's to coordinate (Kafka's coordinator loading
// a partition on election): its records reached this broker by replication, the lookup tables did
// not, so the tables' rows for the partition's groups are rebuilt from the log, in order, the last
// record for a key winning and a tombstone deleting.
import type { GroupStore } from '../storage/group-store';
import type { PartitionLog } from '../log/partition-log';
import { decodeRecords, readBatchHeader } from '../../protocol/records/batch';
import { decodeGroupMetadataValue, decodeOffsetCommitValue, decodeOffsetsTopicKey } from './offsets-records';

/** Rebuild the lookup rows of the groups for which `belongs` holds from `log`. Call inside a transaction. */
export function rebuildFromLog(store: GroupStore, log: PartitionLog, belongs: (groupId: string) => boolean): void {
  const stale = new Set<string>();
  for (const o of store.loadOffsets()) if (belongs(o.groupId)) stale.add(o.groupId);
  for (const g of store.loadGroups()) if (belongs(g.groupId)) stale.add(g.groupId);
  for (const g of stale) {
    store.deleteGroupOffsets(g);
    store.deleteGroup(g);
  }
  let offset = log.logStartOffset;
  const end = log.logEndOffset;
  while (offset < end) {
    const { batches } = log.read(offset, 1 << 20, end);
    if (batches.length === 0) break;
    for (const b of batches) {
      decodeRecords(b, (r) => {
        if (r.offset < offset || !r.key) return;
        let key;
        try {
          key = decodeOffsetsTopicKey(r.key);
        } catch {
          return; // a record kind we do not know (Kafka skips them too)
        }
        if (key.type === 'offset') {
          if (!belongs(key.group)) return;
          if (!r.value) { store.deleteOffset(key.group, key.topic, key.partition); return; }
          const v = decodeOffsetCommitValue(r.value);
          store.putOffset({
            groupId: key.group, topic: key.topic, partition: key.partition, offset: v.offset, leaderEpoch: v.leaderEpoch,
            metadata: v.metadata, commitTimestamp: v.commitTimestamp, expireTimestamp: v.expireTimestamp,
          });
        } else {
          if (!belongs(key.group)) return;
          if (!r.value) { store.deleteGroup(key.group); return; }
          decodeGroupMetadataValue(r.value); // refuse what we could not load later
          store.putGroup(key.group, Buffer.from(r.value));
        }
      });
      const h = readBatchHeader(b, 0);
      offset = h.baseOffset + h.lastOffsetDelta + 1;
    }
  }
}
