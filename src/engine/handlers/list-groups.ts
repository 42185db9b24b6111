// ListGroups: every group this coordinator knows, with its protocol type; v4+ with its state and
// only those in StatesFilter, v5+ with its type ("classic": the only group type served here) and
// only those in TypesFilter. Filters match case-insensitively, as Kafka's GroupMetadataManager.
import type { Engine } from '../engine';
import type { RequestContext } from '.';
import type { ListGroupsRequest, ListGroupsResponse } from '../../protocol/messages/list-groups';

const CLASSIC = 'classic';

export function handleListGroups(engine: Engine, req: ListGroupsRequest, _ctx: RequestContext): ListGroupsResponse {
  const states = new Set((req.statesFilter ?? []).map((s) => s.toLowerCase()));
  const types = new Set((req.typesFilter ?? []).map((s) => s.toLowerCase()));
  const groups = engine.coordinator.listGroups()
    .filter((g) => states.size === 0 || states.has(g.state.toLowerCase()))
    .filter(() => types.size === 0 || types.has(CLASSIC))
    .map((g) => ({ groupId: g.groupId, protocolType: g.protocolType, groupState: g.state, groupType: CLASSIC }));
  return { throttleTimeMs: 0, errorCode: 0, groups };
}
