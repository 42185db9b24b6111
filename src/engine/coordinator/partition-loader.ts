// A __consumer_offsets partition becomes this broker's to coordinate (Kafka's coordinator loading
// a partition on election): its records reached this broker by replication, the lookup tables did
// not, so the tables' rows for the partition's groups are rebuilt from the log, in order, the last
// record for a key winning and a tombstone deleting. Offsets in a producer's transactional batch
// stay pending until its COMMIT marker (then they count) or ABORT marker (then they go).
import type { GroupStore, StoredOffset } from '../storage/group-store';
import type { PartitionLog } from '../log/partition-log';
import { ATTR_CONTROL, ATTR_TRANSACTIONAL, decodeRecords, readBatchHeader } from '../../protocol/records/batch';
import { CONTROL_TYPE_COMMIT } from '../../protocol/records/layout';
import { controlBatchType } from '../../protocol/records/record-cursor';
import { decodeGroupMetadataValue, decodeOffsetCommitValue, decodeOffsetsTopicKey } from './offsets-records';

/** Rebuild the lookup rows of the groups for which `belongs` holds from `log`. Call inside a transaction. */
export function rebuildFromLog(store: GroupStore, log: PartitionLog, belongs: (groupId: string) => boolean): void {
  const stale = new Set<string>();
  for (const o of store.loadOffsets()) if (belongs(o.groupId)) stale.add(o.groupId);
  for (const g of store.loadGroups()) if (belongs(g.groupId)) stale.add(g.groupId);
  for (const o of store.loadPendingOffsets()) if (belongs(o.groupId)) stale.add(o.groupId);
  for (const g of stale) {
    store.deleteGroupOffsets(g);
    store.deleteGroupPendingOffsets(g);
    store.deleteGroup(g);
  }
  // producer id -> its pending offsets (in commit order) until its marker
  const pending = new Map<number, StoredOffset[]>();
  let offset = log.logStartOffset;
  const end = log.logEndOffset;
  while (offset < end) {
    const { batches } = log.read(offset, 1 << 20, end);
    if (batches.length === 0) break;
    for (const b of batches) {
      const h = readBatchHeader(b, 0);
      const transactional = h.producerId >= 0 && (h.attributes & ATTR_TRANSACTIONAL) !== 0;
      if ((h.attributes & ATTR_CONTROL) !== 0) {
        if (transactional) {
          const done = pending.get(h.producerId);
          pending.delete(h.producerId);
          if (done) {
            const groups = new Set(done.map((o) => o.groupId));
            for (const g of groups) store.deletePendingOffsets(h.producerId, g);
            if (controlBatchType(b, 0, b.length) === CONTROL_TYPE_COMMIT) for (const o of done) store.putOffset(o);
          }
        }
        offset = h.baseOffset + h.lastOffsetDelta + 1;
        continue;
      }
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
          const o: StoredOffset = {
            groupId: key.group, topic: key.topic, partition: key.partition, offset: v.offset, leaderEpoch: v.leaderEpoch,
            metadata: v.metadata, commitTimestamp: v.commitTimestamp, expireTimestamp: v.expireTimestamp,
          };
          if (transactional) {
            let list = pending.get(h.producerId);
            if (!list) pending.set(h.producerId, (list = []));
            list.push(o);
            store.putPendingOffset(h.producerId, o);
          } else {
            store.putOffset(o);
          }
        } else {
          if (!belongs(key.group)) return;
          if (!r.value) { store.deleteGroup(key.group); return; }
          decodeGroupMetadataValue(r.value); // refuse what we could not load later
          store.putGroup(key.group, Buffer.from(r.value));
        }
      });
      offset = h.baseOffset + h.lastOffsetDelta + 1;
    }
  }
}
