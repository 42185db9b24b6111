import { describe, it, expect } from 'vitest';
import { bodyPlan } from '../../src/protocol/codec';
import { Reader } from '../../src/protocol/reader';
import { Writer } from '../../src/protocol/writer';
import { ApiSpec, FieldSpec, inRange, parseVersions } from '../../src/protocol/schema';
import * as M from '../../src/protocol/messages';
import { API_SPECS, ALL_API_SPECS } from '../../src/protocol/messages';
import {
  ErrorCode, errorInfo, allErrors, defaultMessage, KafkaError, throwIfError,
  TopicExistsError, UnknownTopicOrPartitionError, InvalidTopicError, InvalidPartitionsError,
  InvalidReplicationFactorError, InvalidConfigError, UnsupportedVersionError, NotLeaderOrFollowerError,
  TopicDeletionDisabledError, PolicyViolationError, RecordTooLargeError, MessageTooLargeError,
  NotEnoughReplicasError, CorruptMessageError, OffsetOutOfRangeError, InvalidRequestError,
  CoordinatorNotAvailableError, NotCoordinatorError, UnknownMemberIdError, IllegalGenerationError,
  RebalanceInProgressError, GroupIdNotFoundError, NonEmptyGroupError, DuplicateSequenceError,
  OutOfOrderSequenceError, InvalidRecordError,
} from '../../src/protocol/errors';

// ---------------------------------------------------------------------------------------------
// helpers

function isFlexible(spec: ApiSpec, v: number): boolean {
  return inRange(v, parseVersions(spec.flexibleVersions));
}

function encode(fields: FieldSpec[], v: number, flexible: boolean, obj: unknown): Buffer {
  const w = new Writer(16);
  bodyPlan(fields, v, flexible).encode(w, obj);
  return w.toBuffer();
}

function decode(fields: FieldSpec[], v: number, flexible: boolean, buf: Buffer): any {
  const r = new Reader(buf);
  const out = bodyPlan(fields, v, flexible).decode(r);
  expect(r.remaining()).toBe(0);
  return out;
}

function hex(b: Buffer): string {
  return b.toString('hex').replace(/(..)/g, '$1 ').trim();
}

/** The object a decoder must produce for `obj` at version v: absent fields take their defaults. */
function project(fields: FieldSpec[], v: number, flexible: boolean, obj: any): any {
  const out: any = {};
  for (const f of fields) {
    const nullable = inRange(v, parseVersions(f.nullableVersions));
    const tagged = flexible && f.tag !== undefined && inRange(v, parseVersions(f.taggedVersions));
    const present = tagged || (inRange(v, parseVersions(f.versions)) && f.taggedVersions === undefined);
    let dflt: unknown = f.default;
    if (dflt === undefined) {
      if (f.type.startsWith('[]')) dflt = nullable ? null : [];
      else if (f.type === 'struct') dflt = null;
      else if (f.type === 'bool') dflt = false;
      else if (f.type === 'string') dflt = nullable ? null : '';
      else if (f.type === 'bytes' || f.type === 'records') dflt = nullable ? null : Buffer.alloc(0);
      else if (f.type === 'uuid') dflt = 'AAAAAAAAAAAAAAAAAAAAAA';
      else dflt = 0;
    }
    const x = present ? obj?.[f.name] : undefined;
    if (x === undefined) out[f.name] = Array.isArray(dflt) ? [] : dflt;
    else if (x === null) out[f.name] = null;
    else if (f.type === '[]') out[f.name] = x.map((e: any) => project(f.fields!, v, flexible, e));
    else if (f.type === 'struct') out[f.name] = project(f.fields!, v, flexible, x);
    else out[f.name] = x;
  }
  return out;
}

/** encode -> decode -> compare with the projection -> re-encode to identical bytes. */
function roundTrip(spec: ApiSpec, dir: 'request' | 'response', v: number, obj: unknown): any {
  const flexible = isFlexible(spec, v);
  const fields = spec[dir];
  const bytes = encode(fields, v, flexible, obj);
  const decoded = decode(fields, v, flexible, bytes);
  expect(decoded).toEqual(project(fields, v, flexible, obj));
  expect(encode(fields, v, flexible, decoded).equals(bytes)).toBe(true);
  return decoded;
}

const batch = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + 3) & 0xff));

// ---------------------------------------------------------------------------------------------
// fixtures: one realistic object per API and direction, carrying every field of the union over
// the implemented versions (values deliberately not the defaults).

const FIXTURES: Record<string, { request: unknown; response: unknown }> = {
  ApiVersions: {
    request: { clientSoftwareName: 'kafka-local-test', clientSoftwareVersion: '0.1.0', clusterId: 'MkU3OEVBNTcwNTJENDM2Qk', nodeId: 3 } satisfies M.ApiVersionsRequest,
    response: {
      errorCode: 0,
      apiKeys: [{ apiKey: 0, minVersion: 0, maxVersion: 8 }, { apiKey: 18, minVersion: 0, maxVersion: 3 }],
      throttleTimeMs: 12,
      supportedFeatures: [{ name: 'metadata.version', minVersion: 1, maxVersion: 21 }],
      finalizedFeaturesEpoch: 7,
      finalizedFeatures: [{ name: 'metadata.version', maxVersionLevel: 21, minVersionLevel: 21 }],
      zkMigrationReady: true,
    } satisfies M.ApiVersionsResponse,
  },
  Metadata: {
    request: {
      topics: [{ name: 'orders' }, { name: 'payments' }],
      allowAutoTopicCreation: false,
      includeClusterAuthorizedOperations: true,
      includeTopicAuthorizedOperations: true,
    } satisfies M.MetadataRequest,
    response: {
      throttleTimeMs: 3,
      brokers: [{ nodeId: 1, host: 'localhost', port: 9092, rack: 'r1' }, { nodeId: 2, host: 'h2', port: 9093, rack: null }],
      clusterId: 'MkU3OEVBNTcwNTJENDM2Qk',
      controllerId: 1,
      topics: [{
        errorCode: 0,
        name: 'orders',
        isInternal: false,
        partitions: [
          { errorCode: 0, partitionIndex: 0, leaderId: 1, leaderEpoch: 4, replicaNodes: [1, 2], isrNodes: [1], offlineReplicas: [2] },
          { errorCode: 9, partitionIndex: 1, leaderId: -1, leaderEpoch: 0, replicaNodes: [], isrNodes: [], offlineReplicas: [] },
        ],
        topicAuthorizedOperations: 0x0ff8,
      }, {
        errorCode: 3, name: 'missing', isInternal: true, partitions: [], topicAuthorizedOperations: 5,
      }],
      clusterAuthorizedOperations: 0x0ff0,
      errorCode: 0,
    } satisfies M.MetadataResponse,
  },
  Produce: {
    request: {
      transactionalId: 'txn-1',
      acks: -1,
      timeoutMs: 30000,
      topicData: [
        { name: 'orders', partitionData: [{ index: 0, records: batch(61) }, { index: 3, records: null }] },
        { name: 'big', partitionData: [{ index: 1, records: batch(5000) }] },
      ],
    } satisfies M.ProduceRequest,
    response: {
      responses: [{
        name: 'orders',
        partitionResponses: [
          { index: 0, errorCode: 0, baseOffset: 2 ** 40 + 5, logAppendTimeMs: 1_700_000_000_123, logStartOffset: 17, recordErrors: [], errorMessage: null },
          {
            index: 3, errorCode: 87, baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1,
            recordErrors: [{ batchIndex: 2, batchIndexErrorMessage: 'bad' }, { batchIndex: 4, batchIndexErrorMessage: null }],
            errorMessage: 'Some records failed validation',
          },
        ],
      }],
      throttleTimeMs: 0,
    } satisfies M.ProduceResponse,
  },
  Fetch: {
    request: {
      replicaId: -1,
      maxWaitMs: 500,
      minBytes: 1,
      maxBytes: 52428800,
      isolationLevel: 1,
      sessionId: 99,
      sessionEpoch: 3,
      topics: [{
        topic: 'orders',
        partitions: [{ partition: 0, currentLeaderEpoch: 5, fetchOffset: 123456789012, logStartOffset: -1, partitionMaxBytes: 1048576 }],
      }],
      forgottenTopicsData: [{ topic: 'old', partitions: [0, 1, 2] }],
      rackId: 'rack-a',
    } satisfies M.FetchRequest,
    response: {
      throttleTimeMs: 1,
      errorCode: 0,
      sessionId: 99,
      responses: [{
        topic: 'orders',
        partitions: [
          {
            partitionIndex: 0, errorCode: 0, highWatermark: 1000, lastStableOffset: 990, logStartOffset: 10,
            abortedTransactions: [{ producerId: 4000, firstOffset: 995 }], preferredReadReplica: -1, records: batch(300),
          },
          {
            partitionIndex: 1, errorCode: 1, highWatermark: -1, lastStableOffset: -1, logStartOffset: -1,
            abortedTransactions: null, preferredReadReplica: 2, records: null,
          },
        ],
      }],
    } satisfies M.FetchResponse,
  },
  ListOffsets: {
    request: {
      replicaId: -1,
      isolationLevel: 1,
      topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, currentLeaderEpoch: 3, timestamp: -1 }, { partitionIndex: 1, currentLeaderEpoch: -1, timestamp: 1_700_000_000_000 }] }],
    } satisfies M.ListOffsetsRequest,
    response: {
      throttleTimeMs: 0,
      topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, errorCode: 0, timestamp: -1, offset: 42, leaderEpoch: 3 }] }],
    } satisfies M.ListOffsetsResponse,
  },
  CreateTopics: {
    request: {
      topics: [{
        name: 'orders', numPartitions: 3, replicationFactor: 1, assignments: [],
        configs: [{ name: 'cleanup.policy', value: 'compact' }, { name: 'retention.ms', value: null }],
      }, {
        name: 'manual', numPartitions: -1, replicationFactor: -1,
        assignments: [{ partitionIndex: 0, brokerIds: [1] }, { partitionIndex: 1, brokerIds: [1] }], configs: [],
      }],
      timeoutMs: 30000,
      validateOnly: true,
    } satisfies M.CreateTopicsRequest,
    response: {
      throttleTimeMs: 5,
      topics: [
        { name: 'orders', errorCode: 36, errorMessage: "Topic 'orders' already exists.", topicConfigErrorCode: 0, numPartitions: -1, replicationFactor: -1, configs: [] },
        {
          name: 'manual', topicId: 'h2uIyw3dQnCP-uRvv2jO7A', errorCode: 0, errorMessage: null, topicConfigErrorCode: 29, numPartitions: 2, replicationFactor: 1,
          configs: [{ name: 'cleanup.policy', value: 'compact', readOnly: false, configSource: 1, isSensitive: false }, { name: 'secret', value: null, readOnly: true, configSource: 5, isSensitive: true }],
        },
        { name: 'nulled', errorCode: 0, errorMessage: null, numPartitions: 1, replicationFactor: 1, configs: null },
      ],
    } satisfies M.CreateTopicsResponse,
  },
  DeleteTopics: {
    request: { topicNames: ['a', 'b'], timeoutMs: 15000 } satisfies M.DeleteTopicsRequest,
    response: { throttleTimeMs: 2, responses: [{ name: 'a', errorCode: 0 }, { name: 'b', errorCode: 3 }] } satisfies M.DeleteTopicsResponse,
  },
  CreatePartitions: {
    request: {
      topics: [{ name: 'orders', count: 6, assignments: null }, { name: 'x', count: 2, assignments: [{ brokerIds: [1] }] }],
      timeoutMs: 30000,
      validateOnly: false,
    } satisfies M.CreatePartitionsRequest,
    response: {
      throttleTimeMs: 0,
      results: [{ name: 'orders', errorCode: 0, errorMessage: null }, { name: 'x', errorCode: 37, errorMessage: 'Topic already has 2 partition(s).' }],
    } satisfies M.CreatePartitionsResponse,
  },
  DescribeConfigs: {
    request: {
      resources: [
        { resourceType: 2, resourceName: 'orders', configurationKeys: null },
        { resourceType: 4, resourceName: '1', configurationKeys: ['log.retention.ms'] },
      ],
      includeSynonyms: true,
      includeDocumentation: true,
    } satisfies M.DescribeConfigsRequest,
    response: {
      throttleTimeMs: 0,
      results: [{
        errorCode: 0, errorMessage: null, resourceType: 2, resourceName: 'orders',
        configs: [{
          name: 'cleanup.policy', value: 'compact', readOnly: false, isDefault: false, configSource: 1, isSensitive: false,
          synonyms: [{ name: 'cleanup.policy', value: 'compact', source: 1 }, { name: 'log.cleanup.policy', value: null, source: 5 }],
          configType: 7, documentation: 'The retention policy.',
        }, {
          name: 'sasl.jaas.config', value: null, readOnly: true, isDefault: true, configSource: 5, isSensitive: true,
          synonyms: [], configType: 9, documentation: null,
        }],
      }],
    } satisfies M.DescribeConfigsResponse,
  },
  InitProducerId: {
    request: { transactionalId: 'tx', transactionTimeoutMs: 60000, producerId: 4_000_000_001, producerEpoch: 3 } satisfies M.InitProducerIdRequest,
    response: { throttleTimeMs: 0, errorCode: 0, producerId: 4_000_000_000, producerEpoch: 0 } satisfies M.InitProducerIdResponse,
  },
  FindCoordinator: {
    request: { key: 'my-group', keyType: 0 } satisfies M.FindCoordinatorRequest,
    response: { throttleTimeMs: 0, errorCode: 15, errorMessage: 'not yet', nodeId: 1, host: 'localhost', port: 9092 } satisfies M.FindCoordinatorResponse,
  },
  JoinGroup: {
    request: {
      groupId: 'g', sessionTimeoutMs: 10000, rebalanceTimeoutMs: 300000, memberId: '', groupInstanceId: 'static-1', protocolType: 'consumer',
      protocols: [{ name: 'range', metadata: Buffer.from([0, 1, 0, 0, 0, 1, 0, 1, 0x61]) }, { name: 'roundrobin', metadata: Buffer.alloc(0) }],
    } satisfies M.JoinGroupRequest,
    response: {
      throttleTimeMs: 0, errorCode: 0, generationId: 3, protocolName: 'range', leader: 'm-1', memberId: 'm-1',
      members: [{ memberId: 'm-1', groupInstanceId: null, metadata: Buffer.from([1, 2]) }, { memberId: 'm-2', groupInstanceId: 'static-2', metadata: Buffer.from([3]) }],
    } satisfies M.JoinGroupResponse,
  },
  Heartbeat: {
    request: { groupId: 'g', generationId: 3, memberId: 'm-1', groupInstanceId: 'static-1' } satisfies M.HeartbeatRequest,
    response: { throttleTimeMs: 0, errorCode: 27 } satisfies M.HeartbeatResponse,
  },
  LeaveGroup: {
    request: {
      groupId: 'g', memberId: 'm-1',
      members: [{ memberId: 'm-1', groupInstanceId: null }, { memberId: 'm-2', groupInstanceId: 'static-2' }],
    } satisfies M.LeaveGroupRequest,
    response: {
      throttleTimeMs: 0, errorCode: 0,
      members: [{ memberId: 'm-1', groupInstanceId: null, errorCode: 0 }, { memberId: 'm-2', groupInstanceId: 'static-2', errorCode: 25 }],
    } satisfies M.LeaveGroupResponse,
  },
  SyncGroup: {
    request: {
      groupId: 'g', generationId: 3, memberId: 'm-1', groupInstanceId: null,
      assignments: [{ memberId: 'm-1', assignment: Buffer.from([0, 1, 2]) }, { memberId: 'm-2', assignment: Buffer.alloc(0) }],
    } satisfies M.SyncGroupRequest,
    response: { throttleTimeMs: 0, errorCode: 0, assignment: Buffer.from([0, 1, 0, 0, 0, 0]) } satisfies M.SyncGroupResponse,
  },
  OffsetCommit: {
    request: {
      groupId: 'g', generationIdOrMemberEpoch: 3, memberId: 'm-1', groupInstanceId: 'static-1', retentionTimeMs: 86_400_000,
      topics: [{
        name: 'orders',
        partitions: [
          { partitionIndex: 0, committedOffset: 42, committedLeaderEpoch: 2, committedMetadata: '' },
          { partitionIndex: 1, committedOffset: 7, committedLeaderEpoch: -1, committedMetadata: null },
        ],
      }],
    } satisfies M.OffsetCommitRequest,
    response: {
      throttleTimeMs: 0,
      topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, errorCode: 0 }, { partitionIndex: 1, errorCode: 22 }] }],
    } satisfies M.OffsetCommitResponse,
  },
  OffsetFetch: {
    request: { groupId: 'g', topics: [{ name: 'orders', partitionIndexes: [0, 1] }], requireStable: true } satisfies M.OffsetFetchRequest,
    response: {
      throttleTimeMs: 0,
      topics: [{
        name: 'orders',
        partitions: [
          { partitionIndex: 0, committedOffset: 42, committedLeaderEpoch: 2, metadata: 'm', errorCode: 0 },
          { partitionIndex: 1, committedOffset: -1, committedLeaderEpoch: -1, metadata: null, errorCode: 0 },
        ],
      }],
      errorCode: 0,
    } satisfies M.OffsetFetchResponse,
  },
  DescribeGroups: {
    request: { groups: ['g', 'h'], includeAuthorizedOperations: true } satisfies M.DescribeGroupsRequest,
    response: {
      throttleTimeMs: 0,
      groups: [{
        errorCode: 0, errorMessage: null, groupId: 'g', groupState: 'Stable', protocolType: 'consumer', protocolData: 'range',
        members: [{
          memberId: 'm-1', groupInstanceId: 'static-1', clientId: 'c', clientHost: '/127.0.0.1',
          memberMetadata: Buffer.from([0, 1]), memberAssignment: Buffer.from([0, 1, 0, 0]),
        }],
        authorizedOperations: 0x1f,
      }, {
        errorCode: 69, errorMessage: 'Group h not found.', groupId: 'h', groupState: 'Dead', protocolType: '', protocolData: '', members: [], authorizedOperations: -2147483648,
      }],
    } satisfies M.DescribeGroupsResponse,
  },
  ConsumerGroupDescribe: {
    request: { groupIds: ['g', 'h'], includeAuthorizedOperations: false } satisfies M.ConsumerGroupDescribeRequest,
    response: {
      throttleTimeMs: 0,
      groups: [{
        errorCode: 0, errorMessage: null, groupId: 'g', groupState: 'Stable', groupEpoch: 3, assignmentEpoch: 3, assignorName: 'uniform',
        members: [{
          memberId: 'AAAAAAAAAAAAAAAAAAAAAQ', instanceId: null, rackId: 'r1', memberEpoch: 3, clientId: 'c', clientHost: '/127.0.0.1',
          subscribedTopicNames: ['orders'], subscribedTopicRegex: null,
          assignment: { topicPartitions: [{ topicId: 'AAAAAAAAAAAAAAAAAAAAAg', topicName: 'orders', partitions: [0, 1] }] },
          targetAssignment: { topicPartitions: [] },
          memberType: 1,
        }],
        authorizedOperations: -2147483648,
      }, {
        errorCode: 69, errorMessage: 'Group h is not a consumer group.', groupId: 'h', groupState: '', groupEpoch: 0, assignmentEpoch: 0,
        assignorName: '', members: [], authorizedOperations: -2147483648,
      }],
    } satisfies M.ConsumerGroupDescribeResponse,
  },
  ListGroups: {
    request: { statesFilter: ['Stable', 'empty'], typesFilter: ['classic'] } satisfies M.ListGroupsRequest,
    response: {
      throttleTimeMs: 0, errorCode: 0,
      groups: [{ groupId: 'g', protocolType: 'consumer', groupState: 'Stable', groupType: 'classic' }, { groupId: 'h', protocolType: '', groupState: 'Empty', groupType: 'classic' }],
    } satisfies M.ListGroupsResponse,
  },
  DeleteGroups: {
    request: { groupsNames: ['g', 'h'] } satisfies M.DeleteGroupsRequest,
    response: { throttleTimeMs: 0, results: [{ groupId: 'g', errorCode: 0 }, { groupId: 'h', errorCode: 68 }] } satisfies M.DeleteGroupsResponse,
  },
  OffsetDelete: {
    request: { groupId: 'g', topics: [{ name: 'orders', partitions: [{ partitionIndex: 0 }, { partitionIndex: 1 }] }] } satisfies M.OffsetDeleteRequest,
    response: {
      errorCode: 0, throttleTimeMs: 0,
      topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, errorCode: 0 }, { partitionIndex: 1, errorCode: 86 }] }],
    } satisfies M.OffsetDeleteResponse,
  },
  DescribeClientQuotas: {
    request: { components: [{ entityType: 'user', matchType: 0, match: 'alice' }, { entityType: 'client-id', matchType: 1, match: null }], strict: true } satisfies M.DescribeClientQuotasRequest,
    response: {
      throttleTimeMs: 0, errorCode: 0, errorMessage: null,
      entries: [{ entity: [{ entityType: 'user', entityName: 'alice' }, { entityType: 'client-id', entityName: null }], values: [{ key: 'producer_byte_rate', value: 1024 }, { key: 'request_percentage', value: 12.5 }] }],
    } satisfies M.DescribeClientQuotasResponse,
  },
  AlterClientQuotas: {
    request: {
      entries: [{ entity: [{ entityType: 'ip', entityName: null }], ops: [{ key: 'connection_creation_rate', value: 10, remove: false }, { key: 'x', value: 0, remove: true }] }],
      validateOnly: true,
    } satisfies M.AlterClientQuotasRequest,
    response: { throttleTimeMs: 0, entries: [{ errorCode: 42, errorMessage: 'Invalid configuration key x', entity: [{ entityType: 'ip', entityName: null }] }] } satisfies M.AlterClientQuotasResponse,
  },
  DescribeUserScramCredentials: {
    request: { users: [{ name: 'bob' }] } satisfies M.DescribeUserScramCredentialsRequest,
    response: {
      throttleTimeMs: 0, errorCode: 0, errorMessage: null,
      results: [{ user: 'bob', errorCode: 0, errorMessage: null, credentialInfos: [{ mechanism: 1, iterations: 8192 }] }, { user: 'x', errorCode: 91, errorMessage: 'nope', credentialInfos: [] }],
    } satisfies M.DescribeUserScramCredentialsResponse,
  },
  AlterUserScramCredentials: {
    request: {
      deletions: [{ name: 'bob', mechanism: 2 }],
      upsertions: [{ name: 'carol', mechanism: 1, iterations: 4096, salt: Buffer.from('salt'), saltedPassword: Buffer.alloc(32, 1) }],
    } satisfies M.AlterUserScramCredentialsRequest,
    response: { throttleTimeMs: 0, results: [{ user: 'bob', errorCode: 0, errorMessage: null }] } satisfies M.AlterUserScramCredentialsResponse,
  },
  ListConfigResources: {
    request: { resourceTypes: [32, 16] } satisfies M.ListConfigResourcesRequest,
    response: { throttleTimeMs: 0, errorCode: 0, configResources: [{ resourceName: 'g1', resourceType: 32 }, { resourceName: 'm1', resourceType: 16 }] } satisfies M.ListConfigResourcesResponse,
  },
  OffsetForLeaderEpoch: {
    request: {
      replicaId: 2,
      topics: [{ topic: 'orders', partitions: [{ partition: 0, currentLeaderEpoch: 5, leaderEpoch: 4 }, { partition: 1, currentLeaderEpoch: -1, leaderEpoch: 0 }] }],
    } satisfies M.OffsetForLeaderEpochRequest,
    response: {
      throttleTimeMs: 0,
      topics: [{ topic: 'orders', partitions: [{ errorCode: 0, partition: 0, leaderEpoch: 4, endOffset: 1200 }, { errorCode: 74, partition: 1, leaderEpoch: -1, endOffset: -1 }] }],
    } satisfies M.OffsetForLeaderEpochResponse,
  },
  DeleteRecords: {
    request: { topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, offset: 100 }, { partitionIndex: 1, offset: -1 }] }], timeoutMs: 30000 } satisfies M.DeleteRecordsRequest,
    response: {
      throttleTimeMs: 0,
      topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, lowWatermark: 100, errorCode: 0 }, { partitionIndex: 1, lowWatermark: -1, errorCode: 1 }] }],
    } satisfies M.DeleteRecordsResponse,
  },
  AlterConfigs: {
    request: {
      resources: [{ resourceType: 2, resourceName: 'orders', configs: [{ name: 'retention.ms', value: '1000' }, { name: 'x', value: null }] }],
      validateOnly: true,
    } satisfies M.AlterConfigsRequest,
    response: {
      throttleTimeMs: 0,
      responses: [{ errorCode: 40, errorMessage: 'Unknown topic config name: x', resourceType: 2, resourceName: 'orders' }],
    } satisfies M.AlterConfigsResponse,
  },
  IncrementalAlterConfigs: {
    request: {
      resources: [{
        resourceType: 2, resourceName: 'orders',
        configs: [{ name: 'retention.ms', configOperation: 0, value: '1000' }, { name: 'cleanup.policy', configOperation: 1, value: null }],
      }],
      validateOnly: false,
    } satisfies M.IncrementalAlterConfigsRequest,
    response: {
      throttleTimeMs: 0,
      responses: [{ errorCode: 0, errorMessage: null, resourceType: 2, resourceName: 'orders' }],
    } satisfies M.IncrementalAlterConfigsResponse,
  },
  DescribeCluster: {
    request: { includeClusterAuthorizedOperations: true, endpointType: 2, includeFencedBrokers: true } satisfies M.DescribeClusterRequest,
    response: {
      throttleTimeMs: 1, errorCode: 0, errorMessage: null, endpointType: 2, clusterId: 'MkU3OEVBNTcwNTJENDM2Qk', controllerId: 2,
      brokers: [{ brokerId: 1, host: 'localhost', port: 9092, rack: null, isFenced: true }, { brokerId: 2, host: 'h2', port: 9093, rack: 'r2', isFenced: false }],
      clusterAuthorizedOperations: 8096,
    } satisfies M.DescribeClusterResponse,
  },
  DescribeTopicPartitions: {
    request: { topics: [{ name: 'orders' }, { name: 'payments' }], responsePartitionLimit: 10, cursor: { topicName: 'orders', partitionIndex: 3 } } satisfies M.DescribeTopicPartitionsRequest,
    response: {
      throttleTimeMs: 0,
      topics: [{
        errorCode: 0, name: 'orders', topicId: 'h2uIyw3dQnCP-uRvv2jO7A', isInternal: false,
        partitions: [
          { errorCode: 0, partitionIndex: 3, leaderId: 1, leaderEpoch: 2, replicaNodes: [1, 2], isrNodes: [1], eligibleLeaderReplicas: [2], lastKnownElr: null, offlineReplicas: [2] },
        ],
        topicAuthorizedOperations: 3576,
      }, {
        errorCode: 3, name: null, topicId: 'AAAAAAAAAAAAAAAAAAAAAA', isInternal: false, partitions: [], topicAuthorizedOperations: -2147483648,
      }],
      nextCursor: { topicName: 'payments', partitionIndex: 0 },
    } satisfies M.DescribeTopicPartitionsResponse,
  },
  DescribeLogDirs: {
    request: { topics: [{ topic: 'orders', partitions: [0, 2] }] } satisfies M.DescribeLogDirsRequest,
    response: {
      throttleTimeMs: 0, errorCode: 0,
      results: [{ errorCode: 0, logDir: '/data', topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, partitionSize: 85, offsetLag: 0, isFutureKey: false }] }], totalBytes: 1000, usableBytes: 500 }],
    } satisfies M.DescribeLogDirsResponse,
  },
  ElectLeaders: {
    request: { electionType: 0, topicPartitions: [{ topic: 'orders', partitions: [0, 1] }], timeoutMs: 30000 } satisfies M.ElectLeadersRequest,
    response: {
      throttleTimeMs: 0, errorCode: 0,
      replicaElectionResults: [{ topic: 'orders', partitionResult: [{ partitionId: 0, errorCode: 84, errorMessage: null }, { partitionId: 1, errorCode: 0, errorMessage: null }] }],
    } satisfies M.ElectLeadersResponse,
  },
  AlterPartitionReassignments: {
    request: { timeoutMs: 60000, topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, replicas: [1, 2] }, { partitionIndex: 1, replicas: null }] }] } satisfies M.AlterPartitionReassignmentsRequest,
    response: {
      throttleTimeMs: 0, errorCode: 0, errorMessage: null,
      responses: [{ name: 'orders', partitions: [{ partitionIndex: 0, errorCode: 0, errorMessage: null }, { partitionIndex: 1, errorCode: 85, errorMessage: 'none' }] }],
    } satisfies M.AlterPartitionReassignmentsResponse,
  },
  ListPartitionReassignments: {
    request: { timeoutMs: 60000, topics: [{ name: 'orders', partitionIndexes: [0] }] } satisfies M.ListPartitionReassignmentsRequest,
    response: {
      throttleTimeMs: 0, errorCode: 0, errorMessage: null,
      topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, replicas: [3, 2], addingReplicas: [3], removingReplicas: [2] }] }],
    } satisfies M.ListPartitionReassignmentsResponse,
  },
  DescribeQuorum: {
    request: { topics: [{ topicName: '__cluster_metadata', partitions: [{ partitionIndex: 0 }] }] } satisfies M.DescribeQuorumRequest,
    response: {
      errorCode: 0, errorMessage: null,
      topics: [{
        topicName: '__cluster_metadata',
        partitions: [{
          partitionIndex: 0, errorCode: 0, errorMessage: null, leaderId: 4, leaderEpoch: 1, highWatermark: 133,
          currentVoters: [{ replicaId: 4, replicaDirectoryId: 'akz5hcExS4qlcqAxMTTHEQ', logEndOffset: 133, lastFetchTimestamp: 1796616457288, lastCaughtUpTimestamp: 1796616457288 }],
          observers: [{ replicaId: 1, replicaDirectoryId: 'CvC02VWctSWJLoQ_aMFLgQ', logEndOffset: 133, lastFetchTimestamp: 1796616457196, lastCaughtUpTimestamp: 1796616457196 }],
        }],
      }],
      nodes: [{ nodeId: 4, listeners: [{ name: 'CONTROLLER', host: 'localhost', port: 39425 }] }],
    } satisfies M.DescribeQuorumResponse,
  },
  AlterPartition: {
    // v0-1 name the topic, v2+ give its id; v0-2 list the new ISR, v3 with each member's broker epoch.
    request: {
      brokerId: 2, brokerEpoch: 17,
      topics: [{ topicName: 'orders', topicId: 'hJqspmsKRqmfRTBws9Lo3g', partitions: [{
        partitionIndex: 0, leaderEpoch: 3, newIsr: [2, 1], newIsrWithEpochs: [{ brokerId: 2, brokerEpoch: 17 }, { brokerId: 1, brokerEpoch: 12 }],
        leaderRecoveryState: 0, partitionEpoch: 5,
      }] }],
    } satisfies M.AlterPartitionRequest,
    response: {
      throttleTimeMs: 0, errorCode: 0,
      topics: [{ topicName: 'orders', topicId: 'hJqspmsKRqmfRTBws9Lo3g', partitions: [{
        partitionIndex: 0, errorCode: 0, leaderId: 2, leaderEpoch: 3, isr: [2, 1], leaderRecoveryState: 0, partitionEpoch: 6,
      }] }],
    } satisfies M.AlterPartitionResponse,
  },
  AllocateProducerIds: {
    request: { brokerId: 3, brokerEpoch: 42 } satisfies M.AllocateProducerIdsRequest,
    response: { throttleTimeMs: 0, errorCode: 0, producerIdStart: 2000, producerIdLen: 1000 } satisfies M.AllocateProducerIdsResponse,
  },
  AddPartitionsToTxn: {
    request: {
      transactions: [{ transactionalId: 'tx-1', producerId: 7, producerEpoch: 2, verifyOnly: true, topics: [{ name: 'orders', partitions: [0, 2] }] }],
      v3AndBelowTransactionalId: 'tx-1', v3AndBelowProducerId: 7, v3AndBelowProducerEpoch: 2,
      v3AndBelowTopics: [{ name: 'orders', partitions: [0, 2] }],
    } satisfies M.AddPartitionsToTxnRequest,
    response: {
      throttleTimeMs: 0, errorCode: 0,
      resultsByTransaction: [{ transactionalId: 'tx-1', topicResults: [{ name: 'orders', resultsByPartition: [{ partitionIndex: 0, partitionErrorCode: 0 }] }] }],
      resultsByTopicV3AndBelow: [{ name: 'orders', resultsByPartition: [{ partitionIndex: 2, partitionErrorCode: 48 }] }],
    } satisfies M.AddPartitionsToTxnResponse,
  },
  AddOffsetsToTxn: {
    request: { transactionalId: 'tx-1', producerId: 7, producerEpoch: 2, groupId: 'g' } satisfies M.AddOffsetsToTxnRequest,
    response: { throttleTimeMs: 0, errorCode: 0 } satisfies M.AddOffsetsToTxnResponse,
  },
  EndTxn: {
    request: { transactionalId: 'tx-1', producerId: 7, producerEpoch: 2, committed: true } satisfies M.EndTxnRequest,
    response: { throttleTimeMs: 0, errorCode: 0, producerId: 7, producerEpoch: 3 } satisfies M.EndTxnResponse,
  },
  WriteTxnMarkers: {
    request: { markers: [{ producerId: 7, producerEpoch: 2, transactionResult: true, topics: [{ name: 'orders', partitionIndexes: [0, 1] }], coordinatorEpoch: 4, transactionVersion: 2 }] } satisfies M.WriteTxnMarkersRequest,
    response: { markers: [{ producerId: 7, topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, errorCode: 0 }] }] }] } satisfies M.WriteTxnMarkersResponse,
  },
  TxnOffsetCommit: {
    request: {
      transactionalId: 'tx-1', groupId: 'g', producerId: 7, producerEpoch: 2, generationIdOrMemberEpoch: 3, memberId: 'm-1', groupInstanceId: null,
      topics: [{ name: 'orders', topicId: 'AAAAAAAAAAAAAAAAAAAAAA', partitions: [{ partitionIndex: 0, committedOffset: 42, committedLeaderEpoch: 1, committedMetadata: '' }] }],
    } satisfies M.TxnOffsetCommitRequest,
    response: { throttleTimeMs: 0, topics: [{ name: 'orders', topicId: 'AAAAAAAAAAAAAAAAAAAAAA', partitions: [{ partitionIndex: 0, errorCode: 0 }] }] } satisfies M.TxnOffsetCommitResponse,
  },
  DescribeProducers: {
    request: { topics: [{ name: 'orders', partitionIndexes: [0] }] } satisfies M.DescribeProducersRequest,
    response: {
      throttleTimeMs: 0,
      topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, errorCode: 0, errorMessage: null, activeProducers: [{ producerId: 7, producerEpoch: 2, lastSequence: 9, lastTimestamp: 1700000000000, coordinatorEpoch: 4, currentTxnStartOffset: 12 }] }] }],
    } satisfies M.DescribeProducersResponse,
  },
  DescribeTransactions: {
    request: { transactionalIds: ['tx-1'] } satisfies M.DescribeTransactionsRequest,
    response: {
      throttleTimeMs: 0,
      transactionStates: [{ errorCode: 0, transactionalId: 'tx-1', transactionState: 'Ongoing', transactionTimeoutMs: 60000, transactionStartTimeMs: 1700000000000, producerId: 7, producerEpoch: 2, topics: [{ topic: 'orders', partitions: [0, 1] }] }],
    } satisfies M.DescribeTransactionsResponse,
  },
  ListTransactions: {
    request: { stateFilters: ['Ongoing'], producerIdFilters: [7], durationFilter: 1000, transactionalIdPattern: 'tx-.*' } satisfies M.ListTransactionsRequest,
    response: { throttleTimeMs: 0, errorCode: 0, unknownStateFilters: [], transactionStates: [{ transactionalId: 'tx-1', producerId: 7, transactionState: 'Ongoing' }] } satisfies M.ListTransactionsResponse,
  },
  SaslHandshake: {
    request: { mechanism: 'PLAIN' } satisfies M.SaslHandshakeRequest,
    response: { errorCode: 33, mechanisms: ['PLAIN', 'SCRAM-SHA-256'] } satisfies M.SaslHandshakeResponse,
  },
  SaslAuthenticate: {
    request: { authBytes: Buffer.from('\0user\0secret') } satisfies M.SaslAuthenticateRequest,
    response: { errorCode: 34, errorMessage: 'SaslAuthenticate request received after successful authentication', authBytes: Buffer.alloc(0), sessionLifetimeMs: 0 } satisfies M.SaslAuthenticateResponse,
  },
  DescribeAcls: {
    request: { resourceTypeFilter: 2, resourceNameFilter: 'orders', patternTypeFilter: 3, principalFilter: null, hostFilter: null, operation: 1, permissionType: 1 } satisfies M.DescribeAclsRequest,
    response: {
      throttleTimeMs: 0, errorCode: 0, errorMessage: null,
      resources: [{ resourceType: 2, resourceName: 'orders', patternType: 3, acls: [{ principal: 'User:alice', host: '*', operation: 3, permissionType: 3 }] }],
    } satisfies M.DescribeAclsResponse,
  },
  CreateAcls: {
    request: { creations: [{ resourceType: 2, resourceName: 'orders', resourcePatternType: 3, principal: 'User:alice', host: '*', operation: 3, permissionType: 3 }] } satisfies M.CreateAclsRequest,
    response: { throttleTimeMs: 0, results: [{ errorCode: 54, errorMessage: 'No Authorizer is configured.' }] } satisfies M.CreateAclsResponse,
  },
  DeleteAcls: {
    request: { filters: [{ resourceTypeFilter: 2, resourceNameFilter: null, patternTypeFilter: 1, principalFilter: 'User:alice', hostFilter: null, operation: 1, permissionType: 1 }] } satisfies M.DeleteAclsRequest,
    response: {
      throttleTimeMs: 0,
      filterResults: [{ errorCode: 0, errorMessage: null, matchingAcls: [{ errorCode: 0, errorMessage: null, resourceType: 2, resourceName: 'orders', patternType: 3, principal: 'User:alice', host: '*', operation: 3, permissionType: 3 }] }],
    } satisfies M.DeleteAclsResponse,
  },
};

// ---------------------------------------------------------------------------------------------

describe('message schema registry', () => {
  it('has exactly the APIs and versions we implement', () => {
    const expected: Record<number, [string, string, string]> = {
      0: ['Produce', '0-12', '9+'], 1: ['Fetch', '0-11', 'none'], 2: ['ListOffsets', '0-11', '6+'],
      3: ['Metadata', '0-13', '9+'], 8: ['OffsetCommit', '0-7', 'none'], 9: ['OffsetFetch', '0-7', '6+'],
      10: ['FindCoordinator', '0-2', 'none'], 11: ['JoinGroup', '0-5', 'none'], 12: ['Heartbeat', '0-3', 'none'],
      13: ['LeaveGroup', '0-3', 'none'], 14: ['SyncGroup', '0-3', 'none'], 15: ['DescribeGroups', '0-6', '5+'],
      16: ['ListGroups', '0-5', '3+'], 17: ['SaslHandshake', '0-1', 'none'], 18: ['ApiVersions', '0-5', '3+'],
      19: ['CreateTopics', '0-7', '5+'], 20: ['DeleteTopics', '0-3', 'none'], 21: ['DeleteRecords', '0-1', 'none'],
      22: ['InitProducerId', '0-5', '2+'], 23: ['OffsetForLeaderEpoch', '0-4', '4+'], 32: ['DescribeConfigs', '0-3', 'none'], 33: ['AlterConfigs', '0-1', 'none'],
      37: ['CreatePartitions', '0-1', 'none'], 42: ['DeleteGroups', '0-1', 'none'], 44: ['IncrementalAlterConfigs', '0', 'none'],
      47: ['OffsetDelete', '0', 'none'], 48: ['DescribeClientQuotas', '0-1', '1+'], 49: ['AlterClientQuotas', '0-1', '1+'],
      50: ['DescribeUserScramCredentials', '0', '0+'], 51: ['AlterUserScramCredentials', '0', '0+'],
      60: ['DescribeCluster', '0-2', '0+'], 69: ['ConsumerGroupDescribe', '0-1', '0+'],
      74: ['ListConfigResources', '0-1', '0+'], 75: ['DescribeTopicPartitions', '0', '0+'],
      35: ['DescribeLogDirs', '0-4', '2+'], 43: ['ElectLeaders', '0-2', '2+'], 45: ['AlterPartitionReassignments', '0', '0+'],
      46: ['ListPartitionReassignments', '0', '0+'], 55: ['DescribeQuorum', '0-2', '0+'],
      56: ['AlterPartition', '0-3', '0+'], 67: ['AllocateProducerIds', '0', '0+'],
      24: ['AddPartitionsToTxn', '0-5', '3+'], 25: ['AddOffsetsToTxn', '0-4', '3+'], 26: ['EndTxn', '0-5', '3+'],
      27: ['WriteTxnMarkers', '0-2', '1+'], 28: ['TxnOffsetCommit', '0-6', '3+'], 61: ['DescribeProducers', '0', '0+'],
      65: ['DescribeTransactions', '0', '0+'], 66: ['ListTransactions', '0-2', '0+'],
      29: ['DescribeAcls', '0-3', '2+'], 30: ['CreateAcls', '0-3', '2+'], 31: ['DeleteAcls', '0-3', '2+'], 36: ['SaslAuthenticate', '0-2', '2+'],
    };
    expect([...API_SPECS.keys()].sort((a, b) => a - b)).toEqual(Object.keys(expected).map(Number).sort((a, b) => a - b));
    for (const [key, [name, vv, flex]] of Object.entries(expected)) {
      const s = API_SPECS.get(Number(key))!;
      expect([s.name, s.validVersions, s.flexibleVersions]).toEqual([name, vv, flex]);
    }
    expect(ALL_API_SPECS.length).toBe(API_SPECS.size);
    expect(Object.keys(FIXTURES).sort()).toEqual(ALL_API_SPECS.map((s) => s.name).sort());
  });

  it('every field is well formed and every version compiles', () => {
    const check = (fields: FieldSpec[]) => {
      const names = new Set<string>();
      for (const f of fields) {
        expect(f.name).toMatch(/^[a-z][A-Za-z0-9]*$/);
        expect(names.has(f.name)).toBe(false);
        names.add(f.name);
        parseVersions(f.versions);
        parseVersions(f.nullableVersions);
        if (f.type === '[]' || f.type === 'struct') check(f.fields ?? []);
        else expect(f.fields).toBeUndefined();
      }
    };
    for (const spec of ALL_API_SPECS) {
      check(spec.request);
      check(spec.response);
      const r = parseVersions(spec.validVersions);
      for (let v = r.min; v <= r.max; v++) {
        bodyPlan(spec.request, v, isFlexible(spec, v));
        bodyPlan(spec.response, v, isFlexible(spec, v));
      }
    }
  });
});

describe('round trips at min and max version', () => {
  for (const spec of ALL_API_SPECS) {
    const r = parseVersions(spec.validVersions);
    const versions = r.min === r.max ? [r.min] : [r.min, r.max];
    for (const v of versions) {
      for (const dir of ['request', 'response'] as const) {
        it(`${spec.name} v${v} ${dir}`, () => {
          roundTrip(spec, dir, v, FIXTURES[spec.name][dir]);
        });
      }
    }
  }

  it('every version in between round-trips too', () => {
    for (const spec of ALL_API_SPECS) {
      const r = parseVersions(spec.validVersions);
      for (let v = r.min; v <= r.max; v++) {
        roundTrip(spec, 'request', v, FIXTURES[spec.name].request);
        roundTrip(spec, 'response', v, FIXTURES[spec.name].response);
      }
    }
  });

  it('empty objects encode to the defaults', () => {
    for (const spec of ALL_API_SPECS) {
      const r = parseVersions(spec.validVersions);
      for (let v = r.min; v <= r.max; v++) {
        roundTrip(spec, 'request', v, {});
        roundTrip(spec, 'response', v, {});
      }
    }
  });

  it('fills version-specific defaults on decode', () => {
    const md0 = roundTrip(M.metadata, 'request', 0, { topics: [{ name: 'a' }] });
    expect(md0.allowAutoTopicCreation).toBe(true);
    const mdr0 = roundTrip(M.metadata, 'response', 0, { brokers: [{ nodeId: 1, host: 'h', port: 1 }], topics: [] });
    expect(mdr0.controllerId).toBe(-1);
    expect(mdr0.clusterId).toBeNull();
    expect(mdr0.brokers[0].rack).toBeNull();
    const pr3 = roundTrip(M.produce, 'response', 3, {
      responses: [{ name: 't', partitionResponses: [{ index: 0, errorCode: 0, baseOffset: 5, logAppendTimeMs: -1 }] }],
      throttleTimeMs: 0,
    });
    expect(pr3.responses[0].partitionResponses[0]).toMatchObject({ logStartOffset: -1, recordErrors: [], errorMessage: null });
    // v10+ (flexible): KIP-951's tagged currentLeader and nodeEndpoints, absent or present.
    const pr12 = roundTrip(M.produce, 'response', 12, {
      responses: [{ name: 't', partitionResponses: [{ index: 0, errorCode: 6, baseOffset: -1, logAppendTimeMs: -1, currentLeader: { leaderId: 2, leaderEpoch: 7 } }, { index: 1, errorCode: 0, baseOffset: 5, logAppendTimeMs: -1 }] }],
      throttleTimeMs: 0, nodeEndpoints: [{ nodeId: 2, host: 'b2', port: 9093, rack: null }],
    });
    expect(pr12.responses[0].partitionResponses.map((x: any) => x.currentLeader)).toEqual([{ leaderId: 2, leaderEpoch: 7 }, null]);
    expect(pr12.nodeEndpoints).toEqual([{ nodeId: 2, host: 'b2', port: 9093, rack: null }]);
    const f4 = roundTrip(M.fetch, 'request', 4, { maxWaitMs: 1, minBytes: 1, topics: [] });
    expect(f4).toMatchObject({ replicaId: -1, maxBytes: 0x7fffffff, sessionEpoch: -1, rackId: '' });
    const lg0 = roundTrip(M.leaveGroup, 'request', 0, { groupId: 'g', memberId: 'm' });
    expect(lg0.members).toEqual([]);
  });

  it('keeps nullable arrays and records null', () => {
    const md1 = roundTrip(M.metadata, 'request', 1, { topics: null });
    expect(md1.topics).toBeNull();
    const p = roundTrip(M.produce, 'request', 8, {
      transactionalId: null, acks: 1, timeoutMs: 1, topicData: [{ name: 't', partitionData: [{ index: 0, records: null }] }],
    });
    expect(p.topicData[0].partitionData[0].records).toBeNull();
    const dc = roundTrip(M.describeConfigs, 'request', 0, { resources: [{ resourceType: 2, resourceName: 't', configurationKeys: null }] });
    expect(dc.resources[0].configurationKeys).toBeNull();
  });

  it('carries large records Buffers intact', () => {
    const records = batch(100_000);
    const d = roundTrip(M.fetch, 'response', 11, {
      throttleTimeMs: 0, errorCode: 0, sessionId: 0,
      responses: [{ topic: 't', partitions: [{ partitionIndex: 0, errorCode: 0, highWatermark: 1, lastStableOffset: 1, logStartOffset: 0, abortedTransactions: null, preferredReadReplica: -1, records }] }],
    });
    expect(Buffer.isBuffer(d.responses[0].partitions[0].records)).toBe(true);
    expect(d.responses[0].partitions[0].records.equals(records)).toBe(true);
  });

  it('int64 fields decode to numbers, including negatives and > 2^32', () => {
    const d = roundTrip(M.listOffsets, 'response', 5, {
      throttleTimeMs: 0,
      topics: [{ name: 't', partitions: [{ partitionIndex: 0, errorCode: 0, timestamp: -2, offset: 2 ** 52 + 1, leaderEpoch: 0 }] }],
    });
    expect(d.topics[0].partitions[0].timestamp).toBe(-2);
    expect(d.topics[0].partitions[0].offset).toBe(2 ** 52 + 1);
  });

  it('uuid fields round-trip as 22-char base64url strings', () => {
    // No implemented version of our APIs carries a uuid, so exercise the codec with an ad-hoc schema.
    const fields: FieldSpec[] = [
      { name: 'topicId', type: 'uuid', versions: '0+' },
      { name: 'ids', type: '[]uuid', versions: '0+' },
    ];
    const obj = { topicId: 'h2uIyw3dQnCP-uRvv2jO7A', ids: ['AAAAAAAAAAAAAAAAAAAAAQ'] };
    for (const flexible of [false, true]) {
      const bytes = encode(fields, 0, flexible, obj);
      expect(bytes.subarray(0, 16).toString('base64url')).toBe(obj.topicId);
      expect(decode(fields, 0, flexible, bytes)).toEqual(obj);
    }
  });
});

describe('golden bytes', () => {
  it('a nullable struct is an int8 marker (-1 null, 1 present) before its fields', () => {
    const none = encode(M.describeTopicPartitions.request, 0, true, { topics: [], responsePartitionLimit: 2000, cursor: null });
    expect(hex(none)).toBe('01 00 00 07 d0 ff 00');
    const some = encode(M.describeTopicPartitions.request, 0, true, { topics: [], responsePartitionLimit: 1, cursor: { topicName: 'a', partitionIndex: 2 } });
    expect(hex(some)).toBe('01 00 00 00 01 01 02 61 00 00 00 02 00 00');
    expect(decode(M.describeTopicPartitions.request, 0, true, none).cursor).toBeNull();
    expect(decode(M.describeTopicPartitions.request, 0, true, some).cursor).toEqual({ topicName: 'a', partitionIndex: 2 });
  });

  it('ApiVersions v0 request body is empty', () => {
    expect(encode(M.apiVersions.request, 0, false, {}).length).toBe(0);
    expect(decode(M.apiVersions.request, 0, false, Buffer.alloc(0))).toEqual({ clientSoftwareName: '', clientSoftwareVersion: '', clusterId: null, nodeId: -1 });
  });

  it('Metadata v0 request for topic "a"', () => {
    const b = encode(M.metadata.request, 0, false, { topics: [{ name: 'a' }] });
    expect(hex(b)).toBe('00 00 00 01 00 01 61');
  });

  it('Metadata v1 request with null topics (all topics) and v4 with auto-create', () => {
    expect(hex(encode(M.metadata.request, 1, false, { topics: null }))).toBe('ff ff ff ff');
    expect(hex(encode(M.metadata.request, 4, false, { topics: [] }))).toBe('00 00 00 00 01');
    expect(hex(encode(M.metadata.request, 8, false, { topics: [], allowAutoTopicCreation: false, includeClusterAuthorizedOperations: true, includeTopicAuthorizedOperations: false })))
      .toBe('00 00 00 00 00 01 00');
  });

  it('ApiVersions v3 request is compact-encoded with a trailing tagged-field count', () => {
    const b = encode(M.apiVersions.request, 3, true, { clientSoftwareName: 'x', clientSoftwareVersion: '1' });
    expect(hex(b)).toBe('02 78 02 31 00');
    expect(decode(M.apiVersions.request, 3, true, Buffer.from('027802310000', 'hex').subarray(0, 5)))
      .toEqual({ clientSoftwareName: 'x', clientSoftwareVersion: '1', clusterId: null, nodeId: -1 });
  });

  it('ApiVersions v0 and v3 responses', () => {
    const body = { errorCode: 0, apiKeys: [{ apiKey: 18, minVersion: 0, maxVersion: 3 }], throttleTimeMs: 0 };
    expect(hex(encode(M.apiVersions.response, 0, false, body))).toBe('00 00 00 00 00 01 00 12 00 00 00 03');
    expect(hex(encode(M.apiVersions.response, 1, false, body))).toBe('00 00 00 00 00 01 00 12 00 00 00 03 00 00 00 00');
    // v3: compact array (n+1), each element ends with its own tagged-field count, body ends with one.
    expect(hex(encode(M.apiVersions.response, 3, true, body))).toBe('00 00 02 00 12 00 00 00 03 00 00 00 00 00 00');
    // Tagged FinalizedFeaturesEpoch (tag 1, 8 bytes) appears only when not the default -1.
    expect(hex(encode(M.apiVersions.response, 3, true, { ...body, finalizedFeaturesEpoch: 5 })))
      .toBe('00 00 02 00 12 00 00 00 03 00 00 00 00 00 01 01 08 00 00 00 00 00 00 00 05');
  });

  it('ApiVersions v3 response decode skips unknown tags and reads known ones', () => {
    const b = Buffer.from(
      '0000' + '01' + '00000000' +           // errorCode 0, apiKeys [], throttle 0
      '03' +                                 // three tagged fields
      '01' + '08' + '0000000000000009' +     // tag 1 FinalizedFeaturesEpoch = 9
      '03' + '01' + '01' +                   // tag 3 ZkMigrationReady = true
      '1f' + '02' + 'abcd',                  // tag 31: unknown, skipped
      'hex');
    const d = decode(M.apiVersions.response, 3, true, b);
    expect(d).toEqual({
      errorCode: 0, apiKeys: [], throttleTimeMs: 0,
      supportedFeatures: [], finalizedFeaturesEpoch: 9, finalizedFeatures: [], zkMigrationReady: true,
    });
  });

  it('Produce v3 request', () => {
    const b = encode(M.produce.request, 3, false, {
      transactionalId: null, acks: -1, timeoutMs: 30000,
      topicData: [{ name: 't', partitionData: [{ index: 0, records: Buffer.from([1, 2, 3]) }] }],
    });
    expect(hex(b)).toBe('ff ff ff ff 00 00 75 30 00 00 00 01 00 01 74 00 00 00 01 00 00 00 00 00 00 00 03 01 02 03');
  });

  it('FindCoordinator v0 response and InitProducerId v0 request', () => {
    expect(hex(encode(M.findCoordinator.response, 0, false, { errorCode: 0, nodeId: 1, host: 'h', port: 9092 })))
      .toBe('00 00 00 00 00 01 00 01 68 00 00 23 84');
    expect(hex(encode(M.initProducerId.request, 0, false, { transactionalId: null, transactionTimeoutMs: 60000 })))
      .toBe('ff ff 00 00 ea 60');
  });

  it('InitProducerId v3 request: flexible, with the producer id and epoch of KIP-360', () => {
    expect(hex(encode(M.initProducerId.request, 3, true, { transactionalId: 'tx', transactionTimeoutMs: 60000, producerId: 5, producerEpoch: 2 })))
      .toBe('03 74 78 00 00 ea 60 00 00 00 00 00 00 00 05 00 02 00');
  });
});

describe('errors', () => {
  it('knows every code from -1 to 129 with Kafka 3.9 text (4.x for 128+)', () => {
    for (let c = -1; c <= 129; c++) expect(errorInfo(c).code).toBe(c);
    expect(allErrors().length).toBe(131);
    expect(ErrorCode.NONE).toBe(0);
    expect(ErrorCode.UNKNOWN_SERVER_ERROR).toBe(-1);
    expect(ErrorCode.TOPIC_ALREADY_EXISTS).toBe(36);
    expect(ErrorCode.TRANSACTION_ABORTABLE).toBe(120);
    expect(errorInfo(3)).toEqual({
      code: 3, name: 'UNKNOWN_TOPIC_OR_PARTITION', exceptionName: 'UnknownTopicOrPartitionException', retriable: true,
      message: 'This server does not host this topic-partition.',
    });
    expect(defaultMessage(ErrorCode.TOPIC_DELETION_DISABLED)).toBe('Topic deletion is disabled.');
    expect(defaultMessage(ErrorCode.NON_EMPTY_GROUP)).toBe('The group is not empty.');
    expect(defaultMessage(ErrorCode.GROUP_ID_NOT_FOUND)).toBe('The group id does not exist.');
    expect(defaultMessage(1)).toBe('The requested offset is not within the range of offsets maintained by the server.');
    expect(defaultMessage(36)).toBe('Topic with this name already exists.');
    expect(defaultMessage(38)).toBe('Replication factor is below 1 or larger than the number of available brokers.');
    expect(defaultMessage(0)).toBe('');
    expect(errorInfo(0)).toMatchObject({ name: 'NONE', exceptionName: null, message: null });
    expect(errorInfo(40).exceptionName).toBe('InvalidConfigurationException');
    expect(errorInfo(68).exceptionName).toBe('GroupNotEmptyException');
    expect(errorInfo(10).exceptionName).toBe('RecordTooLargeException');
    expect(errorInfo(15).retriable).toBe(true);
    expect(errorInfo(1).retriable).toBe(false);
    expect(errorInfo(27).retriable).toBe(false);
  });

  it('maps unknown codes to UNKNOWN_SERVER_ERROR', () => {
    expect(errorInfo(9999)).toMatchObject({ code: 9999, name: 'UNKNOWN_SERVER_ERROR', exceptionName: 'UnknownServerException' });
    const e = KafkaError.from(9999);
    expect(e).toBeInstanceOf(KafkaError);
    expect(e.code).toBe(9999);
    expect(e.message).toBe('The server experienced an unexpected error when processing the request.');
  });

  it('KafkaError.from picks the subclass and the message', () => {
    const e = KafkaError.from(36);
    expect(e).toBeInstanceOf(TopicExistsError);
    expect(e).toBeInstanceOf(KafkaError);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('TopicExistsError');
    expect(e.message).toBe('Topic with this name already exists.');
    expect(e.errorName).toBe('TOPIC_ALREADY_EXISTS');
    expect(e.exceptionName).toBe('TopicExistsException');
    expect(e.retriable).toBe(false);
    expect(e.javaName()).toBe('org.apache.kafka.common.errors.TopicExistsException');
    expect(KafkaError.from(36, "Topic 'a' already exists.").message).toBe("Topic 'a' already exists.");
    expect(KafkaError.from(36, null).message).toBe('Topic with this name already exists.');
    expect(KafkaError.from(3, 'x').javaString()).toBe('org.apache.kafka.common.errors.UnknownTopicOrPartitionException: x');
    expect(KafkaError.from(87).javaName()).toBe('org.apache.kafka.common.InvalidRecordException');
    expect(KafkaError.from(87)).toBeInstanceOf(InvalidRecordError);
    const boom = new Error('disk on fire');
    const w = KafkaError.wrap(boom);
    expect(w.code).toBe(-1);
    expect(w.message).toBe('The server experienced an unexpected error when processing the request.');
    expect(w.cause).toBe(boom);
    expect(KafkaError.wrap(e)).toBe(e);
    expect(() => throwIfError(0)).not.toThrow();
    expect(() => throwIfError(73)).toThrow(TopicDeletionDisabledError);
  });

  it('has the typed subclasses', () => {
    const cases: [number, new (m?: string | null) => KafkaError][] = [
      [36, TopicExistsError], [3, UnknownTopicOrPartitionError], [17, InvalidTopicError], [37, InvalidPartitionsError],
      [38, InvalidReplicationFactorError], [40, InvalidConfigError], [35, UnsupportedVersionError], [6, NotLeaderOrFollowerError],
      [73, TopicDeletionDisabledError], [44, PolicyViolationError], [10, RecordTooLargeError], [10, MessageTooLargeError],
      [19, NotEnoughReplicasError], [2, CorruptMessageError], [1, OffsetOutOfRangeError], [42, InvalidRequestError],
      [15, CoordinatorNotAvailableError], [16, NotCoordinatorError], [25, UnknownMemberIdError], [22, IllegalGenerationError],
      [27, RebalanceInProgressError], [69, GroupIdNotFoundError], [68, NonEmptyGroupError], [46, DuplicateSequenceError],
      [45, OutOfOrderSequenceError],
    ];
    for (const [code, Cls] of cases) {
      const e = KafkaError.from(code, 'm');
      expect(e).toBeInstanceOf(Cls);
      expect(new Cls().code).toBe(code);
      expect(e.message).toBe('m');
    }
  });
});
