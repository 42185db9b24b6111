// kafka-python 2.3 (from PyPI, versions negotiated) against the engine: admin calls, a keyed
// produce with headers (zstd, gzip), a two-member group that rebalances and commits.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import { startInProcessEngine, TestEngine, ROOT } from '../helpers/engine';
import { expectProduceAndGroup, runPython } from './run-client';

const { partitionForKey } = require(path.join(ROOT, 'dist/protocol/murmur2'));

let engine: TestEngine;
beforeAll(async () => { engine = await startInProcessEngine({ 'group.initial.rebalance.delay.ms': '0' }); });
afterAll(async () => { await engine.stop(); });

describe('kafka-python 2.x', () => {
  it.each([['zstd', 4], ['gzip', 1]])('admin, %s produce, a rebalancing group with commits', async (codec, codecId) => {
    const topic = `kp-${codec}`;
    const r = await runPython('kafka_python_current.py', [engine.bootstrap, topic, codec]);
    expect(r.version).toMatch(/^2\./);
    expect(r.duplicate).toBe('TopicAlreadyExistsError');
    expect(r.topics).toContain(topic);
    // Metadata v8 with the authorized operations kafka-python asks for (no authorizer: all of a topic's).
    expect(r.described).toEqual({
      name: topic, error: 0, internal: false,
      operations: ['ALTER', 'ALTER_CONFIGS', 'CREATE', 'DELETE', 'DESCRIBE', 'DESCRIBE_CONFIGS', 'READ', 'WRITE'],
      partitions: [[0, 1, [1], [1]], [1, 1, [1], [1]], [2, 1, [1], [1]]],
    });
    expect(r.retention).toBe('3600000');
    expect(r.retentionAltered).toBe('7200000');
    // kafka-python's default partitioner is Java's murmur2.
    await expectProduceAndGroup(r, {
      bootstrap: engine.bootstrap, topic, codec: codecId,
      partitionOf: (key) => partitionForKey(Buffer.from(key), 3),
      headers: (i) => [['n', String(i)]],
    });
  }, 90000);
});
