// The Producer (src/client/producer.ts) against a scriptable fake broker built from the protocol
// layer: what goes on the wire (batches, sequences, one batch per partition per request,
// in-flight limit, acks), retries and Kafka's Sender log lines, timeouts and memory limits.
import { describe, it, expect, afterEach } from 'vitest';
import * as net from 'node:net';
import * as path from 'node:path';
import { ROOT, waitFor } from '../helpers/engine';

const { Producer, producerSettings } = require(path.join(ROOT, 'dist/client/producer'));
const { readRequest, decodeRequestBody, encodeResponseFrame, ADVERTISED, ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));
const { readBatchHeader, decodeRecords, splitBatches } = require(path.join(ROOT, 'dist/protocol/records/batch'));
const { partitionForKey } = require(path.join(ROOT, 'dist/protocol/murmur2'));

interface ProducePartition {
  topic: string;
  partition: number;
  records: Buffer;
}

interface ProduceCall {
  correlationId: number;
  acks: number;
  partitions: ProducePartition[];
  /** Call to answer (errors per partition index, default 0). */
  reply: (errors?: Record<number, number>) => void;
}

/** Answers ApiVersions, Metadata (topics with N partitions, leader node 1) and InitProducerId; Produce is scripted. */
class FakeBroker {
  server!: net.Server;
  port = 0;
  topics = new Map<string, number>();
  produced: ProduceCall[] = [];
  metadataRequests = 0;
  initProducerIds = 0;
  /** Decide what to do with a Produce request: answer now (default), or keep it for the test. */
  onProduce: (call: ProduceCall) => void = (call) => call.reply();
  private sockets = new Set<net.Socket>();
  private nextOffset = new Map<string, number>();

  async start(): Promise<void> {
    this.server = net.createServer((sock) => this.accept(sock));
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  get bootstrap(): string {
    return `127.0.0.1:${this.port}`;
  }

  private accept(sock: net.Socket): void {
    this.sockets.add(sock);
    sock.on('close', () => this.sockets.delete(sock));
    sock.on('error', () => undefined);
    let buf = Buffer.alloc(0);
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 4 && buf.length >= 4 + buf.readInt32BE(0)) {
        const size = buf.readInt32BE(0);
        const frame = buf.subarray(4, 4 + size);
        buf = buf.subarray(4 + size);
        this.handle(sock, Buffer.from(frame));
      }
    });
  }

  private handle(sock: net.Socket, frame: Buffer): void {
    const { header, spec, body } = readRequest(frame);
    const req = decodeRequestBody(spec, header.apiVersion, body);
    const send = (resp: unknown) => {
      if (sock.destroyed) return;
      for (const c of encodeResponseFrame(spec, header.apiVersion, header.correlationId, resp)) sock.write(c);
    };
    switch (header.apiKey) {
      case ApiKey.ApiVersions:
        send({
          errorCode: 0,
          apiKeys: [...ADVERTISED.entries()].map(([apiKey, r]: [number, { min: number; max: number }]) => ({ apiKey, minVersion: r.min, maxVersion: r.max })),
          throttleTimeMs: 0,
        });
        return;
      case ApiKey.Metadata:
        this.metadataRequests++;
        send({
          throttleTimeMs: 0,
          brokers: [{ nodeId: 1, host: '127.0.0.1', port: this.port, rack: null }],
          clusterId: 'fake',
          controllerId: 1,
          topics: (req.topics ?? []).map((t: { name: string }) => {
            const n = this.topics.get(t.name);
            if (n === undefined) return { errorCode: 3, name: t.name, isInternal: false, partitions: [], topicAuthorizedOperations: -2147483648 };
            return {
              errorCode: 0, name: t.name, isInternal: false, topicAuthorizedOperations: -2147483648,
              partitions: Array.from({ length: n }, (_, i) => ({ errorCode: 0, partitionIndex: i, leaderId: 1, leaderEpoch: 0, replicaNodes: [1], isrNodes: [1], offlineReplicas: [] })),
            };
          }),
          clusterAuthorizedOperations: -2147483648,
        });
        return;
      case ApiKey.InitProducerId:
        this.initProducerIds++;
        send({ throttleTimeMs: 0, errorCode: 0, producerId: 42, producerEpoch: 0 });
        return;
      case ApiKey.Produce: {
        const partitions: ProducePartition[] = [];
        for (const t of req.topicData) for (const p of t.partitionData) partitions.push({ topic: t.name, partition: p.index, records: Buffer.from(p.records) });
        let replied = false;
        const call: ProduceCall = {
          correlationId: header.correlationId,
          acks: req.acks,
          partitions,
          reply: (errors = {}) => {
            if (replied || req.acks === 0) return;
            replied = true;
            const responses: any[] = [];
            for (const p of partitions) {
              let t = responses.find((x) => x.name === p.topic);
              if (!t) responses.push((t = { name: p.topic, partitionResponses: [] }));
              const code = errors[p.partition] ?? 0;
              const key = `${p.topic}-${p.partition}`;
              const base = this.nextOffset.get(key) ?? 0;
              if (code === 0) this.nextOffset.set(key, base + readBatchHeader(p.records).recordCount);
              t.partitionResponses.push({ index: p.partition, errorCode: code, baseOffset: code === 0 ? base : -1, logAppendTimeMs: -1, logStartOffset: 0, recordErrors: [], errorMessage: null });
            }
            send({ responses, throttleTimeMs: 0 });
          },
        };
        this.produced.push(call);
        this.onProduce(call);
        return;
      }
      default:
        sock.destroy();
    }
  }

  /** Values of every record the broker acknowledged or was sent, per batch. */
  static values(records: Buffer): string[] {
    const out: string[] = [];
    for (const b of splitBatches(records).batches) decodeRecords(b, (r: any) => out.push(r.value === null ? '<null>' : r.value.toString()));
    return out;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

const brokers: FakeBroker[] = [];
const producers: any[] = [];
afterEach(async () => {
  for (const p of producers.splice(0)) p.abort();
  for (const b of brokers.splice(0)) await b.stop();
});

async function broker(topics: Record<string, number> = { t: 1 }): Promise<FakeBroker> {
  const b = new FakeBroker();
  for (const [k, v] of Object.entries(topics)) b.topics.set(k, v);
  await b.start();
  brokers.push(b);
  return b;
}

interface Made {
  producer: any;
  logs: string[];
  errors: { topic: string; key: number; value: number; error: string }[];
}

function makeProducer(b: FakeBroker, props: Record<string, string> = {}): Made {
  const logs: string[] = [];
  const errors: Made['errors'] = [];
  const settings = producerSettings(new Map(Object.entries({ 'bootstrap.servers': b.bootstrap, 'client.id': 'test', ...props })));
  const producer = new Producer({
    settings,
    log: (level: string, message: string, logger: string) => logs.push(`${level} ${message} (${logger})`),
    onRecordError: (topic: string, key: number, value: number, error: any) => errors.push({ topic, key, value, error: error.javaString() }),
  });
  producers.push(producer);
  return { producer, logs, errors };
}

async function send(p: any, topic: string, value: string | null, key: string | null = null): Promise<void> {
  const v = value === null ? null : Buffer.from(value);
  const k = key === null ? null : Buffer.from(key);
  const r = p.send(topic, k, 0, k?.length ?? 0, v, 0, v?.length ?? 0);
  if (r) await r;
}

describe('what goes on the wire', () => {
  it('an idempotent producer (acks=all) asks for a producer id and numbers each partition\'s records from 0', async () => {
    const b = await broker({ t: 2 });
    const { producer } = makeProducer(b, { 'batch.size': '200', 'linger.ms': '0' });
    for (let i = 0; i < 30; i++) await send(producer, 't', `v${i}`, `k${i}`);
    await producer.close();
    expect(b.initProducerIds).toBe(1);
    const next = new Map<number, number>();
    let total = 0;
    for (const call of b.produced) {
      // One batch per partition per request, as Kafka brokers require.
      const seen = new Set<number>();
      for (const p of call.partitions) {
        expect(seen.has(p.partition)).toBe(false);
        seen.add(p.partition);
        expect(splitBatches(p.records).batches.length).toBe(1);
        const h = readBatchHeader(p.records);
        expect(h.producerId).toBe(42);
        expect(h.producerEpoch).toBe(0);
        expect(h.baseSequence).toBe(next.get(p.partition) ?? 0);
        next.set(p.partition, h.baseSequence + h.recordCount);
        total += h.recordCount;
      }
    }
    expect(total).toBe(30);
  });

  it('keys go to murmur2(key) % partitions; batches never exceed batch.size', async () => {
    const b = await broker({ k: 7 });
    const { producer } = makeProducer(b, { 'batch.size': '1000', 'linger.ms': '5' });
    const sent: [string, string][] = [];
    for (let i = 0; i < 500; i++) {
      sent.push([`key-${i % 37}`, `value-${i}`]);
      await send(producer, 'k', `value-${i}`, `key-${i % 37}`);
    }
    await producer.close();
    const got = new Map<string, number>();
    for (const call of b.produced) {
      for (const p of call.partitions) {
        for (const batch of splitBatches(p.records).batches) {
          expect(batch.length).toBeLessThanOrEqual(1000);
          decodeRecords(batch, (r: any) => got.set(r.value.toString(), p.partition));
        }
      }
    }
    for (const [key, value] of sent) expect(got.get(value)).toBe(partitionForKey(Buffer.from(key), 7));
  });

  it('null keys stick to one partition per batch.size bytes, then move on (KIP-794)', async () => {
    const b = await broker({ s: 4 });
    const { producer } = makeProducer(b, { 'batch.size': '2000', 'linger.ms': '50' });
    for (let i = 0; i < 2000; i++) await send(producer, 's', `${i}`.padStart(90, '.'));
    await producer.close();
    const runs: number[] = [];
    const order: { p: number; first: number }[] = [];
    for (const call of b.produced) {
      for (const p of call.partitions) {
        const vals = FakeBroker.values(p.records).map(Number);
        order.push({ p: p.partition, first: vals[0] });
        runs.push(vals.length);
      }
    }
    order.sort((a, b2) => a.first - b2.first);
    // Records fill a partition's batch, then the partitioner switches (to a random partition).
    expect(new Set(order.map((o) => o.p)).size).toBeGreaterThan(1);
    expect(runs.every((n) => n <= 20)).toBe(true);
  });

  it('linger.ms: a lone record waits for linger, a full batch goes at once', async () => {
    const b = await broker();
    const { producer } = makeProducer(b, { 'linger.ms': '400', 'batch.size': '500' });
    await send(producer, 't', 'warm-up');
    await producer.flush();
    const t0 = Date.now();
    await send(producer, 't', 'lonely');
    await waitFor(() => b.produced.length === 2, 5000, 'lingered batch');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(350);
    const t1 = Date.now();
    for (let i = 0; i < 10; i++) await send(producer, 't', 'x'.repeat(100));
    await waitFor(() => b.produced.length >= 3, 5000, 'full batch');
    expect(Date.now() - t1).toBeLessThan(300);
    await producer.close();
  });

  it('at most max.in.flight.requests.per.connection requests wait for an answer', async () => {
    const b = await broker();
    const held: ProduceCall[] = [];
    b.onProduce = (call) => held.push(call);
    const { producer } = makeProducer(b, { 'batch.size': '100', 'linger.ms': '0' });
    for (let i = 0; i < 40; i++) await send(producer, 't', 'y'.repeat(60));
    await waitFor(() => held.length === 5, 5000, 'five in flight');
    await new Promise((r) => setTimeout(r, 100));
    expect(held.length).toBe(5);
    b.onProduce = (call) => call.reply();
    for (const c of held.splice(0)) c.reply();
    await producer.close();
    expect(b.produced.reduce((n, c) => n + FakeBroker.values(c.partitions[0].records).length, 0)).toBe(40);
  });

  it('acks=0: requests carry acks 0 and complete without any answer', async () => {
    const b = await broker();
    const { producer, errors } = makeProducer(b, { acks: '0', 'linger.ms': '0' });
    for (let i = 0; i < 5; i++) await send(producer, 't', `z${i}`);
    await producer.close();
    expect(errors).toEqual([]);
    // The fake broker runs in this process: let it read what was written before the close.
    await waitFor(() => b.produced.flatMap((c) => FakeBroker.values(c.partitions[0].records)).length === 5, 5000, 'acks=0 records');
    expect(b.produced.every((c) => c.acks === 0)).toBe(true);
    expect(b.produced.flatMap((c) => FakeBroker.values(c.partitions[0].records))).toEqual(['z0', 'z1', 'z2', 'z3', 'z4']);
    expect(b.initProducerIds).toBe(0); // idempotence needs acks=all
  });

  it('acks=1 sends acks 1; compression.type=gzip compresses the batch', async () => {
    const b = await broker();
    const { producer } = makeProducer(b, { acks: '1', 'compression.type': 'gzip' });
    await send(producer, 't', 'compressed');
    await producer.close();
    expect(b.produced[0].acks).toBe(1);
    const rec = b.produced[0].partitions[0].records;
    expect(readBatchHeader(rec).attributes & 7).toBe(1);
    expect(FakeBroker.values(rec)).toEqual(['compressed']);
  });
});

describe('errors and retries', () => {
  it('a retriable error is retried with the same sequence after a metadata refresh, logging Kafka\'s Sender lines', async () => {
    const b = await broker();
    let first = true;
    b.onProduce = (call) => {
      if (first) {
        first = false;
        call.reply({ 0: 6 }); // NOT_LEADER_OR_FOLLOWER
      } else {
        call.reply();
      }
    };
    const { producer, logs, errors } = makeProducer(b, { 'retry.backoff.ms': '10' });
    await send(producer, 't', 'retried');
    const mdBefore = b.metadataRequests;
    await producer.close();
    expect(errors).toEqual([]);
    expect(b.produced.length).toBe(2);
    expect(readBatchHeader(b.produced[1].partitions[0].records).baseSequence).toBe(readBatchHeader(b.produced[0].partitions[0].records).baseSequence);
    expect(b.metadataRequests).toBeGreaterThan(mdBefore - 1);
    expect(logs).toEqual([
      `WARN [Producer clientId=test] Got error produce response with correlation id ${b.produced[0].correlationId} on topic-partition t-0, retrying (2147483646 attempts left). Error: NOT_LEADER_OR_FOLLOWER (org.apache.kafka.clients.producer.internals.Sender)`,
      'WARN [Producer clientId=test] Received invalid metadata error in produce request on partition t-0 due to org.apache.kafka.common.errors.NotLeaderOrFollowerException: For requests intended only for the leader, this error indicates that the broker is not the current leader. For requests intended for any replica, this error indicates that the broker is not a replica of the topic partition. Going to request metadata update now (org.apache.kafka.clients.producer.internals.Sender)',
    ]);
  });

  it('after `retries` retries the records fail with the broker\'s error', async () => {
    const b = await broker();
    b.onProduce = (call) => call.reply({ 0: 19 }); // NOT_ENOUGH_REPLICAS, retriable
    const { producer, logs, errors } = makeProducer(b, { retries: '2', 'retry.backoff.ms': '5', 'enable.idempotence': 'false' });
    await send(producer, 't', 'ab', 'k');
    await send(producer, 't', 'cde');
    await producer.close();
    expect(b.produced.length).toBe(3);
    expect(logs.map((l) => l.replace(/correlation id \d+/, 'correlation id N'))).toEqual([
      'WARN [Producer clientId=test] Got error produce response with correlation id N on topic-partition t-0, retrying (1 attempts left). Error: NOT_ENOUGH_REPLICAS (org.apache.kafka.clients.producer.internals.Sender)',
      'WARN [Producer clientId=test] Got error produce response with correlation id N on topic-partition t-0, retrying (0 attempts left). Error: NOT_ENOUGH_REPLICAS (org.apache.kafka.clients.producer.internals.Sender)',
    ]);
    const err = 'org.apache.kafka.common.errors.NotEnoughReplicasException: Messages are rejected since there are fewer in-sync replicas than required.';
    expect(errors).toEqual([
      { topic: 't', key: 1, value: 2, error: err },
      { topic: 't', key: -1, value: 3, error: err },
    ]);
  });

  it('a non-retriable error fails at once; a record sent with waitForAck gets the rejection instead of the callback', async () => {
    const b = await broker();
    b.onProduce = (call) => call.reply({ 0: 87 }); // INVALID_RECORD
    const { producer, errors } = makeProducer(b);
    await send(producer, 't', 'bad');
    const v = Buffer.from('sync');
    // Both records share a batch: the callback gets one, the promise the other.
    await expect(producer.send('t', null, 0, 0, v, 0, v.length, null, true)).rejects.toMatchObject({ code: 87 });
    await producer.close();
    expect(errors).toEqual([{ topic: 't', key: -1, value: 3, error: 'org.apache.kafka.common.InvalidRecordException: This record has failed the validation on broker and hence will be rejected.' }]);
  });

  it('waitForAck resolves with the record\'s own offset', async () => {
    const b = await broker();
    const { producer } = makeProducer(b, { 'linger.ms': '20' });
    const v = Buffer.from('v');
    const offsets = await Promise.all([0, 1, 2].map(() => producer.send('t', null, 0, 0, v, 0, 1, null, true)));
    await producer.close();
    expect(offsets).toEqual([0, 1, 2]);
  });

  it('request.timeout.ms: an unanswered request is failed as REQUEST_TIMED_OUT and retried', async () => {
    const b = await broker();
    let n = 0;
    b.onProduce = (call) => { if (n++ > 0) call.reply(); };
    const { producer, logs, errors } = makeProducer(b, { 'request.timeout.ms': '300', 'retry.backoff.ms': '10' });
    await send(producer, 't', 'slow');
    await producer.close();
    expect(errors).toEqual([]);
    expect(n).toBe(2);
    expect(logs[0]).toMatch(/^WARN \[Producer clientId=test\] Got error produce response with correlation id \d+ on topic-partition t-0, retrying \(\d+ attempts left\)\. Error: REQUEST_TIMED_OUT\. Error Message: Disconnected from node 1 due to timeout \(org\.apache\.kafka\.clients\.producer\.internals\.Sender\)$/);
  });

  it('buffer.memory used up: send waits, then fails with BufferExhaustedException after max.block.ms', async () => {
    const b = await broker();
    b.onProduce = () => undefined; // never answer
    const { producer, errors } = makeProducer(b, {
      'buffer.memory': '1000', 'batch.size': '400', 'linger.ms': '0', 'max.block.ms': '300', 'request.timeout.ms': '60000', 'delivery.timeout.ms': '60000',
    });
    const t0 = Date.now();
    for (let i = 0; i < 4; i++) await send(producer, 't', 'm'.repeat(300));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0].error).toMatch(/^org\.apache\.kafka\.clients\.producer\.BufferExhaustedException: Failed to allocate 400 bytes within the configured max blocking time 300 ms\. Total memory: 1000 bytes\. Available memory: \d+ bytes\. Poolable size: 400 bytes$/);
    producer.abort();
  });

  it('buffer.memory is charged for what batches hold: one record to each of 500 partitions does not wait', async () => {
    const b = await broker({ w: 500 });
    b.onProduce = () => undefined; // never answer: nothing is given back
    // 500 partitions x batch.size (16384) would be 8 MB; open batches start small and grow.
    const { producer } = makeProducer(b, {
      'buffer.memory': '1000000', 'linger.ms': '60000',
      'partitioner.class': 'org.apache.kafka.clients.producer.RoundRobinPartitioner',
    });
    await send(producer, 'w', 'first'); // metadata
    let waited = 0;
    for (let i = 0; i < 1000; i++) {
      const v = Buffer.from(`value-${i}`);
      if (producer.send('w', null, 0, 0, v, 0, v.length) !== undefined) waited++;
    }
    expect(waited).toBe(0);
    producer.abort();
  });

  it('a partition\'s batch grows up to batch.size as records come, and the next ones start at that size', async () => {
    const b = await broker({ g: 1 });
    const { producer } = makeProducer(b, { 'batch.size': '16384', 'linger.ms': '60000' });
    const value = 'v'.repeat(1000);
    for (let i = 0; i < 60; i++) await send(producer, 'g', value);
    await producer.close();
    const sizes = b.produced.flatMap((c) => c.partitions.flatMap((p) => splitBatches(p.records).batches.map((x: Buffer) => x.length)));
    const counts = b.produced.flatMap((c) => c.partitions.flatMap((p) => splitBatches(p.records).batches.map((x: Buffer) => readBatchHeader(x).recordCount)));
    expect(counts.reduce((a: number, n: number) => a + n, 0)).toBe(60);
    for (const s of sizes) expect(s).toBeLessThanOrEqual(16384);
    expect(counts.slice(0, -1).every((n: number) => n === counts[0])).toBe(true);
    expect(counts[0]).toBeGreaterThan(10);
  });

  it('an unknown topic: metadata is retried until max.block.ms, then TimeoutException', async () => {
    const b = await broker({});
    const { producer, errors, logs } = makeProducer(b, { 'max.block.ms': '400', 'retry.backoff.ms': '50' });
    const t0 = Date.now();
    await send(producer, 'missing', 'x');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(390);
    expect(errors).toEqual([{ topic: 'missing', key: -1, value: 1, error: 'org.apache.kafka.common.errors.TimeoutException: Topic missing not present in metadata after 400 ms.' }]);
    expect(logs[0]).toMatch(/^WARN \[Producer clientId=test\] The metadata response from the cluster reported a recoverable issue with correlation id \d+ : \{missing=UNKNOWN_TOPIC_OR_PARTITION\} \(org\.apache\.kafka\.clients\.NetworkClient\)$/);
    await producer.close();
  });

  it('a record above max.request.size or buffer.memory fails before anything is sent', async () => {
    const b = await broker();
    const { producer, errors } = makeProducer(b, { 'max.request.size': '200', 'buffer.memory': '150', 'batch.size': '100' });
    await send(producer, 't', 'q'.repeat(100));
    await send(producer, 't', 'q'.repeat(50));
    await producer.close();
    expect(errors.map((e) => e.error)).toEqual([
      'org.apache.kafka.common.errors.RecordTooLargeException: The message is 186 bytes when serialized which is larger than the total memory buffer you have configured with the buffer.memory configuration.',
    ]);
    expect(b.produced.flatMap((c) => FakeBroker.values(c.partitions[0].records))).toEqual(['q'.repeat(50)]);
    // A batch.size above buffer.memory can never be allocated (Java's BufferPool refuses it).
    const tiny = makeProducer(b, { 'buffer.memory': '1000', 'batch.size': '2000' });
    await send(tiny.producer, 't', 'w');
    await tiny.producer.close();
    expect(tiny.errors[0].error).toBe('java.lang.IllegalArgumentException: Attempt to allocate 2000 bytes, but there is a hard limit of 1000 on memory allocations.');
    const big = makeProducer(b, { 'max.request.size': '100' });
    await send(big.producer, 't', 'q'.repeat(100));
    await big.producer.close();
    expect(big.errors[0].error).toBe('org.apache.kafka.common.errors.RecordTooLargeException: The message is 186 bytes when serialized which is larger than 100, which is the value of the max.request.size configuration.');
  });
});

describe('settings', () => {
  it('ProducerConfig rules: idempotence off when acks is not all (unless asked for), delivery timeout raised with a WARN', () => {
    const warns: string[] = [];
    const s = producerSettings(new Map([['bootstrap.servers', 'h:1'], ['acks', '1'], ['linger.ms', '100000'], ['client.id', 'c']]), (m: string, l: string) => warns.push(`${m} (${l})`));
    expect(s.idempotence).toBe(false);
    expect(s.deliveryTimeoutMs).toBe(130000);
    expect(warns).toEqual(['[Producer clientId=c] delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms. Setting it to 130000. (org.apache.kafka.clients.producer.KafkaProducer)']);
    expect(producerSettings(new Map([['bootstrap.servers', 'h:1']])).idempotence).toBe(true);
    expect(producerSettings(new Map([['bootstrap.servers', 'h:1'], ['retries', '0']])).idempotence).toBe(false);
    expect(() => producerSettings(new Map([['bootstrap.servers', 'h:1'], ['retries', '0'], ['enable.idempotence', 'true']])))
      .toThrow('Must set retries to non-zero when using the idempotent producer.');
    expect(() => producerSettings(new Map([['bootstrap.servers', 'h:1'], ['max.in.flight.requests.per.connection', '6'], ['enable.idempotence', 'true']])))
      .toThrow('Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.');
    expect(() => producerSettings(new Map([['bootstrap.servers', 'h:1'], ['compression.gzip.level', '12']])))
      .toThrow('Invalid value 12 for configuration compression.gzip.level: Value must be between 1 and 9, or -1');
  });
});
