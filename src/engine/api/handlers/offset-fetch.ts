// OffsetFetch v0-7 (v0 reads what OffsetCommit v0 stored, with the others): committed offsets of the listed partitions, or (v2+, topics null) all of the
// group's. Partitions without a commit get offset -1 and empty metadata; v7's requireStable refuses pending transactional ones.
import type { Engine } from '../../engine';
import { ErrorCode } from '../../../protocol/errors';

export function handleOffsetFetch(engine: Engine, req: { groupId: string; topics: { name: string; partitionIndexes: number[] }[] | null; requireStable?: boolean }): unknown {
  if (req.groupId === null) return { throttleTimeMs: 0, topics: [], errorCode: ErrorCode.INVALID_GROUP_ID };
  // requireStable (v7+): partitions with a transactional commit pending are UNSTABLE_OFFSET_COMMIT.
  const r = engine.coordinator.fetchOffsets(req.groupId, req.topics, req.requireStable === true);
  return { throttleTimeMs: 0, topics: r.topics, errorCode: r.errorCode };
}
