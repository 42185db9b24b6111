// A group member's offset requests to its coordinator: OffsetCommit (with the member's generation
// and id, so a stale member cannot overwrite a newer owner's progress) and OffsetFetch for newly
// assigned partitions. Error handling follows the Java ConsumerCoordinator's
// OffsetCommitResponseHandler / OffsetFetchResponseHandler; what the member must do about an error
// (find the coordinator again, rejoin, reset its generation) is returned as a CommitFailure.
import type { BrokerConnection } from '../connection';
import { ApiKey } from '../../protocol/apis';
import { errorInfo, ErrorCode, KafkaError } from '../../protocol/errors';
import type { TopicPartition } from './assignors/types';

export interface OffsetToCommit extends TopicPartition {
  offset: number;
  /** The leader epoch of the last record consumed (-1: unknown). */
  leaderEpoch?: number;
}

/** A committed offset and the leader epoch stored with it (-1: none). */
export interface CommittedOffset {
  offset: number;
  leaderEpoch: number;
}

export interface CommitGeneration {
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
}

/** What went wrong with a commit and what the member has to do about it. */
export class CommitFailure extends Error {
  constructor(
    message: string,
    readonly retriable: boolean,
    readonly action: 'none' | 'coordinator' | 'rejoin' | 'reset-generation' | 'reset-member',
    readonly javaClass = 'org.apache.kafka.clients.consumer.CommitFailedException',
  ) {
    super(message);
    this.name = 'CommitFailure';
  }
}

export const COMMIT_FAILED_MESSAGE =
  'Commit cannot be completed since the group has already rebalanced and assigned the partitions to another member. ' +
  'This means that the time between subsequent calls to poll() was longer than the configured max.poll.interval.ms, ' +
  'which typically implies that the poll loop is spending too much time message processing. You can address this ' +
  'either by increasing max.poll.interval.ms or by reducing the maximum size of batches returned in poll() with max.poll.records.';

export type WarnFn = (level: 'WARN' | 'ERROR', message: string) => void;

/** Java's `{t-0=OffsetAndMetadata{offset=5, leaderEpoch=null, metadata=''}, ...}`. */
export function formatOffsets(offsets: readonly OffsetToCommit[]): string {
  return `{${offsets.map((o) => `${o.topic}-${o.partition}=OffsetAndMetadata{offset=${o.offset}, leaderEpoch=${o.leaderEpoch === undefined || o.leaderEpoch < 0 ? 'null' : o.leaderEpoch}, metadata=''}`).join(', ')}}`;
}

/** Send one OffsetCommit; resolves when every partition was committed, throws a CommitFailure otherwise. */
export async function commitOffsets(
  conn: BrokerConnection, groupId: string, gen: CommitGeneration, offsets: readonly OffsetToCommit[], warn: WarnFn,
): Promise<void> {
  if (offsets.length === 0) return;
  const byTopic = new Map<string, OffsetToCommit[]>();
  for (const o of offsets) {
    let l = byTopic.get(o.topic);
    if (!l) byTopic.set(o.topic, (l = []));
    l.push(o);
  }
  const body: any = await conn.send(ApiKey.OffsetCommit, {
    groupId,
    generationIdOrMemberEpoch: gen.generationId,
    memberId: gen.memberId,
    groupInstanceId: gen.groupInstanceId,
    retentionTimeMs: -1,
    topics: [...byTopic].map(([name, ps]) => ({
      name,
      partitions: ps.map((p) => ({ partitionIndex: p.partition, committedOffset: p.offset, committedLeaderEpoch: p.leaderEpoch ?? -1, committedMetadata: '' })),
    })),
  });
  const unauthorized: string[] = [];
  for (const t of body.topics) {
    for (const p of t.partitions) {
      const code: number = p.errorCode;
      if (code === ErrorCode.NONE) continue;
      const info = errorInfo(code);
      const offset = offsets.find((o) => o.topic === t.name && o.partition === p.partitionIndex)?.offset ?? -1;
      warn(info.retriable ? 'WARN' : 'ERROR', `Offset commit failed on partition ${t.name}-${p.partitionIndex} at offset ${offset}: ${info.message}`);
      switch (code) {
        case ErrorCode.GROUP_AUTHORIZATION_FAILED:
          throw new CommitFailure(`Not authorized to access group: ${groupId}`, false, 'none', 'org.apache.kafka.common.errors.GroupAuthorizationException');
        case ErrorCode.TOPIC_AUTHORIZATION_FAILED:
          unauthorized.push(t.name);
          continue;
        case ErrorCode.OFFSET_METADATA_TOO_LARGE:
        case ErrorCode.INVALID_COMMIT_OFFSET_SIZE:
          throw new CommitFailure(info.message ?? '', false, 'none', KafkaError.from(code).javaName());
        case ErrorCode.COORDINATOR_LOAD_IN_PROGRESS:
        case ErrorCode.UNKNOWN_TOPIC_OR_PARTITION:
          throw new CommitFailure(info.message ?? '', true, 'none', KafkaError.from(code).javaName());
        case ErrorCode.COORDINATOR_NOT_AVAILABLE:
        case ErrorCode.NOT_COORDINATOR:
        case ErrorCode.REQUEST_TIMED_OUT:
          throw new CommitFailure(info.message ?? '', true, 'coordinator', KafkaError.from(code).javaName());
        case ErrorCode.REBALANCE_IN_PROGRESS:
          throw new CommitFailure(
            'Offset commit cannot be completed since the consumer group is executing a rebalance at the moment. You can try completing the rebalance by calling poll() and then retry commit again',
            false, 'rejoin', 'org.apache.kafka.common.errors.RebalanceInProgressException',
          );
        case ErrorCode.UNKNOWN_MEMBER_ID:
          throw new CommitFailure(COMMIT_FAILED_MESSAGE, false, 'reset-member');
        case ErrorCode.ILLEGAL_GENERATION:
          throw new CommitFailure(COMMIT_FAILED_MESSAGE, false, 'reset-generation');
        case ErrorCode.FENCED_INSTANCE_ID:
          throw new CommitFailure(info.message ?? '', false, 'none', 'org.apache.kafka.common.errors.FencedInstanceIdException');
        default:
          throw new CommitFailure(`Unexpected error in commit: ${info.message}`, false, 'none', 'org.apache.kafka.common.KafkaException');
      }
    }
  }
  if (unauthorized.length > 0) {
    warn('ERROR', `Not authorized to commit to topics [${unauthorized.join(', ')}]`);
    throw new CommitFailure(`Not authorized to access topics: [${unauthorized.join(', ')}]`, false, 'none', 'org.apache.kafka.common.errors.TopicAuthorizationException');
  }
}

/**
 * Committed offsets of the partitions (OffsetFetch); a partition without one maps to null.
 * Throws a CommitFailure (retriable for coordinator and unstable-offset answers).
 */
export async function fetchCommittedOffsets(conn: BrokerConnection, groupId: string, partitions: readonly TopicPartition[]): Promise<Map<string, CommittedOffset | null>> {
  const byTopic = new Map<string, number[]>();
  for (const p of partitions) {
    let l = byTopic.get(p.topic);
    if (!l) byTopic.set(p.topic, (l = []));
    l.push(p.partition);
  }
  // requireStable (v7+), as Java's ConsumerCoordinator always asks: a partition whose offset is
  // pending in a transaction answers UNSTABLE_OFFSET_COMMIT until the marker, and is asked again.
  const body: any = await conn.send(ApiKey.OffsetFetch, {
    groupId,
    topics: [...byTopic].map(([name, partitionIndexes]) => ({ name, partitionIndexes })),
    requireStable: true,
  });
  const top: number = body.errorCode ?? 0;
  if (top !== ErrorCode.NONE) {
    const info = errorInfo(top);
    if (top === ErrorCode.COORDINATOR_NOT_AVAILABLE || top === ErrorCode.NOT_COORDINATOR) throw new CommitFailure(info.message ?? '', true, 'coordinator', KafkaError.from(top).javaName());
    if (top === ErrorCode.GROUP_AUTHORIZATION_FAILED) throw new CommitFailure(`Not authorized to access group: ${groupId}`, false, 'none', 'org.apache.kafka.common.errors.GroupAuthorizationException');
    if (info.retriable) throw new CommitFailure(info.message ?? '', true, 'none', KafkaError.from(top).javaName());
    throw new CommitFailure(`Unexpected error in fetch offset response: ${info.message}`, false, 'none', 'org.apache.kafka.common.KafkaException');
  }
  const out = new Map<string, CommittedOffset | null>();
  let unstable = false;
  for (const t of body.topics) {
    for (const p of t.partitions) {
      const key = `${t.name}:${p.partitionIndex}`;
      const code: number = p.errorCode;
      if (code === ErrorCode.NONE) {
        out.set(key, p.committedOffset >= 0 ? { offset: p.committedOffset, leaderEpoch: p.committedLeaderEpoch ?? -1 } : null);
      } else if (code === ErrorCode.UNSTABLE_OFFSET_COMMIT) {
        unstable = true;
      } else if (code === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) {
        throw new CommitFailure(`Topic or Partition ${t.name}-${p.partitionIndex} does not exist`, false, 'none', 'org.apache.kafka.common.KafkaException');
      } else if (code === ErrorCode.TOPIC_AUTHORIZATION_FAILED) {
        throw new CommitFailure(`Not authorized to access topics: [${t.name}]`, false, 'none', 'org.apache.kafka.common.errors.TopicAuthorizationException');
      } else {
        throw new CommitFailure(`Unexpected error in fetch offset response for partition ${t.name}-${p.partitionIndex}: ${errorInfo(code).message}`, false, 'none', 'org.apache.kafka.common.KafkaException');
      }
    }
  }
  if (unstable) throw new CommitFailure('There are unstable offsets that need to be cleared.', true, 'none', 'org.apache.kafka.common.errors.UnstableOffsetCommitException');
  return out;
}
