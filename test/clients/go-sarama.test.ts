// Sarama 1.61 (IBM/sarama, from the Go module proxy) as Kafka 3.9 and 2.1 against the engine:
// cluster admin, a keyed produce with headers (zstd, gzip), a two-member group that rebalances
// and commits. (Sarama as 0.8.2-0.10.1 is in old-clients.test.ts.)
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import { startInProcessEngine, TestEngine, ROOT } from '../helpers/engine';
import { expectProduceAndGroup, runGo } from './run-client';

const { crc32 } = require(path.join(ROOT, 'dist/protocol/records/crc32'));

let engine: TestEngine;
beforeAll(async () => { engine = await startInProcessEngine({ 'group.initial.rebalance.delay.ms': '0' }); });
afterAll(async () => { await engine.stop(); });

describe('Sarama', () => {
  it.each([['3.9.0', 'zstd', 4], ['2.1.0', 'gzip', 1]])('as Kafka %s: admin, %s produce, a rebalancing group with commits', async (version, codec, codecId) => {
    const topic = `sarama-${codec}`;
    const r = await runGo('sarama', [engine.bootstrap, topic, codec, version]);
    expect(r.version).toBe(version);
    expect(r.duplicate).toBe('kafka server: Topic with this name already exists');
    expect(r.partitions).toBe(3);
    expect(r.retentionListed).toBe('3600000');
    // AlterConfigs (not incremental) replaces the topic's dynamic configs with the ones given.
    expect(r['cleanup.policy']).toEqual(['compact', 'Topic']);
    expect(r['retention.ms']).toEqual(['3600000', 'Topic']);
    // Sarama's NewConsistentCRCHashPartitioner: CRC-32 of the key, as librdkafka.
    await expectProduceAndGroup(r, {
      bootstrap: engine.bootstrap, topic, codec: codecId,
      partitionOf: (key) => crc32(Buffer.from(key)) % 3,
      headers: (i) => [['n', String(i)]],
    });
  }, 90000);
});
