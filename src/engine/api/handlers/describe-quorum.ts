// DescribeQuorum (v0-2), which a KRaft broker forwards to the active controller. The engine is a
// one-node cluster of its own, so it answers as a combined broker+controller node does: it is the
// quorum's only voter and leader (epoch 1), no observers, and its metadata log ends at the
// metadata it holds (one record per topic and partition, a stand-in for Kafka's offsets).
// Its controller endpoint is its own listener (it has no separate CONTROLLER listener).
import { createHash } from 'node:crypto';
import type { Engine } from '../../engine';
import { ErrorCode } from '../../../protocol/errors';
import type { DescribeQuorumRequest, DescribeQuorumResponse } from '../../../protocol/messages/describe-quorum';

const METADATA_TOPIC = '__cluster_metadata';

/** A stable directory id for the node (Kafka's meta.properties directory.id), from the cluster id. */
function directoryId(clusterId: string, nodeId: number): string {
  const h = createHash('sha256').update(`${clusterId}/${nodeId}`).digest().subarray(0, 16);
  return h.toString('base64url');
}

export function handleDescribeQuorum(engine: Engine, req: DescribeQuorumRequest): DescribeQuorumResponse {
  const md = engine.metadata;
  const valid = req.topics.length === 1 && req.topics[0].topicName === METADATA_TOPIC
    && req.topics[0].partitions.length === 1 && req.topics[0].partitions[0].partitionIndex === 0;
  if (!valid) return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: null, topics: [], nodes: [] };
  const highWatermark = md.allTopics().reduce((n, t) => n + 1 + t.partitions.length, 1);
  const now = Date.now();
  const self = md.brokers().find((b) => b.nodeId === md.localNodeId)!;
  return {
    errorCode: 0,
    errorMessage: null,
    topics: [{
      topicName: METADATA_TOPIC,
      partitions: [{
        partitionIndex: 0, errorCode: 0, errorMessage: null, leaderId: md.localNodeId, leaderEpoch: 1, highWatermark,
        currentVoters: [{
          replicaId: md.localNodeId, replicaDirectoryId: directoryId(md.clusterId, md.localNodeId),
          logEndOffset: highWatermark, lastFetchTimestamp: now, lastCaughtUpTimestamp: now,
        }],
        observers: [],
      }],
    }],
    nodes: [{ nodeId: md.localNodeId, listeners: [{ name: 'CONTROLLER', host: self.host, port: self.port }] }],
  };
}
