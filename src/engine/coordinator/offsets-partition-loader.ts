// Reading a __consumer_offsets partition back into groups and committed offsets (Kafka's
// GroupMetadataManager.loadGroupsAndOffsets): the log is replayed in order, the last value of
// each key wins and a tombstone removes it. A cluster's coordinator does this when it becomes
// the partition's leader, so the groups follow the partition from broker to broker.
import type { PartitionLog } from '../log/partition-log';
import { batchLastOffset, decodeRecords } from '../../protocol/records/batch';
import { decodeOffsetCommitValue, decodeOffsetsTopicKey } from './offsets-records';
import type { StoredOffset } from '../storage/group-store';
import { engineLog } from '../server-log';

const READ_BYTES = 4 * 1024 * 1024;

export interface LoadedOffsetsPartition {
  /** Group id -> its latest GroupMetadata value (encoded). */
  groups: Map<string, Buffer>;
  offsets: StoredOffset[];
}

export function loadOffsetsPartition(log: PartitionLog): LoadedOffsetsPartition {
  const groups = new Map<string, Buffer>();
  const offsets = new Map<string, StoredOffset>();
  let next = log.logStartOffset;
  const end = log.logEndOffset;
  while (next < end) {
    const { batches } = log.read(next, READ_BYTES, end);
    if (batches.length === 0) break;
    for (const b of batches) {
      decodeRecords(b, (r) => {
        next = Math.max(next, r.offset + 1);
        if (!r.key) return;
        try {
          const k = decodeOffsetsTopicKey(Buffer.from(r.key));
          if (k.type === 'group') {
            if (r.value) groups.set(k.group, Buffer.from(r.value));
            else groups.delete(k.group);
            return;
          }
          const id = JSON.stringify([k.group, k.topic, k.partition]);
          if (!r.value) {
            offsets.delete(id);
            return;
          }
          const v = decodeOffsetCommitValue(Buffer.from(r.value));
          offsets.set(id, {
            groupId: k.group, topic: k.topic, partition: k.partition, offset: Number(v.offset), leaderEpoch: v.leaderEpoch ?? -1,
            metadata: v.metadata ?? '', commitTimestamp: Number(v.commitTimestamp), expireTimestamp: Number(v.expireTimestamp ?? -1),
          });
        } catch (e: any) {
          engineLog('WARN', `Skipping an unreadable record at offset ${r.offset} of __consumer_offsets: ${e?.message ?? e}`, 'org.apache.kafka.coordinator.group.GroupMetadataManager');
        }
      });
      // A batch with no visible records (e.g. a control batch) still moves the position.
      next = Math.max(next, batchLastOffset(b) + 1);
    }
  }
  return { groups, offsets: [...offsets.values()] };
}
