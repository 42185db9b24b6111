// Kafka's consumer embedded protocol (ConsumerProtocolSubscription / ConsumerProtocolAssignment,
// versions 0-3): the opaque bytes a "consumer" group member puts in JoinGroup metadata and the
// leader hands out through SyncGroup. Each blob is an int16 version followed by the data at that
// version. Newer versions only append fields, so (as Java's ConsumerProtocol does) a blob of a
// version above 3 is read as version 3.
import { Reader } from './reader';
import { Writer } from './writer';
import { structPlan } from './codec';
import type { FieldSpec } from './schema';
import { ProtocolDecodeError } from './reader';

export const CONSUMER_PROTOCOL_TYPE = 'consumer';
export const CONSUMER_PROTOCOL_MAX_VERSION = 3;

export interface TopicPartitions {
  topic: string;
  partitions: number[];
}

export interface ConsumerSubscription {
  topics: string[];
  userData?: Buffer | null;
  ownedPartitions?: TopicPartitions[];
  generationId?: number;
  rackId?: string | null;
}

export interface DecodedSubscription extends Required<ConsumerSubscription> {
  version: number;
}

export interface ConsumerAssignment {
  partitions: TopicPartitions[];
  userData?: Buffer | null;
}

export interface DecodedAssignment extends Required<ConsumerAssignment> {
  version: number;
}

const TOPIC_PARTITION = (since: string): FieldSpec[] => [
  { name: 'topic', type: 'string', versions: since },
  { name: 'partitions', type: '[]int32', versions: since },
];

const SUBSCRIPTION: FieldSpec[] = [
  { name: 'topics', type: '[]string', versions: '0+' },
  { name: 'userData', type: 'bytes', versions: '0+', nullableVersions: '0+', default: null },
  { name: 'ownedPartitions', type: '[]', versions: '1+', fields: TOPIC_PARTITION('1+') },
  { name: 'generationId', type: 'int32', versions: '2+', default: -1 },
  { name: 'rackId', type: 'string', versions: '3+', nullableVersions: '3+', default: null },
];

const ASSIGNMENT: FieldSpec[] = [
  { name: 'partitions', type: '[]', versions: '0+', fields: TOPIC_PARTITION('0+') },
  { name: 'userData', type: 'bytes', versions: '0+', nullableVersions: '0+', default: null },
];

/**
 * Encode `value` as `int16 version` + the non-flexible struct at that version. Also used for the
 * versioned key/value records of __consumer_offsets.
 */
export function encodeVersionedData(fields: FieldSpec[], version: number, value: unknown): Buffer {
  const w = new Writer(128);
  w.int16(version);
  structPlan(fields, version, false).encode(w, value);
  return w.toBuffer();
}

/** Read the int16 version, then the struct at min(version, maxVersion). */
export function decodeVersionedData<T>(fields: FieldSpec[], buf: Buffer, maxVersion: number, what: string): T & { version: number } {
  const r = new Reader(buf);
  const version = r.int16();
  if (version < 0) throw new ProtocolDecodeError(`${what}: unsupported version ${version}`);
  const v = Math.min(version, maxVersion);
  const out = structPlan(fields, v, false).decode(r) as T & { version: number };
  out.version = version;
  return out;
}

function checkVersion(version: number): void {
  if (!Number.isInteger(version) || version < 0 || version > CONSUMER_PROTOCOL_MAX_VERSION) {
    throw new RangeError(`consumer protocol version ${version} is not in 0-${CONSUMER_PROTOCOL_MAX_VERSION}`);
  }
}

/** JoinGroup metadata of a consumer: subscribed topics plus (v1+) owned partitions, (v2+) generation, (v3+) rack. */
export function encodeSubscription(s: ConsumerSubscription, version = CONSUMER_PROTOCOL_MAX_VERSION): Buffer {
  checkVersion(version);
  return encodeVersionedData(SUBSCRIPTION, version, {
    topics: s.topics,
    userData: s.userData ?? null,
    ownedPartitions: s.ownedPartitions ?? [],
    generationId: s.generationId ?? -1,
    rackId: s.rackId ?? null,
  });
}

export function decodeSubscription(buf: Buffer): DecodedSubscription {
  return decodeVersionedData<DecodedSubscription>(SUBSCRIPTION, buf, CONSUMER_PROTOCOL_MAX_VERSION, 'ConsumerProtocolSubscription');
}

/**
 * Only the subscribed topics, read as version 0 (the prefix of every version), as Kafka's
 * coordinator does so that it never depends on a member's newer fields.
 */
export function decodeSubscriptionTopics(buf: Buffer): string[] {
  const r = new Reader(buf);
  if (r.int16() < 0) throw new ProtocolDecodeError('ConsumerProtocolSubscription: negative version');
  return (structPlan(SUBSCRIPTION, 0, false).decode(r) as { topics: string[] }).topics;
}

/** SyncGroup assignment of a consumer: its partitions per topic plus the assignor's user data. */
export function encodeAssignment(a: ConsumerAssignment, version = CONSUMER_PROTOCOL_MAX_VERSION): Buffer {
  checkVersion(version);
  return encodeVersionedData(ASSIGNMENT, version, { partitions: a.partitions, userData: a.userData ?? null });
}

/** An empty buffer (what the coordinator hands a member the leader gave nothing) is an empty assignment. */
export function decodeAssignment(buf: Buffer): DecodedAssignment {
  if (buf.length === 0) return { version: 0, partitions: [], userData: null };
  return decodeVersionedData<DecodedAssignment>(ASSIGNMENT, buf, CONSUMER_PROTOCOL_MAX_VERSION, 'ConsumerProtocolAssignment');
}
