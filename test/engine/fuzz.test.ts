// Mutated requests (flipped bytes, truncation, bogus lengths) never take the engine down: each
// gets an answer or a closed connection, and a well-behaved client keeps working throughout.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as net from 'node:net';
import * as path from 'node:path';
import { startInProcessEngine, TestEngine, ROOT } from '../helpers/engine';

const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { ApiKey, apiSpec, encodeRequestFrame } = require(path.join(ROOT, 'dist/protocol/apis'));
const { buildBatch } = require(path.join(ROOT, 'dist/protocol/records/batch'));
const { encodeSubscription } = require(path.join(ROOT, 'dist/protocol/consumer-protocol'));
const { legacyMessageSize, writeLegacyMessage } = require(path.join(ROOT, 'dist/protocol/records/legacy'));

/** A magic-1 gzip wrapper around two messages (what a 0.10 producer sends with Produce v2). */
function legacyWrapper(): Buffer {
  const inner = Buffer.alloc(2 * legacyMessageSize(1, 1, 1));
  let p = writeLegacyMessage(inner, 0, 1, 0, 0, 1, Buffer.from('k'), 0, 1, Buffer.from('v'), 0, 1);
  writeLegacyMessage(inner, p, 1, 1, 0, 2, Buffer.from('k'), 0, 1, Buffer.from('w'), 0, 1);
  const z = require('node:zlib').gzipSync(inner);
  const out = Buffer.alloc(legacyMessageSize(1, -1, z.length));
  p = writeLegacyMessage(out, 0, 1, 1, 1, 2, null, 0, 0, z, 0, z.length);
  return out;
}

let engine: TestEngine;
beforeAll(async () => { engine = await startInProcessEngine(); });
afterAll(async () => { await engine.stop(); });

// A small deterministic PRNG so a failure can be replayed.
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function validFrames(): Buffer[] {
  const batch = buildBatch([{ key: Buffer.from('k'), value: Buffer.from('v'), timestamp: 1 }], {});
  const subscription = encodeSubscription({ topics: ['fuzz'], userData: null, ownedPartitions: [], generationId: -1, rackId: null }, 1);
  const reqs: [number, number, unknown][] = [
    [ApiKey.Metadata, 8, { topics: [{ name: 'fuzz' }], allowAutoTopicCreation: true }],
    [ApiKey.Metadata, 12, { topics: [{ name: 'fuzz' }], allowAutoTopicCreation: true }],
    [ApiKey.Produce, 8, { transactionalId: null, acks: -1, timeoutMs: 1000, topicData: [{ name: 'fuzz', partitionData: [{ index: 0, records: batch }] }] }],
    // Old versions: message format v0/v1 in and out.
    [ApiKey.Produce, 2, { acks: 1, timeoutMs: 1000, topicData: [{ name: 'fuzz', partitionData: [{ index: 0, records: legacyWrapper() }] }] }],
    [ApiKey.Fetch, 0, { replicaId: -1, maxWaitMs: 0, minBytes: 1, topics: [{ topic: 'fuzz', partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 1000 }] }] }],
    [ApiKey.Fetch, 3, { replicaId: -1, maxWaitMs: 0, minBytes: 1, maxBytes: 1000, topics: [{ topic: 'fuzz', partitions: [{ partition: 0, fetchOffset: 1, partitionMaxBytes: 1000 }] }] }],
    [ApiKey.ListOffsets, 0, { replicaId: -1, topics: [{ name: 'fuzz', partitions: [{ partitionIndex: 0, timestamp: -1, maxNumOffsets: 3 }] }] }],
    [ApiKey.OffsetCommit, 0, { groupId: 'fuzz-g', topics: [{ name: 'fuzz', partitions: [{ partitionIndex: 0, committedOffset: 1, committedMetadata: 'x' }] }] }],
    [ApiKey.OffsetFetch, 0, { groupId: 'fuzz-g', topics: [{ name: 'fuzz', partitionIndexes: [0] }] }],
    [ApiKey.Fetch, 11, { replicaId: -1, maxWaitMs: 0, minBytes: 1, maxBytes: 1000, isolationLevel: 0, sessionId: 0, sessionEpoch: -1, topics: [{ topic: 'fuzz', partitions: [{ partition: 0, fetchOffset: 0, logStartOffset: -1, partitionMaxBytes: 1000, currentLeaderEpoch: -1 }] }], forgottenTopicsData: [], rackId: '' }],
    [ApiKey.ListOffsets, 5, { replicaId: -1, isolationLevel: 0, topics: [{ name: 'fuzz', partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1 }] }] }],
    [ApiKey.CreateTopics, 4, { topics: [{ name: 'fuzz2', numPartitions: 2, replicationFactor: 1, assignments: [], configs: [{ name: 'retention.ms', value: '1000' }] }], timeoutMs: 1000, validateOnly: true }],
    [ApiKey.DescribeConfigs, 3, { resources: [{ resourceType: 2, resourceName: 'fuzz', configurationKeys: null }], includeSynonyms: true, includeDocumentation: false }],
    [ApiKey.CreatePartitions, 1, { topics: [{ name: 'fuzz', count: 2, assignments: null }], timeoutMs: 1000, validateOnly: true }],
    [ApiKey.ApiVersions, 3, { clientSoftwareName: 'fuzz', clientSoftwareVersion: '1' }],
    [ApiKey.ListOffsets, 7, { replicaId: -1, isolationLevel: 0, topics: [{ name: 'fuzz', partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -3 }] }] }],
    [ApiKey.DeleteRecords, 1, { topics: [{ name: 'fuzz', partitions: [{ partitionIndex: 0, offset: 0 }] }], timeoutMs: 1000 }],
    [ApiKey.AlterConfigs, 1, { resources: [{ resourceType: 2, resourceName: 'fuzz', configs: [{ name: 'retention.ms', value: '100000' }] }], validateOnly: true }],
    [ApiKey.IncrementalAlterConfigs, 0, { resources: [{ resourceType: 4, resourceName: '', configs: [{ name: 'message.max.bytes', configOperation: 0, value: '2000000' }] }], validateOnly: true }],
    // Client quotas, SCRAM credentials, group and client-metrics config resources.
    [ApiKey.DescribeClientQuotas, 1, { components: [{ entityType: 'user', matchType: 2, match: null }], strict: false }],
    [ApiKey.AlterClientQuotas, 1, { entries: [{ entity: [{ entityType: 'client-id', entityName: 'fuzz' }], ops: [{ key: 'producer_byte_rate', value: 1024, remove: false }] }], validateOnly: true }],
    [ApiKey.DescribeUserScramCredentials, 0, { users: [{ name: 'fuzz' }] }],
    [ApiKey.AlterUserScramCredentials, 0, { deletions: [], upsertions: [{ name: 'fuzz', mechanism: 1, iterations: 4096, salt: Buffer.from('s'), saltedPassword: Buffer.alloc(32) }] }],
    [ApiKey.ListConfigResources, 1, { resourceTypes: [32, 16] }],
    [ApiKey.IncrementalAlterConfigs, 0, { resources: [{ resourceType: 32, resourceName: 'fuzz-g', configs: [{ name: 'consumer.session.timeout.ms', configOperation: 0, value: '50000' }] }], validateOnly: true }],
    // Group APIs: a member of group "fuzz-g" (the coordinator's state machine gets the mutations).
    [ApiKey.FindCoordinator, 2, { key: 'fuzz-g', keyType: 0 }],
    [ApiKey.JoinGroup, 5, { groupId: 'fuzz-g', sessionTimeoutMs: 6000, rebalanceTimeoutMs: 1000, memberId: '', groupInstanceId: null, protocolType: 'consumer', protocols: [{ name: 'range', metadata: subscription }] }],
    [ApiKey.SyncGroup, 3, { groupId: 'fuzz-g', generationId: 1, memberId: 'm', groupInstanceId: null, assignments: [{ memberId: 'm', assignment: subscription }] }],
    [ApiKey.Heartbeat, 3, { groupId: 'fuzz-g', generationId: 1, memberId: 'm', groupInstanceId: null }],
    [ApiKey.LeaveGroup, 3, { groupId: 'fuzz-g', members: [{ memberId: 'm', groupInstanceId: null }] }],
    [ApiKey.OffsetCommit, 7, { groupId: 'fuzz-g', generationIdOrMemberEpoch: -1, memberId: '', groupInstanceId: null, retentionTimeMs: -1, topics: [{ name: 'fuzz', partitions: [{ partitionIndex: 0, committedOffset: 1, committedLeaderEpoch: -1, committedMetadata: 'x' }] }] }],
    [ApiKey.OffsetFetch, 5, { groupId: 'fuzz-g', topics: null, requireStable: false }],
    [ApiKey.DescribeGroups, 4, { groups: ['fuzz-g'], includeAuthorizedOperations: false }],
    [ApiKey.ListGroups, 2, {}],
    [ApiKey.OffsetDelete, 0, { groupId: 'fuzz-g', topics: [{ name: 'fuzz', partitions: [{ partitionIndex: 0 }] }] }],
    [ApiKey.DeleteGroups, 1, { groupsNames: ['fuzz-g'] }],
    // What a Kafka 4.x client sends first (flexible versions, nullable struct, topic ids).
    [ApiKey.Metadata, 13, { topics: [{ topicId: 'h2uIyw3dQnCP-uRvv2jO7A', name: '' }], allowAutoTopicCreation: true }],
    [ApiKey.CreateTopics, 7, { topics: [{ name: 'fuzz3', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 1000, validateOnly: true }],
    [ApiKey.DescribeCluster, 2, { includeClusterAuthorizedOperations: true, endpointType: 1, includeFencedBrokers: false }],
    [ApiKey.DescribeTopicPartitions, 0, { topics: [{ name: 'fuzz' }], responsePartitionLimit: 5, cursor: { topicName: 'fuzz', partitionIndex: 0 } }],
    [ApiKey.ListGroups, 5, { statesFilter: ['Stable'], typesFilter: ['classic'] }],
    [ApiKey.DescribeGroups, 6, { groups: ['fuzz-g'], includeAuthorizedOperations: false }],
    [ApiKey.ApiVersions, 5, { clientSoftwareName: 'fuzz', clientSoftwareVersion: '1', clusterId: 'h2uIyw3dQnCP-uRvv2jO7A', nodeId: 1 }],
    // Transactions: markers (inter-broker), transactional offsets, producers, read_committed reads.
    [ApiKey.WriteTxnMarkers, 1, { markers: [{ producerId: 7, producerEpoch: 0, transactionResult: false, coordinatorEpoch: 0, topics: [{ name: 'fuzz', partitionIndexes: [0] }] }] }],
    [ApiKey.WriteTxnMarkers, 2, { markers: [{ producerId: 7, producerEpoch: 1, transactionResult: true, coordinatorEpoch: 1, transactionVersion: 2, topics: [{ name: 'fuzz', partitionIndexes: [0, 5] }] }] }],
    [ApiKey.TxnOffsetCommit, 3, { transactionalId: 't', groupId: 'fuzz-g', producerId: 7, producerEpoch: 0, generationIdOrMemberEpoch: -1, memberId: '', groupInstanceId: null, topics: [{ name: 'fuzz', partitions: [{ partitionIndex: 0, committedOffset: 1, committedLeaderEpoch: -1, committedMetadata: 'x' }] }] }],
    [ApiKey.DescribeProducers, 0, { topics: [{ name: 'fuzz', partitionIndexes: [0, 1] }] }],
    [ApiKey.Fetch, 11, { replicaId: -1, maxWaitMs: 0, minBytes: 1, maxBytes: 1000, isolationLevel: 1, sessionId: 0, sessionEpoch: -1, topics: [{ topic: 'fuzz', partitions: [{ partition: 0, fetchOffset: 0, logStartOffset: -1, partitionMaxBytes: 1000, currentLeaderEpoch: -1 }] }], forgottenTopicsData: [], rackId: '' }],
    [ApiKey.ListOffsets, 5, { replicaId: -1, isolationLevel: 1, topics: [{ name: 'fuzz', partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1 }] }] }],
  ];
  return reqs.map(([key, v, body]) => Buffer.concat(encodeRequestFrame(apiSpec(key), v, 1, 'fuzz', body)));
}

function mutate(frame: Buffer, r: () => number): Buffer {
  const b = Buffer.from(frame);
  const kind = Math.floor(r() * 4);
  if (kind === 0) {
    // Flip a few bytes after the size prefix.
    for (let i = 0; i < 1 + Math.floor(r() * 4); i++) b[4 + Math.floor(r() * (b.length - 4))] ^= 1 + Math.floor(r() * 255);
    return b;
  }
  if (kind === 1) {
    // Truncate the body but keep a consistent size prefix.
    const n = 4 + Math.floor(r() * (b.length - 4));
    const t = b.subarray(0, n);
    t.writeInt32BE(n - 4, 0);
    return t;
  }
  if (kind === 2) {
    // Overwrite an int32 somewhere with a huge or negative length.
    const at = 4 + Math.floor(r() * Math.max(1, b.length - 8));
    b.writeInt32BE(r() < 0.5 ? 0x7ffffff0 : -5, at);
    return b;
  }
  // Append garbage after a valid frame (it becomes the next frame).
  return Buffer.concat([b, Buffer.from([0, 0, 0, 3, 1, 2, 3])]);
}

function exchange(bytes: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port: engine.port });
    const done = () => { clearTimeout(timer); s.destroy(); resolve(); };
    // Upper bound per exchange; most end at once with a reply or a closed connection.
    const timer = setTimeout(done, 50);
    s.on('data', () => undefined);
    s.on('close', done);
    s.on('error', done);
    s.write(bytes);
  });
}

describe('fuzzed requests', () => {
  it('survives 800 mutated requests and keeps serving', async () => {
    const frames = validFrames();
    const r = rng(12345);
    for (let i = 0; i < 800; i++) {
      await exchange(mutate(frames[i % frames.length], r));
    }
    const conn = new BrokerConnection('127.0.0.1', engine.port, 'after-fuzz');
    await conn.connect();
    const md = await conn.send(ApiKey.Metadata, { topics: null });
    expect(md.brokers[0].nodeId).toBe(1);
    conn.close();
  });
});
