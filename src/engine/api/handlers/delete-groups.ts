// DeleteGroups v0-1: only Empty groups (NON_EMPTY_GROUP otherwise, GROUP_ID_NOT_FOUND if unknown);
// their offsets and metadata get tombstones in __consumer_offsets.
import type { Engine } from '../../engine';

export function handleDeleteGroups(engine: Engine, req: { groupsNames: string[] }): unknown {
  const results = req.groupsNames.map((groupId) => ({ groupId, errorCode: engine.coordinator.deleteGroup(groupId) }));
  return { throttleTimeMs: 0, results };
}
