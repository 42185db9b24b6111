// API keys, the version ranges a broker of ours advertises, and request/response framing
// helpers used by both the engine (decode requests, encode responses) and the client.
import { Reader } from './reader';
import { Writer } from './writer';
import { bodyPlan } from './codec';
import type { ApiSpec } from './schema';
import { inRange, parseVersions, type VersionRange } from './schema';
import { readRequestHeader, RequestHeader, skipTaggedFields, writeRequestHeader, writeResponseHeader } from './header';
import { API_SPECS } from './messages';

export const ApiKey = {
  Produce: 0, Fetch: 1, ListOffsets: 2, Metadata: 3, OffsetCommit: 8, OffsetFetch: 9,
  FindCoordinator: 10, JoinGroup: 11, Heartbeat: 12, LeaveGroup: 13, SyncGroup: 14,
  DescribeGroups: 15, ListGroups: 16, SaslHandshake: 17, ApiVersions: 18, CreateTopics: 19,
  DeleteTopics: 20, DeleteRecords: 21, InitProducerId: 22, OffsetForLeaderEpoch: 23,
  AddPartitionsToTxn: 24, AddOffsetsToTxn: 25, EndTxn: 26, WriteTxnMarkers: 27, TxnOffsetCommit: 28,
  DescribeConfigs: 32, AlterConfigs: 33,
  DescribeLogDirs: 35, CreatePartitions: 37, DeleteGroups: 42, ElectLeaders: 43, IncrementalAlterConfigs: 44,
  AlterPartitionReassignments: 45, ListPartitionReassignments: 46, OffsetDelete: 47,
  DescribeClientQuotas: 48, AlterClientQuotas: 49, DescribeUserScramCredentials: 50, AlterUserScramCredentials: 51,
  DescribeQuorum: 55, AlterPartition: 56, DescribeCluster: 60, DescribeProducers: 61, DescribeTransactions: 65, ListTransactions: 66,
  DescribeAcls: 29, CreateAcls: 30, DeleteAcls: 31, SaslAuthenticate: 36,
  AllocateProducerIds: 67, ConsumerGroupDescribe: 69, ListConfigResources: 74,
  DescribeTopicPartitions: 75,
} as const;

/**
 * What the engine advertises for each API it implements (spec/protocol.md §3). The engine
 * advertises only keys it has a handler for, each from the lowest version Kafka 3.9 accepted:
 * Produce v0-2 and Fetch v0-3 carry message format v0/v1, converted to and from the stored
 * RecordBatch v2 as Kafka 3.9 did (records/convert.ts). Kafka 4 refuses them; we accept them on
 * purpose, so that every client ever written can use a local broker. The maximums are Kafka 4.4's
 * where a 4.x Java client reaches for them (Metadata 13 and by-id lookups, CreateTopics 7,
 * ApiVersions 5, ListGroups 5, DescribeGroups 6, DescribeCluster 2, DescribeTopicPartitions 0,
 * ListOffsets 11). The operator APIs (DescribeLogDirs, ElectLeaders, the partition reassignments,
 * DescribeQuorum) span the versions of the message definitions in shared/reference.
 */
export const ADVERTISED: ReadonlyMap<number, { min: number; max: number }> = new Map([
  // v12 is transactions v2 (the leader adds the partition); v13 (topic ids) is not implemented.
  [ApiKey.Produce, { min: 0, max: 12 }],
  [ApiKey.Fetch, { min: 0, max: 11 }],
  [ApiKey.ListOffsets, { min: 0, max: 11 }],
  [ApiKey.Metadata, { min: 0, max: 13 }],
  [ApiKey.OffsetCommit, { min: 0, max: 7 }],
  // v7: requireStable, which read_committed consumers send (KIP-447).
  [ApiKey.OffsetFetch, { min: 0, max: 7 }],
  [ApiKey.FindCoordinator, { min: 0, max: 2 }],
  [ApiKey.JoinGroup, { min: 0, max: 5 }],
  [ApiKey.Heartbeat, { min: 0, max: 3 }],
  [ApiKey.LeaveGroup, { min: 0, max: 3 }],
  [ApiKey.SyncGroup, { min: 0, max: 3 }],
  [ApiKey.DescribeGroups, { min: 0, max: 6 }],
  [ApiKey.ListGroups, { min: 0, max: 5 }],
  [ApiKey.ApiVersions, { min: 0, max: 5 }],
  [ApiKey.CreateTopics, { min: 0, max: 7 }],
  [ApiKey.DeleteTopics, { min: 0, max: 3 }],
  [ApiKey.DeleteRecords, { min: 0, max: 1 }],
  // KIP-360 (v3+: the producer id and epoch, so a producer can bump its epoch), PRODUCER_FENCED (v4).
  [ApiKey.InitProducerId, { min: 0, max: 5 }],
  // The transaction coordinator. AddPartitionsToTxn v4+ are the brokers' batched/verify-only
  // versions (KIP-890 part 1; v5: a partition leader adding a partition, transactions v2); EndTxn
  // v5 is transactions v2 (KIP-890 part 2), which clients use when transaction.version >= 2 is
  // finalized, as this engine finalizes it (engine/features.ts).
  [ApiKey.AddPartitionsToTxn, { min: 0, max: 5 }],
  [ApiKey.AddOffsetsToTxn, { min: 0, max: 4 }],
  [ApiKey.EndTxn, { min: 0, max: 5 }],
  [ApiKey.DescribeTransactions, { min: 0, max: 0 }],
  [ApiKey.ListTransactions, { min: 0, max: 2 }],
  [ApiKey.DescribeConfigs, { min: 0, max: 3 }],
  [ApiKey.AlterConfigs, { min: 0, max: 1 }],
  [ApiKey.DescribeLogDirs, { min: 0, max: 4 }],
  [ApiKey.CreatePartitions, { min: 0, max: 1 }],
  [ApiKey.DeleteGroups, { min: 0, max: 1 }],
  [ApiKey.ElectLeaders, { min: 0, max: 2 }],
  [ApiKey.IncrementalAlterConfigs, { min: 0, max: 0 }],
  [ApiKey.AlterPartitionReassignments, { min: 0, max: 0 }],
  [ApiKey.ListPartitionReassignments, { min: 0, max: 0 }],
  [ApiKey.OffsetDelete, { min: 0, max: 0 }],
  [ApiKey.DescribeClientQuotas, { min: 0, max: 1 }],
  [ApiKey.AlterClientQuotas, { min: 0, max: 1 }],
  [ApiKey.DescribeUserScramCredentials, { min: 0, max: 0 }],
  [ApiKey.AlterUserScramCredentials, { min: 0, max: 0 }],
  [ApiKey.DescribeQuorum, { min: 0, max: 2 }],
  [ApiKey.DescribeCluster, { min: 0, max: 2 }],
  [ApiKey.ListConfigResources, { min: 0, max: 1 }],
  [ApiKey.DescribeTopicPartitions, { min: 0, max: 0 }],
  // Offsets committed in a transaction; v5 (transactions v2) also adds the group's partition to the
  // transaction (AddOffsetsToTxn's work). v6 (topic ids, KIP-1319) is not implemented.
  [ApiKey.TxnOffsetCommit, { min: 0, max: 5 }],
  // Active producers of a partition (kafka-transactions describe-producers; Kafka 4.4: 0).
  [ApiKey.DescribeProducers, { min: 0, max: 0 }],
  // Transaction markers from the transaction coordinator to partition leaders (Kafka 4.4: 1-2;
  // 3.9 also served v0). Advertised as Kafka's brokers do: Admin.abortTransaction
  // (kafka-transactions abort) sends it.
  [ApiKey.WriteTxnMarkers, { min: 0, max: 2 }],
  // Followers truncate with it after a leader change; consumers validate positions (Kafka 4.4: 0-4).
  [ApiKey.OffsetForLeaderEpoch, { min: 0, max: 4 }],
  // Served as Kafka 4.4 serves them on a PLAINTEXT listener without an authorizer: the ACL calls
  // fail with SECURITY_DISABLED, the SASL ones with ILLEGAL_SASL_STATE (handlers/acls.ts, sasl.ts).
  // ACL v0 (no pattern type) as Kafka 3.9 accepted it; Kafka 4 starts at 1.
  [ApiKey.SaslHandshake, { min: 0, max: 1 }],
  [ApiKey.SaslAuthenticate, { min: 0, max: 2 }],
  [ApiKey.DescribeAcls, { min: 0, max: 3 }],
  [ApiKey.CreateAcls, { min: 0, max: 3 }],
  [ApiKey.DeleteAcls, { min: 0, max: 3 }],
]);

/**
 * Inter-broker APIs the engine serves to the other brokers of its cluster (Kafka serves them on
 * the controller listener): never advertised to clients in ApiVersions.
 */
export const INTER_BROKER: ReadonlyMap<number, { min: number; max: number }> = new Map([
  [ApiKey.AlterPartition, { min: 0, max: 3 }],
  [ApiKey.AllocateProducerIds, { min: 0, max: 0 }],
]);

/**
 * APIs our client speaks with brokers that have them but the engine does not serve (it never
 * advertises them): ConsumerGroupDescribe, for the KIP-848 consumer groups of Kafka 4.x brokers.
 */
export const CLIENT_ONLY: ReadonlyMap<number, { min: number; max: number }> = new Map([
  [ApiKey.ConsumerGroupDescribe, { min: 0, max: 1 }],
]);

export function apiSpec(apiKey: number): ApiSpec | undefined {
  return API_SPECS.get(apiKey);
}

/** Each API's flexible range, parsed once: parsing it (three regexes) ran twice per request. */
const flexibleRanges = new WeakMap<ApiSpec, VersionRange>();

export function isFlexible(spec: ApiSpec, version: number): boolean {
  let range = flexibleRanges.get(spec);
  if (range === undefined) {
    range = parseVersions(spec.flexibleVersions);
    flexibleRanges.set(spec, range);
  }
  return inRange(version, range);
}

/** ApiVersions responses always use header v0 so old clients can read the error. */
function responseHeaderFlexible(spec: ApiSpec, version: number): boolean {
  return spec.apiKey !== ApiKey.ApiVersions && isFlexible(spec, version);
}

export interface DecodedRequest {
  header: RequestHeader;
  spec: ApiSpec | undefined;
  /** Reader positioned at the body (after header tagged fields when flexible). */
  body: Reader;
}

/**
 * Parse a request frame's header fields; the reader is left before the header's tagged fields
 * (flexible versions), which decodeRequestBody skips, so a version we do not speak can still
 * be answered from the fixed part of the header.
 */
export function readRequest(frame: Buffer): DecodedRequest {
  const r = new Reader(frame);
  const header = readRequestHeader(r);
  return { header, spec: apiSpec(header.apiKey), body: r };
}

export function decodeRequestBody<T = any>(spec: ApiSpec, version: number, r: Reader): T {
  const flexible = isFlexible(spec, version);
  if (flexible) skipTaggedFields(r);
  return bodyPlan(spec.request, version, flexible).decode(r) as T;
}

export function decodeBody<T = any>(spec: ApiSpec, version: number, r: Reader, which: 'request' | 'response'): T {
  const fields = which === 'request' ? spec.request : spec.response;
  return bodyPlan(fields, version, isFlexible(spec, version)).decode(r) as T;
}

/** A full response frame (size prefix included) as a list of chunks ready for socket writes. */
export function encodeResponseFrame(spec: ApiSpec, version: number, correlationId: number, body: unknown): Buffer[] {
  const w = new Writer(responseSizeHint.get(spec.apiKey) ?? MAX_RESPONSE_START);
  const sizeAt = w.reserveInt32();
  writeResponseHeader(w, correlationId, responseHeaderFlexible(spec, version));
  bodyPlan(spec.response, version, isFlexible(spec, version)).encode(w, body);
  w.patchInt32(sizeAt, w.length - 4);
  responseSizeHint.set(spec.apiKey, Math.min(MAX_RESPONSE_START, (w.length + 63) & ~63));
  return w.toChunks();
}

/**
 * A response's writer starts at the size of the API's last response (at most 512 bytes): a
 * 512-byte start for a 60-byte Produce answer took eight times its share of Node's buffer
 * pool, which was then reallocated every 16 answers.
 */
const MAX_RESPONSE_START = 512;
const responseSizeHint = new Map<number, number>();

export function encodeRequestFrame(spec: ApiSpec, version: number, correlationId: number, clientId: string | null, body: unknown): Buffer[] {
  const w = new Writer(512);
  const sizeAt = w.reserveInt32();
  const flexible = isFlexible(spec, version);
  writeRequestHeader(w, { apiKey: spec.apiKey, apiVersion: version, correlationId, clientId }, flexible);
  bodyPlan(spec.request, version, flexible).encode(w, body);
  w.patchInt32(sizeAt, w.length - 4);
  return w.toChunks();
}

/**
 * Decode a response frame (without its size prefix) for a request we sent. With `shareRepeats`
 * repeated arrays of structs may come back as one shared array (Reader.shareRepeats).
 */
export function decodeResponseFrame<T = any>(spec: ApiSpec, version: number, frame: Buffer, shareRepeats = false): { correlationId: number; body: T } {
  const r = new Reader(frame);
  r.shareRepeats = shareRepeats;
  const correlationId = r.int32();
  if (responseHeaderFlexible(spec, version)) skipTaggedFields(r);
  return { correlationId, body: decodeBody<T>(spec, version, r, 'response') };
}
