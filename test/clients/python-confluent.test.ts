// confluent-kafka 2.16 (librdkafka 2.16, from PyPI) against the engine: admin calls, a keyed
// idempotent produce with headers (zstd, lz4), a two-member group that rebalances and commits.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import { startInProcessEngine, TestEngine, ROOT } from '../helpers/engine';
import { expectProduceAndGroup, runPython } from './run-client';

const { crc32 } = require(path.join(ROOT, 'dist/protocol/records/crc32'));

let engine: TestEngine;
beforeAll(async () => { engine = await startInProcessEngine({ 'group.initial.rebalance.delay.ms': '0' }); });
afterAll(async () => { await engine.stop(); });

describe('confluent-kafka (librdkafka 2.x)', () => {
  it.each([['zstd', 4], ['lz4', 3]])('admin, %s produce, a rebalancing group with commits', async (codec, codecId) => {
    const topic = `ck-${codec}`;
    const r = await runPython('confluent_current.py', [engine.bootstrap, topic, codec]);
    expect(r.version).toMatch(/^2\./);
    expect(r.librdkafka).toMatch(/^2\./);
    // Admin: create with a config, a duplicate refused, partitions added, configs described and altered.
    expect(r.duplicate).toBe('TOPIC_ALREADY_EXISTS');
    expect(r.topics).toContain(topic);
    expect(r.partitions).toEqual([0, 1, 2]);
    expect(r.described).toMatchObject({ name: topic, internal: false, partitions: [[0, 1, [1], [1]], [1, 1, [1], [1]], [2, 1, [1], [1]]] });
    expect(r.described.topicId).toMatch(/^[A-Za-z0-9+/_-]{22}$/);
    expect(r.retention).toBe('3600000');
    expect(r.maxMessageBytes).toEqual(['2000000', 1]); // DYNAMIC_TOPIC_CONFIG
    // librdkafka's default partitioner (consistent_random) is CRC-32 of the key.
    await expectProduceAndGroup(r, {
      bootstrap: engine.bootstrap, topic, codec: codecId, stable: 'STABLE',
      partitionOf: (key) => crc32(Buffer.from(key)) % 3,
      headers: (i) => [['n', String(i)], ['empty', null]],
    });
  }, 90000);
});
