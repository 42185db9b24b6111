// ListGroups v0-5: every group this coordinator knows, with its protocol type; v4+ also its
// state (and filters by states), v5+ its type (and filters by types). Filters match names
// case-insensitively, as Kafka's coordinator does; every group here is a classic group, which a
// Kafka broker names `classic` on the wire.
import type { Engine } from '../../engine';
import type { ListGroupsRequest, ListGroupsResponse } from '../../../protocol/messages/list-groups';

const GROUP_TYPE = 'classic';

export function handleListGroups(engine: Engine, req: ListGroupsRequest): ListGroupsResponse {
  const states = new Set((req.statesFilter ?? []).map((s) => s.toLowerCase()));
  const types = new Set((req.typesFilter ?? []).map((t) => t.toLowerCase()));
  if (types.size > 0 && !types.has(GROUP_TYPE)) return { throttleTimeMs: 0, errorCode: 0, groups: [] };
  const groups = engine.coordinator.listGroups()
    .filter((g) => states.size === 0 || states.has(g.state.toLowerCase()))
    .map((g) => ({ groupId: g.groupId, protocolType: g.protocolType, groupState: g.state, groupType: GROUP_TYPE }));
  return { throttleTimeMs: 0, errorCode: 0, groups };
}
