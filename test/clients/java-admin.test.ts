// Kafka's Java AdminClient 4.4 (the reference client) against the engine: one JVM runs
// test/clients/java/AdminChecks.java (cluster, topics, partitions, offsets incl. max-timestamp,
// deleteRecords, configs, consumer groups and their offsets, log dirs, elections, reassignments,
// the metadata quorum), each check asserting what the admin reads back; here each check is one test, plus what the JVM saw against our own client.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import { startInProcessEngine, TestEngine, ROOT } from '../helpers/engine';
import { runJava, parseChecks, checkOutcome, type ChecksOutput, type JavaResult } from '../helpers/java';

const { Cluster } = require(path.join(ROOT, 'dist/client/cluster'));

const CHECKS = [
  'describeCluster',
  'createTopics with configs',
  'createTopics of an existing topic: TopicExistsException',
  'createTopics of an invalid name: InvalidTopicException',
  'createTopics with replication factor 3 on one broker: InvalidReplicationFactorException',
  'createTopics validateOnly creates nothing',
  'describeTopics',
  'describeTopics of a missing topic: UnknownTopicOrPartitionException',
  'listTopics hides internal topics unless asked',
  'deleteTopics',
  'createPartitions grows a topic',
  'createPartitions cannot shrink: InvalidPartitionsException',
  'createPartitions of a missing topic: UnknownTopicOrPartitionException',
  'listOffsets earliest/latest/max-timestamp/forTimestamp',
  'listOffsets of a missing partition: TimeoutException',
  'deleteRecords moves the log start offset',
  'deleteRecords beyond the high watermark: OffsetOutOfRangeException',
  'describeConfigs of a topic: values and sources',
  'describeConfigs of the broker',
  'incrementalAlterConfigs SET, APPEND, SUBTRACT, DELETE',
  'incrementalAlterConfigs validateOnly changes nothing',
  'incrementalAlterConfigs with a bad value: InvalidConfigurationException',
  'incrementalAlterConfigs of a missing topic: UnknownTopicOrPartitionException',
  'a consumer group with committed offsets',
  'listGroups and listConsumerGroups show the group as Stable',
  'describeConsumerGroups',
  'listConsumerGroupOffsets',
  'deleteConsumerGroups of an active group: GroupNotEmptyException',
  'deleteConsumerGroupOffsets of a subscribed topic: GroupSubscribedToTopicException',
  'alterConsumerGroupOffsets of an active group: UnknownMemberIdException',
  'alterConsumerGroupOffsets of an empty group',
  'deleteConsumerGroupOffsets of an empty group',
  'deleteConsumerGroups of an empty group',
  "describeLogDirs: the broker's dir holds the topic's partitions",
  'electLeaders: the preferred leader already leads',
  'alterPartitionReassignments and listPartitionReassignments',
  'describeMetadataQuorum: one voter, the leader',
];

let engine: TestEngine;
let run: JavaResult;
let out: ChecksOutput;

beforeAll(async () => {
  engine = await startInProcessEngine();
  run = await runJava('AdminChecks', [engine.bootstrap, 'ja']);
  out = parseChecks(run.stdout);
}, 180000);
afterAll(async () => { await engine?.stop(); });

describe('Kafka\'s Java AdminClient (kafka-clients 4.4.0) against the engine', () => {
  it.each(CHECKS)('%s', (name) => {
    expect(checkOutcome(out, name, run.stderr)).toBe('ok');
  });

  it('ran exactly the checks listed here, and exited 0', () => {
    expect([...out.checks.keys()]).toEqual(CHECKS);
    expect(run.code).toBe(0);
  });

  it('describeCluster saw the cluster id and node id our client sees', async () => {
    const cluster = new Cluster({ bootstrap: [{ host: '127.0.0.1', port: engine.port }], clientId: 'java-admin-test', logPrefix: '' });
    try {
      const md = await cluster.metadata([], Date.now() + 10000, 'describeCluster');
      expect(out.value('clusterId')).toBe(md.clusterId);
      expect(out.value('nodeId')).toBe(String(md.brokers[0].nodeId));
    } finally {
      cluster.close();
    }
  });
});
