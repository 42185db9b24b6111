// The bounds a KRaft controller puts on one user operation, so that one request can never make
// the controller place, record or publish an unbounded number of partitions (a create of 10^8
// partitions is refused before anything is computed, and nothing else waits behind it).
import { ErrorCode, KafkaError } from '../../protocol/errors';

/** Partitions one CreateTopics request (summed over its topics) or one topic of CreatePartitions may add. */
export const MAX_PARTITIONS_PER_BATCH = 10_000;
/** Metadata records one user operation may write (Kafka's MAX_RECORDS_PER_USER_OP). */
export const MAX_RECORDS_PER_USER_OP = 10_000;

/** CreateTopics: the whole request is refused when its topics ask for too many partitions in total. */
export function checkPartitionsPerRequest(topics: readonly { numPartitions: number; assignments: readonly unknown[] }[], defaultPartitions: number): void {
  let total = 0;
  for (const t of topics) {
    if (t.assignments.length > 0) total += t.assignments.length;
    else if (t.numPartitions === -1) total += defaultPartitions;
    else if (t.numPartitions > 0) total += t.numPartitions;
  }
  if (total > MAX_PARTITIONS_PER_BATCH) {
    throw KafkaError.from(ErrorCode.POLICY_VIOLATION, 'Excessively large number of partitions per request.');
  }
}

/**
 * CreatePartitions: the partitions a request adds, summed over its existing topics, are bounded
 * as a whole (over it, every topic is refused).
 */
export function checkAdditionalPartitions(additional: number): void {
  if (additional > MAX_PARTITIONS_PER_BATCH) {
    throw KafkaError.from(ErrorCode.POLICY_VIOLATION, 'Excessively large number of additional partitions per request.');
  }
}

/** One operation's records: over the bound, the whole operation fails and nothing is written. */
export function checkRecordsPerOperation(records: number): void {
  if (records > MAX_RECORDS_PER_USER_OP) {
    throw KafkaError.from(ErrorCode.POLICY_VIOLATION, 'Unable to perform excessively large batch operation.');
  }
}
