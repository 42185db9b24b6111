// DescribeQuorum (v0-2), which a KRaft broker forwards to the active controller (routed by
// onController). A one-broker engine is a cluster of its own, so it answers as a combined
// broker+controller node does: it is the quorum's only voter and leader (epoch 1), no observers,
// and its metadata log ends at the metadata it holds (one record per topic and partition, a
// stand-in for Kafka's offsets). In a cluster the quorum is the shared metadata store: the
// active controller (the lease holder) is the leader and only voter, at the lease's epoch, its
// log ending at the metadata log's last offset; the other brokers are observers, as a KRaft
// cluster with a dedicated controller shows its brokers, each at the metadata offset it
// reported with its last heartbeat. The controller endpoint is the node's own listener (it has
// no separate CONTROLLER listener).
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
  if (engine.settings.cluster !== null) return clusterQuorum(engine);
  const highWatermark = md.allTopics().reduce((n, t) => n + 1 + t.partitions.length, 1);
  const self = md.brokers().find((b) => b.nodeId === md.localNodeId)!;
  return quorum(md.localNodeId, 1, highWatermark, directoryId(md.clusterId, md.localNodeId), [], self.host, self.port);
}

/** Observers Kafka's leader still lists: those heard from within its observer session timeout. */
const OBSERVER_SESSION_MS = 300000;

function clusterQuorum(engine: Engine): DescribeQuorumResponse {
  const controller = engine.controller;
  if (!controller.isActive()) return { errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER, errorMessage: null, topics: [], nodes: [] };
  engine.loader.catchUp();
  const image = engine.loader.image;
  const self = engine.settings.nodeId;
  const clusterId = engine.metadata.clusterId;
  const highWatermark = image.offset;
  const now = Date.now();
  const observers = engine.metadataStore.sessions()
    .filter((s) => s.nodeId !== self && now - s.heartbeatMs < OBSERVER_SESSION_MS)
    .sort((a, b) => a.nodeId - b.nodeId)
    .map((s) => ({
      replicaId: s.nodeId, replicaDirectoryId: directoryId(clusterId, s.nodeId), logEndOffset: s.metadataOffset,
      lastFetchTimestamp: s.heartbeatMs, lastCaughtUpTimestamp: s.metadataOffset >= highWatermark ? s.heartbeatMs : -1,
    }));
  const ep = image.brokers.get(self)?.endpoints[0] ?? { host: engine.metadata.brokers().find((b) => b.nodeId === self)?.host ?? '', port: -1 };
  return quorum(self, controller.epoch(), highWatermark, directoryId(clusterId, self), observers, ep.host, ep.port);
}

/** The one-partition answer of __cluster_metadata: this node the leader and only voter, caught up now. */
function quorum(
  leaderId: number, leaderEpoch: number, highWatermark: number, leaderDirectoryId: string,
  observers: DescribeQuorumResponse['topics'][number]['partitions'][number]['observers'], host: string, port: number,
): DescribeQuorumResponse {
  const now = Date.now();
  return {
    errorCode: 0,
    errorMessage: null,
    topics: [{
      topicName: METADATA_TOPIC,
      partitions: [{
        partitionIndex: 0, errorCode: 0, errorMessage: null, leaderId, leaderEpoch, highWatermark,
        currentVoters: [{ replicaId: leaderId, replicaDirectoryId: leaderDirectoryId, logEndOffset: highWatermark, lastFetchTimestamp: now, lastCaughtUpTimestamp: now }],
        observers,
      }],
    }],
    nodes: [{ nodeId: leaderId, listeners: [{ name: 'CONTROLLER', host, port }] }],
  };
}
