// PRODUCER_FENCED exists from KIP-588's request versions on (InitProducerId v4, AddPartitionsToTxn,
// AddOffsetsToTxn and EndTxn v2, TxnOffsetCommit v3); older clients get INVALID_PRODUCER_EPOCH for
// it, as Kafka's KafkaApis answers them.
import { ErrorCode } from '../../../protocol/errors';

export function fencedForVersion(code: number, version: number, firstFencedVersion: number): number {
  return code === ErrorCode.PRODUCER_FENCED && version < firstFencedVersion ? ErrorCode.INVALID_PRODUCER_EPOCH : code;
}
