// A graceful stop (SIGTERM: controlled shutdown) of a partition leader while producers write with
// acks=all, on a 3-broker cluster of separate processes. Kafka's broker moves its leaderships
// first and answers the produces still waiting for the ISR with NOT_LEADER_OR_FOLLOWER, so the
// clients retry on the new leader: nothing times out, nothing is reported failed, every
// acknowledged record is in the log where the client was told, once. Our Producer runs in this
// process, Kafka's Java producer beside it (test/clients/java/FailoverClients.java).
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../helpers/cluster';
import { ROOT, waitFor } from '../helpers/engine';
import { createFailoverTopic, describeTopic, lineClient } from '../helpers/failover';
import { spawnJava } from '../helpers/java';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const Database = require('better-sqlite3');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { DB_FILE } = require(path.join(ROOT, 'dist/engine/storage/database'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { decodeRecords } = require(path.join(ROOT, 'dist/protocol/records/batch'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { Producer, producerSettings } = require(path.join(ROOT, 'dist/client/producer'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { buildBatch } = require(path.join(ROOT, 'dist/protocol/records/batch'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ErrorCode } = require(path.join(ROOT, 'dist/protocol/errors'));

/** value -> "partition:offset" of every record of the topic in one broker's log, and the values stored twice (read-only, beside the running broker). */
function storedRecords(cluster: TestCluster, broker: number, topic: string): Map<string, string>[] {
  const db = new Database(path.join(cluster.dirs.get(broker)!, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT b.partition AS p, b.bytes AS bytes FROM batches b JOIN topics t ON t.tk = b.tk WHERE t.name = ? ORDER BY b.partition, b.base_offset')
      .all(topic) as { p: number; bytes: Buffer }[];
    const out: Map<string, string>[] = [];
    const all = new Map<string, string>();
    const dups = new Map<string, string>();
    for (const r of rows) {
      decodeRecords(r.bytes, (rec: any) => {
        const v = Buffer.from(rec.value).toString();
        const at = `${r.p}:${rec.offset}`;
        if (all.has(v)) dups.set(v, at);
        all.set(v, at);
      });
    }
    out.push(all, dups);
    return out;
  } finally {
    db.close();
  }
}

/** Our Producer, acks=all (idempotent by default), keeping up to 200 records outstanding until stopped. */
function ourLoad(cluster: TestCluster, topic: string) {
  const producer = new Producer({ settings: producerSettings(new Map([
    ['bootstrap.servers', cluster.bootstrap()], ['client.id', 'graceful-ours'], ['acks', 'all'], ['linger.ms', '5'],
  ])) });
  const acked = new Map<string, number>();
  const failed = new Map<string, string>();
  let stop = false;
  const run = (async () => {
    const outstanding = new Set<Promise<void>>();
    for (let i = 0; !stop; i++) {
      const value = `o${i}`;
      const v = Buffer.from(value);
      const p: Promise<void> = Promise.resolve(producer.send(topic, null, 0, 0, v, 0, v.length, null, true)).then(
        (offset: number) => { acked.set(value, offset); },
        (e: any) => { failed.set(value, e?.javaString?.() ?? String(e)); },
      ).finally(() => outstanding.delete(p));
      outstanding.add(p);
      if (i === 0 || outstanding.size >= 200) await Promise.race(outstanding);
    }
    await Promise.all(outstanding);
    await producer.close();
  })();
  return { acked, failed, stop: async () => { stop = true; await run; } };
}

/**
 * The scenario: both producers under way on an RF 3 topic (min.insync.replicas=2), SIGTERM of the
 * leader of partition 0; both go on with the new leaders; then no failure, every acknowledgement
 * true, nothing stored twice or unacknowledged, and the stop took less than a session timeout.
 */
async function gracefulStop(cluster: TestCluster, topic: string, controlled: boolean): Promise<void> {
  const parts = await createFailoverTopic(cluster, topic);
  const victim = Number(parts[0].leader);
  const moved = parts.filter((p) => Number(p.leader) === victim).map((p) => String(p.partition));
  const ours = ourLoad(cluster, topic);
  const java = lineClient(spawnJava('FailoverClients', ['produce', cluster.bootstrap(), topic], { stdin: 'pipe' }).proc);
  const tail = () => `java stdout: ${java.stdout().slice(-1500)}\njava stderr: ${java.stderr().slice(-3000)}`;
  let stopMs = -1;
  try {
    await waitFor(() => ours.acked.size >= 1000 && java.lines('ACK').length >= 1000, 60000, 'load under way')
      .catch((e) => { throw new Error(`${e.message} (ours ${ours.acked.size})\n${tail()}`); });
    const oursAtStop = ours.acked.size;
    const javaAtStop = java.lines('ACK').length;
    const stoppedAt = Date.now();
    const exit = cluster.broker(victim).exited;
    const log = cluster.broker(victim).output;
    await cluster.signal(victim, 'SIGTERM');
    stopMs = Date.now() - stoppedAt;
    expect(await exit).toBe(0);
    if (controlled) {
      // Controlled shutdown moved every leadership before the listener closed.
      expect(log()).toMatch(/Beginning controlled shutdown/);
      const after = await describeTopic(cluster, topic);
      expect(after.filter((p) => Number(p.leader) === victim || p.leader === 'none')).toEqual([]);
    }
    // Both producers go on, on the moved partitions too (now led by another broker).
    await waitFor(() => {
      const j = java.lines('ACK');
      return ours.acked.size >= oursAtStop + 2000 && j.length >= javaAtStop + 2000 && j.slice(javaAtStop).some((a) => moved.includes(a[1]));
    }, 60000, 'the producers going on after the stop').catch((e) => { throw new Error(`${e.message} (ours ${ours.acked.size})\n${tail()}`); });
  } finally {
    await ours.stop();
    expect(await java.stop()).toBe(0);
  }
  expect([...ours.failed]).toEqual([]);
  expect(java.lines('ERR')).toEqual([]);
  // Both survivors have the same records (followers may still fetch the last batches).
  const live = [...cluster.brokers.keys()];
  const [stored, dups] = await waitFor(() => {
    const a = storedRecords(cluster, live[0], topic);
    const b = storedRecords(cluster, live[1], topic);
    return a[0].size === b[0].size && [...a[0]].every(([v, at]) => b[0].get(v) === at) ? a : undefined;
  }, 30000, 'the survivors identical');
  expect([...dups]).toEqual([]);
  // Every acknowledged record where its producer was told, and nothing else in the log.
  const wrong: string[] = [];
  for (const [v, offset] of ours.acked) if (stored.get(v)?.split(':')[1] !== String(offset)) wrong.push(`${v}@${offset}: ${stored.get(v)}`);
  for (const [v, p, o] of java.lines('ACK')) if (stored.get(v) !== `${p}:${o}`) wrong.push(`${v}@${p}:${o}: ${stored.get(v)}`);
  expect(wrong.slice(0, 20)).toEqual([]);
  expect(stored.size).toBe(ours.acked.size + java.lines('ACK').length);
  // Prompt: the controlled shutdown is a few metadata round trips, not a session timeout.
  console.log(`${controlled ? 'controlled' : 'uncontrolled'} stop of broker ${victim}: ${stopMs} ms, ours ${ours.acked.size} acked, java ${java.lines('ACK').length} acked`);
  expect(stopMs).toBeLessThan(cluster.sessionTimeoutMs);
}

describe('SIGTERM of a partition leader under an acks=all load', () => {
  it('moves leadership first: no record times out or fails, every acknowledged one is in the log once, and the stop is prompt', async () => {
    const cluster = new TestCluster({ brokers: 3, overrides: { 'replica.fetch.wait.max.ms': '200' } });
    try {
      await cluster.startAll();
      await gracefulStop(cluster, 'graceful', true);
    } finally {
      await cluster.stop();
    }
  }, 180000);

  it('with controlled.shutdown.enable=false the waiting produces are answered at once (NOT_LEADER_OR_FOLLOWER), not at their timeout', async () => {
    const cluster = new TestCluster({ brokers: 3, overrides: { 'replica.fetch.wait.max.ms': '200', 'controlled.shutdown.enable': 'false' } });
    try {
      await cluster.startAll();
      await gracefulStop(cluster, 'uncontrolled', false);
    } finally {
      await cluster.stop();
    }
  }, 180000);

  it('a produce that cannot complete (followers stalled) is answered NOT_LEADER_OR_FOLLOWER when its leader stops, not REQUEST_TIMED_OUT at its timeout', async () => {
    // Without a controlled shutdown the leadership cannot move first: the stopping broker itself
    // must answer what waits in its purgatory (Kafka stops serving and the client retries elsewhere).
    const cluster = new TestCluster({ brokers: 3, overrides: { 'replica.fetch.wait.max.ms': '200', 'controlled.shutdown.enable': 'false' } });
    const stalled: number[] = [];
    let conn: any;
    try {
      await cluster.startAll();
      const [p0] = await createFailoverTopic(cluster, 'stalled', 1);
      const leader = Number(p0.leader);
      conn = new BrokerConnection('127.0.0.1', cluster.broker(leader).port, 'stalled-test');
      await conn.connect();
      for (const b of [...cluster.brokers.keys()].filter((b) => b !== leader)) {
        process.kill(cluster.broker(b).proc.pid!, 'SIGSTOP');
        stalled.push(b);
      }
      const records = buildBatch([{ key: null, value: Buffer.from('waiting'), timestamp: Date.now() }]);
      let answer: any;
      const answered = conn.send(ApiKey.Produce, { transactionalId: null, acks: -1, timeoutMs: 30000, topicData: [{ name: 'stalled', partitionData: [{ index: 0, records }] }] })
        .then((r: any) => { answer = r; });
      // Stored on the leader, and waiting there for followers that cannot fetch.
      await waitFor(() => storedRecords(cluster, leader, 'stalled')[0].has('waiting'), 10000, 'the record stored on the leader');
      expect(answer).toBeUndefined();
      const stoppedAt = Date.now();
      await cluster.signal(leader, 'SIGTERM');
      const stopMs = Date.now() - stoppedAt;
      await answered;
      expect(answer.responses[0].partitionResponses[0].errorCode).toBe(ErrorCode.NOT_LEADER_OR_FOLLOWER);
      expect(stopMs).toBeLessThan(10000);
    } finally {
      conn?.close();
      for (const b of stalled) process.kill(cluster.broker(b).proc.pid!, 'SIGCONT');
      await cluster.stop();
    }
  }, 120000);
});
