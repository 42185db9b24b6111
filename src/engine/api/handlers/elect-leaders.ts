// ElectLeaders (v0-2), which a KRaft broker forwards to its controller; answered here as the
// controller of a one-broker cluster would: every partition is led by its preferred and only
// replica, so no election is ever needed (ELECTION_NOT_NEEDED, which Kafka's tool reports as
// "Valid replica already elected"). Asked for every partition (null), the controller leaves those
// out, so the answer is empty. Unknown topics and partitions get Kafka's texts.
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import { ErrorCode } from '../../../protocol/errors';
import type { ElectLeadersRequest, ElectLeadersResponse } from '../../../protocol/messages/elect-leaders';

const PREFERRED = 0;
const UNCLEAN = 1;

export function handleElectLeaders(engine: Engine, req: ElectLeadersRequest, ctx: RequestContext): ElectLeadersResponse {
  const md = engine.metadata;
  const electionType = ctx.version >= 1 ? req.electionType : PREFERRED;
  const result = (partitionId: number, errorCode: number, errorMessage: string | null) => ({ partitionId, errorCode, errorMessage });
  if (req.topicPartitions === null) return { throttleTimeMs: 0, errorCode: 0, replicaElectionResults: [] };
  const replicaElectionResults = req.topicPartitions.map((t) => ({
    topic: t.topic,
    partitionResult: t.partitions.map((partition) => {
      if (electionType !== PREFERRED && electionType !== UNCLEAN) {
        return result(partition, ErrorCode.INVALID_REQUEST, `Unknown election type ${electionType}`);
      }
      const topic = md.topic(t.topic);
      if (!topic) return result(partition, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `No such topic as ${t.topic}`);
      const p = topic.partitions[partition];
      if (!p) return result(partition, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `No such partition as ${t.topic}-${partition}`);
      const view = md.partitionView(p);
      if (view.leader < 0) {
        return electionType === PREFERRED
          ? result(partition, ErrorCode.PREFERRED_LEADER_NOT_AVAILABLE, `Unable to perform preferred leader election for ${t.topic}-${partition}`)
          : result(partition, ErrorCode.ELIGIBLE_LEADERS_NOT_AVAILABLE, `Unable to perform unclean leader election for ${t.topic}-${partition}`);
      }
      if (electionType === PREFERRED && view.leader !== view.replicas[0]) {
        return result(partition, ErrorCode.PREFERRED_LEADER_NOT_AVAILABLE, `Failed to elect leader for partition ${t.topic}-${partition}`);
      }
      return result(partition, ErrorCode.ELECTION_NOT_NEEDED, 'Leader election not needed for topic partition.');
    }),
  }));
  return { throttleTimeMs: 0, errorCode: 0, replicaElectionResults };
}
