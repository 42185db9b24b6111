// Produce: each partition's records go to the replica manager, which appends them to the leader's
// log (validation, offsets, leader epoch: log/leader-append.ts), all in one SQLite transaction
// before replying. acks=0 gets no reply at all; acks=all is answered once the ISR has the records
// (a delayed produce: the reply waits, the event loop does not). Produce v0-2 may carry message
// format v0/v1, converted to one RecordBatch v2 first, as Kafka 3.9 did. A transactional
// Produce v12+ (transactions v2) first adds its partitions to the producer's transaction at the
// coordinator (replica/produce-txn-verification.ts: a bounded retry while the previous
// transaction's markers are written); a partition that could not be added answers Kafka's
// translation of the coordinator's error and is not appended.
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import { NO_RESPONSE } from '.';
import { ErrorCode } from '../../../protocol/errors';
import { ATTRIBUTES_OFFSET, batchCodec, MAGIC_V2, readBatchHeader } from '../../../protocol/records/batch';
import { CODEC_ZSTD } from '../../../protocol/records/compression';
import { magicAt } from '../../../protocol/records/legacy';
import { ATTR_TRANSACTIONAL } from '../../../protocol/records/layout';
import { appendFailure } from '../../log/leader-append';
import { producePartitionResult, type ProducePartitionResult } from '../../replica/replica-manager';
import { isStorageError } from '../../log/storage-error';
import { engineLog } from '../../server-log';
import { joinTransactionForProduce, type TxnJoinError } from '../../replica/produce-txn-verification';
import { partitionKey } from '../../coordinator/txn/transaction-metadata';
import { inConnectionOrder } from './produce-order';

const NO_RESULTS: ProducePartitionResult[][] = [];

/** A request no transaction refused (most): one shared empty map, not a new one per request. */
const NO_TXN_ERRORS: ReadonlyMap<string, TxnJoinError> = new Map();

/** Produce v12 is transactions v2: the leader adds the partition to the transaction itself. */
const FIRST_TV2_VERSION = 12;

interface PartitionResult {
  index: number;
  errorCode: number;
  baseOffset: number;
  logAppendTimeMs: number;
  logStartOffset: number;
  recordErrors: { batchIndex: number; batchIndexErrorMessage: string | null }[];
  errorMessage: string | null;
}

function result(index: number, errorCode: number, errorMessage: string | null = null): PartitionResult {
  return { index, errorCode, baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1, recordErrors: [], errorMessage };
}

export function handleProduce(engine: Engine, req: any, ctx: RequestContext): unknown {
  return inConnectionOrder<unknown>(ctx.connection, () => {
    if (ctx.version >= FIRST_TV2_VERSION && req.transactionalId) {
      // Which partitions still need adding is known only once the earlier requests appended.
      const need = partitionsToAdd(engine, req);
      if (need) {
        return joinTransactionForProduce(engine, { transactionalId: req.transactionalId, ...need.producer }, need.keys)
          .then((errors) => ({ answer: produce(engine, req, ctx, errors) }));
      }
    }
    return { now: produce(engine, req, ctx, NO_TXN_ERRORS) };
  });
}

/**
 * The partitions of a transactional request this broker leads whose producer has no transaction
 * open there at the batch's epoch (they are not in its transaction yet), with the producer.
 */
function partitionsToAdd(engine: Engine, req: any): { producer: { producerId: number; producerEpoch: number }; keys: string[] } | undefined {
  let producer: { producerId: number; producerEpoch: number } | undefined;
  const keys: string[] = [];
  for (const t of req.topicData) {
    for (const pd of t.partitionData) {
      const r: Buffer | null = pd.records;
      if (!r || r.length < ATTRIBUTES_OFFSET + 2 || magicAt(r) !== MAGIC_V2) continue;
      const h = readBatchHeader(r);
      if (!(h.attributes & ATTR_TRANSACTIONAL) || h.producerId < 0) continue;
      const part = engine.replicaManager.getPartition(t.name, pd.index);
      if (!part || !part.isLeader()) continue; // the append answers NOT_LEADER_OR_FOLLOWER
      producer ??= { producerId: h.producerId, producerEpoch: h.producerEpoch };
      const open = part.log.txns.openTxns().get(h.producerId);
      if (open && open.producerEpoch === h.producerEpoch) continue;
      keys.push(partitionKey(t.name, pd.index));
    }
  }
  return producer && keys.length > 0 ? { producer, keys } : undefined;
}

/** What a request's appends gave: each topic's partition results in request order. */
interface Appends {
  perTopic: ProducePartitionResult[][];
  appended: boolean;
}

function produce(engine: Engine, req: any, ctx: RequestContext, txnErrors: ReadonlyMap<string, TxnJoinError>): unknown {
  const acks: number = req.acks;

  if (ctx.version < 7 && usesZstd(req)) {
    // ProduceRequest.validateRecords: the whole request is refused.
    return acks === 0 ? NO_RESPONSE : failAll(req, ErrorCode.UNSUPPORTED_COMPRESSION_TYPE);
  }

  // Inside the connection's group transaction, a failure is the group's to roll back and answer.
  const nested = engine.logs.inTransaction;
  const out: Appends = { perTopic: NO_RESULTS, appended: false };
  try {
    // In a group no savepoint of its own (two more statements per request): a storage error
    // rolls the whole group back, and after any other failure the group keeps what this request
    // appended, as the partition logs in memory do (a savepoint's rollback left them ahead of
    // the database); its reply is not sent, as the connection closes.
    if (nested) appendAll(engine, req, ctx, txnErrors, out);
    else engine.logs.transaction(() => appendAll(engine, req, ctx, txnErrors, out));
  } catch (e) {
    if (nested) throw e;
    // The transaction rolled back: drop in-memory state derived from it. A full, read-only or
    // failing data dir is KAFKA_STORAGE_ERROR for every partition (nothing of the request is
    // stored; the client retries); anything else closes the connection.
    engine.reloadAfterFailedWrite();
    if (!isStorageError(e)) throw e;
    engineLog('WARN', `Error processing append operation in dir ${engine.settings.logDir}: ${(e as Error)?.message ?? e}`, 'kafka.server.ReplicaManager');
    return acks === 0 ? NO_RESPONSE : failAll(req, ErrorCode.KAFKA_STORAGE_ERROR);
  }
  if (out.appended) engine.afterCommit();
  if (acks === 0) return NO_RESPONSE;
  if (acks !== -1) return answerOf(req, out.perTopic);
  const wait = engine.replicaManager.waitForReplication(allResults(out.perTopic), req.timeoutMs);
  return wait ? wait.then(() => answerOf(req, out.perTopic)) : answerOf(req, out.perTopic);
}

/** Append every partition's records (inside the caller's transaction). */
function appendAll(engine: Engine, req: any, ctx: RequestContext, txnErrors: ReadonlyMap<string, TxnJoinError>, out: Appends): void {
  // Arrays made at their size (map), not grown by push from empty literals: a push into [] made
  // a 17-element store, five times per request.
  out.perTopic = req.topicData.map((t: any) => t.partitionData.map((pd: any) => {
    // Keyed by a string built per partition: only when a transaction refused some.
    const txnError = txnErrors.size > 0 ? txnErrors.get(partitionKey(t.name, pd.index)) : undefined;
    const r = txnError
      ? producePartitionResult(appendFailure(txnError.errorCode, txnError.errorMessage), -1)
      : engine.replicaManager.appendToLocalLog(t.name, pd.index, pd.records, req.acks, ctx.clientId, ctx.version);
    if (r.baseOffset >= 0) out.appended = true;
    return r;
  }));
}

/** Every partition's result in one list (what acks=all waits for). */
function allResults(perTopic: ProducePartitionResult[][]): ProducePartitionResult[] {
  return perTopic.length === 1 ? perTopic[0] : perTopic.flat();
}

function answerOf(req: any, perTopic: ProducePartitionResult[][]): unknown {
  const responses = req.topicData.map((t: any, ti: number) => ({
    name: t.name,
    partitionResponses: t.partitionData.map((pd: any, pi: number) => toResponse(pd.index, perTopic[ti][pi])),
  }));
  return { responses, throttleTimeMs: 0 };
}

/** Every partition of the request answers `errorCode`. */
function failAll(req: any, errorCode: number): unknown {
  const responses = req.topicData.map((t: any) => ({ name: t.name, partitionResponses: t.partitionData.map((p: any) => result(p.index, errorCode)) }));
  return { responses, throttleTimeMs: 0 };
}

function toResponse(index: number, r: ProducePartitionResult): PartitionResult {
  if (r.baseOffset < 0 || (r.errorCode !== 0 && r.logStartOffset < 0)) {
    const out = result(index, r.errorCode, r.errorMessage);
    out.recordErrors = r.recordErrors;
    return out;
  }
  return {
    index, errorCode: r.errorCode, baseOffset: r.baseOffset, logAppendTimeMs: r.logAppendTimeMs,
    logStartOffset: r.logStartOffset, recordErrors: r.recordErrors, errorMessage: r.errorMessage,
  };
}

/** A magic-2 batch compressed with zstd anywhere in the request (zstd needs Produce v7). */
function usesZstd(req: any): boolean {
  for (const t of req.topicData) {
    for (const pd of t.partitionData) {
      const r: Buffer | null = pd.records;
      if (r && magicAt(r) === MAGIC_V2 && r.length >= ATTRIBUTES_OFFSET + 2 && batchCodec(r) === CODEC_ZSTD) return true;
    }
  }
  return false;
}

