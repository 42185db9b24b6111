// The transaction coordinator (Kafka's TransactionCoordinator). Transactions v1: the client adds
// partitions with AddPartitionsToTxn and the epoch stays. Transactions v2 (KIP-890 part 2,
// EndTxn v5): the partition leaders add partitions (AddPartitionsToTxn v5), and every end bumps
// the producer epoch (a new producer id when it is exhausted), which the markers carry. It hands out producer ids and epochs per transactional id,
// tracks the partitions of the ongoing transaction, and ends it in two phases: PrepareCommit /
// PrepareAbort is written to __transaction_state and the client answered, then the markers go to
// every partition (transaction-marker-channel.ts) and CompleteCommit / CompleteAbort is written.
// A transaction that outlives its timeout is aborted here, with the producer's epoch bumped so the
// stuck producer is fenced; a transactional id unused for transactional.id.expiration.ms is
// forgotten. The state survives restarts and failovers in the log (transaction-state-manager.ts).
import type { Engine } from '../../engine';
import { ErrorCode } from '../../../protocol/errors';
import { OFFSETS_TOPIC } from '../offsets-records';
import { TransactionStatus, TransactionStatusId, transactionStatusId } from '../../../protocol/internal/transaction-log';
import { CoordinatorTimers } from '../timers';
import { engineLog } from '../../server-log';
import {
  MAX_PRODUCER_EPOCH, NO_PRODUCER_EPOCH, NO_PRODUCER_ID, TransactionMetadata, TxnTransit, partitionKey, partitionsByTopic,
} from './transaction-metadata';
import { TransactionStateManager } from './transaction-state-manager';
import { TransactionMarkerChannel } from './transaction-marker-channel';

const LOGGER = 'org.apache.kafka.coordinator.transaction.TransactionCoordinator';
const ABORT_KEY = 'abort-timed-out-transactions';
const EXPIRE_KEY = 'remove-expired-transactional-ids';

export interface InitProducerIdResult {
  errorCode: number;
  producerId: number;
  producerEpoch: number;
}

export interface EndTxnResult {
  errorCode: number;
  /** Transactions v2: the producer id and epoch the producer continues with (-1 otherwise). */
  producerId: number;
  producerEpoch: number;
}

export interface TopicPartitions {
  name: string;
  partitions: number[];
}

export interface DescribedTransaction {
  errorCode: number;
  transactionalId: string;
  transactionState: string;
  transactionTimeoutMs: number;
  transactionStartTimeMs: number;
  producerId: number;
  producerEpoch: number;
  topics: { topic: string; partitions: number[] }[];
}

export interface ListTransactionsFilter {
  stateFilters: string[];
  producerIdFilters: number[];
  durationFilter: number;
  transactionalIdPattern: string | null;
}

/** An InitProducerId or EndTxn answer carrying an error and no producer. */
const fail = (errorCode: number): InitProducerIdResult & EndTxnResult => ({ errorCode, producerId: NO_PRODUCER_ID, producerEpoch: NO_PRODUCER_EPOCH });

export class TransactionCoordinator {
  readonly state: TransactionStateManager;
  readonly markers: TransactionMarkerChannel;
  private readonly timers = new CoordinatorTimers();
  /**
   * Transactions whose markers are being written (a second EndTxn retry or load must not start
   * another job; a reload after losing and regaining the partition has new objects, so it does).
   */
  private readonly completing = new Set<TransactionMetadata>();

  constructor(private readonly engine: Engine) {
    this.state = new TransactionStateManager(engine);
    this.markers = new TransactionMarkerChannel(engine);
    this.state.onLoaded = (_p, loaded) => {
      // Transactions whose end was decided but whose markers may not all be written: finish them.
      for (const md of loaded.transactions.values()) {
        if (md.state === TransactionStatus.PrepareCommit || md.state === TransactionStatus.PrepareAbort) {
          this.completeTransaction(md, loaded.coordinatorEpoch);
        }
      }
    };
  }

  private config(name: string): number {
    return this.engine.configs.brokerInt(name);
  }

  start(): void {
    this.state.loadLedPartitions();
    this.scheduleAbortTimedOut();
    this.scheduleExpiration();
  }

  close(): void {
    this.timers.clear();
    this.markers.close();
    this.state.close();
  }

  // -------------------------------------------------------------------------------------------
  // FindCoordinator

  /** The coordinator of a transactional id is the leader of its __transaction_state partition. */
  findCoordinator(transactionalId: string): { errorCode: number; nodeId: number; host: string; port: number } {
    const none = { nodeId: -1, host: '', port: -1 };
    const topic = this.state.ensureTopic();
    if (!topic) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, ...none };
    const p = topic.partitions[this.state.partitionFor(transactionalId)];
    const leader = this.engine.metadata.partitionView(p).leader;
    const broker = this.engine.metadata.brokers().find((b) => b.nodeId === leader);
    if (!broker) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, ...none };
    return { errorCode: ErrorCode.NONE, nodeId: broker.nodeId, host: broker.host, port: broker.port };
  }

  // -------------------------------------------------------------------------------------------
  // InitProducerId

  /**
   * Kafka's handleInitProducerId for a transactional id: a new id gets a producer id; a known one
   * gets its epoch bumped (fencing older instances), after its ongoing transaction is aborted
   * (CONCURRENT_TRANSACTIONS meanwhile: the client retries). `expected` is v3+'s producer id and
   * epoch, from a producer that wants to keep its id after an abortable error.
   */
  async initProducerId(transactionalId: string, txnTimeoutMs: number, expected: { producerId: number; producerEpoch: number }): Promise<InitProducerIdResult> {
    if (transactionalId === '') return fail(ErrorCode.INVALID_REQUEST);
    if (txnTimeoutMs <= 0 || txnTimeoutMs > this.config('transaction.max.timeout.ms')) return fail(ErrorCode.INVALID_TRANSACTION_TIMEOUT);
    const coordinatorError = this.state.coordinatorError(transactionalId);
    if (coordinatorError !== ErrorCode.NONE) return fail(coordinatorError);
    const coordinatorEpoch = this.state.coordinatorEpochOf(transactionalId);
    let md = this.state.get(transactionalId);
    if (!md) {
      let producerId: number;
      try {
        producerId = await this.engine.allocateProducerId();
      } catch (e: any) {
        return fail(e?.code ?? ErrorCode.COORDINATOR_NOT_AVAILABLE);
      }
      if (this.state.coordinatorEpochOf(transactionalId) !== coordinatorEpoch) return fail(ErrorCode.NOT_COORDINATOR);
      // Another InitProducerId may have created it while the id block was on its way.
      md = this.state.get(transactionalId);
      if (!md) {
        md = new TransactionMetadata(transactionalId, producerId, NO_PRODUCER_EPOCH, txnTimeoutMs, TransactionStatus.Empty, Date.now());
        this.state.put(md);
      }
    }
    if (md.pendingState !== null) return fail(ErrorCode.CONCURRENT_TRANSACTIONS);
    const hasExpected = expected.producerId !== NO_PRODUCER_ID;
    if (hasExpected && !this.isValidProducerIdAndEpoch(md, expected)) return fail(ErrorCode.PRODUCER_FENCED);
    const now = Date.now();
    switch (md.state) {
      case TransactionStatus.PrepareCommit:
      case TransactionStatus.PrepareAbort:
        return fail(ErrorCode.CONCURRENT_TRANSACTIONS);
      case TransactionStatus.Ongoing: {
        // Fence the current producer (bumped epoch) and abort its transaction; the client retries.
        if (!md.isProducerEpochExhausted()) {
          md.lastProducerEpoch = md.producerEpoch;
          md.producerEpoch += 1;
        }
        md.pendingState = TransactionStatus.PrepareEpochFence;
        const code = await this.endTransaction(md, false, false, coordinatorEpoch);
        return fail(code === ErrorCode.NONE ? ErrorCode.CONCURRENT_TRANSACTIONS : code);
      }
      case TransactionStatus.Empty:
      case TransactionStatus.CompleteCommit:
      case TransactionStatus.CompleteAbort: {
        const t = md.transit();
        // A retry of the InitProducerId that made the current epoch (the producer lost the answer).
        const isRetry = hasExpected && expected.producerId === md.producerId && expected.producerEpoch === md.lastProducerEpoch && md.lastProducerEpoch !== NO_PRODUCER_EPOCH;
        if (isRetry) return { errorCode: ErrorCode.NONE, producerId: md.producerId, producerEpoch: md.producerEpoch };
        if (md.isProducerEpochExhausted() || (md.producerEpoch === NO_PRODUCER_EPOCH && md.producerId === NO_PRODUCER_ID)) {
          let producerId: number;
          try {
            producerId = await this.engine.allocateProducerId();
          } catch (e: any) {
            return fail(e?.code ?? ErrorCode.COORDINATOR_NOT_AVAILABLE);
          }
          if (md.pendingState !== null) return fail(ErrorCode.CONCURRENT_TRANSACTIONS);
          t.lastProducerId = md.producerId;
          t.producerId = producerId;
          t.producerEpoch = 0;
          t.lastProducerEpoch = NO_PRODUCER_EPOCH;
        } else {
          t.lastProducerEpoch = md.producerEpoch;
          t.producerEpoch = md.producerEpoch + 1;
        }
        t.txnTimeoutMs = txnTimeoutMs;
        t.state = TransactionStatus.Empty;
        t.partitions = new Set();
        t.txnStartTimestamp = -1;
        t.txnLastUpdateTimestamp = now;
        const code = await this.transition(md, t, coordinatorEpoch);
        if (code !== ErrorCode.NONE) return fail(code);
        engineLog('INFO', `Initialized transactionalId ${transactionalId} with producerId ${md.producerId} and producer epoch ${md.producerEpoch} on partition ${this.state.partitionFor(transactionalId)}`, LOGGER);
        return { errorCode: ErrorCode.NONE, producerId: md.producerId, producerEpoch: md.producerEpoch };
      }
      default:
        return fail(ErrorCode.CONCURRENT_TRANSACTIONS);
    }
  }

  /** KIP-360: the producer's id and epoch are the current ones, or the previous ones of a retried bump. */
  private isValidProducerIdAndEpoch(md: TransactionMetadata, e: { producerId: number; producerEpoch: number }): boolean {
    if (e.producerId === md.producerId) return e.producerEpoch === md.producerEpoch || e.producerEpoch === md.lastProducerEpoch;
    return e.producerId === md.lastProducerId && md.producerEpoch === 0;
  }

  // -------------------------------------------------------------------------------------------
  // AddPartitionsToTxn / AddOffsetsToTxn

  /** Checks every transactional request makes first (Kafka: NOT_COORDINATOR, id mapping, fencing). */
  private validate(transactionalId: string, producerId: number, producerEpoch: number): { code: number; md?: TransactionMetadata } {
    if (!transactionalId) return { code: ErrorCode.INVALID_REQUEST };
    const c = this.state.coordinatorError(transactionalId);
    if (c !== ErrorCode.NONE) return { code: c };
    const md = this.state.get(transactionalId);
    if (!md || md.producerId !== producerId) return { code: ErrorCode.INVALID_PRODUCER_ID_MAPPING };
    if (md.producerEpoch !== producerEpoch) return { code: ErrorCode.PRODUCER_FENCED };
    return { code: ErrorCode.NONE, md };
  }

  /** Add partitions to the ongoing transaction (starting it); the error applies to every partition. */
  async addPartitions(transactionalId: string, producerId: number, producerEpoch: number, partitions: TopicPartitions[], transactionVersion = 0): Promise<number> {
    const v = this.validate(transactionalId, producerId, producerEpoch);
    if (!v.md) return v.code;
    const md = v.md;
    if (md.pendingState !== null) return ErrorCode.CONCURRENT_TRANSACTIONS;
    if (md.state === TransactionStatus.PrepareCommit || md.state === TransactionStatus.PrepareAbort) return ErrorCode.CONCURRENT_TRANSACTIONS;
    if (md.state !== TransactionStatus.Ongoing && md.state !== TransactionStatus.Empty
      && md.state !== TransactionStatus.CompleteCommit && md.state !== TransactionStatus.CompleteAbort) return ErrorCode.INVALID_TXN_STATE;
    const keys = partitions.flatMap((t) => t.partitions.map((p) => partitionKey(t.name, p)));
    if (md.state === TransactionStatus.Ongoing && keys.every((k) => md.partitions.has(k))) return ErrorCode.NONE;
    const now = Date.now();
    const t = md.transit();
    for (const k of keys) t.partitions.add(k);
    if (md.state !== TransactionStatus.Ongoing) t.txnStartTimestamp = now;
    t.clientTransactionVersion = transactionVersion;
    t.state = TransactionStatus.Ongoing;
    t.txnLastUpdateTimestamp = now;
    return this.transition(md, t, this.state.coordinatorEpochOf(transactionalId));
  }

  /** KIP-890 part 1's verification (AddPartitionsToTxn v4+ verifyOnly): are the partitions in the ongoing transaction? */
  verifyPartitions(transactionalId: string, producerId: number, producerEpoch: number, partitions: TopicPartitions[]): Map<string, number> {
    const out = new Map<string, number>();
    const v = this.validate(transactionalId, producerId, producerEpoch);
    for (const t of partitions) {
      for (const p of t.partitions) {
        const k = partitionKey(t.name, p);
        let code = v.code;
        if (v.md && code === ErrorCode.NONE) {
          code = v.md.state === TransactionStatus.Ongoing && v.md.partitions.has(k) ? ErrorCode.NONE : ErrorCode.INVALID_TXN_STATE;
        }
        out.set(k, code);
      }
    }
    return out;
  }

  /** The group's __consumer_offsets partition joins the transaction (its offsets commit with it). */
  async addOffsets(transactionalId: string, producerId: number, producerEpoch: number, groupId: string, transactionVersion = 0): Promise<number> {
    const offsets = this.engine.coordinator.offsetsTopic;
    if (!offsets.ensure()) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    return this.addPartitions(transactionalId, producerId, producerEpoch, [{ name: OFFSETS_TOPIC, partitions: [offsets.partitionFor(groupId)] }], transactionVersion);
  }

  // -------------------------------------------------------------------------------------------
  // EndTxn

  /** EndTxn from the client: validated, then the two-phase end (v5: transactions v2). */
  async endTxn(transactionalId: string, producerId: number, producerEpoch: number, commit: boolean, transactionVersion = 0): Promise<EndTxnResult> {
    if (transactionVersion >= 2) return this.endTxnV2(transactionalId, producerId, producerEpoch, commit);
    const v = this.validate(transactionalId, producerId, producerEpoch);
    // A retried EndTxn after the epoch was bumped by a timeout abort is still a fenced producer.
    const errorCode = v.md ? await this.endTransaction(v.md, commit, true, this.state.coordinatorEpochOf(transactionalId)) : v.code;
    return { errorCode, producerId: NO_PRODUCER_ID, producerEpoch: NO_PRODUCER_EPOCH };
  }

  /**
   * Kafka's endTransaction with transactions v2: the epoch the producer sent must be the current
   * one, or the one before the bump of the end it retries (or the last of a producer id that
   * overflowed). The end bumps the epoch; an abort with nothing in the transaction (the producer
   * may have failed before any leader added a partition) is written too, bumping it as well.
   */
  private async endTxnV2(transactionalId: string, producerId: number, producerEpoch: number, commit: boolean): Promise<EndTxnResult> {
    if (!transactionalId) return fail(ErrorCode.INVALID_REQUEST);
    const c = this.state.coordinatorError(transactionalId);
    if (c !== ErrorCode.NONE) return fail(c);
    const md = this.state.get(transactionalId);
    if (!md) return fail(ErrorCode.INVALID_PRODUCER_ID_MAPPING);
    const coordinatorEpoch = this.state.coordinatorEpochOf(transactionalId);
    const ended = md.state === TransactionStatus.PrepareCommit || md.state === TransactionStatus.PrepareAbort
      || md.state === TransactionStatus.CompleteCommit || md.state === TransactionStatus.CompleteAbort;
    const retryOnOverflow = md.lastProducerId === producerId && producerEpoch === MAX_PRODUCER_EPOCH && md.producerEpoch === 0 && ended;
    const retryOnEpochBump = md.producerId === producerId && md.producerEpoch === producerEpoch + 1 && ended;
    const isRetry = retryOnOverflow || retryOnEpochBump;
    if (md.producerId !== producerId && !retryOnOverflow) return fail(ErrorCode.INVALID_PRODUCER_ID_MAPPING);
    if (!isRetry && md.producerEpoch !== producerEpoch) return fail(ErrorCode.PRODUCER_FENCED);
    if (md.pendingState !== null) return fail(ErrorCode.CONCURRENT_TRANSACTIONS);
    const current = (): EndTxnResult => (md.nextProducerId !== NO_PRODUCER_ID
      ? { errorCode: ErrorCode.NONE, producerId: md.nextProducerId, producerEpoch: 0 }
      : { errorCode: ErrorCode.NONE, producerId: md.producerId, producerEpoch: md.producerEpoch });
    switch (md.state) {
      case TransactionStatus.Ongoing:
        return isRetry ? fail(ErrorCode.INVALID_TXN_STATE) : this.prepareEndV2(md, commit, false, coordinatorEpoch);
      case TransactionStatus.PrepareCommit:
        return fail(commit && isRetry ? ErrorCode.CONCURRENT_TRANSACTIONS : ErrorCode.INVALID_TXN_STATE);
      case TransactionStatus.PrepareAbort:
        return fail(!commit && isRetry ? ErrorCode.CONCURRENT_TRANSACTIONS : ErrorCode.INVALID_TXN_STATE);
      case TransactionStatus.CompleteCommit:
        if (commit) return isRetry ? current() : fail(ErrorCode.INVALID_TXN_STATE);
        return isRetry ? fail(ErrorCode.INVALID_TXN_STATE) : this.prepareEndV2(md, false, true, coordinatorEpoch);
      case TransactionStatus.CompleteAbort:
        if (commit) return fail(ErrorCode.INVALID_TXN_STATE);
        return isRetry ? current() : this.prepareEndV2(md, false, true, coordinatorEpoch);
      case TransactionStatus.Empty:
        return !commit && !isRetry ? this.prepareEndV2(md, false, true, coordinatorEpoch) : fail(ErrorCode.INVALID_TXN_STATE);
      default:
        return fail(ErrorCode.INVALID_TXN_STATE);
    }
  }

  /** PrepareCommit/PrepareAbort with the epoch bumped (a new producer id next if it is exhausted). */
  private async prepareEndV2(md: TransactionMetadata, commit: boolean, noPartitionAdded: boolean, coordinatorEpoch: number): Promise<EndTxnResult> {
    let nextProducerId = NO_PRODUCER_ID;
    if (md.isProducerEpochExhausted()) {
      try {
        nextProducerId = await this.engine.allocateProducerId();
      } catch (e: any) {
        return fail(e?.code ?? ErrorCode.COORDINATOR_NOT_AVAILABLE);
      }
      if (md.pendingState !== null) return fail(ErrorCode.CONCURRENT_TRANSACTIONS);
      if (this.state.coordinatorEpochOf(md.transactionalId) !== coordinatorEpoch) return fail(ErrorCode.NOT_COORDINATOR);
    }
    const now = Date.now();
    const t = md.transit();
    t.state = commit ? TransactionStatus.PrepareCommit : TransactionStatus.PrepareAbort;
    t.lastProducerEpoch = md.producerEpoch;
    t.producerEpoch = md.producerEpoch + 1;
    t.nextProducerId = nextProducerId;
    t.clientTransactionVersion = 2;
    t.txnLastUpdateTimestamp = now;
    if (noPartitionAdded) {
      t.partitions = new Set();
      t.txnStartTimestamp = now;
    }
    const code = await this.transition(md, t, coordinatorEpoch);
    if (code !== ErrorCode.NONE) return fail(code);
    this.completeTransaction(md, coordinatorEpoch);
    return nextProducerId !== NO_PRODUCER_ID
      ? { errorCode: ErrorCode.NONE, producerId: nextProducerId, producerEpoch: 0 }
      : { errorCode: ErrorCode.NONE, producerId: md.producerId, producerEpoch: md.producerEpoch };
  }

  /**
   * Kafka's endTransaction: from Ongoing, write PrepareCommit/PrepareAbort, answer, then write the
   * markers and the Complete state in the background. A client's retry of a finished end is
   * answered NONE; the opposite decision is INVALID_TXN_STATE.
   */
  private async endTransaction(md: TransactionMetadata, commit: boolean, fromClient: boolean, coordinatorEpoch: number): Promise<number> {
    if (fromClient && md.pendingState !== null) return ErrorCode.CONCURRENT_TRANSACTIONS;
    if (!fromClient && md.pendingState !== null && md.pendingState !== TransactionStatus.PrepareEpochFence) return ErrorCode.CONCURRENT_TRANSACTIONS;
    const target = commit ? TransactionStatus.PrepareCommit : TransactionStatus.PrepareAbort;
    switch (md.state) {
      case TransactionStatus.Ongoing: {
        const t = md.transit();
        t.state = target;
        t.txnLastUpdateTimestamp = Date.now();
        const code = await this.transition(md, t, coordinatorEpoch);
        if (code !== ErrorCode.NONE) return code;
        this.completeTransaction(md, coordinatorEpoch);
        return ErrorCode.NONE;
      }
      case TransactionStatus.CompleteCommit:
        return commit ? ErrorCode.NONE : ErrorCode.INVALID_TXN_STATE;
      case TransactionStatus.CompleteAbort:
        return commit ? ErrorCode.INVALID_TXN_STATE : ErrorCode.NONE;
      case TransactionStatus.PrepareCommit:
        return commit ? ErrorCode.CONCURRENT_TRANSACTIONS : ErrorCode.INVALID_TXN_STATE;
      case TransactionStatus.PrepareAbort:
        return commit ? ErrorCode.INVALID_TXN_STATE : ErrorCode.CONCURRENT_TRANSACTIONS;
      default:
        if (md.pendingState === TransactionStatus.PrepareEpochFence) md.pendingState = null;
        return ErrorCode.INVALID_TXN_STATE;
    }
  }

  /** Markers to every partition of the prepared transaction, then CompleteCommit/CompleteAbort. */
  private completeTransaction(md: TransactionMetadata, coordinatorEpoch: number): void {
    if (this.completing.has(md)) return;
    this.completing.add(md);
    const commit = md.state === TransactionStatus.PrepareCommit;
    const owner = () => this.state.get(md.transactionalId) === md && this.state.coordinatorEpochOf(md.transactionalId) === coordinatorEpoch;
    const job = {
      transactionalId: md.transactionalId, producerId: md.producerId, producerEpoch: md.producerEpoch, commit, coordinatorEpoch,
      partitions: new Set(md.partitions), transactionVersion: md.clientTransactionVersion,
    };
    void (async () => {
      try {
        if (!await this.markers.send(job, owner)) return;
        // Written even if a write of it failed before: retry until it lands or the partition moves.
        for (;;) {
          if (!owner()) return;
          if (md.pendingState !== null) {
            await new Promise<void>((r) => setTimeout(r, 50).unref());
            continue;
          }
          const t = md.transit();
          t.state = commit ? TransactionStatus.CompleteCommit : TransactionStatus.CompleteAbort;
          t.partitions = new Set();
          if (t.nextProducerId !== NO_PRODUCER_ID) {
            // The exhausted epoch's end moves the producer to its next id, at epoch 0.
            t.lastProducerId = t.producerId;
            t.producerId = t.nextProducerId;
            t.producerEpoch = 0;
            t.nextProducerId = NO_PRODUCER_ID;
          }
          t.txnLastUpdateTimestamp = Date.now();
          const code = await this.transition(md, t, coordinatorEpoch);
          if (code === ErrorCode.NONE) {
            engineLog('INFO', `Completed ${commit ? 'commit' : 'abort'} of transactionalId ${md.transactionalId} with producerId ${md.producerId} and epoch ${md.producerEpoch}`, LOGGER);
            return;
          }
          if (code === ErrorCode.NOT_COORDINATOR) return;
          await new Promise<void>((r) => setTimeout(r, 100).unref());
        }
      } catch (e: any) {
        engineLog('ERROR', `Completing the transaction of ${md.transactionalId} failed: ${e?.stack ?? e}`, LOGGER);
      } finally {
        this.completing.delete(md);
      }
    })();
  }

  /** Prepare, write and apply a transition (a failed write leaves the state as it was). */
  private async transition(md: TransactionMetadata, t: TxnTransit, coordinatorEpoch: number): Promise<number> {
    // As Kafka's, every transition records the producer id it leaves as the previous one.
    t.lastProducerId = md.producerId;
    md.pendingState = t.state;
    let code: number;
    try {
      code = await this.state.write(md.transactionalId, coordinatorEpoch, t);
    } catch (e: any) {
      code = ErrorCode.UNKNOWN_SERVER_ERROR;
    }
    if (code === ErrorCode.NONE) md.apply(t);
    else md.pendingState = null;
    return code;
  }

  // -------------------------------------------------------------------------------------------
  // Timeouts and expiration

  private scheduleAbortTimedOut(): void {
    this.timers.schedule(ABORT_KEY, this.config('transaction.abort.timed.out.transaction.cleanup.interval.ms'), () => {
      this.abortTimedOutTransactions();
      this.scheduleAbortTimedOut();
    });
  }

  /** Kafka's abortTimedOutTransactions: fence the producer (epoch + 1) and abort. */
  abortTimedOutTransactions(now = Date.now()): void {
    for (const { md, coordinatorEpoch } of [...this.state.all()]) {
      if (!md.hasTimedOut(now)) continue;
      engineLog('INFO', `Aborting transaction ${md.transactionalId} with producerId ${md.producerId} and epoch ${md.producerEpoch}: it timed out (${md.txnTimeoutMs} ms)`, LOGGER);
      if (!md.isProducerEpochExhausted()) {
        md.lastProducerEpoch = md.producerEpoch;
        md.producerEpoch += 1;
      }
      md.pendingState = TransactionStatus.PrepareEpochFence;
      void this.endTransaction(md, false, false, coordinatorEpoch).then((code) => {
        if (code !== ErrorCode.NONE) engineLog('WARN', `Aborting timed-out transaction ${md.transactionalId} failed with error ${code}`, LOGGER);
      });
    }
  }

  private scheduleExpiration(): void {
    this.timers.schedule(EXPIRE_KEY, this.config('transaction.remove.expired.transaction.cleanup.interval.ms'), () => {
      this.removeExpiredTransactionalIds();
      this.scheduleExpiration();
    });
  }

  /** Ids idle (no transaction) for transactional.id.expiration.ms get a tombstone and are forgotten. */
  removeExpiredTransactionalIds(now = Date.now()): void {
    const expiration = this.config('transactional.id.expiration.ms');
    for (const { md, coordinatorEpoch } of [...this.state.all()]) {
      const idle = md.state === TransactionStatus.Empty || md.state === TransactionStatus.CompleteCommit || md.state === TransactionStatus.CompleteAbort;
      if (!idle || md.pendingState !== null || md.txnLastUpdateTimestamp + expiration > now) continue;
      md.pendingState = TransactionStatus.Dead;
      void this.state.write(md.transactionalId, coordinatorEpoch, null).then((code) => {
        if (code === ErrorCode.NONE && this.state.get(md.transactionalId) === md) {
          this.state.remove(md.transactionalId);
          md.state = TransactionStatus.Dead;
          engineLog('INFO', `Removed expired transactional id ${md.transactionalId}`, LOGGER);
        }
        md.pendingState = null;
      });
    }
  }

  // -------------------------------------------------------------------------------------------
  // DescribeTransactions / ListTransactions

  describe(transactionalId: string): DescribedTransaction {
    const empty = { transactionState: '', transactionTimeoutMs: 0, transactionStartTimeMs: -1, producerId: -1, producerEpoch: -1, topics: [] };
    if (!transactionalId) return { errorCode: ErrorCode.TRANSACTIONAL_ID_NOT_FOUND, transactionalId, ...empty };
    const c = this.state.coordinatorError(transactionalId);
    if (c !== ErrorCode.NONE) return { errorCode: c, transactionalId, ...empty };
    const md = this.state.get(transactionalId);
    if (!md || md.state === TransactionStatus.Dead) return { errorCode: ErrorCode.TRANSACTIONAL_ID_NOT_FOUND, transactionalId, ...empty };
    return {
      errorCode: ErrorCode.NONE, transactionalId, transactionState: md.stateName, transactionTimeoutMs: md.txnTimeoutMs,
      transactionStartTimeMs: md.txnStartTimestamp, producerId: md.producerId, producerEpoch: md.producerEpoch,
      topics: partitionsByTopic(md.partitions),
    };
  }

  /** Kafka's listTransactionStates: states, producer ids, running longer than a duration (v1), id regex (v2). */
  list(f: ListTransactionsFilter): { errorCode: number; unknownStateFilters: string[]; transactionStates: { transactionalId: string; producerId: number; transactionState: string }[] } {
    const unknownStateFilters: string[] = [];
    const states = new Set<TransactionStatusId>();
    for (const s of f.stateFilters) {
      const id = transactionStatusId(s);
      if (id === undefined) unknownStateFilters.push(s);
      else states.add(id);
    }
    let pattern: RegExp | null = null;
    if (f.transactionalIdPattern !== null && f.transactionalIdPattern !== '') {
      try {
        pattern = new RegExp(`^(?:${f.transactionalIdPattern})$`);
      } catch {
        return { errorCode: ErrorCode.INVALID_REGULAR_EXPRESSION, unknownStateFilters: [], transactionStates: [] };
      }
    }
    const producerIds = new Set(f.producerIdFilters.map(Number));
    const now = Date.now();
    const out: { transactionalId: string; producerId: number; transactionState: string }[] = [];
    // Filtering by unknown states only matches nothing (Kafka answers the unknown ones and no states).
    if (f.stateFilters.length > 0 && states.size === 0) return { errorCode: ErrorCode.NONE, unknownStateFilters, transactionStates: out };
    for (const { md } of this.state.all()) {
      if (md.state === TransactionStatus.Dead) continue;
      if (states.size > 0 && !states.has(md.state)) continue;
      if (producerIds.size > 0 && !producerIds.has(md.producerId)) continue;
      if (f.durationFilter >= 0 && now - md.txnStartTimestamp <= f.durationFilter) continue;
      if (pattern && !pattern.test(md.transactionalId)) continue;
      out.push({ transactionalId: md.transactionalId, producerId: md.producerId, transactionState: md.stateName });
    }
    return { errorCode: ErrorCode.NONE, unknownStateFilters, transactionStates: out };
  }
}
