// Key/value layouts of the records in __transaction_state, as Kafka 4.4 writes them
// (transaction-coordinator/src/main/resources/common/message/TransactionLog{Key,Value}.json): an
// int16 version, then the struct. The key is v0 (the transactional id). The value is v0, or v1 — the
// first flexible version, with tagged fields (previous/next producer id, next epoch, the client's
// transaction version) — which Kafka writes once transaction.version >= 1 is finalized. A tombstone
// (key with a null value) is written when a transactional id expires, so compaction forgets it.
// Shared by the engine's transaction coordinator and the tools that print the topic.
import type { FieldSpec } from '../schema';
import { structPlan } from '../codec';
import { Reader } from '../reader';
import { Writer } from '../writer';
import { ProtocolDecodeError } from '../reader';

export const TRANSACTION_STATE_TOPIC = '__transaction_state';

/** TransactionState ids as the log stores them (Kafka's TransactionState enum). */
export const TransactionStatus = {
  Empty: 0,
  Ongoing: 1,
  PrepareCommit: 2,
  PrepareAbort: 3,
  CompleteCommit: 4,
  CompleteAbort: 5,
  Dead: 6,
  PrepareEpochFence: 7,
} as const;
export type TransactionStatusId = (typeof TransactionStatus)[keyof typeof TransactionStatus];

const STATUS_NAMES = Object.keys(TransactionStatus) as (keyof typeof TransactionStatus)[];

/** The state's name as Kafka prints it (DescribeTransactions, ListTransactions, kafka-transactions). */
export function transactionStatusName(id: number): string {
  return STATUS_NAMES[id] ?? `Unknown(${id})`;
}

/** The id of a state name (case-sensitive, Kafka's spelling), undefined if none. */
export function transactionStatusId(name: string): TransactionStatusId | undefined {
  return (TransactionStatus as Record<string, TransactionStatusId>)[name];
}

const TRANSACTION_LOG_KEY: FieldSpec[] = [
  { name: 'transactionalId', type: 'string', versions: '0' },
];

const TRANSACTION_LOG_VALUE: FieldSpec[] = [
  { name: 'producerId', type: 'int64', versions: '0+' },
  { name: 'previousProducerId', type: 'int64', versions: '1+', taggedVersions: '1+', tag: 0, default: -1 },
  { name: 'nextProducerId', type: 'int64', versions: '1+', taggedVersions: '1+', tag: 1, default: -1 },
  { name: 'producerEpoch', type: 'int16', versions: '0+' },
  { name: 'nextProducerEpoch', type: 'int16', versions: '1+', taggedVersions: '1+', tag: 3, default: -1 },
  { name: 'transactionTimeoutMs', type: 'int32', versions: '0+' },
  { name: 'transactionStatus', type: 'int8', versions: '0+' },
  { name: 'transactionPartitions', type: '[]', versions: '0+', nullableVersions: '0+', fields: [
    { name: 'topic', type: 'string', versions: '0+' },
    { name: 'partitionIds', type: '[]int32', versions: '0+' },
  ] },
  { name: 'transactionLastUpdateTimestampMs', type: 'int64', versions: '0+' },
  { name: 'transactionStartTimestampMs', type: 'int64', versions: '0+' },
  { name: 'clientTransactionVersion', type: 'int16', versions: '1+', taggedVersions: '1+', tag: 2, default: 0 },
];

export const TRANSACTION_LOG_KEY_VERSION = 0;
export const TRANSACTION_LOG_VALUE_MAX_VERSION = 1;

export interface TransactionLogPartitions {
  topic: string;
  partitionIds: number[];
}

export interface TransactionLogValue {
  producerId: number;
  producerEpoch: number;
  transactionTimeoutMs: number;
  transactionStatus: number;
  /** Null when the state is Empty (Kafka writes no partition list then). */
  transactionPartitions: TransactionLogPartitions[] | null;
  transactionLastUpdateTimestampMs: number;
  transactionStartTimestampMs: number;
  /** v1 tagged fields; -1 / 0 when absent. */
  previousProducerId?: number;
  nextProducerId?: number;
  nextProducerEpoch?: number;
  clientTransactionVersion?: number;
}

const FLEXIBLE_FROM = 1;

function encodeVersioned(fields: FieldSpec[], version: number, value: unknown): Buffer {
  const w = new Writer(128);
  w.int16(version);
  structPlan(fields, version, version >= FLEXIBLE_FROM && fields === TRANSACTION_LOG_VALUE).encode(w, value);
  return w.toBuffer();
}

export function encodeTransactionLogKey(transactionalId: string): Buffer {
  return encodeVersioned(TRANSACTION_LOG_KEY, TRANSACTION_LOG_KEY_VERSION, { transactionalId });
}

/** Version 0 (transaction.version 0) or 1 (flexible, transaction.version >= 1: what this engine writes, engine/features.ts). */
export function encodeTransactionLogValue(v: TransactionLogValue, version: 0 | 1 = 0): Buffer {
  return encodeVersioned(TRANSACTION_LOG_VALUE, version, v);
}

/** The transactional id of a key. Kafka only knows key version 0; a later one is an error, as in Kafka. */
export function decodeTransactionLogKey(buf: Buffer): { version: number; transactionalId: string } {
  const r = new Reader(buf);
  const version = r.int16();
  if (version !== TRANSACTION_LOG_KEY_VERSION) throw new ProtocolDecodeError(`TransactionLogKey: unknown version ${version}`);
  const out = structPlan(TRANSACTION_LOG_KEY, 0, false).decode(r) as { transactionalId: string };
  return { version, transactionalId: out.transactionalId };
}

/** A value of version 0 or 1 (unknown tagged fields are skipped, as KIP-915 intends). */
export function decodeTransactionLogValue(buf: Buffer): TransactionLogValue & { version: number } {
  const r = new Reader(buf);
  const version = r.int16();
  if (version < 0 || version > TRANSACTION_LOG_VALUE_MAX_VERSION) {
    throw new ProtocolDecodeError(`TransactionLogValue: unknown version ${version}`);
  }
  const out = structPlan(TRANSACTION_LOG_VALUE, version, version >= FLEXIBLE_FROM).decode(r) as TransactionLogValue & { version: number };
  out.version = version;
  return out;
}

/** Which __transaction_state partition holds a transactional id (its leader is the id's coordinator). */
export { coordinatorPartitionFor as transactionStatePartitionFor } from './coordinator-partition';
