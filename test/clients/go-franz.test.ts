// franz-go 1.22 (kgo + kadm, from the Go module proxy) against the engine: admin calls, a keyed
// idempotent produce with headers (zstd, snappy), a two-member group that rebalances, commits and
// is deleted once empty.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import { startInProcessEngine, TestEngine, ROOT } from '../helpers/engine';
import { expectProduceAndGroup, recordVersions, runGo } from './run-client';

const { partitionForKey } = require(path.join(ROOT, 'dist/protocol/murmur2'));

let engine: TestEngine;
beforeAll(async () => { engine = await startInProcessEngine({ 'group.initial.rebalance.delay.ms': '0' }); });
afterAll(async () => { await engine.stop(); });

describe('franz-go', () => {
  it.each([['zstd', 4], ['snappy', 2]])('admin, %s produce, a rebalancing group with commits', async (codec, codecId) => {
    const topic = `franz-${codec}`;
    const versions = recordVersions(engine);
    const r = await runGo('franz', [engine.bootstrap, topic, codec]);
    versions.stop();
    // The newest version of each API we offer (franz-go always takes the max common one).
    expect(versions.seen).toContain('0:12'); // Produce v12 (flexible)
    expect(versions.seen).toContain('1:11'); // Fetch v11
    expect(r.duplicate).toMatch(/^TOPIC_ALREADY_EXISTS/);
    expect(r.partitions).toEqual([0, 1, 2]);
    expect(r.topicId).not.toBe('AAAAAAAAAAAAAAAAAAAAAA==');
    expect(r['retention.ms']).toEqual(['3600000', 'DYNAMIC_TOPIC_CONFIG']);
    expect(r['cleanup.policy']).toEqual(['compact,delete', 'DYNAMIC_TOPIC_CONFIG']);
    // franz-go's default partitioner hashes keys with murmur2 as Java does.
    await expectProduceAndGroup(r, {
      bootstrap: engine.bootstrap, topic, codec: codecId,
      partitionOf: (key) => partitionForKey(Buffer.from(key), 3),
      headers: (i) => [['n', String(i)]],
    });
    expect(r.groupDeleted).toBe('<nil>');
  }, 90000);
});
