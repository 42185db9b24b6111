// Clients of every era against the engine: kafka-python, confluent-kafka (librdkafka), Sarama
// and kcat configured for 0.8.1-0.10.1 brokers speak Produce v0-2 (message format v0/v1,
// compressed wrappers), Fetch v0-3, ListOffsets v0-1, OffsetCommit v0-2, OffsetFetch v0-1,
// Metadata v0-2 and the v0 group APIs; the engine converts their messages to and from the
// RecordBatch v2 it stores, as Kafka 3.9 did. Each run checks the versions really used, that
// every record comes back once with its key, value, partition, offset (and timestamp from
// message format v1 on), and the committed and end offsets. Sarama 1.25 itself (an old release, not
// a current one set to old versions) runs with its defaults; kafka-python's admin client, set for
// a 1.1 broker, calls the admin APIs at that era's versions.
import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import * as path from 'node:path';
import { startInProcessEngine, TestEngine, ROOT } from '../helpers/engine';
import { runKcat } from '../helpers/kcat';
import { describeRows } from '../helpers/groups';
import { recordVersions, runGo, runPython, storedCodecs } from './run-client';

const { partitionForKey } = require(path.join(ROOT, 'dist/protocol/murmur2'));
const { crc32 } = require(path.join(ROOT, 'dist/protocol/records/crc32'));

const API: Record<string, number> = {
  Produce: 0, Fetch: 1, ListOffsets: 2, Metadata: 3, OffsetCommit: 8, OffsetFetch: 9, FindCoordinator: 10,
  JoinGroup: 11, Heartbeat: 12, LeaveGroup: 13, SyncGroup: 14, DescribeGroups: 15, ListGroups: 16, ApiVersions: 18,
  CreateTopics: 19, DeleteTopics: 20, DeleteRecords: 21, DescribeAcls: 29, DescribeConfigs: 32, AlterConfigs: 33,
  CreatePartitions: 37, DeleteGroups: 42,
};

let engine: TestEngine;
let versions: ReturnType<typeof recordVersions>;
// Old brokers created topics on first use; three partitions so two members can share them.
beforeAll(async () => { engine = await startInProcessEngine({ 'num.partitions': '3', 'group.initial.rebalance.delay.ms': '0' }); });
afterAll(async () => { await engine.stop(); });
beforeEach(() => { versions = recordVersions(engine); });

/** The versions of one API the engine served during the run, e.g. used('Produce') -> [0]. */
function used(api: string): number[] {
  return [...versions.seen].filter((s) => s.startsWith(`${API[api]}:`)).map((s) => Number(s.split(':')[1])).sort((a, b) => a - b);
}

function expectUsed(expected: Record<string, number[]>): void {
  for (const [api, vs] of Object.entries(expected)) expect([api, used(api)]).toEqual([api, vs]);
}

/** Every delivered record consumed once, at its partition and offset; offsets dense per partition. */
function expectRoundTrip(delivered: any[], consumed: any[], partitionOf: (key: string) => number, records: number): number[] {
  expect(delivered).toHaveLength(records);
  const counts = [0, 0, 0];
  for (const d of [...delivered].sort((a, b) => a.partition - b.partition || a.offset - b.offset)) {
    expect(d.error ?? null).toBeNull();
    expect(d.partition).toBe(partitionOf(d.key));
    expect(d.offset).toBe(counts[d.partition]++);
  }
  const byValue = new Map(delivered.map((d) => [d.value, d]));
  expect(consumed).toHaveLength(records);
  expect(new Set(consumed.map((c) => c.value)).size).toBe(records);
  for (const c of consumed) {
    const d = byValue.get(c.value);
    expect([c.key, c.partition, c.offset]).toEqual([d.key, d.partition, d.offset]);
  }
  return counts;
}

const murmur = (key: string): number => partitionForKey(Buffer.from(key), 3);
/** Sarama's default partitioner before 1.40: FNV-1a of the key as an int32, its remainder made positive. */
const fnv1a = (key: string): number => {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(key)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return Math.abs((h | 0) % 3);
};
const crc = (key: string): number => crc32(Buffer.from(key)) % 3;

describe('kafka-python with a fixed old api_version', () => {
  it.each([
    // 0.8.1 kept offsets in ZooKeeper (OffsetCommit/OffsetFetch v0, no coordinator): kept with the others here.
    ['0.8.1', 'none', { OffsetCommit: [0], OffsetFetch: [0], FindCoordinator: [] }],
    ['0.8.2', 'gzip', { OffsetCommit: [1], OffsetFetch: [1], FindCoordinator: [0] }],
  ])('%s (%s): Produce/Fetch v0, offsets committed without group membership', async (version, codec, expected) => {
    const r = await runPython('kafka_python_old.py', [engine.bootstrap, `kp-${version.replace(/\./g, '')}`, version, codec, '1']);
    expectUsed({ ...expected, Produce: [0], Fetch: [0], ListOffsets: [0], Metadata: [0], JoinGroup: [], ApiVersions: [] });
    const counts = expectRoundTrip(r.delivered, r.consumed, murmur, 20);
    for (const c of r.consumed) expect(c.timestamp).toBeNull(); // message format v0 has none
    expect(r.committed).toEqual(counts.map((n, p) => [p, n]).filter(([, n]) => n > 0));
    expect(r.committedAfter).toBe(3);
    expect(r.endOffsets).toEqual(counts.map((n, p) => [p, n]).filter(([, n]) => n > 0));
  }, 60000);

  it.each([
    ['0.9', 'gzip', { Produce: [1], Fetch: [1], JoinGroup: [0], ListOffsets: [0], OffsetCommit: [2] }],
    ['0.10', 'gzip', { Produce: [2], Fetch: [2], JoinGroup: [0], ListOffsets: [0], Metadata: [1] }],
    ['0.10.1', 'none', { Produce: [2], Fetch: [3], JoinGroup: [1], ListOffsets: [1], Metadata: [2] }],
  ])('%s (%s): a two-member group over the v0/v1 group APIs', async (version, codec, expected) => {
    const topic = `kp-${version.replace(/\./g, '')}`;
    const r = await runPython('kafka_python_old.py', [engine.bootstrap, topic, version, codec, '2']);
    expectUsed({ ...expected, SyncGroup: [0], Heartbeat: [0], FindCoordinator: [0], ApiVersions: [] });
    const counts = expectRoundTrip(r.delivered, r.consumed, murmur, 20);
    const timestamps = version !== '0.9';
    for (const c of r.consumed) {
      const d = r.delivered.find((x: any) => x.value === c.value);
      if (timestamps) expect(c.timestamp).toBe(d.timestamp); // message format v1: CreateTime kept
      else expect(c.timestamp).toBeNull();
    }
    expect(r.assignedAlone).toEqual([0, 1, 2]);
    expect(r.assignedTogether).toEqual({ a: [0, 1], b: [2] }); // range over a, b
    expect(r.committed).toEqual(counts.map((n, p) => [p, n]));
    expect(r.endOffsets).toEqual([[0, counts[0]], [1, counts[1]]]);
  }, 60000);
});

describe('kafka-python\'s admin client with a fixed old api_version', () => {
  it('1.1.0: the admin APIs at the versions of a 1.1 broker, with Kafka\'s answers', async () => {
    const r = await runPython('kafka_python_old_admin.py', [engine.bootstrap, 'kp-admin', '1.1.0']);
    expectUsed({
      CreateTopics: [2], DeleteTopics: [1], DeleteRecords: [0], DescribeConfigs: [1], AlterConfigs: [0], CreatePartitions: [0],
      ListGroups: [1], DescribeGroups: [1], DeleteGroups: [0], DescribeAcls: [0], ApiVersions: [],
    });
    expect(r.create.ok).toContain('error_code=0');
    expect(r.createAgain).toEqual({ error: 'TopicAlreadyExistsError' });
    expect(r.alterConfigs.ok).toContain('error_code=0');
    expect(r.retention).toEqual({ ok: '123456' });
    expect(r.createPartitions.ok).toContain('error_code=0');
    expect(r.deleteRecords).toEqual({ ok: ["TopicPartition(topic='kp-admin', partition=0)"] });
    // The file's other tests share the engine: their groups may be listed, as (name, protocol type).
    expect(r.listGroups.ok.every((g: unknown) => Array.isArray(g) && g.length === 2)).toBe(true);
    expect(r.describeGroups).toEqual({ ok: ['Dead'] });
    expect(r.deleteGroups).toEqual({ ok: [['no-such-group', 'GroupIdNotFoundError']] });
    expect(r.describeAcls).toEqual({ error: 'SecurityDisabledError' }); // no authorizer, as Kafka's broker
    expect(r.delete.ok).toContain('error_code=0');
  }, 60000);
});

describe('confluent-kafka with api.version.request=false', () => {
  it.each([
    ['0.8.2', 'gzip', { Produce: [0], Fetch: [0], ListOffsets: [0], OffsetCommit: [1], OffsetFetch: [1], JoinGroup: [] }],
    ['0.9.0', 'snappy', { Produce: [1], Fetch: [1], ListOffsets: [0], OffsetCommit: [2], OffsetFetch: [1], JoinGroup: [0] }],
  ])('broker.version.fallback=%s (%s)', async (fallback, codec, expected) => {
    const topic = `ck-${fallback.replace(/\./g, '')}`;
    const r = await runPython('confluent_old.py', [engine.bootstrap, topic, fallback, codec]);
    expectUsed({ ...expected, ApiVersions: [], Metadata: [0], FindCoordinator: [0] });
    const counts = expectRoundTrip(r.delivered, r.consumed, crc, 20);
    for (const c of r.consumed) expect([c.timestampType, c.timestamp]).toEqual([0, 0]); // v0: not available
    if (fallback !== '0.8.2') expect(r.assigned).toEqual([0, 1, 2]);
    const used = counts.map((n, p) => [p, n]).filter(([, n]) => n > 0);
    expect(r.committed).toEqual(used);
    expect(r.watermarks).toEqual(used.map(([p, n]) => [p, 0, n]));
  }, 60000);

  it('kcat (Debian librdkafka 2.0) with broker.version.fallback=0.8.2: gzip message sets both ways', async () => {
    const old = ['-X', 'api.version.request=false', '-X', 'broker.version.fallback=0.8.2'];
    const lines = Array.from({ length: 50 }, (_, i) => `k${i}:value ${i} é`);
    const p = await runKcat(engine.bootstrap, ['-P', '-t', 'kcat-082', '-p', '1', '-K', ':', '-z', 'gzip', ...old], lines.join('\n') + '\n');
    expect(p.code).toBe(0);
    const c = await runKcat(engine.bootstrap, ['-C', '-t', 'kcat-082', '-p', '1', '-e', '-f', '%k:%s@%o\n', ...old]);
    expect(c.code).toBe(0);
    expect(c.stdout).toBe(lines.map((l, i) => `${l}@${i}\n`).join(''));
    expectUsed({ Produce: [0], Fetch: [0], ApiVersions: [] });
  }, 60000);
});

describe('Sarama configured as an old Kafka version', () => {
  it.each([
    ['0.8.2.0', 'gzip', { Produce: [0], Fetch: [0], ListOffsets: [0], OffsetCommit: [1], OffsetFetch: [1] }],
    ['0.9.0.0', 'snappy', { Produce: [0], Fetch: [1], ListOffsets: [0], OffsetCommit: [2], OffsetFetch: [1] }],
    ['0.10.0.0', 'gzip', { Produce: [2], Fetch: [2], ListOffsets: [0], OffsetCommit: [2], OffsetFetch: [1] }],
    ['0.10.1.0', 'none', { Produce: [2], Fetch: [3], ListOffsets: [1], OffsetCommit: [2], OffsetFetch: [1] }],
  ])('%s (%s): produce, partition consumers, offset manager', async (version, codec, expected) => {
    const topic = `sarama-${version.replace(/\./g, '')}`;
    const r = await runGo('sarama', [engine.bootstrap, topic, codec, version]);
    expectUsed({ ...expected, FindCoordinator: [0], JoinGroup: [] });
    const counts = expectRoundTrip(r.delivered, r.consumed, crc, 30);
    for (const c of r.consumed) {
      if (version.startsWith('0.10')) expect(Math.abs(c.timestamp - Date.now())).toBeLessThan(120000);
      else expect(c.timestamp).toBe(-62135596800000); // Go's zero time: message format v0 has none
    }
    expect(r.partitions).toBe(3);
    // The message sets were stored in the producer's codec, as Kafka 3.9 kept it (and converted back for the fetches above).
    const codecId = { none: 0, gzip: 1, snappy: 2 }[codec];
    for (let p = 0; p < 3; p++) expect(new Set(await storedCodecs(engine.bootstrap, topic, p))).toEqual(new Set([codecId]));
    expect(r.endOffsets).toEqual(counts.map((n, p) => [p, n]));
    expect(r.committed).toEqual([0, 1, 2].map((p) => [p, 10 + p, 'meta']));
    for (let p = 0; p < 3; p++) expect(r[`oldest-${p}`]).toBe(0);
  }, 60000);
});

describe('Sarama 1.25 (Shopify/sarama, 2020) with its defaults', () => {
  it('0.8.2 produce and partition consumers, then a 0.10.2 consumer group that rebalances and commits', async () => {
    const topic = 'sarama-legacy';
    const r = await runGo('saramalegacy', [engine.bootstrap, topic, 'sarama-legacy-group']);
    expect(r.defaultVersion).toBe('0.8.2.0');
    // OffsetCommit v1 (generation, member and a per-partition timestamp): Kafka 4 no longer takes it.
    expectUsed({
      Produce: [0], Fetch: [0, 3], ListOffsets: [0, 1], Metadata: [0, 1], FindCoordinator: [0], JoinGroup: [1],
      SyncGroup: [0], Heartbeat: [0], LeaveGroup: [0], OffsetCommit: [1], OffsetFetch: [1], ApiVersions: [],
    });
    const counts = expectRoundTrip(r.delivered, r.consumed, fnv1a, 30);
    // The group: a alone owns every partition and reads every message once; b's joining splits
    // them by range in one generation, and nothing is read again (a's marks were committed).
    expect(r.assignedAlone).toEqual([0, 1, 2]);
    const together = Object.values(r.assignedTogether) as number[][];
    expect(together.map((a) => a.length).sort()).toEqual([1, 2]);
    expect(together.flat().sort()).toEqual([0, 1, 2]);
    expect(r.groupConsumed).toHaveLength(30);
    expect(new Set(r.groupConsumed.map((c: any) => c.value)).size).toBe(30);
    for (const c of r.groupConsumed) expect(c.member).toBe('a');
    const rows = await describeRows(engine.bootstrap, 'sarama-legacy-group');
    expect([0, 1, 2].map((p) => rows.get(`${topic}:${p}`)?.committed)).toEqual(counts.map(String));
  }, 90000);
});
