// Our console producer's output read back by a client we did not write: a kafkajs consumer (it
// joins a group, so this also runs through the engine's group coordinator) sees the same keys,
// values and headers, each keyed record on the partition Java's murmur2 partitioner picks.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import { startInProcessEngine, runTool, waitFor, TestEngine, ROOT } from '../helpers/engine';
import { createTopic } from '../helpers/tools';

const { Kafka, logLevel } = require('kafkajs');
const { partitionForKey } = require(path.join(ROOT, 'dist/protocol/murmur2'));

let engine: TestEngine;
beforeAll(async () => { engine = await startInProcessEngine(); });
afterAll(async () => { await engine.stop(); });

interface Seen { partition: number; key: string | null; value: string | null; headers: Record<string, string> }

async function readAll(topic: string, expected: number): Promise<Seen[]> {
  const kafka = new Kafka({ clientId: 'readback', brokers: [engine.bootstrap], logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `readback-${topic}` });
  const seen: Seen[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }: any) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = v === null ? 'null' : String(v);
        seen.push({ partition, key: message.key === null ? null : message.key.toString('utf8'), value: message.value === null ? null : message.value.toString('utf8'), headers });
      },
    });
    await waitFor(() => seen.length >= expected, 30000, `${expected} records`);
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

describe('kafka-console-producer -> kafkajs consumer', () => {
  it('keyed records with headers arrive intact, on the murmur2 partitions', async () => {
    await createTopic(engine, 'readback-keys', 4);
    const lines: string[] = [];
    for (let i = 0; i < 200; i++) lines.push(`h1:v${i},h2:x\tkey-${i}\tvalue ${i} \u00e9`);
    const r = await runTool('kafka-console-producer', [
      '--bootstrap-server', engine.bootstrap, '--topic', 'readback-keys',
      '--reader-property', 'parse.key=true', '--reader-property', 'parse.headers=true',
    ], { input: lines.join('\n') + '\n' });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });

    const seen = await readAll('readback-keys', 200);
    expect(seen).toHaveLength(200);
    const byKey = new Map(seen.map((s) => [s.key, s]));
    for (let i = 0; i < 200; i++) {
      const s = byKey.get(`key-${i}`)!;
      expect(s).toEqual({ partition: partitionForKey(Buffer.from(`key-${i}`), 4), key: `key-${i}`, value: `value ${i} \u00e9`, headers: { h1: `v${i}`, h2: 'x' } });
    }
    // Per-partition order is the input order.
    for (let p = 0; p < 4; p++) {
      const idx = seen.filter((s) => s.partition === p).map((s) => Number(s.key!.slice(4)));
      expect(idx).toEqual([...idx].sort((a, b) => a - b));
    }
  });

  it('unkeyed gzip-compressed records arrive byte for byte in order', async () => {
    await createTopic(engine, 'readback-gzip', 1);
    const lines = Array.from({ length: 1000 }, (_, i) => `line ${i} ${'x'.repeat(i % 50)}`);
    const r = await runTool('kafka-console-producer', [
      '--bootstrap-server', engine.bootstrap, '--topic', 'readback-gzip', '--compression-codec', 'gzip',
    ], { input: lines.join('\n') + '\n' });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    const seen = await readAll('readback-gzip', 1000);
    expect(seen.map((s) => s.value)).toEqual(lines);
    expect(seen.every((s) => s.key === null)).toBe(true);
  });
});
