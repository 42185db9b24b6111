// API key -> handler. The engine advertises exactly the keys registered here (see ApiVersions).
import type { Engine } from '../../engine';
import type { ConnectionContext } from '../dispatch';
import { ApiKey } from '../../../protocol/apis';
import { handleApiVersions } from './api-versions';
import { handleMetadata } from './metadata';
import { handleProduce } from './produce';
import { handleFetch } from './fetch';
import { handleListOffsets } from './list-offsets';
import { handleCreateTopics } from './create-topics';
import { handleDeleteTopics } from './delete-topics';
import { handleCreatePartitions } from './create-partitions';
import { handleDescribeConfigs } from './describe-configs';
import { handleAlterConfigs } from './alter-configs';
import { handleIncrementalAlterConfigs } from './incremental-alter-configs';
import { handleInitProducerId } from './init-producer-id';
import { handleFindCoordinator } from './find-coordinator';
import { handleJoinGroup } from './join-group';
import { handleSyncGroup } from './sync-group';
import { handleHeartbeat } from './heartbeat';
import { handleLeaveGroup } from './leave-group';
import { handleOffsetCommit } from './offset-commit';
import { handleOffsetFetch } from './offset-fetch';
import { handleListGroups } from './list-groups';
import { handleDescribeGroups } from './describe-groups';
import { handleDeleteGroups } from './delete-groups';
import { handleOffsetDelete } from './offset-delete';
import { handleDeleteRecords } from './delete-records';
import { handleDescribeCluster } from './describe-cluster';
import { handleDescribeTopicPartitions } from './describe-topic-partitions';
import { handleAlterClientQuotas, handleDescribeClientQuotas } from './client-quotas';
import { handleAlterUserScramCredentials, handleDescribeUserScramCredentials } from './scram-credentials';
import { handleListConfigResources } from './list-config-resources';
import { handleAlterPartition } from './alter-partition';
import { handleAllocateProducerIds } from './allocate-producer-ids';
import { onController } from '../forwarding';
import { handleOffsetForLeaderEpoch } from './offset-for-leader-epoch';
import { handleDescribeLogDirs } from './describe-log-dirs';
import { handleElectLeaders } from './elect-leaders';
import { handleAlterPartitionReassignments, handleListPartitionReassignments } from './partition-reassignments';
import { handleDescribeQuorum } from './describe-quorum';
import { handleAddPartitionsToTxn } from './add-partitions-to-txn';
import { handleAddOffsetsToTxn } from './add-offsets-to-txn';
import { handleEndTxn } from './end-txn';
import { handleDescribeTransactions } from './describe-transactions';
import { handleListTransactions } from './list-transactions';
import { handleWriteTxnMarkers } from './write-txn-markers';
import { handleDescribeProducers } from './describe-producers';
import { handleTxnOffsetCommit } from './txn-offset-commit';
import { handleCreateAcls, handleDeleteAcls, handleDescribeAcls } from './acls';
import { withBrokerLoggersHere } from './broker-loggers';
import { handleSaslAuthenticate, handleSaslHandshake } from './sasl';

export interface RequestContext {
  version: number;
  clientId: string | null;
  correlationId: number;
  connection: ConnectionContext;
}

/** Returned by a handler when the request gets no response at all (Produce with acks=0). */
export const NO_RESPONSE = Symbol('no-response');

export type Handler = (engine: Engine, request: any, ctx: RequestContext) => unknown | Promise<unknown>;

export const HANDLERS: ReadonlyMap<number, Handler> = new Map<number, Handler>([
  [ApiKey.ApiVersions, handleApiVersions],
  [ApiKey.Metadata, handleMetadata],
  [ApiKey.Produce, handleProduce],
  [ApiKey.Fetch, handleFetch],
  [ApiKey.ListOffsets, handleListOffsets],
  [ApiKey.CreateTopics, onController(ApiKey.CreateTopics, handleCreateTopics)],
  [ApiKey.DeleteTopics, onController(ApiKey.DeleteTopics, handleDeleteTopics)],
  [ApiKey.CreatePartitions, onController(ApiKey.CreatePartitions, handleCreatePartitions)],
  [ApiKey.DescribeConfigs, handleDescribeConfigs],
  [ApiKey.AlterConfigs, onController(ApiKey.AlterConfigs, handleAlterConfigs)],
  [ApiKey.IncrementalAlterConfigs, withBrokerLoggersHere(onController(ApiKey.IncrementalAlterConfigs, handleIncrementalAlterConfigs))],
  [ApiKey.InitProducerId, handleInitProducerId],
  [ApiKey.FindCoordinator, handleFindCoordinator],
  [ApiKey.AddPartitionsToTxn, handleAddPartitionsToTxn],
  [ApiKey.AddOffsetsToTxn, handleAddOffsetsToTxn],
  [ApiKey.EndTxn, handleEndTxn],
  [ApiKey.DescribeTransactions, handleDescribeTransactions],
  [ApiKey.ListTransactions, handleListTransactions],
  [ApiKey.JoinGroup, handleJoinGroup],
  [ApiKey.SyncGroup, handleSyncGroup],
  [ApiKey.Heartbeat, handleHeartbeat],
  [ApiKey.LeaveGroup, handleLeaveGroup],
  [ApiKey.OffsetCommit, handleOffsetCommit],
  [ApiKey.OffsetFetch, handleOffsetFetch],
  [ApiKey.ListGroups, handleListGroups],
  [ApiKey.DescribeGroups, handleDescribeGroups],
  [ApiKey.DeleteGroups, handleDeleteGroups],
  [ApiKey.OffsetDelete, handleOffsetDelete],
  [ApiKey.DeleteRecords, handleDeleteRecords],
  [ApiKey.DescribeCluster, handleDescribeCluster],
  [ApiKey.DescribeTopicPartitions, handleDescribeTopicPartitions],
  [ApiKey.DescribeClientQuotas, handleDescribeClientQuotas],
  [ApiKey.AlterClientQuotas, onController(ApiKey.AlterClientQuotas, handleAlterClientQuotas)],
  [ApiKey.DescribeUserScramCredentials, handleDescribeUserScramCredentials],
  [ApiKey.AlterUserScramCredentials, onController(ApiKey.AlterUserScramCredentials, handleAlterUserScramCredentials)],
  [ApiKey.ListConfigResources, handleListConfigResources],
  [ApiKey.DescribeProducers, handleDescribeProducers],
  [ApiKey.TxnOffsetCommit, handleTxnOffsetCommit],
  [ApiKey.DescribeAcls, handleDescribeAcls],
  [ApiKey.CreateAcls, handleCreateAcls],
  [ApiKey.DeleteAcls, handleDeleteAcls],
  [ApiKey.SaslHandshake, handleSaslHandshake],
  [ApiKey.SaslAuthenticate, handleSaslAuthenticate],
  // Inter-broker (INTER_BROKER in protocol/apis): answered by the active controller.
  [ApiKey.AlterPartition, handleAlterPartition],
  [ApiKey.AllocateProducerIds, handleAllocateProducerIds],
  [ApiKey.WriteTxnMarkers, handleWriteTxnMarkers],
  [ApiKey.OffsetForLeaderEpoch, handleOffsetForLeaderEpoch],
  [ApiKey.DescribeLogDirs, handleDescribeLogDirs],
  [ApiKey.ElectLeaders, onController(ApiKey.ElectLeaders, handleElectLeaders)],
  [ApiKey.AlterPartitionReassignments, onController(ApiKey.AlterPartitionReassignments, handleAlterPartitionReassignments)],
  [ApiKey.ListPartitionReassignments, onController(ApiKey.ListPartitionReassignments, handleListPartitionReassignments)],
  [ApiKey.DescribeQuorum, onController(ApiKey.DescribeQuorum, handleDescribeQuorum)],
]);
