// The transactional producer's side of the protocol, as Java's TransactionManager: the
// transaction coordinator (FindCoordinator key type 1), InitProducerId with the transactional id,
// AddPartitionsToTxn before a partition's first batch of a transaction, AddOffsetsToTxn and
// TxnOffsetCommit (to the group's coordinator) for sendOffsetsToTransaction, EndTxn to commit or
// abort. Coordinator moves (NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE), loading
// (COORDINATOR_LOAD_IN_PROGRESS) and CONCURRENT_TRANSACTIONS (the previous transaction's markers
// still being written) are retried; PRODUCER_FENCED, INVALID_PRODUCER_EPOCH,
// TRANSACTIONAL_ID_AUTHORIZATION_FAILED and the like make the producer fail for good; any other
// error leaves the transaction to be aborted. Transactions v2 (KIP-890 part 2) when the
// coordinator finalizes transaction.version >= 2, as Java's 4.x producer: no AddPartitionsToTxn
// (the leaders add partitions on the first Produce v12 batch) nor AddOffsetsToTxn (TxnOffsetCommit
// v5 adds the group), and EndTxn v5 answers the bumped epoch (or new producer id) to go on with.
// Transactions v1 otherwise (older brokers): the producer adds its partitions, with Produce <= 11,
// TxnOffsetCommit <= 4 and EndTxn <= 4.
import type { BrokerConnection } from '../connection';
import { ApiKey } from '../../protocol/apis';
import { ErrorCode, KafkaError } from '../../protocol/errors';

export type TxnState = 'UNINITIALIZED' | 'READY' | 'IN_TRANSACTION' | 'COMMITTING' | 'ABORTING' | 'ABORTABLE_ERROR' | 'FATAL_ERROR';

export interface TxnHooks {
  /** A connection to any broker. */
  anyConnection(deadline: number): Promise<BrokerConnection>;
  /** A connection to a broker by id and address. */
  connectionTo(nodeId: number, host: string, port: number, deadline: number): Promise<BrokerConnection>;
  log(level: 'WARN' | 'ERROR' | 'INFO', message: string): void;
}

export interface TxnOffset {
  topic: string;
  partition: number;
  offset: number;
  leaderEpoch?: number;
  metadata?: string | null;
}

const FATAL = new Set<number>([
  ErrorCode.PRODUCER_FENCED, ErrorCode.INVALID_PRODUCER_EPOCH, ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
  ErrorCode.CLUSTER_AUTHORIZATION_FAILED, ErrorCode.UNSUPPORTED_VERSION, ErrorCode.INVALID_TRANSACTION_TIMEOUT,
]);
const COORDINATOR_MOVED = new Set<number>([ErrorCode.NOT_COORDINATOR, ErrorCode.COORDINATOR_NOT_AVAILABLE]);
const RETRY = new Set<number>([ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, ErrorCode.CONCURRENT_TRANSACTIONS, ...COORDINATOR_MOVED]);

/** The last versions of transactions v1; the next ones mean transactions v2 to the broker. */
const V1_MAX = { produce: 11, txnOffsetCommit: 4, endTxn: 4 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const key = (topic: string, partition: number) => `${topic}:${partition}`;

/** A transactional call in the wrong state (Java's IllegalStateException / KafkaException). */
export class TransactionStateError extends Error {}

export class TransactionManager {
  state: TxnState = 'UNINITIALIZED';
  producerId = -1;
  producerEpoch = -1;
  private coordinator: { nodeId: number; conn: BrokerConnection } | null = null;
  private readonly added = new Set<string>();
  private readonly pending = new Map<string, { topic: string; partition: number }>();
  private adding: Promise<void> | null = null;
  private offsetsAdded = false;
  private lastError: Error | null = null;
  /** Transactions v2 (decided at initTransactions and beginTransaction from the coordinator's features). */
  private v2 = false;

  constructor(
    readonly transactionalId: string,
    private readonly timeoutMs: number,
    private readonly maxBlockMs: number,
    private readonly retryBackoffMs: number,
    private readonly hooks: TxnHooks,
  ) {}

  private async coordinatorConn(deadline: number, keyType: 0 | 1 = 1, key_ = this.transactionalId): Promise<{ nodeId: number; conn: BrokerConnection }> {
    if (keyType === 1 && this.coordinator && !this.coordinator.conn.isClosed()) return this.coordinator;
    for (;;) {
      const conn = await this.hooks.anyConnection(deadline);
      const body: any = await conn.send(ApiKey.FindCoordinator, { key: key_, keyType });
      if (body.errorCode === ErrorCode.NONE) {
        const found = { nodeId: body.nodeId, conn: await this.hooks.connectionTo(body.nodeId, body.host, body.port, deadline) };
        if (keyType === 1) this.coordinator = found;
        return found;
      }
      if (!RETRY.has(body.errorCode)) throw KafkaError.from(body.errorCode, body.errorMessage ?? null);
      if (Date.now() + this.retryBackoffMs >= deadline) throw this.timeout('FindCoordinator');
      await sleep(this.retryBackoffMs);
    }
  }

  private timeout(what: string): KafkaError {
    return KafkaError.from(ErrorCode.REQUEST_TIMED_OUT, `Timeout expired after ${this.maxBlockMs}ms while awaiting ${what}`);
  }

  /** The Produce version cap of this producer (transactions v1 must not send v12). */
  get produceVersionCap(): number | undefined {
    return this.v2 ? undefined : V1_MAX.produce;
  }

  /** Java's TransactionManager: transactions v2 when the broker finalizes transaction.version >= 2. */
  private async decideVersion(): Promise<void> {
    const c = await this.coordinatorConn(Date.now() + this.maxBlockMs);
    this.v2 = c.conn.finalizedFeature('transaction.version') >= 2 && (c.conn.versionFor(ApiKey.EndTxn) ?? 0) >= 5;
  }

  /** A request to the transaction coordinator, retried on coordinator moves and concurrent transactions; the answer's error code (or 0). */
  private async toCoordinator(apiKey: number, body: unknown, what: string, codeOf: (resp: any) => number, cap?: number): Promise<any> {
    const deadline = Date.now() + this.maxBlockMs;
    for (;;) {
      const c = await this.coordinatorConn(deadline);
      let resp: any;
      try {
        resp = await c.conn.send(apiKey, body, cap);
      } catch (e) {
        if (e instanceof KafkaError) throw e;
        this.coordinator = null; // the connection dropped: find the coordinator again
        if (Date.now() + this.retryBackoffMs >= deadline) throw this.timeout(what);
        await sleep(this.retryBackoffMs);
        continue;
      }
      const code = codeOf(resp);
      if (code === ErrorCode.NONE) return resp;
      if (COORDINATOR_MOVED.has(code)) this.coordinator = null;
      if (!RETRY.has(code)) {
        const err = KafkaError.from(code, resp.errorMessage ?? null);
        this.fail(err);
        throw err;
      }
      if (Date.now() + this.retryBackoffMs >= deadline) throw this.timeout(what);
      // Java retries CONCURRENT_TRANSACTIONS after a short backoff: the markers take a moment.
      await sleep(code === ErrorCode.CONCURRENT_TRANSACTIONS ? Math.min(20, this.retryBackoffMs) : this.retryBackoffMs);
    }
  }

  private fail(err: KafkaError): void {
    this.lastError = err;
    this.state = FATAL.has(err.code) ? 'FATAL_ERROR' : 'ABORTABLE_ERROR';
  }

  private require(...states: TxnState[]): void {
    if (this.state === 'FATAL_ERROR') throw new TransactionStateError(`Cannot execute transactional method because we are in an error state: ${this.lastError?.message ?? ''}`);
    if (!states.includes(this.state)) throw new TransactionStateError(`Invalid transition attempted from state ${this.state} to the requested state`);
  }

  async initTransactions(): Promise<void> {
    this.require('UNINITIALIZED');
    await this.decideVersion();
    const resp = await this.toCoordinator(ApiKey.InitProducerId, {
      transactionalId: this.transactionalId, transactionTimeoutMs: this.timeoutMs, producerId: -1, producerEpoch: -1,
    }, 'InitProducerId', (r) => r.errorCode);
    this.producerId = Number(resp.producerId);
    this.producerEpoch = resp.producerEpoch;
    this.state = 'READY';
  }

  beginTransaction(): void {
    this.require('READY');
    // As Java, the version is looked at again (the cluster may have been upgraded meanwhile).
    const c = this.coordinator;
    if (c && !c.conn.isClosed()) this.v2 = c.conn.finalizedFeature('transaction.version') >= 2 && (c.conn.versionFor(ApiKey.EndTxn) ?? 0) >= 5;
    this.state = 'IN_TRANSACTION';
  }

  /** True once the partition is part of the open transaction; otherwise asks for it and calls `then` when added (or failed). */
  ensurePartition(topic: string, partition: number, then: () => void): boolean {
    const k = key(topic, partition);
    if (this.added.has(k)) return true;
    if (this.state !== 'IN_TRANSACTION') return false;
    if (this.v2) {
      // The partition's leader adds it when the first batch arrives.
      this.added.add(k);
      return true;
    }
    this.pending.set(k, { topic, partition });
    if (this.adding === null) {
      this.adding = this.addPending().catch((e: unknown) => {
        if (e instanceof KafkaError && this.state === 'IN_TRANSACTION') this.fail(e);
        this.hooks.log('ERROR', `[TransactionalId ${this.transactionalId}] Could not add partitions to the transaction: ${(e as Error).message}`);
      }).finally(() => {
        this.adding = null;
        then();
      });
    }
    return false;
  }

  /** The error that ended the transaction (sends then fail with it), or null. */
  get error(): Error | null {
    return this.state === 'ABORTABLE_ERROR' || this.state === 'FATAL_ERROR' ? this.lastError : null;
  }

  private async addPending(): Promise<void> {
    while (this.pending.size > 0) {
      const batch = [...this.pending.values()];
      this.pending.clear();
      const byTopic = new Map<string, number[]>();
      for (const p of batch) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p.partition]);
      await this.toCoordinator(ApiKey.AddPartitionsToTxn, {
        v3AndBelowTransactionalId: this.transactionalId, v3AndBelowProducerId: this.producerId, v3AndBelowProducerEpoch: this.producerEpoch,
        v3AndBelowTopics: [...byTopic].map(([name, partitions]) => ({ name, partitions })),
      }, 'AddPartitionsToTxn', (r) => {
        // One error per partition; partitions not in error answer OPERATION_NOT_ATTEMPTED when another failed.
        let code = 0;
        for (const t of r.resultsByTopicV3AndBelow ?? []) {
          for (const p of t.resultsByPartition) if (p.partitionErrorCode !== 0 && p.partitionErrorCode !== ErrorCode.OPERATION_NOT_ATTEMPTED) code = p.partitionErrorCode;
        }
        return code;
      });
      for (const p of batch) this.added.add(key(p.topic, p.partition));
    }
  }

  async sendOffsetsToTransaction(offsets: readonly TxnOffset[], groupId: string): Promise<void> {
    this.require('IN_TRANSACTION');
    if (!this.offsetsAdded && !this.v2) {
      await this.toCoordinator(ApiKey.AddOffsetsToTxn, {
        transactionalId: this.transactionalId, producerId: this.producerId, producerEpoch: this.producerEpoch, groupId,
      }, 'AddOffsetsToTxn', (r) => r.errorCode);
      this.offsetsAdded = true;
    }
    this.offsetsAdded = true;
    const deadline = Date.now() + this.maxBlockMs;
    const byTopic = new Map<string, TxnOffset[]>();
    for (const o of offsets) byTopic.set(o.topic, [...(byTopic.get(o.topic) ?? []), o]);
    for (;;) {
      const group = await this.coordinatorConn(deadline, 0, groupId);
      const resp: any = await group.conn.send(ApiKey.TxnOffsetCommit, {
        transactionalId: this.transactionalId, groupId, producerId: this.producerId, producerEpoch: this.producerEpoch,
        generationIdOrMemberEpoch: -1, memberId: '', groupInstanceId: null,
        topics: [...byTopic].map(([name, os]) => ({
          name, partitions: os.map((o) => ({ partitionIndex: o.partition, committedOffset: o.offset, committedLeaderEpoch: o.leaderEpoch ?? -1, committedMetadata: o.metadata ?? '' })),
        })),
      }, this.v2 ? undefined : V1_MAX.txnOffsetCommit);
      let code = 0;
      for (const t of resp.topics) for (const p of t.partitions) if (p.errorCode !== 0) code = p.errorCode;
      if (code === 0) return;
      if (!RETRY.has(code) && code !== ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) {
        const err = KafkaError.from(code);
        this.fail(err);
        throw err;
      }
      if (Date.now() + this.retryBackoffMs >= deadline) throw this.timeout('TxnOffsetCommit');
      await sleep(this.retryBackoffMs);
    }
  }

  /** EndTxn once the records are flushed (the caller flushes first). */
  async endTransaction(commit: boolean): Promise<void> {
    if (commit) this.require('IN_TRANSACTION');
    else this.require('IN_TRANSACTION', 'ABORTABLE_ERROR');
    if (commit && this.lastError && this.state !== 'IN_TRANSACTION') throw this.lastError;
    this.state = commit ? 'COMMITTING' : 'ABORTING';
    // A transaction that added nothing is unknown to the coordinator: nothing to end.
    if (this.added.size > 0 || this.offsetsAdded) {
      try {
        const resp = await this.toCoordinator(ApiKey.EndTxn, {
          transactionalId: this.transactionalId, producerId: this.producerId, producerEpoch: this.producerEpoch, committed: commit,
        }, 'EndTxn', (r) => r.errorCode, this.v2 ? undefined : V1_MAX.endTxn);
        // v5: the epoch the end bumped to, or a new producer id once the epoch was exhausted.
        if (this.v2 && Number(resp.producerId) >= 0 && resp.producerEpoch >= 0) {
          this.producerId = Number(resp.producerId);
          this.producerEpoch = resp.producerEpoch;
        }
      } catch (e) {
        if (this.state === 'COMMITTING' || this.state === 'ABORTING') this.state = 'ABORTABLE_ERROR';
        throw e;
      }
    }
    this.added.clear();
    this.pending.clear();
    this.offsetsAdded = false;
    this.lastError = null;
    this.state = 'READY';
  }

  /** A send failed inside the transaction: it can only be aborted now. */
  recordFailed(err: Error): void {
    if (this.state === 'IN_TRANSACTION') {
      this.lastError = err;
      this.state = 'ABORTABLE_ERROR';
    }
  }
}
