// Memory and connections bounded by settings whatever clients do (issue 11, target 7): a client
// that never reads its answers stops being read from (engine RSS stays bounded, others are
// served, and it gets every answer in order once it reads), queued.max.requests,
// max.connections, max.connections.per.ip(.overrides), connections.max.idle.ms, and the
// controller's partition bounds answered at once while other clients are served.
import { describe, it, expect, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { startInProcessEngine, spawnEngine, runTool, waitFor, ROOT, type TestEngine } from '../helpers/engine';
import { runKcat } from '../helpers/kcat';
import { createTopic } from '../helpers/tools';

const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { ApiKey, apiSpec, encodeRequestFrame } = require(path.join(ROOT, 'dist/protocol/apis'));
const { buildBatch } = require(path.join(ROOT, 'dist/protocol/records/batch'));

const engines: TestEngine[] = [];
afterAll(async () => {
  for (const e of engines) await e.stop();
});

async function engineWith(overrides: Record<string, string>): Promise<TestEngine> {
  const e = await startInProcessEngine(overrides);
  engines.push(e);
  return e;
}

/** Every answer any RawClient received, in arrival order: `<client name>:<correlation id>`. */
const arrivals: string[] = [];

/** A raw connection that collects whole response frames (correlation ids) as they arrive. */
class RawClient {
  readonly sock: net.Socket;
  readonly answered: number[] = [];
  closed = false;
  private buf = Buffer.alloc(0);

  constructor(port: number, readonly name = 'raw') {
    this.sock = net.connect(port, '127.0.0.1');
    this.sock.on('data', (d) => {
      this.buf = Buffer.concat([this.buf, d]);
      while (this.buf.length >= 4 && this.buf.length >= 4 + this.buf.readInt32BE(0)) {
        const size = this.buf.readInt32BE(0);
        this.answered.push(this.buf.readInt32BE(4));
        arrivals.push(`${this.name}:${this.buf.readInt32BE(4)}`);
        this.buf = this.buf.subarray(4 + size);
      }
    });
    this.sock.on('error', () => undefined);
    this.sock.on('close', () => { this.closed = true; });
  }

  connected(): Promise<void> {
    return new Promise((r) => (this.sock.connecting ? this.sock.once('connect', () => r()) : r()));
  }

  send(apiKey: number, version: number, correlationId: number, body: unknown): void {
    for (const b of encodeRequestFrame(apiSpec(apiKey), version, correlationId, 'raw', body)) this.sock.write(b);
  }

  apiVersions(correlationId: number): void {
    this.send(ApiKey.ApiVersions, 0, correlationId, {});
  }

  async roundTrip(correlationId: number): Promise<void> {
    this.apiVersions(correlationId);
    await waitFor(() => this.answered.includes(correlationId), 10000, `answer ${correlationId}`);
  }
}

function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
}

describe('a client that never reads its answers', () => {
  it('stops being read from: engine RSS stays bounded, other clients are served, it gets every answer in order once it reads', async () => {
    const engine = await spawnEngine();
    engines.push(engine);
    const pid = (engine as any).proc.pid as number;
    const conn = new BrokerConnection('127.0.0.1', engine.port, 'bounds');
    await conn.connect();
    try {
      await conn.send(ApiKey.CreateTopics, { topics: [{ name: 'big', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false });
      const value = Buffer.alloc(100 * 1024, 7);
      for (let i = 0; i < 10; i++) {
        await conn.send(ApiKey.Produce, { transactionalId: null, acks: 1, timeoutMs: 5000, topicData: [{ name: 'big', partitionData: [{ index: 0, records: buildBatch([{ key: null, value, timestamp: Date.now() }]) }] }] });
      }
      const before = rssMb(pid);
      // 600 Fetch requests of ~1 MB answers each: 600 MB if the engine kept every answer.
      const N = 600;
      const hostile = new RawClient(engine.port);
      await hostile.connected();
      hostile.sock.pause();
      for (let i = 0; i < N; i++) {
        hostile.send(ApiKey.Fetch, 4, i, { replicaId: -1, maxWaitMs: 0, minBytes: 0, maxBytes: 1048576, isolationLevel: 0, topics: [{ topic: 'big', partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 1048576 }] }] });
      }
      // Other clients are served meanwhile (ours and kcat), and the engine does not grow with the
      // requests: it stopped reading them.
      let peak = before;
      for (let i = 0; i < 20; i++) {
        await conn.send(ApiKey.ApiVersions, {});
        peak = Math.max(peak, rssMb(pid));
      }
      const kcat = await runKcat(engine.bootstrap, ['-L', '-t', 'big']);
      expect(kcat.code).toBe(0);
      expect(kcat.stdout).toContain('topic "big" with 1 partitions');
      peak = Math.max(peak, rssMb(pid));
      expect(peak - before).toBeLessThan(150);
      // Once it reads, every answer arrives, in request order.
      hostile.sock.resume();
      await waitFor(() => hostile.answered.length === N, 60000, 'every answer');
      expect(hostile.answered).toEqual(Array.from({ length: N }, (_, i) => i));
      hostile.sock.destroy();
    } finally {
      conn.close();
    }
  }, 120000);
});

describe('queued.max.requests', () => {
  it('at the bound, a request from another connection waits until one is answered', async () => {
    const engine = await engineWith({ 'queued.max.requests': '1' });
    await createTopic(engine, 'quiet', 1);
    const a = new RawClient(engine.port, 'a');
    const b = new RawClient(engine.port, 'b');
    await Promise.all([a.connected(), b.connected()]);
    await b.roundTrip(1);
    // A long-poll Fetch on an empty partition is handled for 1.5 s: the queue is full meanwhile.
    a.send(ApiKey.Fetch, 4, 10, { replicaId: -1, maxWaitMs: 1500, minBytes: 1, maxBytes: 1024, isolationLevel: 0, topics: [{ topic: 'quiet', partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 1024 }] }] });
    await waitFor(() => engine.server.queuedRequests() === 1, 10000, 'the Fetch being handled');
    b.apiVersions(2);
    await waitFor(() => a.answered.includes(10) && b.answered.includes(2), 10000, 'both answers');
    expect(arrivals.filter((x) => x === 'a:10' || x === 'b:2')).toEqual(['a:10', 'b:2']);
    a.sock.destroy();
    b.sock.destroy();
  }, 30000);
});

describe('max.connections', () => {
  it('a connection beyond the bound waits unread until another closes, then is served', async () => {
    const engine = await engineWith({ 'max.connections': '2' });
    const first = new RawClient(engine.port);
    const second = new RawClient(engine.port);
    await first.roundTrip(1);
    await second.roundTrip(1);
    const third = new RawClient(engine.port);
    await third.connected();
    third.apiVersions(1);
    // The engine answers the admitted connection again and again; the third is not read.
    for (let i = 2; i < 6; i++) await second.roundTrip(i);
    expect(third.answered).toEqual([]);
    first.sock.destroy();
    await waitFor(() => third.answered.includes(1), 10000, 'third connection served');
    second.sock.destroy();
    third.sock.destroy();
  });
});

describe('max.connections.per.ip and its overrides', () => {
  it('a connection over its address bound is closed at once (kcat refused), others carry on', async () => {
    const engine = await engineWith({ 'max.connections.per.ip': '100', 'max.connections.per.ip.overrides': 'localhost:2' });
    const first = new RawClient(engine.port);
    const second = new RawClient(engine.port);
    await first.roundTrip(1);
    await second.roundTrip(1);
    const third = new RawClient(engine.port);
    await waitFor(() => third.closed, 10000, 'third connection closed');
    expect(third.answered).toEqual([]);
    const refused = await runKcat(engine.bootstrap, ['-L', '-m', '3'], undefined, 30000);
    expect(refused.code).not.toBe(0);
    await second.roundTrip(2);
    first.sock.destroy();
    await waitFor(async () => (await runKcat(engine.bootstrap, ['-L', '-m', '5'])).code === 0, 20000, 'kcat served after a slot freed');
    second.sock.destroy();
  }, 60000);

  it('kafka-configs changes the bound on a running engine', async () => {
    const engine = await engineWith({});
    const kafka = new Kafka({ brokers: [engine.bootstrap], clientId: 'bounds', logLevel: logLevel.NOTHING, retry: { retries: 0 } });
    const r = await runTool('kafka-configs', ['--bootstrap-server', engine.bootstrap, '--alter', '--entity-type', 'brokers', '--entity-default', '--add-config', 'max.connections.per.ip=1']);
    expect(r.code).toBe(0);
    const held = new RawClient(engine.port);
    await held.roundTrip(1);
    const admin = kafka.admin();
    await expect(admin.connect().then(() => admin.listTopics())).rejects.toThrow();
    await admin.disconnect();
    held.sock.destroy();
    await waitFor(async () => {
      const again = kafka.admin();
      try {
        await again.connect();
        return Array.isArray(await again.listTopics());
      } finally {
        await again.disconnect();
      }
    }, 20000, 'kafkajs served after the held connection closed');
  }, 60000);
});

describe('connections.max.idle.ms', () => {
  it('a connection idle that long is closed by the engine', async () => {
    const engine = await engineWith({ 'connections.max.idle.ms': '500' });
    const idle = new RawClient(engine.port);
    await idle.roundTrip(1);
    const started = Date.now();
    await waitFor(() => idle.closed, 10000, 'idle connection closed');
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });
});

describe('partitions per operation', () => {
  it('kafka-topics --create --partitions 100000000 is refused at once with Kafka\'s text while another client is served', async () => {
    const engine = await engineWith({});
    const kafka = new Kafka({ brokers: [engine.bootstrap], clientId: 'bounds', logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [huge] = await Promise.all([
        runTool('kafka-topics', ['--bootstrap-server', engine.bootstrap, '--create', '--topic', 'huge', '--partitions', '100000000']),
        admin.listTopics(),
      ]);
      expect(huge.code).toBe(1);
      expect(huge.stdout).toBe('Error while executing topic command : Excessively large number of partitions per request.\n');
      expect(huge.stderr).toContain('ERROR org.apache.kafka.common.errors.PolicyViolationException: Excessively large number of partitions per request.');
      expect(await admin.listTopics()).not.toContain('huge');
      // kafkajs: CreateTopics over the record bound, CreatePartitions over the partition bound.
      await expect(admin.createTopics({ topics: [{ topic: 'big', numPartitions: 10000 }] }))
        .rejects.toMatchObject({ errors: [expect.objectContaining({ type: 'POLICY_VIOLATION', code: 44 })] });
      await createTopic(engine, 'small', 1);
      await expect(admin.createPartitions({ topicPartitions: [{ topic: 'small', count: 100000000 }] }))
        .rejects.toMatchObject({ type: 'POLICY_VIOLATION' });
      // The bound is on the request: two topics growing by 6,000 each are both refused.
      await createTopic(engine, 'small2', 1);
      await expect(admin.createPartitions({ topicPartitions: [{ topic: 'small', count: 6001 }, { topic: 'small2', count: 6001 }] }))
        .rejects.toMatchObject({ type: 'POLICY_VIOLATION' });
      const meta = await admin.fetchTopicMetadata({ topics: ['small', 'small2'] });
      expect(meta.topics.map((t) => t.partitions.length)).toEqual([1, 1]);
    } finally {
      await admin.disconnect();
    }
  }, 60000);
});
