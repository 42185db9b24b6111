// Every API schema we implement, by API key.
import { ApiSpec } from '../schema';
import { apiVersions } from './api-versions';
import { metadata } from './metadata';
import { produce } from './produce';
import { fetch } from './fetch';
import { listOffsets } from './list-offsets';
import { createTopics } from './create-topics';
import { deleteTopics } from './delete-topics';
import { createPartitions } from './create-partitions';
import { describeConfigs } from './describe-configs';
import { initProducerId } from './init-producer-id';
import { findCoordinator } from './find-coordinator';
import { joinGroup } from './join-group';
import { heartbeat } from './heartbeat';
import { leaveGroup } from './leave-group';
import { syncGroup } from './sync-group';
import { offsetCommit } from './offset-commit';
import { offsetFetch } from './offset-fetch';
import { describeGroups } from './describe-groups';
import { listGroups } from './list-groups';
import { deleteGroups } from './delete-groups';
import { offsetDelete } from './offset-delete';
import { deleteRecords } from './delete-records';
import { alterConfigs } from './alter-configs';
import { incrementalAlterConfigs } from './incremental-alter-configs';
import { saslHandshake } from './sasl-handshake';
import { saslAuthenticate } from './sasl-authenticate';
import { createAcls, deleteAcls, describeAcls } from './acls';
import { consumerGroupDescribe } from './consumer-group-describe';
import { describeCluster } from './describe-cluster';
import { describeTopicPartitions } from './describe-topic-partitions';
import { alterPartition } from './alter-partition';
import { allocateProducerIds } from './allocate-producer-ids';
import { alterClientQuotas, describeClientQuotas } from './client-quotas';
import { alterUserScramCredentials, describeUserScramCredentials } from './scram-credentials';
import { listConfigResources } from './list-config-resources';
import { offsetForLeaderEpoch } from './offset-for-leader-epoch';
import { describeLogDirs } from './describe-log-dirs';
import { electLeaders } from './elect-leaders';
import { alterPartitionReassignments, listPartitionReassignments } from './alter-partition-reassignments';
import { describeQuorum } from './describe-quorum';
import { addPartitionsToTxn } from './add-partitions-to-txn';
import { addOffsetsToTxn } from './add-offsets-to-txn';
import { endTxn } from './end-txn';
import { writeTxnMarkers } from './write-txn-markers';
import { txnOffsetCommit } from './txn-offset-commit';
import { describeProducers } from './describe-producers';
import { describeTransactions } from './describe-transactions';
import { listTransactions } from './list-transactions';

export * from './api-versions';
export * from './metadata';
export * from './produce';
export * from './fetch';
export * from './list-offsets';
export * from './create-topics';
export * from './delete-topics';
export * from './create-partitions';
export * from './describe-configs';
export * from './init-producer-id';
export * from './find-coordinator';
export * from './join-group';
export * from './heartbeat';
export * from './leave-group';
export * from './sync-group';
export * from './offset-commit';
export * from './offset-fetch';
export * from './describe-groups';
export * from './list-groups';
export * from './delete-groups';
export * from './offset-delete';
export * from './delete-records';
export * from './alter-configs';
export * from './incremental-alter-configs';
export * from './sasl-handshake';
export * from './consumer-group-describe';
export * from './describe-cluster';
export * from './describe-topic-partitions';
export * from './client-quotas';
export * from './scram-credentials';
export * from './list-config-resources';
export * from './offset-for-leader-epoch';
export * from './describe-log-dirs';
export * from './elect-leaders';
export * from './alter-partition-reassignments';
export * from './describe-quorum';
export * from './alter-partition';
export * from './allocate-producer-ids';
export * from './add-partitions-to-txn';
export * from './add-offsets-to-txn';
export * from './end-txn';
export * from './write-txn-markers';
export * from './txn-offset-commit';
export * from './describe-producers';
export * from './describe-transactions';
export * from './list-transactions';
export * from './sasl-authenticate';
export * from './acls';

export const ALL_API_SPECS: readonly ApiSpec[] = [
  produce,
  fetch,
  listOffsets,
  metadata,
  offsetCommit,
  offsetFetch,
  findCoordinator,
  joinGroup,
  heartbeat,
  leaveGroup,
  syncGroup,
  describeGroups,
  listGroups,
  saslHandshake,
  apiVersions,
  createTopics,
  deleteTopics,
  deleteRecords,
  initProducerId,
  describeConfigs,
  alterConfigs,
  createPartitions,
  deleteGroups,
  incrementalAlterConfigs,
  offsetDelete,
  describeClientQuotas,
  alterClientQuotas,
  describeUserScramCredentials,
  alterUserScramCredentials,
  describeCluster,
  consumerGroupDescribe,
  listConfigResources,
  describeTopicPartitions,
  alterPartition,
  allocateProducerIds,
  offsetForLeaderEpoch,
  describeLogDirs,
  electLeaders,
  alterPartitionReassignments,
  listPartitionReassignments,
  describeQuorum,
  addPartitionsToTxn,
  addOffsetsToTxn,
  endTxn,
  writeTxnMarkers,
  txnOffsetCommit,
  describeProducers,
  describeTransactions,
  listTransactions,
  saslAuthenticate,
  describeAcls,
  createAcls,
  deleteAcls,
];

export const API_SPECS: Map<number, ApiSpec> = new Map(ALL_API_SPECS.map((s) => [s.apiKey, s]));
