// Where transaction state lives (Kafka's TransactionStateManager): the internal compacted topic
// __transaction_state (transaction.state.log.* configs, created on first use as
// __consumer_offsets is), one record per transactional id per change. This broker coordinates the
// ids of the partitions it leads: a partition's ids are loaded from its log when it becomes leader
// (the last record for a key winning, a tombstone forgetting it) and dropped when it stops. The
// leader epoch at load time is the coordinator epoch the markers carry.
import type { Engine } from '../../engine';
import type { TopicRecord } from '../../storage/topic-store';
import { createTopic } from '../../topic-admin';
import { buildBatch, decodeRecords, readBatchHeader } from '../../../protocol/records/batch';
import { ErrorCode, KafkaError } from '../../../protocol/errors';
import {
  TRANSACTION_STATE_TOPIC, decodeTransactionLogKey, decodeTransactionLogValue, encodeTransactionLogKey, encodeTransactionLogValue,
  transactionStatePartitionFor,
} from '../../../protocol/internal/transaction-log';
import { engineLog } from '../../server-log';
import { TransactionMetadata, TxnTransit, logValueOf } from './transaction-metadata';
import { TRANSACTION_LOG_VALUE_VERSION } from '../../features';

const LOGGER = 'org.apache.kafka.coordinator.transaction.TransactionStateManager';

export interface LoadedPartition {
  coordinatorEpoch: number;
  transactions: Map<string, TransactionMetadata>;
}

export class TransactionStateManager {
  private readonly loaded = new Map<number, LoadedPartition>();
  /** Called after a partition's ids were loaded (the coordinator resumes their pending markers). */
  onLoaded: (partition: number, state: LoadedPartition) => void = () => undefined;
  /** Called when a partition stops being ours. */
  onUnloaded: (partition: number) => void = () => undefined;

  constructor(private readonly engine: Engine) {
    engine.replicaManager.leadershipListeners.push((topic, partition, isLeader, leaderEpoch) => {
      if (topic !== TRANSACTION_STATE_TOPIC) return;
      if (isLeader) this.loadPartition(partition, leaderEpoch);
      else this.unloadPartition(partition);
    });
  }

  topic(): TopicRecord | undefined {
    return this.engine.metadata.topic(TRANSACTION_STATE_TOPIC);
  }

  /** The topic, created if missing; undefined while it cannot be (RF above the broker count, or another broker's controller creates it). */
  ensureTopic(): TopicRecord | undefined {
    const existing = this.topic();
    if (existing) return existing;
    const configs = this.engine.configs;
    try {
      return createTopic(this.engine, {
        name: TRANSACTION_STATE_TOPIC,
        numPartitions: configs.brokerInt('transaction.state.log.num.partitions'),
        replicationFactor: configs.brokerInt('transaction.state.log.replication.factor'),
        assignments: [],
        configs: new Map([
          ['cleanup.policy', 'compact'],
          ['compression.type', 'uncompressed'],
          ['min.insync.replicas', String(configs.brokerInt('transaction.state.log.min.isr'))],
          ['segment.bytes', String(configs.brokerInt('transaction.state.log.segment.bytes'))],
          ['unclean.leader.election.enable', 'false'],
        ]),
      });
    } catch (e: any) {
      engineLog('WARN', `Could not create the transaction state topic ${TRANSACTION_STATE_TOPIC}: ${e?.message ?? e}`, 'kafka.server.DefaultAutoTopicCreationManager');
      return undefined;
    }
  }

  partitionFor(transactionalId: string): number {
    const t = this.topic();
    const n = t ? t.partitions.length : this.engine.configs.brokerInt('transaction.state.log.num.partitions');
    return transactionStatePartitionFor(transactionalId, n);
  }

  /** NONE when this broker coordinates the id, else NOT_COORDINATOR (the client looks it up again). */
  coordinatorError(transactionalId: string): number {
    const partition = this.partitionFor(transactionalId);
    if (this.loaded.has(partition)) return ErrorCode.NONE;
    // As the group coordinator: another broker may have named this one already (see ownsGroup).
    this.engine.catchUpMetadata();
    return this.loaded.has(partition) ? ErrorCode.NONE : ErrorCode.NOT_COORDINATOR;
  }

  partitionState(partition: number): LoadedPartition | undefined {
    return this.loaded.get(partition);
  }

  get(transactionalId: string): TransactionMetadata | undefined {
    return this.loaded.get(this.partitionFor(transactionalId))?.transactions.get(transactionalId);
  }

  put(md: TransactionMetadata): void {
    this.loaded.get(this.partitionFor(md.transactionalId))?.transactions.set(md.transactionalId, md);
  }

  remove(transactionalId: string): void {
    this.loaded.get(this.partitionFor(transactionalId))?.transactions.delete(transactionalId);
  }

  coordinatorEpochOf(transactionalId: string): number {
    return this.loaded.get(this.partitionFor(transactionalId))?.coordinatorEpoch ?? -1;
  }

  /** Every loaded transaction, with its partition's coordinator epoch. */
  *all(): Iterable<{ md: TransactionMetadata; coordinatorEpoch: number }> {
    for (const s of this.loaded.values()) for (const md of s.transactions.values()) yield { md, coordinatorEpoch: s.coordinatorEpoch };
  }

  /**
   * A partition's leader at start or after an election: read its log from the start, as
   * Kafka's loadTransactionMetadata does (the last value of an id wins, a tombstone deletes it).
   */
  loadPartition(partition: number, leaderEpoch: number): void {
    const log = this.engine.replicaManager.localLog(TRANSACTION_STATE_TOPIC, partition);
    if (!log) return;
    const transactions = new Map<string, TransactionMetadata>();
    try {
      let offset = log.logStartOffset;
      const end = log.logEndOffset;
      while (offset < end) {
        const { batches } = log.read(offset, 1 << 20, end);
        if (batches.length === 0) break;
        for (const b of batches) {
          decodeRecords(b, (r) => {
            if (r.offset < offset || !r.key) return;
            let id: string;
            try {
              id = decodeTransactionLogKey(r.key).transactionalId;
            } catch {
              return; // a key version we do not know: Kafka skips it too
            }
            if (!r.value) transactions.delete(id);
            else transactions.set(id, TransactionMetadata.fromLog(id, decodeTransactionLogValue(r.value)));
          });
          const h = readBatchHeader(b, 0);
          offset = h.baseOffset + h.lastOffsetDelta + 1;
        }
      }
    } catch (e: any) {
      engineLog('ERROR', `Failed to load the transactions of ${TRANSACTION_STATE_TOPIC}-${partition}: ${e?.message ?? e}`, LOGGER);
      return;
    }
    const state = { coordinatorEpoch: leaderEpoch, transactions };
    this.loaded.set(partition, state);
    engineLog('INFO', `[Transaction State Manager ${this.engine.settings.nodeId}]: Finished loading ${transactions.size} transaction metadata from ${TRANSACTION_STATE_TOPIC}-${partition} with coordinator epoch ${leaderEpoch}`, LOGGER);
    this.onLoaded(partition, state);
  }

  unloadPartition(partition: number): void {
    if (!this.loaded.delete(partition)) return;
    engineLog('INFO', `[Transaction State Manager ${this.engine.settings.nodeId}]: Unloaded transaction metadata of ${TRANSACTION_STATE_TOPIC}-${partition}`, LOGGER);
    this.onUnloaded(partition);
  }

  /** Partitions this broker leads but has not loaded (at start, before any delta reached a listener). */
  loadLedPartitions(): void {
    const t = this.topic();
    if (!t) return;
    for (let p = 0; p < t.partitions.length; p++) {
      const part = this.engine.replicaManager.getPartition(TRANSACTION_STATE_TOPIC, p);
      if (part?.isLeader() && !this.loaded.has(p)) this.loadPartition(p, part.leaderEpoch);
    }
  }

  /**
   * Write a transition (or, with null, the id's tombstone) with acks=all, as Kafka's
   * appendTransactionToLog: resolves to the error to answer, mapped as Kafka maps append errors.
   * The coordinator epoch must still be the one the caller saw: a partition that moved meanwhile
   * answers NOT_COORDINATOR.
   */
  async write(transactionalId: string, coordinatorEpoch: number, transit: TxnTransit | null): Promise<number> {
    const partition = this.partitionFor(transactionalId);
    const record = { key: encodeTransactionLogKey(transactionalId), value: transit ? encodeTransactionLogValue(logValueOf(transit), TRANSACTION_LOG_VALUE_VERSION) : null };
    let appended;
    try {
      if (this.loaded.get(partition)?.coordinatorEpoch !== coordinatorEpoch) return ErrorCode.NOT_COORDINATOR;
      appended = this.engine.logs.transaction(() => this.engine.replicaManager.appendCoordinatorRecords(TRANSACTION_STATE_TOPIC, partition, (baseOffset) =>
        buildBatch([{ key: record.key, value: record.value, timestamp: Date.now() }], { baseOffset })));
    } catch (e: any) {
      return appendErrorToCoordinatorError(e?.errorCode ?? KafkaError.wrap(e).code);
    }
    const wait = this.engine.replicaManager.waitForOffset(appended.partition, appended.nextOffset, this.engine.configs.brokerInt('request.timeout.ms'));
    const code = wait ? await wait : ErrorCode.NONE;
    if (code !== ErrorCode.NONE) return appendErrorToCoordinatorError(code);
    // The partition may have moved while the ISR caught up.
    if (this.loaded.get(partition)?.coordinatorEpoch !== coordinatorEpoch) return ErrorCode.NOT_COORDINATOR;
    return ErrorCode.NONE;
  }

  close(): void {
    this.loaded.clear();
  }
}

/** Kafka's TransactionStateManager maps these append errors for the client. */
function appendErrorToCoordinatorError(code: number): number {
  switch (code) {
    case ErrorCode.NONE: return ErrorCode.NONE;
    case ErrorCode.UNKNOWN_TOPIC_OR_PARTITION:
    case ErrorCode.NOT_ENOUGH_REPLICAS:
    case ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND:
    case ErrorCode.REQUEST_TIMED_OUT:
      return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    case ErrorCode.NOT_LEADER_OR_FOLLOWER:
    case ErrorCode.KAFKA_STORAGE_ERROR:
      return ErrorCode.NOT_COORDINATOR;
    case ErrorCode.MESSAGE_TOO_LARGE:
    case ErrorCode.RECORD_LIST_TOO_LARGE:
    default:
      return ErrorCode.UNKNOWN_SERVER_ERROR;
  }
}
