// Replication in a real local cluster: three broker processes sharing one metadata store
// (test/helpers/cluster.ts), followers fetching from leaders over Kafka's protocol. Replicas are
// compared batch by batch in each broker's own SQLite log (opened read-only beside the running
// broker); failures are real signals to real processes (kill -9, SIGSTOP/SIGCONT).
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCluster } from '../helpers/cluster';
import { ROOT, runTool, waitFor } from '../helpers/engine';
import { runKcat } from '../helpers/kcat';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const Database = require('better-sqlite3');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { DB_FILE } = require(path.join(ROOT, 'dist/engine/storage/database'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { decodeRecords, buildBatch } = require(path.join(ROOT, 'dist/protocol/records/batch'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ErrorCode } = require(path.join(ROOT, 'dist/protocol/errors'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { offsetsPartitionFor } = require(path.join(ROOT, 'dist/engine/coordinator/offsets-records'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { Kafka, logLevel } = require('kafkajs');

const LAG_MS = 1500;
// The session timeout is well above replica.lag.time.max.ms, so a stalled follower leaves the ISR
// by the leader's lag check (AlterPartition), not by being fenced.
const cluster = new TestCluster({
  brokers: 3, sessionTimeoutMs: 8000,
  overrides: {
    'replica.lag.time.max.ms': String(LAG_MS), 'offsets.topic.replication.factor': '3', 'replica.fetch.wait.max.ms': '200',
    // Cleaner passes close together, for the compaction test.
    'log.cleaner.backoff.ms': '100',
  },
});

interface PartitionLine { partition: number; leader: string; replicas: string; isr: string }

async function describeTopic(topic: string, via: number): Promise<PartitionLine[]> {
  const r = await runTool('kafka-topics', ['--bootstrap-server', cluster.bootstrap(via), '--describe', '--topic', topic]);
  if (r.code !== 0) throw new Error(r.stderr);
  return [...r.stdout.matchAll(/Partition: (\d+)\tLeader: (\S+)\tReplicas: ([\d,]+)\tIsr: ([\d,]*)/g)]
    .map((m) => ({ partition: Number(m[1]), leader: m[2], replicas: m[3], isr: m[4] }));
}

const sortedIds = (s: string): string => s.split(',').filter(Boolean).map(Number).sort((a, b) => a - b).join(',');

/** A live broker to ask (any of them answers for the cluster). */
function anyLive(except: number[] = []): number {
  const id = [...cluster.brokers.keys()].find((b) => !except.includes(b));
  if (id === undefined) throw new Error('no live broker');
  return id;
}

/** Every stored batch of one partition in a broker's log dir, in offset order (read-only, beside the running broker). */
function storedBatches(broker: number, topic: string, partition: number): Buffer[] {
  const db = new Database(path.join(cluster.dirs.get(broker)!, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT b.bytes FROM batches b JOIN topics t ON t.tk = b.tk WHERE t.name = ? AND b.partition = ? ORDER BY b.base_offset')
      .pluck().all(topic, partition) as Buffer[];
  } finally {
    db.close();
  }
}

function values(batches: Buffer[]): string[] {
  const out: string[] = [];
  for (const b of batches) decodeRecords(b, (r: any) => { out.push(r.value ? Buffer.from(r.value).toString() : ''); });
  return out;
}

/** Every record of stored batches as `offset key=value` (NULL for a null value). */
function records(batches: Buffer[]): string[] {
  const out: string[] = [];
  for (const b of batches) decodeRecords(b, (r: any) => { out.push(`${r.offset} ${r.key ? Buffer.from(r.key).toString() : ''}=${r.value ? Buffer.from(r.value).toString() : 'NULL'}`); });
  return out;
}

function sameBatches(a: Buffer[], b: Buffer[]): boolean {
  return a.length === b.length && a.every((x, i) => x.equals(b[i]));
}

async function createTopic(name: string, args: string[]): Promise<void> {
  const r = await runTool('kafka-topics', ['--bootstrap-server', cluster.bootstrap(anyLive()), '--create', '--topic', name, ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}

/** One request to one broker with our client's connection. */
async function request(broker: number, apiKey: number, version: number, body: unknown): Promise<any> {
  const c = new BrokerConnection('127.0.0.1', cluster.broker(broker).port, 'replication-test');
  await c.connect();
  try {
    return await c.request(apiKey, version, body);
  } finally {
    c.close();
  }
}

/** The partition's leader once it is a live broker other than `not`. */
async function newLeader(topic: string, partition: number, not: number): Promise<number> {
  return waitFor(async () => {
    const p = (await describeTopic(topic, anyLive([not]))).find((x) => x.partition === partition);
    return p && p.leader !== 'none' && Number(p.leader) !== not && cluster.brokers.has(Number(p.leader)) ? Number(p.leader) : undefined;
  }, 20000, `a new leader of ${topic}-${partition}`);
}

beforeAll(async () => {
  await cluster.startAll();
}, 60000);

afterAll(async () => {
  await cluster.stop();
});

describe('replication across broker processes', () => {
  it('100k records produced with acks=all to an RF 3 topic are on every replica, identical batch by batch', async () => {
    await createTopic('bulk', ['--partitions', '3', '--replication-factor', '3']);
    await waitFor(async () => (await describeTopic('bulk', 1)).every((p) => sortedIds(p.isr) === '1,2,3'), 15000, 'bulk in sync');
    const n = 100000;
    const input = Array.from({ length: n }, (_, i) => `r${i}`).join('\n') + '\n';
    const produced = await runKcat(cluster.bootstrap(), ['-P', '-t', 'bulk', '-X', 'acks=all', '-X', 'linger.ms=20'], input, 120000);
    expect(produced.stderr).toBe('');
    expect(produced.code).toBe(0);
    const all: string[] = [];
    for (const p of [0, 1, 2]) {
      // Followers may still be fetching the last batches: wait for identical logs on all three.
      const reference = await waitFor(() => {
        const logs = [1, 2, 3].map((b) => storedBatches(b, 'bulk', p));
        return logs.every((l) => sameBatches(l, logs[0])) ? logs[0] : undefined;
      }, 30000, `bulk-${p} identical on brokers 1, 2, 3`);
      all.push(...values(reference));
    }
    expect(all.length).toBe(n);
    expect(new Set(all).size).toBe(n);
  }, 180000);

  it('a compacted RF 3 topic ends with the same compacted records on every replica (each broker\'s cleaner compacts its own copy)', async () => {
    await createTopic('compacted', ['--partitions', '1', '--replication-factor', '3', '--config', 'cleanup.policy=compact', '--config', 'min.cleanable.dirty.ratio=0.01',
      '--config', 'internal.segment.bytes=1']);
    const p = await waitFor(async () => { const x = (await describeTopic('compacted', anyLive()))[0]; return x && sortedIds(x.isr) === '1,2,3' ? x : undefined; }, 15000, 'compacted in sync');
    const leader = Number(p.leader);
    const conn = new BrokerConnection('127.0.0.1', cluster.broker(leader).port, 'compaction-test');
    await conn.connect();
    try {
      // One batch per request and per segment (internal.segment.bytes=1; followers roll at the
      // same offsets), as in test/engine/compaction.test.ts: offsets 0 k1=v1, 1 k2=v1, 2 k1=v2,
      // 3 k3=v1, 4 k2=NULL, 5 k1=v3, 6 k3=v2 (the active segment, 5-6, is never cleaned).
      for (const recs of [[['k1', 'v1'], ['k2', 'v1']], [['k1', 'v2']], [['k3', 'v1'], ['k2', null]], [['k1', 'v3'], ['k3', 'v2']]]) {
        const batch = buildBatch(recs.map(([k, v]) => ({ key: Buffer.from(k!), value: v === null ? null : Buffer.from(v), timestamp: Date.now() })));
        const r = await conn.send(ApiKey.Produce, { transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name: 'compacted', partitionData: [{ index: 0, records: batch }] }] });
        expect(r.responses[0].partitionResponses[0].errorCode).toBe(0);
      }
    } finally {
      conn.close();
    }
    const expected = ['2 k1=v2', '3 k3=v1', '4 k2=NULL', '5 k1=v3', '6 k3=v2'];
    const onEach = await waitFor(() => {
      const logs = [1, 2, 3].map((b) => records(storedBatches(b, 'compacted', 0)));
      return logs.every((l) => l.join() === expected.join()) ? logs : undefined;
    }, 30000, 'compacted alike on brokers 1, 2, 3').catch((e) => {
      throw new Error(`${e.message}: ${[1, 2, 3].map((b) => `${b}: ${records(storedBatches(b, 'compacted', 0)).join(', ')}`).join('; ')}`);
    });
    expect(onEach).toEqual([expected, expected, expected]);
    // What a consumer reads from the leader is the same.
    const read = await runKcat(cluster.bootstrap(leader), ['-C', '-t', 'compacted', '-o', 'beginning', '-e', '-q', '-Z', '-f', '%o %k=%s\n']);
    expect(read.stdout).toBe(expected.join('\n') + '\n');
  }, 60000);

  it('a follower stalled past replica.lag.time.max.ms leaves the ISR in --describe and is back after SIGCONT', async () => {
    await createTopic('lagging', ['--partitions', '1', '--replication-factor', '3']);
    const before = await waitFor(async () => { const p = (await describeTopic('lagging', 1))[0]; return p && sortedIds(p.isr) === '1,2,3' ? p : undefined; }, 15000, 'lagging in sync');
    const leader = Number(before.leader);
    // Not the active controller: a stalled controller could not take the proposal (see the truncation test).
    const meta = await request(leader, ApiKey.Metadata, 12, { topics: null, allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
    const follower = [1, 2, 3].find((b) => b !== leader && b !== meta.controllerId)!;
    process.kill(cluster.broker(follower).proc.pid!, 'SIGSTOP');
    try {
      // Writes the follower cannot fetch: after replica.lag.time.max.ms the leader drops it.
      const produced = await runKcat(cluster.bootstrap(leader), ['-P', '-t', 'lagging', '-X', 'acks=1'], 'a\nb\nc\n');
      expect(produced.code).toBe(0);
      const shrunk = await waitFor(async () => { const p = (await describeTopic('lagging', leader))[0]; return p.isr.split(',').includes(String(follower)) ? undefined : p; },
        LAG_MS * 4 + 5000, `ISR without ${follower}`);
      expect(sortedIds(shrunk.isr)).toBe([1, 2, 3].filter((b) => b !== follower).join(','));
      expect(shrunk.leader).toBe(String(leader));
      // Still registered (not fenced): it is the lag that took it out.
      const under = await runTool('kafka-topics', ['--bootstrap-server', cluster.bootstrap(leader), '--describe', '--topic', 'lagging', '--under-replicated-partitions']);
      expect(under.stdout).toContain('Topic: lagging\tPartition: 0');
    } finally {
      process.kill(cluster.broker(follower).proc.pid!, 'SIGCONT');
    }
    await waitFor(async () => sortedIds((await describeTopic('lagging', leader))[0].isr) === '1,2,3', 20000, `${follower} back in the ISR`);
    await waitFor(() => sameBatches(storedBatches(follower, 'lagging', 0), storedBatches(leader, 'lagging', 0)), 10000, 'the follower caught up');
    expect(values(storedBatches(follower, 'lagging', 0))).toEqual(['a', 'b', 'c']);
  }, 60000);

  it('min.insync.replicas=2 with two of three brokers down: acks=all gets NOT_ENOUGH_REPLICAS, acks=1 still works', async () => {
    const survivor = anyLive();
    const [x, y] = [1, 2, 3].filter((b) => b !== survivor);
    await createTopic('guarded', ['--replica-assignment', `${survivor}:${x}:${y}`, '--config', 'min.insync.replicas=2']);
    await waitFor(async () => sortedIds((await describeTopic('guarded', survivor))[0]?.isr ?? '') === '1,2,3', 15000, 'guarded in sync');
    expect((await runKcat(cluster.bootstrap(survivor), ['-P', '-t', 'guarded', '-X', 'acks=all'], 'while-healthy\n')).code).toBe(0);
    await cluster.signal(x, 'SIGKILL');
    await cluster.signal(y, 'SIGKILL');
    await waitFor(async () => (await describeTopic('guarded', survivor))[0].isr === String(survivor), 20000, `ISR of ${survivor} alone`);
    const refused = await runKcat(cluster.bootstrap(survivor), ['-P', '-t', 'guarded', '-X', 'acks=all', '-X', 'message.send.max.retries=0'], 'refused\n');
    expect(refused.stderr).toContain('Broker: Not enough in-sync replicas');
    expect(refused.code).not.toBe(0);
    const ours = await runTool('kafka-console-producer', ['--bootstrap-server', cluster.bootstrap(survivor), '--topic', 'guarded',
      '--producer-property', 'acks=all', '--producer-property', 'retries=0'], { input: 'refused-too\n' });
    expect(ours.stderr).toContain('org.apache.kafka.common.errors.NotEnoughReplicasException: Messages are rejected since there are fewer in-sync replicas than required.');
    const accepted = await runKcat(cluster.bootstrap(survivor), ['-P', '-t', 'guarded', '-X', 'acks=1'], 'with-acks-1\n');
    expect(accepted.stderr).toBe('');
    expect(accepted.code).toBe(0);
    expect(values(storedBatches(survivor, 'guarded', 0))).toEqual(['while-healthy', 'with-acks-1']);
    await Promise.all([cluster.start(x), cluster.start(y)]);
    await waitFor(async () => sortedIds((await describeTopic('guarded', survivor))[0].isr) === '1,2,3', 20000, 'guarded in sync again');
  }, 90000);

  it('kill -9 of the leader during an acks=all kafkajs load: every acknowledged record is on the new leader, and on the killed broker once it is back', async () => {
    await createTopic('failover', ['--partitions', '1', '--replication-factor', '3', '--config', 'min.insync.replicas=2']);
    const first = await waitFor(async () => { const p = (await describeTopic('failover', anyLive()))[0]; return p && sortedIds(p.isr) === '1,2,3' ? p : undefined; }, 15000, 'failover in sync');
    const killed = Number(first.leader);
    const kafka = new Kafka({
      clientId: 'failover-test', brokers: cluster.bootstrap().split(','), logLevel: logLevel.NOTHING,
      retry: { retries: 50, initialRetryTime: 100, maxRetryTime: 1000 },
    });
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const acked: string[] = [];
    let ackedAfterKill = -1;
    let seq = 0;
    let stop = false;
    const load = (async () => {
      while (!stop) {
        const messages = Array.from({ length: 20 }, () => ({ value: `m${seq++}` }));
        try {
          await producer.send({ topic: 'failover', acks: -1, messages });
          acked.push(...messages.map((m) => m.value));
          if (ackedAfterKill >= 0) ackedAfterKill += messages.length;
        } catch {
          // not acknowledged: these records may or may not be in the log; only acked ones are checked
        }
      }
    })();
    try {
      await waitFor(() => acked.length >= 2000, 30000, 'load under way');
      await cluster.signal(killed, 'SIGKILL');
      ackedAfterKill = 0;
      const leader = await newLeader('failover', 0, killed);
      await waitFor(() => ackedAfterKill >= 2000, 30000, 'acks=all answered by the new leader');
    } finally {
      stop = true;
      await load;
      await producer.disconnect();
    }
    const leader = await newLeader('failover', 0, killed);
    const onLeader = new Set(values(storedBatches(leader, 'failover', 0)));
    expect(acked.filter((v) => !onLeader.has(v))).toEqual([]);
    // Back on its old log dir, the killed broker truncates what the new leader never had and catches up.
    await cluster.start(killed);
    const caughtUp = await waitFor(() => {
      const mine = storedBatches(killed, 'failover', 0);
      return sameBatches(mine, storedBatches(leader, 'failover', 0)) ? mine : undefined;
    }, 30000, `broker ${killed} identical to the new leader`);
    const onRestarted = new Set(values(caughtUp));
    expect(acked.filter((v) => !onRestarted.has(v))).toEqual([]);
    await waitFor(async () => sortedIds((await describeTopic('failover', leader))[0].isr) === '1,2,3', 20000, `${killed} back in the ISR`);
  }, 120000);

  it('kcat keeps producing and consuming across a leader kill', async () => {
    await createTopic('steady', ['--partitions', '1', '--replication-factor', '3']);
    const first = await waitFor(async () => { const p = (await describeTopic('steady', anyLive()))[0]; return p && sortedIds(p.isr) === '1,2,3' ? p : undefined; }, 15000, 'steady in sync');
    const killed = Number(first.leader);
    const bootstrap = cluster.bootstrap();
    const consumer = spawn('kcat', ['-b', bootstrap, '-C', '-t', 'steady', '-o', 'beginning', '-u'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let consumed = '';
    let consumerErr = '';
    consumer.stdout.setEncoding('utf8');
    consumer.stdout.on('data', (d) => { consumed += d; });
    consumer.stderr.setEncoding('utf8');
    consumer.stderr.on('data', (d) => { consumerErr += d; });
    const producer = spawn('kcat', ['-b', bootstrap, '-P', '-t', 'steady', '-X', 'acks=all', '-X', 'linger.ms=0'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let producerErr = '';
    producer.stderr.setEncoding('utf8');
    producer.stderr.on('data', (d) => { producerErr += d; });
    const producerExit = new Promise<number | null>((r) => producer.on('close', (code) => r(code)));
    const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `s${from + i}`);
    try {
      producer.stdin.write(lines(0, 500).join('\n') + '\n');
      // (kcat reads its stdin in blocks: most of the first half is through when this holds.)
      await waitFor(() => consumed.split('\n').length > 300, 20000, 'the first half consumed').catch((e) => {
        throw new Error(`${e.message}: consumed ${consumed.length} chars; consumer: ${consumerErr}; producer: ${producerErr}`);
      });
      await cluster.signal(killed, 'SIGKILL');
      producer.stdin.write(lines(500, 1000).join('\n') + '\n');
      producer.stdin.end();
      expect(await producerExit).toBe(0);
      await waitFor(() => lines(0, 1000).every((l) => consumed.includes(`${l}\n`)), 30000, 'everything consumed').catch((e) => {
        throw new Error(`${e.message}: consumed ${consumed.split('\n').length - 1} lines; consumer: ${consumerErr}; producer: ${producerErr}`);
      });
    } finally {
      consumer.kill('SIGKILL');
      producer.kill('SIGKILL');
      if (!cluster.brokers.has(killed)) await cluster.start(killed);
    }
    // kcat reports the killed broker's connection (Broker transport failure) but no failed delivery.
    expect(producerErr).not.toMatch(/[Dd]elivery failed|Failed to produce/);
  }, 90000);

  it('committed offsets survive the failover of the broker that led the group\'s __consumer_offsets partition; other brokers answer NOT_COORDINATOR', async () => {
    const group = 'failover-group';
    const partition = offsetsPartitionFor(group, 50);
    await createTopic('tracked', ['--partitions', '1', '--replication-factor', '3']);
    expect((await runKcat(cluster.bootstrap(), ['-P', '-t', 'tracked', '-X', 'acks=all'], Array.from({ length: 10 }, (_, i) => `t${i}`).join('\n') + '\n')).code).toBe(0);
    const cg = (args: string[], via = cluster.bootstrap()) => runTool('kafka-consumer-groups', ['--bootstrap-server', via, '--group', group, ...args]);
    const reset = await cg(['--reset-offsets', '--topic', 'tracked', '--to-offset', '7', '--execute']);
    expect(reset.stderr).toBe('');
    expect(reset.code).toBe(0);
    // The coordinator is the leader of partition Utils.abs(hash) % 50, with RF 3.
    const offsetsPart = await waitFor(async () => {
      const p = (await describeTopic('__consumer_offsets', anyLive())).find((x) => x.partition === partition);
      return p && sortedIds(p.isr) === '1,2,3' ? p : undefined;
    }, 20000, '__consumer_offsets in sync');
    const coordinator = Number(offsetsPart.leader);
    // No waiting for the followers here: OffsetCommit is answered once the partition's ISR has it.
    const found = await request(anyLive(), ApiKey.FindCoordinator, 2, { key: group, keyType: 0 });
    expect(found.nodeId).toBe(coordinator);
    const elsewhere = [1, 2, 3].find((b) => b !== coordinator)!;
    const fetched = await request(elsewhere, ApiKey.OffsetFetch, 5, { groupId: group, topics: null, requireStable: false });
    expect(fetched.errorCode).toBe(ErrorCode.NOT_COORDINATOR);
    await cluster.signal(coordinator, 'SIGKILL');
    const next = await newLeader('__consumer_offsets', partition, coordinator);
    const onNext = await request(next, ApiKey.OffsetFetch, 5, { groupId: group, topics: null, requireStable: false });
    expect(onNext.errorCode).toBe(0);
    expect(onNext.topics).toEqual([expect.objectContaining({ name: 'tracked', partitions: [expect.objectContaining({ partitionIndex: 0, committedOffset: 7 })] })]);
    const described = await cg(['--describe'], cluster.bootstrap(next));
    expect(described.code).toBe(0);
    expect(described.stdout).toMatch(new RegExp(`${group}\\s+tracked\\s+0\\s+7\\s+10\\s+3`));
    // The old coordinator comes back as a follower: it unloaded the group and answers NOT_COORDINATOR.
    await cluster.start(coordinator);
    await waitFor(async () => sortedIds((await describeTopic('__consumer_offsets', next)).find((x) => x.partition === partition)!.isr) === '1,2,3', 20000, 'offsets partition in sync again');
    // Nothing moves the leadership back meanwhile (the automatic rebalance waits 300 s).
    const leaderNow = (await describeTopic('__consumer_offsets', next)).find((x) => x.partition === partition)!;
    expect(leaderNow.leader).toBe(String(next));
    const fromOld = await request(coordinator, ApiKey.OffsetFetch, 5, { groupId: group, topics: null, requireStable: false });
    expect(fromOld.errorCode).toBe(ErrorCode.NOT_COORDINATOR);
    // A preferred election gives the partition back to its first replica, the old coordinator: it
    // loads the group again and the broker that led meanwhile unloads it.
    expect(leaderNow.replicas.split(',')[0]).toBe(String(coordinator));
    const elected = await runTool('kafka-leader-election', ['--bootstrap-server', cluster.bootstrap(next), '--election-type', 'preferred', '--topic', '__consumer_offsets', '--partition', String(partition)]);
    expect(elected.stdout).toBe(`Successfully completed leader election (PREFERRED) for partitions __consumer_offsets-${partition}\n`);
    const back = await waitFor(async () => {
      const r = await request(coordinator, ApiKey.OffsetFetch, 5, { groupId: group, topics: null, requireStable: false });
      return r.errorCode === 0 ? r : undefined;
    }, 20000, `broker ${coordinator} coordinating ${group} again`);
    expect(back.topics).toEqual([expect.objectContaining({ name: 'tracked', partitions: [expect.objectContaining({ partitionIndex: 0, committedOffset: 7 })] })]);
    await waitFor(async () => (await request(next, ApiKey.OffsetFetch, 5, { groupId: group, topics: null, requireStable: false })).errorCode === ErrorCode.NOT_COORDINATOR,
      20000, `broker ${next} unloaded ${group}`);
  }, 120000);

  it('a leader killed with records its followers never fetched truncates them when it comes back (OffsetForLeaderEpoch): no replica keeps what the new leader never had', async () => {
    // Unclean election lets a replica that fell out of the ISR lead, so the old leader's last
    // records are certainly on nobody else: the case truncation exists for.
    // The leader is the active controller: the stalled followers' ISR removal is decided at once
    // (a stalled controller would get everyone fenced and take the whole cluster offline).
    const meta = await request(anyLive(), ApiKey.Metadata, 12, { topics: null, allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
    const old: number = meta.controllerId;
    const followers = [1, 2, 3].filter((b) => b !== old);
    await createTopic('diverge', ['--replica-assignment', `${old}:${followers.join(':')}`, '--config', 'unclean.leader.election.enable=true']);
    await waitFor(async () => { const p = (await describeTopic('diverge', anyLive()))[0]; return p && sortedIds(p.isr) === '1,2,3' && p.leader === String(old) ? p : undefined; }, 15000, 'diverge in sync');
    expect((await runKcat(cluster.bootstrap(old), ['-P', '-t', 'diverge', '-X', 'acks=all'], 'kept-1\nkept-2\n')).code).toBe(0);
    await waitFor(() => followers.every((b) => sameBatches(storedBatches(b, 'diverge', 0), storedBatches(old, 'diverge', 0))), 10000, 'followers caught up');
    const conn = new BrokerConnection('127.0.0.1', cluster.broker(old).port, 'diverge-test');
    await conn.connect();
    const produce = async (value: string) => {
      const records = buildBatch([{ key: null, value: Buffer.from(value), timestamp: Date.now() }]);
      const r = await conn.send(ApiKey.Produce, { transactionalId: null, acks: 1, timeoutMs: 5000, topicData: [{ name: 'diverge', partitionData: [{ index: 0, records }] }] });
      expect(r.responses[0].partitionResponses[0].errorCode).toBe(0);
    };
    for (const b of followers) process.kill(cluster.broker(b).proc.pid!, 'SIGSTOP');
    try {
      // A write the stalled followers miss (a fetch already parked on the leader may still carry it).
      await produce('maybe-lost');
      // Once the leader drops them from the ISR their parked fetches are long answered: the next
      // write reaches no follower.
      await waitFor(async () => (await describeTopic('diverge', old))[0].isr === String(old), LAG_MS * 4 + 5000, 'ISR of the leader alone');
      await produce('lost');
      await cluster.signal(old, 'SIGKILL');
    } finally {
      conn.close();
      for (const b of followers) process.kill(cluster.broker(b).proc.pid!, 'SIGCONT');
    }
    const leader = await newLeader('diverge', 0, old);
    expect((await runKcat(cluster.bootstrap(leader), ['-P', '-t', 'diverge', '-X', 'acks=all'], 'after\n')).code).toBe(0);
    await cluster.start(old);
    const same = await waitFor(() => {
      const mine = storedBatches(old, 'diverge', 0);
      return sameBatches(mine, storedBatches(leader, 'diverge', 0)) ? mine : undefined;
    }, 30000, `broker ${old} identical to the new leader`);
    expect(values(same)).not.toContain('lost');
    expect(values(same).filter((v) => v !== 'maybe-lost')).toEqual(['kept-1', 'kept-2', 'after']);
    await waitFor(async () => sortedIds((await describeTopic('diverge', leader))[0].isr) === '1,2,3', 20000, `${old} back in the ISR`);
  }, 90000);

  it('Kafka\'s own console producer and consumer (the Java client) keep producing and consuming across a leader kill', async () => {
    await createTopic('java-steady', ['--partitions', '1', '--replication-factor', '3']);
    const first = await waitFor(async () => { const p = (await describeTopic('java-steady', anyLive()))[0]; return p && sortedIds(p.isr) === '1,2,3' ? p : undefined; }, 15000, 'java-steady in sync');
    const killed = Number(first.leader);
    const bootstrap = cluster.bootstrap();
    const reference = (tool: string, args: string[]) => spawn('bash', [path.join(ROOT, 'scripts/reference.sh'), 'tool', tool, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const consumer = reference('kafka-console-consumer', ['--bootstrap-server', bootstrap, '--topic', 'java-steady', '--from-beginning', '--max-messages', '1000']);
    const producer = reference('kafka-console-producer', ['--bootstrap-server', bootstrap, '--topic', 'java-steady', '--producer-property', 'acks=all']);
    let consumed = '';
    let consumerErr = '';
    let producerErr = '';
    consumer.stdout!.setEncoding('utf8');
    consumer.stdout!.on('data', (d) => { consumed += d; });
    consumer.stderr!.setEncoding('utf8');
    consumer.stderr!.on('data', (d) => { consumerErr += d; });
    producer.stderr!.setEncoding('utf8');
    producer.stderr!.on('data', (d) => { producerErr += d; });
    const consumerExit = new Promise<number | null>((r) => consumer.on('close', (code) => r(code)));
    const producerExit = new Promise<number | null>((r) => producer.on('close', (code) => r(code)));
    const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `j${from + i}`);
    try {
      producer.stdin!.write(lines(0, 500).join('\n') + '\n');
      await waitFor(() => consumed.split('\n').length > 300, 60000, 'the first half consumed').catch((e) => {
        const stored = [...cluster.brokers.keys()].map((id) => `${id}: ${values(storedBatches(id, 'java-steady', 0)).length}`).join(', ');
        throw new Error(`${e.message}: stored ${stored}; consumer: ${consumerErr}; producer: ${producerErr}`);
      });
      await cluster.signal(killed, 'SIGKILL');
      producer.stdin!.write(lines(500, 1000).join('\n') + '\n');
      producer.stdin!.end();
      expect(await producerExit).toBe(0);
      expect(await consumerExit).toBe(0);
    } finally {
      consumer.kill('SIGKILL');
      producer.kill('SIGKILL');
      if (!cluster.brokers.has(killed)) await cluster.start(killed);
    }
    expect(producerErr).not.toMatch(/Error when sending message/);
    expect(consumerErr).toContain('Processed a total of 1000 messages');
    expect(consumed.split('\n').filter(Boolean)).toEqual(lines(0, 1000));
  }, 150000);

  it('a leader stalled (SIGSTOP) past broker.session.timeout.ms is fenced and replaced; resumed, it follows the new leader without divergence', async () => {
    const meta = await request(anyLive(), ApiKey.Metadata, 12, { topics: null, allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
    const [stalled, ...others] = [1, 2, 3].filter((b) => b !== meta.controllerId).concat(meta.controllerId);
    await createTopic('stalled', ['--replica-assignment', `${stalled}:${others.join(':')}`]);
    await waitFor(async () => { const p = (await describeTopic('stalled', anyLive()))[0]; return p && sortedIds(p.isr) === '1,2,3' && p.leader === String(stalled) ? p : undefined; }, 15000, 'stalled in sync');
    expect((await runKcat(cluster.bootstrap(stalled), ['-P', '-t', 'stalled', '-X', 'acks=all'], 'before\n')).code).toBe(0);
    process.kill(cluster.broker(stalled).proc.pid!, 'SIGSTOP');
    let leader = -1;
    try {
      leader = await waitFor(async () => {
        const p = (await describeTopic('stalled', others[0]))[0];
        return p.leader !== 'none' && p.leader !== String(stalled) ? Number(p.leader) : undefined;
      }, cluster.sessionTimeoutMs + 15000, 'a new leader while the old one is stalled');
      expect((await runKcat(cluster.bootstrap(leader), ['-P', '-t', 'stalled', '-X', 'acks=all'], 'during\n')).code).toBe(0);
    } finally {
      process.kill(cluster.broker(stalled).proc.pid!, 'SIGCONT');
    }
    await waitFor(async () => sortedIds((await describeTopic('stalled', leader))[0].isr) === '1,2,3', 30000, `${stalled} back in the ISR`);
    const same = await waitFor(() => {
      const logs = [1, 2, 3].map((b) => storedBatches(b, 'stalled', 0));
      return logs.every((l) => sameBatches(l, logs[0])) ? logs[0] : undefined;
    }, 15000, 'identical replicas');
    expect(values(same)).toEqual(['before', 'during']);
  }, 90000);
});
