// Replication between brokers, tested as Kafka tests its ReplicaManager: three in-process
// engines on ephemeral ports driven by hand-made metadata deltas (test/helpers/replica-cluster.ts),
// followers fetching from the leader over the wire with their replica ids.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import { ROOT, waitFor } from '../helpers/engine';
import { ReplicaCluster } from '../helpers/replica-cluster';
import { runKcat } from '../helpers/kcat';
import { Kafka, logLevel, Partitioners } from 'kafkajs';

const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));
const { buildBatch, readBatchHeader } = require(path.join(ROOT, 'dist/protocol/records/batch'));

const NOT_LEADER_OR_FOLLOWER = 6;
const NOT_ENOUGH_REPLICAS = 19;
const NOT_ENOUGH_REPLICAS_AFTER_APPEND = 20;
const FENCED_LEADER_EPOCH = 74;
const UNKNOWN_LEADER_EPOCH = 75;

function batch(n: number, prefix: string): Buffer {
  const now = Date.now();
  return buildBatch(Array.from({ length: n }, (_, i) => ({ key: null, value: Buffer.from(`${prefix}-${i}`), timestamp: now })));
}

async function connect(bootstrap: string): Promise<any> {
  const [host, port] = bootstrap.split(':');
  const c = new BrokerConnection(host, Number(port), 'repl-test');
  await c.connect();
  return c;
}

function produce(conn: any, topic: string, records: Buffer, acks: number, timeoutMs = 30000): Promise<any> {
  return conn.send(ApiKey.Produce, { transactionalId: null, acks, timeoutMs, topicData: [{ name: topic, partitionData: [{ index: 0, records }] }] })
    .then((r: any) => r.responses[0].partitionResponses[0]);
}

function fetchAt(conn: any, topic: string, offset: number, opts: { version?: number; currentLeaderEpoch?: number } = {}): Promise<any> {
  const body = {
    replicaId: -1, maxWaitMs: 0, minBytes: 1, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1,
    topics: [{ topic, partitions: [{ partition: 0, currentLeaderEpoch: opts.currentLeaderEpoch ?? -1, fetchOffset: offset, logStartOffset: -1, partitionMaxBytes: 1 << 20 }] }],
    forgottenTopicsData: [], rackId: '',
  };
  const p = opts.version !== undefined ? conn.request(ApiKey.Fetch, opts.version, body) : conn.send(ApiKey.Fetch, body);
  return p.then((r: any) => r.responses[0].partitions[0]);
}

function listLatest(conn: any, topic: string, currentLeaderEpoch = -1): Promise<any> {
  return conn.send(ApiKey.ListOffsets, {
    replicaId: -1, isolationLevel: 0,
    topics: [{ name: topic, partitions: [{ partitionIndex: 0, currentLeaderEpoch, timestamp: -1, maxNumOffsets: 1 }] }],
  }).then((r: any) => r.topics[0].partitions[0]);
}

async function setTopicConfig(conn: any, topic: string, name: string, value: string): Promise<void> {
  const r = await conn.send(ApiKey.IncrementalAlterConfigs, { resources: [{ resourceType: 2, resourceName: topic, configs: [{ name, configOperation: 0, value }] }], validateOnly: false });
  expect(r.responses[0].errorCode).toBe(0);
}

const logEnd = (c: ReplicaCluster, id: number, t: string) => c.partition(id, t).log.logEndOffset;
const highWatermark = (c: ReplicaCluster, id: number, t: string) => c.partition(id, t).log.highWatermark;

function expectIdentical(c: ReplicaCluster, t: string, ids: number[]): void {
  const reference = c.batches(ids[0], t);
  for (const id of ids.slice(1)) {
    const other = c.batches(id, t);
    expect(other.length).toBe(reference.length);
    other.forEach((b, i) => expect(b.equals(reference[i])).toBe(true));
  }
}

describe('replication with a slow ISR clock (no shrink during a test)', () => {
  const c = new ReplicaCluster({ 'replica.lag.time.max.ms': '600000', 'replica.fetch.wait.max.ms': '200', 'replica.fetch.backoff.ms': '50' });
  let leader: any;
  beforeAll(async () => {
    await c.start([1, 2, 3]);
    leader = await connect(c.bootstrap(1));
  });
  afterAll(async () => { leader?.close(); await c.stop(); });

  it('replicates 12k records from kcat and our producer identically, batch by batch; HW follows the ISR', async () => {
    c.createTopic('r-copy', [{ replicas: [1, 2, 3], isr: [1, 2, 3], leader: 1 }]);
    // kcat (librdkafka) produces to the leader with acks=all: answered once all three have it.
    const lines = Array.from({ length: 2000 }, (_, i) => `kcat-${i}`).join('\n') + '\n';
    const k = await runKcat(c.bootstrap(1), ['-P', '-t', 'r-copy', '-p', '0', '-X', 'acks=all', '-X', 'linger.ms=5'], lines);
    expect(k.code, k.stderr).toBe(0);
    for (let i = 0; i < 100; i++) {
      const r = await produce(leader, 'r-copy', batch(100, `b${i}`), i % 2 === 0 ? -1 : 1);
      expect(r.errorCode).toBe(0);
    }
    const end = logEnd(c, 1, 'r-copy');
    expect(end).toBe(12000);
    await waitFor(() => logEnd(c, 2, 'r-copy') === end && logEnd(c, 3, 'r-copy') === end, 20000, 'followers at the log end');
    await waitFor(() => highWatermark(c, 1, 'r-copy') === end, 10000, 'leader HW at the log end');
    // Followers learn the high watermark from their next fetch.
    await waitFor(() => highWatermark(c, 2, 'r-copy') === end && highWatermark(c, 3, 'r-copy') === end, 10000, 'followers HW');
    expectIdentical(c, 'r-copy', [1, 2, 3]);
    // Every batch carries the leader epoch (0) in its header.
    for (const b of c.batches(2, 'r-copy')) expect(readBatchHeader(b, 0).partitionLeaderEpoch).toBe(0);
    // kcat reads everything back from the leader.
    const read = await runKcat(c.bootstrap(1), ['-C', '-t', 'r-copy', '-p', '0', '-o', 'beginning', '-c', '2000', '-q', '-e']);
    expect(read.stdout.split('\n').filter(Boolean)).toEqual(lines.split('\n').filter(Boolean));
  }, 60000);

  it('pipelined acks=all requests on one connection are answered in order once replicated', async () => {
    c.createTopic('r-pipe', [{ replicas: [1, 2, 3], isr: [1, 2, 3], leader: 1 }]);
    const sent = Array.from({ length: 8 }, (_, i) => produce(leader, 'r-pipe', batch(3, `p${i}`), -1));
    const order: number[] = [];
    sent.forEach((p, i) => p.then(() => order.push(i)));
    const rs = await Promise.all(sent);
    expect(rs.map((r) => r.errorCode)).toEqual(new Array(8).fill(0));
    expect(rs.map((r) => r.baseOffset)).toEqual([0, 3, 6, 9, 12, 15, 18, 21]);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // Answered means replicated: the HW covers every batch.
    expect(highWatermark(c, 1, 'r-pipe')).toBe(24);
  }, 30000);

  it('a produce behind one waiting for the ISR is appended at once; replies and later requests keep their order', async () => {
    // Broker 2 is in the ISR but never hosts the partition: nothing is replicated until the ISR shrinks.
    c.createTopic('r-behind', [{ replicas: [1, 2], isr: [1, 2], leader: 1 }], [1]);
    const conn = await connect(c.bootstrap(1));
    try {
      const order: string[] = [];
      const a = produce(conn, 'r-behind', batch(3, 'a'), -1).then((r) => { order.push('a'); return r; });
      await waitFor(() => logEnd(c, 1, 'r-behind') === 3, 10000, 'the first produce appended');
      const b = produce(conn, 'r-behind', batch(2, 'b'), -1).then((r) => { order.push('b'); return r; });
      const l = listLatest(conn, 'r-behind').then((r) => { order.push('list'); return r; });
      // The second is in the log while the first still waits; neither is answered, nor what follows them.
      await waitFor(() => logEnd(c, 1, 'r-behind') === 5, 10000, 'the second produce appended');
      expect(highWatermark(c, 1, 'r-behind')).toBe(0);
      expect(order).toEqual([]);
      c.elect('r-behind', 0, 1, [1], [1]);
      const [ra, rb, rl] = await Promise.all([a, b, l]);
      expect(order).toEqual(['a', 'b', 'list']);
      expect([ra.errorCode, ra.baseOffset, rb.errorCode, rb.baseOffset]).toEqual([0, 0, 0, 3]);
      expect([rl.errorCode, rl.offset]).toEqual([0, 5]);
    } finally {
      conn.close();
    }
  }, 30000);

  it('at most 16 produce requests of one connection wait for the ISR; the ones behind them wait unread until replies go out', async () => {
    c.createTopic('r-bound', [{ replicas: [1, 2], isr: [1, 2], leader: 1 }], [1]);
    const conn = await connect(c.bootstrap(1));
    try {
      const first = produce(conn, 'r-bound', batch(1, 'first'), -1);
      await waitFor(() => logEnd(c, 1, 'r-bound') === 1, 10000, 'the first produce appended');
      const more = Array.from({ length: 30 }, (_, i) => produce(conn, 'r-bound', batch(1, `m${i}`), -1));
      await waitFor(() => logEnd(c, 1, 'r-bound') === 16, 10000, '15 more appended');
      // A round trip on another connection (the 30 were written before it): still 16 appended.
      const other = await connect(c.bootstrap(1));
      expect((await listLatest(other, 'r-bound')).offset).toBe(0);
      other.close();
      expect(logEnd(c, 1, 'r-bound')).toBe(16);
      c.elect('r-bound', 0, 1, [1], [1]);
      const answers = await Promise.all([first, ...more]);
      expect(answers.map((r) => [r.errorCode, r.baseOffset])).toEqual(Array.from({ length: 31 }, (_, i) => [0, i]));
    } finally {
      conn.close();
    }
  }, 30000);

  it('kafkajs (acks=-1 by default) produces to the leader and consumes what all replicas have', async () => {
    c.createTopic('r-kjs', [{ replicas: [1, 2, 3], isr: [1, 2, 3], leader: 1 }]);
    const kafka = new Kafka({ clientId: 'repl-kjs', brokers: [c.bootstrap(1)], logLevel: logLevel.NOTHING, retry: { retries: 2 } });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      for (let i = 0; i < 5; i++) {
        const [r] = await producer.send({ topic: 'r-kjs', acks: -1, messages: Array.from({ length: 100 }, (_, j) => ({ value: `k${i}-${j}` })) });
        expect(r.errorCode).toBe(0);
        // acks=-1 answered: every replica has it.
        expect(logEnd(c, 2, 'r-kjs')).toBeGreaterThanOrEqual((i + 1) * 100);
        expect(logEnd(c, 3, 'r-kjs')).toBeGreaterThanOrEqual((i + 1) * 100);
      }
    } finally {
      await producer.disconnect();
    }
    // The group coordinator writes through the replica manager: broker 1 must lead the group's
    // __consumer_offsets partition (without a controller, the metadata says so by hand).
    c.createTopic('__consumer_offsets', Array.from({ length: 50 }, () => ({ replicas: [1], isr: [1], leader: 1 })), [1]);
    const consumer = kafka.consumer({ groupId: 'repl-kjs-g' });
    await consumer.connect();
    const seen: string[] = [];
    try {
      await consumer.subscribe({ topic: 'r-kjs', fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => { seen.push(message.value!.toString()); } });
      await waitFor(() => seen.length >= 500, 20000, 'kafkajs consumed 500');
    } finally {
      await consumer.disconnect();
    }
    expect(seen.length).toBe(500);
    expectIdentical(c, 'r-kjs', [1, 2, 3]);
  }, 40000);

  it('a consumer never sees records above the high watermark; ListOffsets latest is the HW', async () => {
    // Broker 3 never hears of the partition: it is in the ISR but never fetches, so the HW stays put.
    c.createTopic('r-hw', [{ replicas: [1, 2, 3], isr: [1, 2, 3], leader: 1 }], [1, 2]);
    const r = await produce(leader, 'r-hw', batch(5, 'x'), 1);
    expect(r).toMatchObject({ errorCode: 0, baseOffset: 0 });
    await waitFor(() => logEnd(c, 2, 'r-hw') === 5, 10000, 'broker 2 has the batch');
    expect(logEnd(c, 1, 'r-hw')).toBe(5);
    expect(highWatermark(c, 1, 'r-hw')).toBe(0);
    const f = await fetchAt(leader, 'r-hw', 0);
    expect(f).toMatchObject({ errorCode: 0, highWatermark: 0 });
    expect(f.records?.length ?? 0).toBe(0);
    expect(await listLatest(leader, 'r-hw')).toMatchObject({ errorCode: 0, offset: 0 });
    // Inside the log but past the HW: nothing yet, not an error; past the log end: out of range.
    expect((await fetchAt(leader, 'r-hw', 3)).errorCode).toBe(0);
    expect((await fetchAt(leader, 'r-hw', 6)).errorCode).toBe(1);
    // acks=all waits for broker 3, which never comes: the timeout answers REQUEST_TIMED_OUT.
    expect((await produce(leader, 'r-hw', batch(1, 'y'), -1, 300)).errorCode).toBe(7);
  }, 30000);

  it('clients get NOT_LEADER_OR_FOLLOWER from followers and FENCED/UNKNOWN_LEADER_EPOCH for stale or future epochs', async () => {
    c.createTopic('r-roles', [{ replicas: [1, 2, 3], isr: [1, 2, 3], leader: 1 }]);
    expect((await produce(leader, 'r-roles', batch(3, 'a'), -1)).errorCode).toBe(0);
    const follower = await connect(c.bootstrap(2));
    try {
      expect((await produce(follower, 'r-roles', batch(1, 'f'), 1)).errorCode).toBe(NOT_LEADER_OR_FOLLOWER);
      expect((await listLatest(follower, 'r-roles')).errorCode).toBe(NOT_LEADER_OR_FOLLOWER);
      // Fetch v10 has no client metadata: leader only. v11 may read a follower, up to its HW (KIP-392).
      expect((await fetchAt(follower, 'r-roles', 0, { version: 10 })).errorCode).toBe(NOT_LEADER_OR_FOLLOWER);
      await waitFor(() => highWatermark(c, 2, 'r-roles') === 3, 10000, 'follower HW');
      const f = await fetchAt(follower, 'r-roles', 0, { version: 11 });
      expect(f).toMatchObject({ errorCode: 0, highWatermark: 3 });
      expect(f.records.length).toBeGreaterThan(0);
    } finally {
      follower.close();
    }
    expect((await fetchAt(leader, 'r-roles', 0, { currentLeaderEpoch: 0 })).errorCode).toBe(0);
    expect((await fetchAt(leader, 'r-roles', 0, { currentLeaderEpoch: 1 })).errorCode).toBe(UNKNOWN_LEADER_EPOCH);
    expect((await listLatest(leader, 'r-roles', 1)).errorCode).toBe(UNKNOWN_LEADER_EPOCH);
    c.elect('r-roles', 0, 1, [1, 2, 3]);
    expect((await fetchAt(leader, 'r-roles', 0, { currentLeaderEpoch: 0 })).errorCode).toBe(FENCED_LEADER_EPOCH);
    expect((await fetchAt(leader, 'r-roles', 0, { currentLeaderEpoch: 1 })).errorCode).toBe(0);
    // OffsetForLeaderEpoch: epoch 0 ended where epoch 1 started (the log end at the election).
    const o = await leader.send(ApiKey.OffsetForLeaderEpoch, { replicaId: -1, topics: [{ topic: 'r-roles', partitions: [{ partition: 0, currentLeaderEpoch: 1, leaderEpoch: 0 }] }] });
    expect(o.topics[0].partitions[0]).toMatchObject({ errorCode: 0, leaderEpoch: 0, endOffset: 3 });
  }, 30000);

  it('a deleted topic leaves every broker: replicas stopped, local data gone, the name reusable', async () => {
    c.createTopic('r-del', [{ replicas: [1, 2, 3], isr: [1, 2, 3], leader: 1 }]);
    expect((await produce(leader, 'r-del', batch(4, 'd'), -1)).errorCode).toBe(0);
    c.deleteTopic('r-del');
    for (const id of [1, 2, 3]) {
      expect(c.engine(id).topics.get('r-del')).toBeUndefined();
      expect(c.engine(id).replicaManager.hosted().some((p: any) => p.name === 'r-del')).toBe(false);
    }
    expect((await produce(leader, 'r-del', batch(1, 'x'), 1)).errorCode).toBe(3); // UNKNOWN_TOPIC_OR_PARTITION
    c.createTopic('r-del', [{ replicas: [1, 2, 3], isr: [1, 2, 3], leader: 1 }]);
    expect((await produce(leader, 'r-del', batch(2, 'new'), -1))).toMatchObject({ errorCode: 0, baseOffset: 0 });
    expectIdentical(c, 'r-del', [1, 2, 3]);
  }, 30000);

  it('after a leader change a follower truncates what the new leader never had', async () => {
    c.createTopic('r-div', [{ replicas: [1, 2, 3], isr: [1, 2, 3], leader: 1 }]);
    expect((await produce(leader, 'r-div', batch(10, 'common'), -1)).errorCode).toBe(0);
    await waitFor(() => logEnd(c, 2, 'r-div') === 10 && logEnd(c, 3, 'r-div') === 10, 10000, 'replicated');
    // Brokers 2 and 3 lose the leader (no leader in their metadata): they stop fetching.
    c.elect('r-div', 0, -1, [1, 2, 3], [2, 3]);
    // Broker 1 still leads (epoch 0) and writes what nobody else gets.
    expect((await produce(leader, 'r-div', batch(7, 'lost'), 1)).errorCode).toBe(0);
    expect((await produce(leader, 'r-div', batch(5, 'lost2'), 1)).errorCode).toBe(0);
    expect(logEnd(c, 1, 'r-div')).toBe(22);
    // Broker 2 is elected (unclean from 1's view: epoch 2); broker 1 becomes its follower.
    c.elect('r-div', 0, 2, [2, 3]);
    const p2 = await connect(c.bootstrap(2));
    try {
      expect(c.partition(2, 'r-div').leaderEpoch).toBe(2);
      const r = await produce(p2, 'r-div', batch(4, 'new'), 1);
      expect(r).toMatchObject({ errorCode: 0, baseOffset: 10 });
      await waitFor(() => logEnd(c, 1, 'r-div') === 14 && logEnd(c, 3, 'r-div') === 14, 10000, 'all at the new leader log end');
      expectIdentical(c, 'r-div', [2, 1, 3]);
      const epochs = c.batches(1, 'r-div').map((b) => readBatchHeader(b, 0).partitionLeaderEpoch);
      expect(epochs).toEqual([0, 2]);
      expect(c.partition(1, 'r-div').log.epochs.all()).toEqual([{ epoch: 0, startOffset: 0 }, { epoch: 2, startOffset: 10 }]);
      // Old leader 1 answers NOT_LEADER_OR_FOLLOWER now.
      expect((await produce(leader, 'r-div', batch(1, 'z'), 1)).errorCode).toBe(NOT_LEADER_OR_FOLLOWER);
      // Broker 1 caught up and rejoins the ISR (a proposal from leader 2).
      await waitFor(() => c.registration('r-div').isr.includes(1), 10000, 'broker 1 back in the ISR');
      expect(c.proposals.some((p) => p.topic === 'r-div' && p.brokerId === 2 && p.newIsr.includes(1) && p.accepted)).toBe(true);
    } finally {
      p2.close();
    }
  }, 30000);
  it('DeleteRecords on the leader moves the followers\' log start; retention runs on each replica\'s own log', async () => {
    c.createTopic('r-ret', [{ replicas: [1, 2, 3], isr: [1, 2, 3], leader: 1 }]);
    for (let i = 0; i < 5; i++) expect((await produce(leader, 'r-ret', batch(10, `r${i}`), -1)).errorCode).toBe(0);
    const del = await leader.send(ApiKey.DeleteRecords, { topics: [{ name: 'r-ret', partitions: [{ partitionIndex: 0, offset: 20 }] }], timeoutMs: 5000 });
    expect(del.topics[0].partitions[0]).toMatchObject({ errorCode: 0, lowWatermark: 20 });
    // Followers take the leader's log start offset from their fetches.
    await waitFor(() => c.partition(2, 'r-ret').log.logStartOffset === 20 && c.partition(3, 'r-ret').log.logStartOffset === 20, 10000, 'followers log start');
    expect(c.batches(2, 'r-ret').length).toBe(3);
    // Broker 3's own retention (retention.ms=1 set there only) deletes below its high watermark.
    const b3 = await connect(c.bootstrap(3));
    try {
      await setTopicConfig(b3, 'r-ret', 'retention.ms', '1');
    } finally {
      b3.close();
    }
    await waitFor(() => { c.engine(3).cleaner.runRetention(Date.now() + 10); return c.partition(3, 'r-ret').log.logStartOffset === 50; }, 10000, 'retention on broker 3');
    expect(c.batches(3, 'r-ret')).toEqual([]);
    expect(c.partition(3, 'r-ret').log.logEndOffset).toBe(50);
    expect(c.partition(1, 'r-ret').log.logStartOffset).toBe(20);
    // It keeps replicating after that.
    expect((await produce(leader, 'r-ret', batch(2, 'more'), -1)).errorCode).toBe(0);
    expect(c.batches(3, 'r-ret').length).toBe(1);
  }, 30000);
});

describe('ISR shrink and expand with replica.lag.time.max.ms=1000', () => {
  const c = new ReplicaCluster({ 'replica.lag.time.max.ms': '1000', 'replica.fetch.wait.max.ms': '100', 'replica.fetch.backoff.ms': '50' });
  let leader: any;
  beforeAll(async () => {
    await c.start([1, 2, 3]);
    leader = await connect(c.bootstrap(1));
  });
  afterAll(async () => { leader?.close(); await c.stop(); });

  it('acks=all waits for the followers; a stopped follower leaves the ISR, then rejoins after catching up', async () => {
    c.createTopic('r-isr', [{ replicas: [1, 2, 3], isr: [1, 2, 3], leader: 1 }]);
    await setTopicConfig(leader, 'r-isr', 'min.insync.replicas', '2');
    expect((await produce(leader, 'r-isr', batch(10, 'a'), -1)).errorCode).toBe(0);
    await waitFor(() => logEnd(c, 3, 'r-isr') === 10, 10000, 'broker 3 caught up');
    const dir3 = c.nodes.get(3)!.dir;
    await c.stopNode(3);
    // acks=all now waits: broker 2 gets the batch, broker 3 (still in the ISR) does not.
    let answered: any;
    const pending = produce(leader, 'r-isr', batch(10, 'b'), -1).then((r) => { answered = r; return r; });
    await waitFor(() => logEnd(c, 2, 'r-isr') === 20, 10000, 'broker 2 has the batch');
    expect(answered).toBeUndefined();
    expect(highWatermark(c, 1, 'r-isr')).toBe(10);
    // After replica.lag.time.max.ms the leader proposes the ISR without 3; then the HW moves and acks=all answers.
    const r = await pending;
    expect(r).toMatchObject({ errorCode: 0, baseOffset: 10 });
    expect(c.registration('r-isr').isr).toEqual([1, 2]);
    expect(c.proposals.find((p) => p.topic === 'r-isr' && p.accepted)).toMatchObject({ brokerId: 1, newIsr: [1, 2] });
    expect(highWatermark(c, 1, 'r-isr')).toBe(20);
    // Broker 3 restarts (same log dir, new port) and catches up; the leader adds it back.
    // (This hand-made cluster's topics are not in a broker's own metadata log, so a restarted
    // broker drops its copy as stray and fetches it all again; cluster-replication.test.ts
    // restarts brokers of a real cluster, whose logs survive.)
    await c.startNode(3, dir3);
    await waitFor(() => c.registration('r-isr').isr.includes(3), 15000, 'broker 3 back in the ISR');
    expect(c.registration('r-isr').isr).toEqual([1, 2, 3]);
    expect(logEnd(c, 3, 'r-isr')).toBe(20);
    expectIdentical(c, 'r-isr', [1, 2, 3]);
  }, 40000);

  it('an offset commit is answered once the __consumer_offsets partition\'s ISR has it', async () => {
    const { offsetsPartitionFor } = require(path.join(ROOT, 'dist/engine/coordinator/offsets-records'));
    c.createTopic('__consumer_offsets', Array.from({ length: 50 }, () => ({ replicas: [1, 2, 3], isr: [1, 2, 3], leader: 1 })));
    c.createTopic('r-commit', [{ replicas: [1, 2, 3], isr: [1, 2, 3], leader: 1 }]);
    const group = 'repl-commit-group';
    const p = offsetsPartitionFor(group, 50);
    const commit = (offset: number) => leader.send(ApiKey.OffsetCommit, {
      groupId: group, generationIdOrMemberEpoch: -1, memberId: '', groupInstanceId: null, retentionTimeMs: -1,
      topics: [{ name: 'r-commit', partitions: [{ partitionIndex: 0, committedOffset: offset, committedLeaderEpoch: -1, committedMetadata: '' }] }],
    }).then((r: any) => r.topics[0].partitions[0].errorCode);
    expect(await commit(5)).toBe(0);
    const end = c.partition(1, '__consumer_offsets', p).log.logEndOffset;
    expect(end).toBeGreaterThan(0);
    // Answered means replicated: both followers have the commit record.
    expect(c.partition(2, '__consumer_offsets', p).log.logEndOffset).toBe(end);
    expect(c.partition(3, '__consumer_offsets', p).log.logEndOffset).toBe(end);
    expect(c.partition(1, '__consumer_offsets', p).log.highWatermark).toBe(end);
    // The coordinator moves: broker 2 leads the group's partition and loads the group from the
    // replicated log, so the commit survives; broker 1 no longer coordinates it.
    c.elect('__consumer_offsets', p, 2, [1, 2, 3]);
    const b2 = await connect(c.bootstrap(2));
    try {
      const f = await b2.send(ApiKey.OffsetFetch, { groupId: group, topics: [{ name: 'r-commit', partitionIndexes: [0] }], requireStable: false });
      expect(f.topics[0].partitions[0]).toMatchObject({ committedOffset: 5, errorCode: 0 });
      expect(await commit(6)).toBe(16); // NOT_COORDINATOR
      const commit2 = await b2.send(ApiKey.OffsetCommit, {
        groupId: group, generationIdOrMemberEpoch: -1, memberId: '', groupInstanceId: null, retentionTimeMs: -1,
        topics: [{ name: 'r-commit', partitions: [{ partitionIndex: 0, committedOffset: 7, committedLeaderEpoch: -1, committedMetadata: '' }] }],
      });
      expect(commit2.topics[0].partitions[0].errorCode).toBe(0);
      // ... and back to broker 1, which reloads what broker 2 wrote.
      c.elect('__consumer_offsets', p, 1, [1, 2, 3]);
      const f1 = await leader.send(ApiKey.OffsetFetch, { groupId: group, topics: [{ name: 'r-commit', partitionIndexes: [0] }], requireStable: false });
      expect(f1.topics[0].partitions[0]).toMatchObject({ committedOffset: 7, errorCode: 0 });
    } finally {
      b2.close();
    }
  }, 30000);

  it('min.insync.replicas: NOT_ENOUGH_REPLICAS before the append, NOT_ENOUGH_REPLICAS_AFTER_APPEND when the ISR shrinks under it; acks=1 still works', async () => {
    c.createTopic('r-min', [{ replicas: [1, 2, 3], isr: [1, 2, 3], leader: 1 }]);
    await setTopicConfig(leader, 'r-min', 'min.insync.replicas', '3');
    expect((await produce(leader, 'r-min', batch(2, 'a'), -1)).errorCode).toBe(0);
    await waitFor(() => logEnd(c, 2, 'r-min') === 2 && logEnd(c, 3, 'r-min') === 2, 10000, 'replicated');
    await c.stopNode(3);
    // Waiting for 3, which is gone: the shrink to [1, 2] lets the HW pass, under min.insync.replicas.
    const r = await produce(leader, 'r-min', batch(2, 'b'), -1);
    expect(r.errorCode).toBe(NOT_ENOUGH_REPLICAS_AFTER_APPEND);
    expect(c.registration('r-min').isr).toEqual([1, 2]);
    // Now the ISR is too small from the start: refused before anything is written.
    const end = logEnd(c, 1, 'r-min');
    expect((await produce(leader, 'r-min', batch(2, 'c'), -1)).errorCode).toBe(NOT_ENOUGH_REPLICAS);
    expect(logEnd(c, 1, 'r-min')).toBe(end);
    expect((await produce(leader, 'r-min', batch(2, 'd'), 1)).errorCode).toBe(0);
  }, 40000);
});
