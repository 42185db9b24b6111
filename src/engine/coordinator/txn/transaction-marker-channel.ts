// Writing a finished transaction's COMMIT/ABORT markers (Kafka's TransactionMarkerChannelManager):
// one WriteTxnMarkers request per partition leader, in-process when this broker leads the
// partition, over the Kafka protocol otherwise. Partitions whose leader moved or is unknown, or
// that answer a retriable error, are sent again after a short back-off until every partition has
// its marker; a partition whose topic was deleted needs none. Sending stops when the coordinator
// no longer owns the transaction (its partition moved: the new coordinator resumes it).
import type { Engine } from '../../engine';
import { BrokerConnection } from '../../../client/connection';
import { ApiKey } from '../../../protocol/apis';
import { ErrorCode } from '../../../protocol/errors';
import type { WriteTxnMarkersRequest, WriteTxnMarkersResponse } from '../../../protocol/messages/write-txn-markers';
import { writeTxnMarkers } from '../../api/handlers/write-txn-markers';
import { engineLog } from '../../server-log';
import { partitionsByTopic, partitionKey, splitPartitionKey } from './transaction-metadata';

const LOGGER = 'org.apache.kafka.coordinator.transaction.TransactionMarkerChannelManager';
const RETRY_BACKOFF_MS = 100;
export const MARKER_CLIENT_ID = 'kafka-local-txn-markers';
/** v2 carries the transaction version (a v2 marker's epoch is the bumped one). */
const WRITE_TXN_MARKERS_VERSION = 2;

export interface TxnMarkerJob {
  transactionalId: string;
  producerId: number;
  producerEpoch: number;
  commit: boolean;
  coordinatorEpoch: number;
  partitions: ReadonlySet<string>;
  /** 2: transactions v2 (the epoch is the one the end bumped to). */
  transactionVersion?: number;
}

/** Writes markers on partitions this broker leads: the WriteTxnMarkers handler (a test can stub it). */
export type LocalMarkerWriter = (request: WriteTxnMarkersRequest) => Promise<WriteTxnMarkersResponse>;

const RETRIABLE = new Set<number>([
  ErrorCode.NOT_LEADER_OR_FOLLOWER, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ErrorCode.NOT_ENOUGH_REPLICAS,
  ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND, ErrorCode.REQUEST_TIMED_OUT, ErrorCode.KAFKA_STORAGE_ERROR,
  ErrorCode.LEADER_NOT_AVAILABLE, ErrorCode.NETWORK_EXCEPTION, ErrorCode.COORDINATOR_LOAD_IN_PROGRESS,
  ErrorCode.COORDINATOR_NOT_AVAILABLE, ErrorCode.NOT_COORDINATOR, ErrorCode.UNKNOWN_SERVER_ERROR,
]);

export class TransactionMarkerChannel {
  private readonly connections = new Map<number, { host: string; port: number; c: BrokerConnection }>();
  private closed = false;

  localWriter: LocalMarkerWriter = (request) => writeTxnMarkers(this.engine, request);

  constructor(private readonly engine: Engine) {}

  /**
   * Write the job's markers; resolves true once every partition has its marker, false when
   * `stillOwner` says the coordinator lost the transaction (or the engine closed) first.
   */
  async send(job: TxnMarkerJob, stillOwner: () => boolean): Promise<boolean> {
    const remaining = new Set(job.partitions);
    for (;;) {
      if (this.closed || !stillOwner()) return false;
      const byLeader = new Map<number, string[]>();
      for (const k of [...remaining]) {
        const { topic, partition } = splitPartitionKey(k);
        const t = this.engine.metadata.topic(topic);
        if (!t || !t.partitions[partition]) {
          remaining.delete(k); // deleted: nobody reads it any more
          continue;
        }
        const leader = this.engine.metadata.partitionView(t.partitions[partition]).leader;
        if (leader < 0) continue;
        let l = byLeader.get(leader);
        if (!l) byLeader.set(leader, (l = []));
        l.push(k);
      }
      await Promise.all([...byLeader].map(async ([leader, keys]) => {
        const request: WriteTxnMarkersRequest = { markers: [{
          producerId: job.producerId, producerEpoch: job.producerEpoch, transactionResult: job.commit,
          coordinatorEpoch: job.coordinatorEpoch, transactionVersion: job.transactionVersion ?? 0,
          topics: partitionsByTopic(keys).map((t) => ({ name: t.topic, partitionIndexes: t.partitions })),
        }] };
        let response: WriteTxnMarkersResponse;
        try {
          response = leader === this.engine.settings.nodeId ? await this.localWriter(request) : await this.remote(leader, request);
        } catch (e: any) {
          this.dropConnection(leader);
          engineLog('WARN', `Sending ${job.transactionalId}'s transaction markers to broker ${leader} failed (will retry): ${e?.message ?? e}`, LOGGER);
          return;
        }
        for (const m of response.markers ?? []) {
          for (const t of m.topics) {
            for (const p of t.partitions) {
              const k = partitionKey(t.name, p.partitionIndex);
              if (p.errorCode === ErrorCode.NONE) remaining.delete(k);
              else if (p.errorCode === ErrorCode.INVALID_PRODUCER_EPOCH || p.errorCode === ErrorCode.TRANSACTION_COORDINATOR_FENCED) {
                // A newer coordinator or producer epoch wrote there already: this marker is obsolete.
                engineLog('INFO', `Marker for ${job.transactionalId} on ${t.name}-${p.partitionIndex} is obsolete (error ${p.errorCode})`, LOGGER);
                remaining.delete(k);
              } else if (!RETRIABLE.has(p.errorCode)) {
                engineLog('ERROR', `Marker for ${job.transactionalId} on ${t.name}-${p.partitionIndex} failed with error ${p.errorCode}; not retried`, LOGGER);
                remaining.delete(k);
              }
            }
          }
        }
      }));
      if (remaining.size === 0) return true;
      await new Promise<void>((resolve) => setTimeout(resolve, RETRY_BACKOFF_MS).unref());
      if (this.closed) return false;
      // A leader that moved is learnt from the metadata (as Kafka's channel refreshes its cache).
      this.engine.loader.catchUp();
    }
  }

  private remote(nodeId: number, request: WriteTxnMarkersRequest): Promise<WriteTxnMarkersResponse> {
    return this.requestTo<WriteTxnMarkersResponse>(nodeId, ApiKey.WriteTxnMarkers, WRITE_TXN_MARKERS_VERSION, request);
  }

  /** A request to another broker of the cluster over this channel's connections (a failure drops the connection). */
  async requestTo<T>(nodeId: number, apiKey: number, version: number, request: unknown): Promise<T> {
    if (this.closed) throw new Error('the transaction marker channel is closed');
    try {
      return await this.send1<T>(nodeId, apiKey, version, request);
    } catch (e) {
      this.dropConnection(nodeId);
      throw e;
    }
  }

  private async send1<T>(nodeId: number, apiKey: number, version: number, request: unknown): Promise<T> {
    const broker = this.engine.metadata.brokers().find((b) => b.nodeId === nodeId);
    if (!broker) throw new Error(`broker ${nodeId} is not registered`);
    let cur = this.connections.get(nodeId);
    if (cur && (cur.host !== broker.host || cur.port !== broker.port)) {
      this.dropConnection(nodeId);
      cur = undefined;
    }
    if (!cur) {
      const c = new BrokerConnection(broker.host, broker.port, `${MARKER_CLIENT_ID}-${this.engine.settings.nodeId}`, nodeId);
      try {
        await c.connect(this.engine.configs.brokerInt('request.timeout.ms'));
      } catch (e) {
        c.close();
        throw e;
      }
      cur = { host: broker.host, port: broker.port, c };
      this.connections.set(nodeId, cur);
    }
    return await cur.c.request<T>(apiKey, version, request);
  }

  private dropConnection(nodeId: number): void {
    this.connections.get(nodeId)?.c.close();
    this.connections.delete(nodeId);
  }

  close(): void {
    this.closed = true;
    for (const id of [...this.connections.keys()]) this.dropConnection(id);
  }
}
