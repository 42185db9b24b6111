// DescribeGroups v0-4: state, protocol and members; member metadata and assignments only when
// the group is Stable. Unknown groups are reported as state Dead.
import type { Engine } from '../engine';

export function handleDescribeGroups(engine: Engine, req: { groups: string[]; includeAuthorizedOperations?: boolean }): unknown {
  const groups = req.groups.map((id) => engine.coordinator.describeGroup(id, req.includeAuthorizedOperations === true));
  return { throttleTimeMs: 0, groups };
}
