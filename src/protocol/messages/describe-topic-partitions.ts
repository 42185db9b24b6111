// DescribeTopicPartitions (API key 75): version 0, flexible. What Admin.describeTopics() asks a
// broker that offers it (Kafka 3.8+, KIP-966), instead of Metadata: partitions page by page
// (ResponsePartitionLimit, a Cursor to resume from), with eligible leader replicas.
// Field layout follows Kafka 4.4's DescribeTopicPartitionsRequest/Response definitions.
import { ApiSpec, FieldSpec } from '../schema';

export interface DescribeTopicPartitionsCursor {
  topicName: string;
  partitionIndex: number;
}

export interface DescribeTopicPartitionsRequest {
  topics: { name: string }[];
  responsePartitionLimit: number;
  cursor: DescribeTopicPartitionsCursor | null;
}

export interface DescribeTopicPartitionsResponsePartition {
  errorCode: number;
  partitionIndex: number;
  leaderId: number;
  leaderEpoch: number;
  replicaNodes: number[];
  isrNodes: number[];
  eligibleLeaderReplicas: number[] | null;
  lastKnownElr: number[] | null;
  offlineReplicas: number[];
}

export interface DescribeTopicPartitionsResponseTopic {
  errorCode: number;
  name: string | null;
  topicId: string;
  isInternal: boolean;
  partitions: DescribeTopicPartitionsResponsePartition[];
  topicAuthorizedOperations: number;
}

export interface DescribeTopicPartitionsResponse {
  throttleTimeMs: number;
  topics: DescribeTopicPartitionsResponseTopic[];
  nextCursor: DescribeTopicPartitionsCursor | null;
}

const cursor = (name: string): FieldSpec => ({
  name, type: 'struct', versions: '0+', nullableVersions: '0+', default: null, fields: [
    { name: 'topicName', type: 'string', versions: '0+' },
    { name: 'partitionIndex', type: 'int32', versions: '0+' },
  ],
});

export const describeTopicPartitions: ApiSpec = {
  apiKey: 75,
  name: 'DescribeTopicPartitions',
  validVersions: '0',
  flexibleVersions: '0+',
  request: [
    { name: 'topics', type: '[]', versions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
    ] },
    { name: 'responsePartitionLimit', type: 'int32', versions: '0+', default: 2000 },
    cursor('cursor'),
  ],
  response: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'topics', type: '[]', versions: '0+', fields: [
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'name', type: 'string', versions: '0+', nullableVersions: '0+' },
      { name: 'topicId', type: 'uuid', versions: '0+' },
      { name: 'isInternal', type: 'bool', versions: '0+' },
      { name: 'partitions', type: '[]', versions: '0+', fields: [
        { name: 'errorCode', type: 'int16', versions: '0+' },
        { name: 'partitionIndex', type: 'int32', versions: '0+' },
        { name: 'leaderId', type: 'int32', versions: '0+' },
        { name: 'leaderEpoch', type: 'int32', versions: '0+', default: -1 },
        { name: 'replicaNodes', type: '[]int32', versions: '0+' },
        { name: 'isrNodes', type: '[]int32', versions: '0+' },
        { name: 'eligibleLeaderReplicas', type: '[]int32', versions: '0+', nullableVersions: '0+', default: null },
        { name: 'lastKnownElr', type: '[]int32', versions: '0+', nullableVersions: '0+', default: null },
        { name: 'offlineReplicas', type: '[]int32', versions: '0+' },
      ] },
      { name: 'topicAuthorizedOperations', type: 'int32', versions: '0+', default: -2147483648 },
    ] },
    cursor('nextCursor'),
  ],
};
