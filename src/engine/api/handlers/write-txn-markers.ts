// WriteTxnMarkers (inter-broker): the transaction coordinator asks a partition leader to close a
// producer's transaction with a COMMIT or ABORT marker on each named partition (Kafka's
// KafkaApis.handleWriteTxnMarkersRequest). The markers of one request are appended in one SQLite
// transaction and answered once the ISR has them (acks=all, as Kafka writes markers), each
// partition with its own error: UNKNOWN_TOPIC_OR_PARTITION, NOT_LEADER_OR_FOLLOWER,
// NOT_ENOUGH_REPLICAS, INVALID_PRODUCER_EPOCH (an epoch older than the producer's),
// TRANSACTION_COORDINATOR_FENCED, REQUEST_TIMED_OUT, KAFKA_STORAGE_ERROR. On a
// __consumer_offsets partition the marker also settles the group's transactional offsets (at
// append time, as our group coordinator shows its plain commits before the ISR has them too).
// The coordinator calls writeTxnMarkers in-process for partitions this broker leads.
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import { ErrorCode } from '../../../protocol/errors';
import type { WriteTxnMarkersRequest, WriteTxnMarkersResponse } from '../../../protocol/messages/write-txn-markers';
import type { MarkerResult } from '../../replica/replica-manager';
import { isStorageError } from '../../log/storage-error';
import { engineLog } from '../../server-log';

/** How long markers wait for the ISR (Kafka uses the broker's request.timeout.ms, 30 s by default). */
const MARKER_TIMEOUT_MS = 30000;

export async function writeTxnMarkers(engine: Engine, req: WriteTxnMarkersRequest, timeoutMs = MARKER_TIMEOUT_MS): Promise<WriteTxnMarkersResponse> {
  const rm = engine.replicaManager;
  // results[marker][topic][partition]
  const results: MarkerResult[][][] = req.markers.map((m) => m.topics.map((t) => t.partitionIndexes.map(() => undefined as unknown as MarkerResult)));
  const storageFailure = (): MarkerResult => ({ errorCode: ErrorCode.KAFKA_STORAGE_ERROR, errorMessage: null, recordErrors: [], baseOffset: -1, nextOffset: -1, logAppendTimeMs: -1, logStartOffset: -1 });
  let appended = false;
  // What the group coordinator applies to memory once the markers are stored.
  const settle: (() => void)[] = [];
  try {
    engine.logs.transaction(() => {
      req.markers.forEach((m, mi) => {
        const marker = {
          producerId: Number(m.producerId), producerEpoch: m.producerEpoch, commit: m.transactionResult, coordinatorEpoch: m.coordinatorEpoch,
          transactionVersion: m.transactionVersion ?? 0,
        };
        m.topics.forEach((t, ti) => {
          t.partitionIndexes.forEach((index, pi) => {
            const r = rm.appendTxnMarker(t.name, index, marker);
            if (r.errorCode === 0) appended = true;
            // On a __consumer_offsets partition the group coordinator settles the producer's
            // offsets in this same SQLite transaction (a kill -9 cannot leave them pending).
            if (r.completed) settle.push(engine.coordinator.onTransactionCompleted(t.name, index, r.completed));
            results[mi][ti][pi] = r;
          });
        });
      });
    });
  } catch (e) {
    engine.reloadAfterFailedWrite();
    if (!isStorageError(e)) throw e;
    engineLog('WARN', `Error writing transaction markers in dir ${engine.settings.logDir}: ${(e as Error)?.message ?? e}`, 'kafka.server.ReplicaManager');
    for (const byTopic of results) for (const byPart of byTopic) byPart.fill(storageFailure());
    appended = false;
    settle.length = 0;
  }
  for (const apply of settle) apply();
  if (appended) engine.afterCommit();
  const all = results.flat(2);
  const wait = rm.waitForReplication(all, timeoutMs);
  if (wait) await wait;
  return {
    markers: req.markers.map((m, mi) => ({
      producerId: m.producerId,
      topics: m.topics.map((t, ti) => ({
        name: t.name,
        partitions: t.partitionIndexes.map((index, pi) => ({ partitionIndex: index, errorCode: results[mi][ti][pi].errorCode })),
      })),
    })),
  };
}

export function handleWriteTxnMarkers(engine: Engine, req: WriteTxnMarkersRequest, _ctx: RequestContext): Promise<WriteTxnMarkersResponse> {
  return writeTxnMarkers(engine, req);
}
