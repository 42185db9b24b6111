// Key/value layouts of the records in __consumer_offsets, as Kafka 3.9 writes them
// (group-coordinator/src/main/resources/common/message/{OffsetCommit,GroupMetadata}{Key,Value}.json):
// each key and value is an int16 version followed by the struct. Offset commits use key v1 and
// value v3; group metadata uses key v2 and value v3. A tombstone is the key with a null value, so
// compaction keeps only the latest state per group / group-topic-partition.
import type { FieldSpec } from '../../protocol/schema';
import { encodeVersionedData, decodeVersionedData } from '../../protocol/consumer-protocol';
import { coordinatorPartitionFor } from '../../protocol/internal/coordinator-partition';

export const OFFSETS_TOPIC = '__consumer_offsets';

const OFFSET_COMMIT_KEY: FieldSpec[] = [
  { name: 'group', type: 'string', versions: '0-1' },
  { name: 'topic', type: 'string', versions: '0-1' },
  { name: 'partition', type: 'int32', versions: '0-1' },
];

const OFFSET_COMMIT_VALUE: FieldSpec[] = [
  { name: 'offset', type: 'int64', versions: '0+' },
  { name: 'leaderEpoch', type: 'int32', versions: '3+', default: -1 },
  { name: 'metadata', type: 'string', versions: '0+' },
  { name: 'commitTimestamp', type: 'int64', versions: '0+' },
  { name: 'expireTimestamp', type: 'int64', versions: '1', default: -1 },
];

const GROUP_METADATA_KEY: FieldSpec[] = [
  { name: 'group', type: 'string', versions: '2' },
];

const GROUP_METADATA_VALUE: FieldSpec[] = [
  { name: 'protocolType', type: 'string', versions: '0+' },
  { name: 'generation', type: 'int32', versions: '0+' },
  { name: 'protocol', type: 'string', versions: '0+', nullableVersions: '0+' },
  { name: 'leader', type: 'string', versions: '0+', nullableVersions: '0+' },
  { name: 'currentStateTimestamp', type: 'int64', versions: '2+', default: -1 },
  { name: 'members', type: '[]', versions: '0+', fields: [
    { name: 'memberId', type: 'string', versions: '0+' },
    { name: 'groupInstanceId', type: 'string', versions: '3+', nullableVersions: '3+', default: null },
    { name: 'clientId', type: 'string', versions: '0+' },
    { name: 'clientHost', type: 'string', versions: '0+' },
    { name: 'rebalanceTimeout', type: 'int32', versions: '1+', default: -1 },
    { name: 'sessionTimeout', type: 'int32', versions: '0+' },
    { name: 'subscription', type: 'bytes', versions: '0+' },
    { name: 'assignment', type: 'bytes', versions: '0+' },
  ] },
];

export interface OffsetCommitKey {
  group: string;
  topic: string;
  partition: number;
}

export interface OffsetCommitValue {
  offset: number;
  leaderEpoch: number;
  metadata: string;
  commitTimestamp: number;
  expireTimestamp: number;
}

export interface GroupMemberMetadata {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  rebalanceTimeout: number;
  sessionTimeout: number;
  subscription: Buffer;
  assignment: Buffer;
}

export interface GroupMetadataValue {
  protocolType: string;
  generation: number;
  protocol: string | null;
  leader: string | null;
  currentStateTimestamp: number;
  members: GroupMemberMetadata[];
}

/** Which __consumer_offsets partition holds a group (see coordinatorPartitionFor). */
export const offsetsPartitionFor = coordinatorPartitionFor;

export const encodeOffsetCommitKey = (k: OffsetCommitKey): Buffer => encodeVersionedData(OFFSET_COMMIT_KEY, 1, k);
/**
 * Version 3, or 1 when the commit carries an explicit expiry (OffsetCommit v2-4 retention time), as
 * Kafka 3.9 wrote. Kafka 4.4 writes v4 (flexible, with the topic id) where this writes v3: readers
 * older than v4 (Burrow before 1.9.5, Kafka 2.x's formatter) refuse it, and every v4 reader reads
 * v3 (test/reference/deliberate-differences.json, offset-commit-value-v3).
 */
export const encodeOffsetCommitValue = (v: OffsetCommitValue, version: 1 | 3 = 3): Buffer => encodeVersionedData(OFFSET_COMMIT_VALUE, version, v);
export const encodeGroupMetadataKey = (group: string): Buffer => encodeVersionedData(GROUP_METADATA_KEY, 2, { group });
export const encodeGroupMetadataValue = (v: GroupMetadataValue): Buffer => encodeVersionedData(GROUP_METADATA_VALUE, 3, v);

export type OffsetsTopicKey =
  | ({ type: 'offset'; version: number } & OffsetCommitKey)
  | { type: 'group'; version: number; group: string };

/** Key versions 0-1 are offset commits, 2 is group metadata (as Kafka's GroupCoordinatorSerde reads them). */
export function decodeOffsetsTopicKey(buf: Buffer): OffsetsTopicKey {
  const version = buf.readInt16BE(0);
  if (version <= 1) return { type: 'offset', ...decodeVersionedData<OffsetCommitKey>(OFFSET_COMMIT_KEY, buf, 1, 'OffsetCommitKey') };
  return { type: 'group', version, group: decodeVersionedData<{ group: string }>(GROUP_METADATA_KEY, buf, 2, 'GroupMetadataKey').group };
}

export const decodeOffsetCommitValue = (buf: Buffer): OffsetCommitValue & { version: number } =>
  decodeVersionedData<OffsetCommitValue>(OFFSET_COMMIT_VALUE, buf, 3, 'OffsetCommitValue');

export const decodeGroupMetadataValue = (buf: Buffer): GroupMetadataValue & { version: number } =>
  decodeVersionedData<GroupMetadataValue>(GROUP_METADATA_VALUE, buf, 3, 'GroupMetadataValue');
