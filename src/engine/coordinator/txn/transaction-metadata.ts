// One transactional id's state as the coordinator keeps it (Kafka's TransactionMetadata): the
// producer id and epoch it hands out, the timeout, the partitions of the ongoing transaction, and
// the state of Kafka's state machine. A change is first prepared (pendingState set: any other
// request for the id meanwhile gets CONCURRENT_TRANSACTIONS), written to __transaction_state, and
// applied once the write is replicated (or dropped if it failed).
import { TransactionStatus, TransactionStatusId, transactionStatusName, TransactionLogValue } from '../../../protocol/internal/transaction-log';

export const NO_PRODUCER_ID = -1;
export const NO_PRODUCER_EPOCH = -1;
/** Kafka bumps the producer id instead of the epoch once the epoch reaches Short.MAX_VALUE - 1. */
export const MAX_PRODUCER_EPOCH = 32766;

/** The fields one transition changes (Kafka's TxnTransitMetadata): what is written, then applied. */
export interface TxnTransit {
  producerId: number;
  lastProducerId: number;
  producerEpoch: number;
  lastProducerEpoch: number;
  txnTimeoutMs: number;
  state: TransactionStatusId;
  /** "topic\u0000partition" keys */
  partitions: Set<string>;
  txnStartTimestamp: number;
  txnLastUpdateTimestamp: number;
  /**
   * Transactions v2 (KIP-890 part 2): the producer id the transaction's end moves to when the
   * epoch is exhausted (NO_PRODUCER_ID otherwise), and the transaction version the client uses
   * (2: every end bumps the epoch).
   */
  nextProducerId: number;
  clientTransactionVersion: number;
}

export function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

export function splitPartitionKey(k: string): { topic: string; partition: number } {
  const i = k.lastIndexOf('\u0000');
  return { topic: k.slice(0, i), partition: Number(k.slice(i + 1)) };
}

/** Partitions grouped by topic, topics and partitions sorted (stable answers and log records). */
export function partitionsByTopic(keys: Iterable<string>): { topic: string; partitions: number[] }[] {
  const m = new Map<string, number[]>();
  for (const k of keys) {
    const { topic, partition } = splitPartitionKey(k);
    let l = m.get(topic);
    if (!l) m.set(topic, (l = []));
    l.push(partition);
  }
  return [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([topic, partitions]) => ({ topic, partitions: partitions.sort((a, b) => a - b) }));
}

export class TransactionMetadata implements TxnTransit {
  producerId: number;
  lastProducerId = NO_PRODUCER_ID;
  producerEpoch: number;
  lastProducerEpoch = NO_PRODUCER_EPOCH;
  txnTimeoutMs: number;
  state: TransactionStatusId;
  partitions = new Set<string>();
  txnStartTimestamp = -1;
  txnLastUpdateTimestamp: number;
  nextProducerId = NO_PRODUCER_ID;
  clientTransactionVersion = 0;
  /** The state a write in flight moves to; null when none is in flight. */
  pendingState: TransactionStatusId | null = null;

  constructor(readonly transactionalId: string, producerId: number, producerEpoch: number, txnTimeoutMs: number,
    state: TransactionStatusId, now: number) {
    this.producerId = producerId;
    this.producerEpoch = producerEpoch;
    this.txnTimeoutMs = txnTimeoutMs;
    this.state = state;
    this.txnLastUpdateTimestamp = now;
  }

  static fromLog(transactionalId: string, v: TransactionLogValue): TransactionMetadata {
    const md = new TransactionMetadata(transactionalId, v.producerId, v.producerEpoch, v.transactionTimeoutMs,
      v.transactionStatus as TransactionStatusId, v.transactionLastUpdateTimestampMs);
    md.txnStartTimestamp = v.transactionStartTimestampMs;
    md.lastProducerId = v.previousProducerId ?? NO_PRODUCER_ID;
    md.nextProducerId = v.nextProducerId ?? NO_PRODUCER_ID;
    md.clientTransactionVersion = v.clientTransactionVersion ?? 0;
    for (const t of v.transactionPartitions ?? []) for (const p of t.partitionIds) md.partitions.add(partitionKey(t.topic, p));
    return md;
  }

  get stateName(): string {
    return transactionStatusName(this.state);
  }

  /** A copy of the current fields, to be changed into the next state. */
  transit(): TxnTransit {
    return {
      producerId: this.producerId, lastProducerId: this.lastProducerId, producerEpoch: this.producerEpoch,
      lastProducerEpoch: this.lastProducerEpoch, txnTimeoutMs: this.txnTimeoutMs, state: this.state,
      partitions: new Set(this.partitions), txnStartTimestamp: this.txnStartTimestamp, txnLastUpdateTimestamp: this.txnLastUpdateTimestamp,
      nextProducerId: this.nextProducerId, clientTransactionVersion: this.clientTransactionVersion,
    };
  }

  apply(t: TxnTransit): void {
    this.producerId = t.producerId;
    this.lastProducerId = t.lastProducerId;
    this.producerEpoch = t.producerEpoch;
    this.lastProducerEpoch = t.lastProducerEpoch;
    this.txnTimeoutMs = t.txnTimeoutMs;
    this.state = t.state;
    this.partitions = t.partitions;
    this.txnStartTimestamp = t.txnStartTimestamp;
    this.txnLastUpdateTimestamp = t.txnLastUpdateTimestamp;
    this.nextProducerId = t.nextProducerId;
    this.clientTransactionVersion = t.clientTransactionVersion;
    this.pendingState = null;
  }

  isProducerEpochExhausted(): boolean {
    return this.producerEpoch >= MAX_PRODUCER_EPOCH;
  }

  /** Has a transaction that timed out and nobody is acting on it (Kafka's timedOutTransactions). */
  hasTimedOut(now: number): boolean {
    return this.state === TransactionStatus.Ongoing && this.pendingState === null && this.txnStartTimestamp + this.txnTimeoutMs < now;
  }
}

/**
 * The record value of a transition (Kafka writes no partition list for Empty). Value v1's tagged
 * fields (the previous and next producer ids, the client's transaction version) are what Kafka
 * 4.4 writes with transaction.version 2 finalized.
 */
export function logValueOf(t: TxnTransit): TransactionLogValue {
  const byTopic = partitionsByTopic(t.partitions);
  return {
    producerId: t.producerId, previousProducerId: t.lastProducerId, nextProducerId: t.nextProducerId,
    clientTransactionVersion: t.clientTransactionVersion, producerEpoch: t.producerEpoch, transactionTimeoutMs: t.txnTimeoutMs, transactionStatus: t.state,
    transactionPartitions: t.state === TransactionStatus.Empty ? null : byTopic.map((x) => ({ topic: x.topic, partitionIds: x.partitions })),
    transactionLastUpdateTimestampMs: t.txnLastUpdateTimestamp, transactionStartTimestampMs: t.txnStartTimestamp,
  };
}
