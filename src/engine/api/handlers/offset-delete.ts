// OffsetDelete v0: drop committed offsets of partitions the group's active members do not
// subscribe to (GROUP_SUBSCRIBED_TO_TOPIC for those they do).
import type { Engine } from '../../engine';

export function handleOffsetDelete(engine: Engine, req: { groupId: string; topics: { name: string; partitions: { partitionIndex: number }[] }[] }): unknown {
  const r = engine.coordinator.deleteOffsets(req.groupId, req.topics);
  return { errorCode: r.errorCode, throttleTimeMs: 0, topics: r.topics };
}
