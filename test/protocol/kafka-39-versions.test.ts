// The engine accepts what a Kafka 3.9 broker accepted (issue 9): for every API a 3.9 broker
// served on its broker listener, our lowest advertised version is no higher than 3.9's, so a
// client of any era that worked with 3.9 finds its versions here. The table is Kafka 3.9.1's
// message definitions (kafka-clients-3.9.1.jar, common/message/*Request.json: the requests whose
// "listeners" name "broker", without the unstable share-group ones): API key, name, validVersions.
// 3.9 still accepted its deprecated versions (Kafka 4.0 removed them), so every minimum is 0.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/engine';

const { ADVERTISED } = require(path.join(ROOT, 'dist/protocol/apis'));

const KAFKA_39: readonly [number, string, number, number][] = [
  [0, 'Produce', 0, 11],
  [1, 'Fetch', 0, 17],
  [2, 'ListOffsets', 0, 9],
  [3, 'Metadata', 0, 12],
  [8, 'OffsetCommit', 0, 9],
  [9, 'OffsetFetch', 0, 9],
  [10, 'FindCoordinator', 0, 6],
  [11, 'JoinGroup', 0, 9],
  [12, 'Heartbeat', 0, 4],
  [13, 'LeaveGroup', 0, 5],
  [14, 'SyncGroup', 0, 5],
  [15, 'DescribeGroups', 0, 5],
  [16, 'ListGroups', 0, 5],
  [17, 'SaslHandshake', 0, 1],
  [18, 'ApiVersions', 0, 4],
  [19, 'CreateTopics', 0, 7],
  [20, 'DeleteTopics', 0, 6],
  [21, 'DeleteRecords', 0, 2],
  [22, 'InitProducerId', 0, 5],
  [23, 'OffsetForLeaderEpoch', 0, 4],
  [24, 'AddPartitionsToTxn', 0, 5],
  [25, 'AddOffsetsToTxn', 0, 4],
  [26, 'EndTxn', 0, 4],
  [27, 'WriteTxnMarkers', 0, 1],
  [28, 'TxnOffsetCommit', 0, 4],
  [29, 'DescribeAcls', 0, 3],
  [30, 'CreateAcls', 0, 3],
  [31, 'DeleteAcls', 0, 3],
  [32, 'DescribeConfigs', 0, 4],
  [33, 'AlterConfigs', 0, 2],
  [34, 'AlterReplicaLogDirs', 0, 2],
  [35, 'DescribeLogDirs', 0, 4],
  [36, 'SaslAuthenticate', 0, 2],
  [37, 'CreatePartitions', 0, 3],
  [38, 'CreateDelegationToken', 0, 3],
  [39, 'RenewDelegationToken', 0, 2],
  [40, 'ExpireDelegationToken', 0, 2],
  [41, 'DescribeDelegationToken', 0, 3],
  [42, 'DeleteGroups', 0, 2],
  [43, 'ElectLeaders', 0, 2],
  [44, 'IncrementalAlterConfigs', 0, 1],
  [45, 'AlterPartitionReassignments', 0, 0],
  [46, 'ListPartitionReassignments', 0, 0],
  [47, 'OffsetDelete', 0, 0],
  [48, 'DescribeClientQuotas', 0, 1],
  [49, 'AlterClientQuotas', 0, 1],
  [50, 'DescribeUserScramCredentials', 0, 0],
  [51, 'AlterUserScramCredentials', 0, 0],
  [55, 'DescribeQuorum', 0, 2],
  [57, 'UpdateFeatures', 0, 1],
  [60, 'DescribeCluster', 0, 1],
  [61, 'DescribeProducers', 0, 0],
  [64, 'UnregisterBroker', 0, 0],
  [65, 'DescribeTransactions', 0, 0],
  [66, 'ListTransactions', 0, 1],
  [68, 'ConsumerGroupHeartbeat', 0, 0],
  [69, 'ConsumerGroupDescribe', 0, 0],
  [71, 'GetTelemetrySubscriptions', 0, 0],
  [72, 'PushTelemetry', 0, 0],
  [74, 'ListClientMetricsResources', 0, 0],
  [75, 'DescribeTopicPartitions', 0, 0],
  [80, 'AddRaftVoter', 0, 0],
  [81, 'RemoveRaftVoter', 0, 0],
];

/**
 * What a 3.9 broker served and the engine does not: features it does not have (log dir moves,
 * delegation tokens, feature upgrades, KIP-848 consumer groups, client telemetry, KRaft voter
 * changes, unregistering brokers). A client calling them gets a closed connection, as from a
 * broker without the API.
 */
const NOT_SERVED = [34, 38, 39, 40, 41, 57, 64, 68, 69, 71, 72, 80, 81];

/**
 * Where our highest version is below 3.9's. Clients use the highest version both sides know, so
 * these cost no client its access; they are listed so that the gap stays known.
 */
const BELOW_39_MAXIMUM = [1, 8, 9, 10, 11, 12, 13, 14, 20, 21, 32, 33, 37, 42, 44];

describe('Kafka 3.9\'s versions', () => {
  it('every API 3.9 served and we serve starts no higher than 3.9\'s minimum', () => {
    for (const [key, name, min] of KAFKA_39) {
      const ours = ADVERTISED.get(key);
      if (!ours) continue;
      expect(ours.min, `${name}(${key}): ours ${ours.min}-${ours.max}, 3.9 from ${min}`).toBeLessThanOrEqual(min);
    }
  });

  it('the APIs 3.9 served that the engine does not are the listed ones', () => {
    expect(KAFKA_39.filter(([key]) => !ADVERTISED.has(key)).map(([key]) => key)).toEqual(NOT_SERVED);
  });

  it('the APIs whose highest version is below 3.9\'s are the listed ones', () => {
    expect(KAFKA_39.filter(([key, , , max]) => ADVERTISED.has(key) && ADVERTISED.get(key).max < max).map(([key]) => key)).toEqual(BELOW_39_MAXIMUM);
  });
});
