// ListGroups v0-2: every group this coordinator knows (any state), with its protocol type.
import type { Engine } from '../engine';

export function handleListGroups(engine: Engine): unknown {
  const groups = engine.coordinator.listGroups().map((g) => ({ groupId: g.groupId, protocolType: g.protocolType }));
  return { throttleTimeMs: 0, errorCode: 0, groups };
}
