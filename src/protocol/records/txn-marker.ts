// Transaction markers (Kafka's EndTransactionMarker): a control batch of one control record
// whose key is version int16 0 + type int16 (0 ABORT, 1 COMMIT) and whose value is version
// int16 0 + the coordinator epoch int32, written with the producer's id and epoch, base sequence -1.
import { buildBatch, decodeRecords } from './batch';
import { CONTROL_TYPE_ABORT, CONTROL_TYPE_COMMIT } from './layout';

export interface TxnMarkerSpec {
  producerId: number;
  producerEpoch: number;
  commit: boolean;
  coordinatorEpoch: number;
  timestamp?: number;
  baseOffset?: number;
}

export function buildTxnMarker(m: TxnMarkerSpec): Buffer {
  const key = Buffer.alloc(4);
  key.writeInt16BE(0, 0);
  key.writeInt16BE(m.commit ? CONTROL_TYPE_COMMIT : CONTROL_TYPE_ABORT, 2);
  const value = Buffer.alloc(6);
  value.writeInt16BE(0, 0);
  value.writeInt32BE(m.coordinatorEpoch, 2);
  return buildBatch([{ key, value, timestamp: m.timestamp ?? Date.now() }], {
    baseOffset: m.baseOffset ?? 0, producerId: m.producerId, producerEpoch: m.producerEpoch, baseSequence: -1,
    transactional: true, control: true,
  });
}

/** The coordinator epoch of a marker batch (-1 when it is not one we can read). */
export function txnMarkerCoordinatorEpoch(batch: Buffer): number {
  let epoch = -1;
  try {
    decodeRecords(batch, (r) => {
      if (epoch < 0 && r.value && r.value.length >= 6) epoch = r.value.readInt32BE(2);
    }, { includeControl: true });
  } catch {
    return -1;
  }
  return epoch;
}
