// Replication in a real local cluster: three broker processes sharing one metadata store
// (test/helpers/cluster.ts), followers fetching from leaders over Kafka's protocol. Replicas are
// compared batch by batch in each broker's own SQLite log (opened read-only beside the running
// broker); failures are real signals to real processes (kill -9, SIGSTOP/SIGCONT).
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCluster } from '../helpers/cluster';
import { ROOT, runTool, waitFor } from '../helpers/engine';
import { runKcat } from '../helpers/kcat';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const Database = require('better-sqlite3');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { DB_FILE } = require(path.join(ROOT, 'dist/engine/storage/database'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { decodeRecords } = require(path.join(ROOT, 'dist/protocol/records/batch'));

const LAG_MS = 1500;
// The session timeout is well above replica.lag.time.max.ms, so a stalled follower leaves the ISR
// by the leader's lag check (AlterPartition), not by being fenced.
const cluster = new TestCluster({
  brokers: 3, sessionTimeoutMs: 8000,
  overrides: { 'replica.lag.time.max.ms': String(LAG_MS), 'offsets.topic.replication.factor': '3', 'replica.fetch.wait.max.ms': '200' },
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

function sameBatches(a: Buffer[], b: Buffer[]): boolean {
  return a.length === b.length && a.every((x, i) => x.equals(b[i]));
}

async function createTopic(name: string, args: string[]): Promise<void> {
  const r = await runTool('kafka-topics', ['--bootstrap-server', cluster.bootstrap(anyLive()), '--create', '--topic', name, ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
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

  it('a follower stalled past replica.lag.time.max.ms leaves the ISR in --describe and is back after SIGCONT', async () => {
    await createTopic('lagging', ['--partitions', '1', '--replication-factor', '3']);
    const before = await waitFor(async () => { const p = (await describeTopic('lagging', 1))[0]; return p && sortedIds(p.isr) === '1,2,3' ? p : undefined; }, 15000, 'lagging in sync');
    const leader = Number(before.leader);
    const follower = [1, 2, 3].find((b) => b !== leader)!;
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
    const accepted = await runKcat(cluster.bootstrap(survivor), ['-P', '-t', 'guarded', '-X', 'acks=1'], 'with-acks-1\n');
    expect(accepted.stderr).toBe('');
    expect(accepted.code).toBe(0);
    expect(values(storedBatches(survivor, 'guarded', 0))).toEqual(['while-healthy', 'with-acks-1']);
    await Promise.all([cluster.start(x), cluster.start(y)]);
    await waitFor(async () => sortedIds((await describeTopic('guarded', survivor))[0].isr) === '1,2,3', 20000, 'guarded in sync again');
  }, 90000);
});
