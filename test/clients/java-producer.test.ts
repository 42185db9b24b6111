// Kafka's Java producer 4.4 (the reference client) against the engine: one JVM runs
// test/clients/java/ProducerChecks.java (acks 0/1/all, idempotence, codecs, headers, timestamps,
// keys, size limits, each check asserting what it reads back); here each check is one test, and
// what the JVM cannot see is checked on the engine's side: the stored batches (codec, producer
// id) and the key placement against our own producer's.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import { startInProcessEngine, runTool, TestEngine, ROOT } from '../helpers/engine';
import { createTopic } from '../helpers/tools';
import { runJava, parseChecks, checkOutcome, type ChecksOutput, type JavaResult } from '../helpers/java';

const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));
const { iterateBatches, readBatchHeader } = require(path.join(ROOT, 'dist/protocol/records/batch'));

const CHECKS = [
  'acks=0: delivered, callbacks without offsets',
  'acks=1 (idempotence off): callbacks carry consecutive offsets',
  'acks=all, idempotent by default: callbacks carry consecutive offsets',
  'two idempotent producers interleaved on one partition',
  'compression.type=none: records read back intact',
  'compression.type=gzip: records read back intact',
  'compression.type=snappy: records read back intact',
  'compression.type=lz4: records read back intact',
  'compression.type=zstd: records read back intact',
  'headers: order, repeated keys, null and binary values',
  'CreateTime timestamps are kept',
  'LogAppendTime topics stamp the broker\'s time',
  'keys: murmur2 partitions, per-partition offsets in the callbacks',
  'a record above message.max.bytes: RecordTooLargeException from the broker',
  'a topic-level max.message.bytes is enforced',
  'sending to a missing topic creates it (auto.create.topics.enable)',
  'a partition the topic does not have: TimeoutException after max.block.ms',
];

let engine: TestEngine;
let run: JavaResult;
let out: ChecksOutput;

beforeAll(async () => {
  engine = await startInProcessEngine();
  run = await runJava('ProducerChecks', [engine.bootstrap, 'jp']);
  out = parseChecks(run.stdout);
}, 180000);
afterAll(async () => { await engine?.stop(); });

interface StoredBatch { baseOffset: number; codec: number; producerId: number; partitionLeaderEpoch: number; records: number }

/** The batches stored for a partition, as the engine returns them to a fetch from offset 0. */
async function storedBatches(topic: string, partition = 0): Promise<StoredBatch[]> {
  const conn = new BrokerConnection('127.0.0.1', engine.port, 'java-producer-test');
  await conn.connect();
  try {
    const out: StoredBatch[] = [];
    let offset = 0;
    for (;;) {
      const r = await conn.send(ApiKey.Fetch, {
        maxWaitMs: 0, minBytes: 1, maxBytes: 50 * 1024 * 1024, isolationLevel: 0, sessionId: 0, sessionEpoch: -1,
        topics: [{ topic, partitions: [{ partition, fetchOffset: offset, partitionMaxBytes: 50 * 1024 * 1024 }] }],
        forgottenTopicsData: [], rackId: '',
      });
      const p = r.responses[0].partitions[0];
      expect(p.errorCode).toBe(0);
      if (!p.records || p.records.length === 0) return out;
      iterateBatches(p.records, (b: Buffer) => {
        const h = readBatchHeader(b, 0);
        out.push({ baseOffset: h.baseOffset, codec: h.attributes & 7, producerId: h.producerId, partitionLeaderEpoch: h.partitionLeaderEpoch, records: h.recordCount });
        offset = h.baseOffset + h.lastOffsetDelta + 1;
      });
      if (offset >= p.highWatermark) return out;
    }
  } finally {
    conn.close();
  }
}

describe('Kafka\'s Java producer (kafka-clients 4.4.0) against the engine', () => {
  it.each(CHECKS)('%s', (name) => {
    expect(checkOutcome(out, name, run.stderr)).toBe('ok');
  });

  it('ran exactly the checks listed here, and exited 0', () => {
    expect([...out.checks.keys()]).toEqual(CHECKS);
    expect(run.code).toBe(0);
  });

  it('stores each batch in the codec the producer chose', async () => {
    const codecs: Record<string, number> = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 };
    for (const [name, id] of Object.entries(codecs)) {
      const batches = await storedBatches(out.value(`topic.codec.${name}`)!);
      expect(batches.reduce((n, b) => n + b.records, 0)).toBe(300);
      expect(new Set(batches.map((b) => b.codec))).toEqual(new Set([id]));
    }
  });

  it('idempotent batches carry a producer id, acks=0/1 batches none; every batch the leader epoch', async () => {
    const idem = await storedBatches(out.value('topic.idempotent')!);
    expect(idem.length).toBeGreaterThan(1);
    expect(new Set(idem.map((b) => b.producerId)).size).toBe(1);
    expect(idem[0].producerId).toBeGreaterThanOrEqual(0);
    for (const topic of [out.value('topic.acks0')!, out.value('topic.acks1')!]) {
      const batches = await storedBatches(topic);
      expect(batches.reduce((n, b) => n + b.records, 0)).toBe(50);
      expect(new Set(batches.map((b) => b.producerId))).toEqual(new Set([-1]));
    }
    expect(new Set(idem.map((b) => b.partitionLeaderEpoch))).toEqual(new Set([0]));
  });

  it('keys land on the partitions our console producer picks for them', async () => {
    const javaPlacement = new Map(out.data.filter(([k]) => k === 'key').map(([, v]) => v.split('\t') as [string, string]));
    expect(javaPlacement.size).toBe(300);
    await createTopic(engine, 'jp-keys-ours', 5);
    const input = [...javaPlacement.keys()].map((k) => `${k}\tv`).join('\n') + '\n';
    const p = await runTool('kafka-console-producer', ['--bootstrap-server', engine.bootstrap, '--topic', 'jp-keys-ours', '--reader-property', 'parse.key=true'], { input });
    expect({ code: p.code, stderr: p.stderr }).toEqual({ code: 0, stderr: '' });
    const c = await runTool('kafka-console-consumer', ['--bootstrap-server', engine.bootstrap, '--topic', 'jp-keys-ours', '--from-beginning',
      '--max-messages', '300', '--formatter-property', 'print.key=true', '--formatter-property', 'print.value=false', '--formatter-property', 'print.partition=true']);
    expect(c.code).toBe(0);
    const ours = new Map<string, string>();
    for (const line of c.stdout.trim().split('\n')) {
      const m = /^Partition:(\d+)\t(.*)$/.exec(line);
      expect(m, line).not.toBeNull();
      ours.set(m![2], m![1]);
    }
    expect(ours).toEqual(javaPlacement);
    expect(new Set(ours.values()).size).toBe(5);
  });
});
