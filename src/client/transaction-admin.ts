// Admin calls about transactions, shaped like the Java Admin's: listTransactions (ListTransactions
// to every broker: each coordinates the ids of its __transaction_state partitions),
// describeTransactions (DescribeTransactions to each id's coordinator, found with FindCoordinator
// key type 1), describeProducers (DescribeProducers to each partition's leader, or to one named
// broker), abortTransaction (WriteTxnMarkers with an ABORT marker to the partition's leader, as
// Admin.abortTransaction) and forceTerminateTransaction (InitProducerId for the id at its
// coordinator, which fences the producer and aborts its open transaction).
import type { Admin } from './admin';
import type { LogFn } from './cluster';
import { findTransactionCoordinator } from './coordinator';
import { groupByLeader, groupByTopic, tpKey, type PartitionRef } from './partition-leaders';
import { ApiKey } from '../protocol/apis';
import { errorInfo, ErrorCode, KafkaError, TimeoutError } from '../protocol/errors';
import type {
  DescribeProducersResponse, DescribeTransactionsResponse, ListTransactionsResponse, WriteTxnMarkersResponse,
} from '../protocol/messages';

export interface TransactionListing {
  transactionalId: string;
  producerId: number;
  /** As the broker names it (Ongoing, CompleteCommit, ...). */
  state: string;
}

export interface TransactionDescription {
  coordinatorId: number;
  state: string;
  producerId: number;
  producerEpoch: number;
  transactionTimeoutMs: number;
  /** -1 when no transaction is open. */
  transactionStartTimeMs: number;
  /** In the coordinator's order. */
  topicPartitions: PartitionRef[];
}

export interface ProducerState {
  producerId: number;
  producerEpoch: number;
  lastSequence: number;
  lastTimestamp: number;
  /** -1 when unknown (Java: an empty OptionalInt). */
  coordinatorEpoch: number;
  /** -1 when no transaction is open (Java: an empty OptionalLong). */
  currentTransactionStartOffset: number;
}

export interface AbortTransactionSpec extends PartitionRef {
  producerId: number;
  producerEpoch: number;
  coordinatorEpoch: number;
}

export interface ListTransactionsOptions {
  stateFilters?: string[];
  producerIdFilters?: number[];
  /** Only transactions running longer than this (ms); -1: all. */
  durationFilter?: number;
  transactionalIdPattern?: string | null;
}

const RETRY_BACKOFF_MS = 100;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class TransactionAdmin {
  constructor(private readonly admin: Admin, private readonly apiTimeoutMs = 60000, private readonly log?: LogFn, private readonly logPrefix = '') {}

  private deadline(): number {
    return Date.now() + this.apiTimeoutMs;
  }

  /**
   * ListTransactions to every broker, by broker id (ascending, as Java's HashMap of small ints).
   * A broker without a loaded coordinator answers COORDINATOR_NOT_AVAILABLE and lists nothing; one
   * still loading is asked again.
   */
  async listTransactions(opts: ListTransactionsOptions = {}): Promise<Map<number, TransactionListing[]>> {
    const deadline = this.deadline();
    await this.admin.cluster.metadata([], deadline, 'listTransactions');
    const ids = [...this.admin.cluster.brokers.keys()].sort((a, b) => a - b);
    const out = new Map<number, TransactionListing[]>();
    const results = await Promise.all(ids.map(async (id) => {
      for (;;) {
        const conn = await this.admin.cluster.connectionTo(id);
        if (!conn.supports(ApiKey.ListTransactions)) throw KafkaError.from(ErrorCode.UNSUPPORTED_VERSION, 'The node does not support LIST_TRANSACTIONS');
        const resp = await conn.send<ListTransactionsResponse>(ApiKey.ListTransactions, {
          stateFilters: opts.stateFilters ?? [],
          producerIdFilters: opts.producerIdFilters ?? [],
          durationFilter: opts.durationFilter ?? -1,
          transactionalIdPattern: opts.transactionalIdPattern ?? null,
        });
        if (resp.errorCode === ErrorCode.COORDINATOR_LOAD_IN_PROGRESS && Date.now() + RETRY_BACKOFF_MS < deadline) {
          await pause(RETRY_BACKOFF_MS);
          continue;
        }
        if (resp.errorCode === ErrorCode.COORDINATOR_NOT_AVAILABLE) return [id, []] as const;
        if (resp.errorCode !== ErrorCode.NONE) {
          // ListTransactionsHandler: an unexpected error is logged with its name, and the call
          // fails with a KafkaException saying which broker.
          this.log?.('ERROR', `${this.logPrefix}The \`ListTransactions\` request sent to broker ${id} failed because of an unexpected error ${errorInfo(resp.errorCode).name}`,
            'org.apache.kafka.clients.admin.internals.ListTransactionsHandler');
          throw new KafkaError(ErrorCode.UNKNOWN_SERVER_ERROR, `ListTransactions request sent to broker ${id} failed with an unexpected exception`);
        }
        return [id, resp.transactionStates.map((t) => ({ transactionalId: t.transactionalId, producerId: Number(t.producerId), state: t.transactionState }))] as const;
      }
    }));
    for (const [id, listings] of results) out.set(id, [...listings]);
    return out;
  }

  /** DescribeTransactions of each id at its coordinator; per id its description or its error. */
  async describeTransactions(transactionalIds: readonly string[]): Promise<Map<string, TransactionDescription | KafkaError>> {
    const deadline = this.deadline();
    const out = new Map<string, TransactionDescription | KafkaError>();
    await Promise.all(transactionalIds.map(async (id) => {
      try {
        out.set(id, await this.describeOne(id, deadline));
      } catch (e) {
        out.set(id, e instanceof KafkaError ? e : KafkaError.from(ErrorCode.UNKNOWN_SERVER_ERROR, (e as Error).message));
      }
    }));
    return out;
  }

  private async describeOne(id: string, deadline: number): Promise<TransactionDescription> {
    for (;;) {
      const coordinator = await findTransactionCoordinator(this.admin.cluster, id, deadline, 'describeTransactions');
      const resp = await coordinator.conn.send<DescribeTransactionsResponse>(ApiKey.DescribeTransactions, { transactionalIds: [id] });
      const s = resp.transactionStates.find((t) => t.transactionalId === id);
      if (!s) throw new KafkaError(ErrorCode.UNKNOWN_SERVER_ERROR, `The response did not describe transactionalId \`${id}\``);
      const retry = s.errorCode === ErrorCode.COORDINATOR_LOAD_IN_PROGRESS || s.errorCode === ErrorCode.NOT_COORDINATOR || s.errorCode === ErrorCode.COORDINATOR_NOT_AVAILABLE;
      if (retry) {
        if (Date.now() + RETRY_BACKOFF_MS >= deadline) throw new TimeoutError('Timed out waiting for a node assignment. Call: describeTransactions');
        await pause(RETRY_BACKOFF_MS);
        continue;
      }
      if (s.errorCode === ErrorCode.TRANSACTIONAL_ID_NOT_FOUND) {
        throw KafkaError.from(s.errorCode, `DescribeTransactions request for transactionalId \`${id}\` failed because the ID could not be found`);
      }
      if (s.errorCode !== ErrorCode.NONE) throw KafkaError.from(s.errorCode);
      return {
        coordinatorId: coordinator.nodeId,
        state: s.transactionState,
        producerId: Number(s.producerId),
        producerEpoch: s.producerEpoch,
        transactionTimeoutMs: s.transactionTimeoutMs,
        transactionStartTimeMs: Number(s.transactionStartTimeMs),
        topicPartitions: s.topics.flatMap((t) => t.partitions.map((partition) => ({ topic: t.topic, partition }))),
      };
    }
  }

  /**
   * DescribeProducers of partitions, at their leaders (or at `brokerId`); per tpKey the active
   * producers or the partition's error. Leaders are looked up until the deadline, as Java's
   * PartitionLeaderStrategy retries an unknown topic.
   */
  async describeProducers(partitions: readonly PartitionRef[], brokerId?: number): Promise<Map<string, ProducerState[] | KafkaError>> {
    const deadline = this.deadline();
    const out = new Map<string, ProducerState[] | KafkaError>();
    let pending = [...partitions];
    while (pending.length > 0) {
      let byNode: Map<number, PartitionRef[]>;
      if (brokerId !== undefined) {
        await this.admin.cluster.metadata([], deadline, 'describeProducers');
        byNode = new Map([[brokerId, pending]]);
      } else {
        const leaders = await this.admin.cluster.topicPartitions([...new Set(pending.map((p) => p.topic))], deadline, 'describeProducers(api=METADATA)');
        const grouped = groupByLeader(pending, leaders);
        byNode = grouped.byLeader;
        pending = grouped.leaderless;
      }
      await Promise.all([...byNode].map(async ([node, items]) => {
        if (!this.admin.cluster.brokers.has(node)) {
          for (const p of items) out.set(tpKey(p.topic, p.partition), new TimeoutError('Timed out waiting for a node assignment. Call: describeProducers'));
          return;
        }
        const conn = await this.admin.cluster.connectionTo(node);
        const resp = await conn.send<DescribeProducersResponse>(ApiKey.DescribeProducers, {
          topics: [...groupByTopic(items)].map(([name, ps]) => ({ name, partitionIndexes: ps.map((p) => p.partition) })),
        });
        for (const t of resp.topics) {
          for (const p of t.partitions) {
            const key = tpKey(t.name, p.partitionIndex);
            if (p.errorCode !== ErrorCode.NONE) {
              out.set(key, KafkaError.from(p.errorCode, p.errorMessage));
              continue;
            }
            out.set(key, p.activeProducers.map((s) => ({
              producerId: Number(s.producerId),
              producerEpoch: s.producerEpoch,
              lastSequence: s.lastSequence,
              lastTimestamp: Number(s.lastTimestamp),
              coordinatorEpoch: s.coordinatorEpoch,
              currentTransactionStartOffset: Number(s.currentTxnStartOffset),
            })));
          }
        }
      }));
      if (brokerId !== undefined) break;
      if (pending.length > 0) {
        if (Date.now() + RETRY_BACKOFF_MS >= deadline) {
          for (const p of pending) out.set(tpKey(p.topic, p.partition), new TimeoutError('Timed out waiting for a node assignment. Call: describeProducers(api=METADATA)'));
          break;
        }
        await pause(RETRY_BACKOFF_MS);
      }
    }
    return out;
  }

  /** Admin.abortTransaction: an ABORT marker for the producer, written by the partition's leader. */
  async abortTransaction(spec: AbortTransactionSpec): Promise<void> {
    const deadline = this.deadline();
    for (;;) {
      const leaders = await this.admin.cluster.topicPartitions([spec.topic], deadline, 'abortTransaction(api=METADATA)');
      const { byLeader } = groupByLeader([spec], leaders);
      const leader = [...byLeader.keys()][0];
      if (leader === undefined) {
        if (Date.now() + RETRY_BACKOFF_MS >= deadline) throw new TimeoutError('Timed out waiting for a node assignment. Call: abortTransaction(api=METADATA)');
        await pause(RETRY_BACKOFF_MS);
        continue;
      }
      const conn = await this.admin.cluster.connectionTo(leader);
      const resp = await conn.send<WriteTxnMarkersResponse>(ApiKey.WriteTxnMarkers, {
        markers: [{
          producerId: spec.producerId, producerEpoch: spec.producerEpoch, transactionResult: false,
          topics: [{ name: spec.topic, partitionIndexes: [spec.partition] }], coordinatorEpoch: spec.coordinatorEpoch, transactionVersion: 0,
        }],
      });
      const code = resp.markers[0]?.topics.find((t) => t.name === spec.topic)?.partitions.find((p) => p.partitionIndex === spec.partition)?.errorCode;
      if (code === undefined) throw new KafkaError(ErrorCode.UNKNOWN_SERVER_ERROR, `The response did not answer for partition ${spec.topic}-${spec.partition}`);
      if ((code === ErrorCode.NOT_LEADER_OR_FOLLOWER || code === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) && Date.now() + RETRY_BACKOFF_MS < deadline) {
        await pause(RETRY_BACKOFF_MS);
        continue;
      }
      if (code !== ErrorCode.NONE) throw KafkaError.from(code);
      return;
    }
  }

  /** Admin.forceTerminateTransaction: InitProducerId for the id (no producer of its own), fencing its producer. */
  async forceTerminateTransaction(transactionalId: string): Promise<void> {
    const deadline = this.deadline();
    for (;;) {
      const coordinator = await findTransactionCoordinator(this.admin.cluster, transactionalId, deadline, 'forceTerminateTransaction');
      const resp: any = await coordinator.conn.send(ApiKey.InitProducerId, {
        transactionalId, transactionTimeoutMs: 30000, producerId: -1, producerEpoch: -1,
      });
      const retry = resp.errorCode === ErrorCode.COORDINATOR_LOAD_IN_PROGRESS || resp.errorCode === ErrorCode.NOT_COORDINATOR
        || resp.errorCode === ErrorCode.COORDINATOR_NOT_AVAILABLE || resp.errorCode === ErrorCode.CONCURRENT_TRANSACTIONS;
      if (retry && Date.now() + RETRY_BACKOFF_MS < deadline) {
        await pause(RETRY_BACKOFF_MS);
        continue;
      }
      if (resp.errorCode !== ErrorCode.NONE) throw KafkaError.from(resp.errorCode, resp.errorMessage ?? undefined);
      return;
    }
  }
}
