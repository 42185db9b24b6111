// ElectLeaders (v0-2), which a KRaft broker forwards to its active controller (routed by
// onController): the controller runs a preferred or unclean election per partition on its image
// (ReplicationControl.electLeaders, Kafka's rules and error codes: ELECTION_NOT_NEEDED when the
// preferred replica already leads / a leader exists, PREFERRED_LEADER_NOT_AVAILABLE,
// ELIGIBLE_LEADERS_NOT_AVAILABLE) and appends the leader changes; the brokers act on them when
// they replay the metadata log. Asked for every partition (null), the controller leaves out
// those that needed no election. A one-broker cluster answers the same way: its only replica
// always leads, so no election is ever needed.
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import { defaultMessage, ErrorCode, KafkaError } from '../../../protocol/errors';
import type { ElectLeadersRequest, ElectLeadersResponse } from '../../../protocol/messages/elect-leaders';

const PREFERRED = 0;
const UNCLEAN = 1;

type Results = ElectLeadersResponse['replicaElectionResults'];

export function handleElectLeaders(engine: Engine, req: ElectLeadersRequest, ctx: RequestContext): ElectLeadersResponse {
  const electionType = ctx.version >= 1 ? req.electionType : PREFERRED;
  if (electionType !== PREFERRED && electionType !== UNCLEAN) {
    const replicaElectionResults = (req.topicPartitions ?? []).map((t) => ({
      topic: t.topic,
      partitionResult: t.partitions.map((partitionId) => ({ partitionId, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Unknown election type ${electionType}` })),
    }));
    return { throttleTimeMs: 0, errorCode: 0, replicaElectionResults };
  }
  const controller = engine.controller;
  let results;
  try {
    results = controller.write(() => {
      const r = controller.replication.electLeaders(electionType === PREFERRED ? 'preferred' : 'unclean', req.topicPartitions);
      return { records: r.records, result: r.results };
    });
  } catch (e) {
    if (!(e instanceof KafkaError)) throw e;
    return { throttleTimeMs: 0, errorCode: e.code, replicaElectionResults: [] };
  }
  const byTopic = new Map<string, Results[number]>();
  for (const r of results) {
    let t = byTopic.get(r.topic);
    if (!t) byTopic.set(r.topic, (t = { topic: r.topic, partitionResult: [] }));
    t.partitionResult.push({
      partitionId: r.partition, errorCode: r.errorCode,
      errorMessage: r.errorCode === 0 ? null : r.errorMessage ?? defaultMessage(r.errorCode),
    });
  }
  return { throttleTimeMs: 0, errorCode: 0, replicaElectionResults: [...byTopic.values()] };
}
