// segmentio/kafka-go 0.4 (from the Go module proxy; its own protocol code) against the engine:
// CreateTopics with a config, a keyed zstd produce with headers (murmur2 balancer), two group
// readers committing every message, committed and end offsets.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import { startInProcessEngine, TestEngine, ROOT } from '../helpers/engine';
import { runGo, storedCodecs } from './run-client';

const { partitionForKey } = require(path.join(ROOT, 'dist/protocol/murmur2'));

let engine: TestEngine;
beforeAll(async () => { engine = await startInProcessEngine({ 'group.initial.rebalance.delay.ms': '0' }); });
afterAll(async () => { await engine.stop(); });

describe('kafka-go', () => {
  it('creates a topic, produces keyed zstd records with headers, consumes them in a group of two and commits', async () => {
    const topic = 'kafka-go';
    const r = await runGo('kafkago', [engine.bootstrap, topic]);
    expect(r.partitions).toBe(3);
    expect(r.delivered).toHaveLength(30);
    const counts = [0, 0, 0];
    for (const d of [...r.delivered].sort((a: any, b: any) => a.partition - b.partition || a.offset - b.offset)) {
      expect(d.partition).toBe(partitionForKey(Buffer.from(d.key), 3));
      expect(d.offset).toBe(counts[d.partition]++);
    }
    for (let p = 0; p < 3; p++) expect(new Set(await storedCodecs(engine.bootstrap, topic, p))).toEqual(new Set([4]));
    const byValue = new Map(r.delivered.map((d: any) => [d.value, d]));
    expect(r.consumed).toHaveLength(30);
    for (const c of r.consumed) {
      const i = Number(c.value.slice('value-'.length));
      const d: any = byValue.get(c.value);
      expect([c.key, c.partition, c.offset, c.headers]).toEqual([`key-${i % 6}`, d.partition, d.offset, [['n', String(i)]]]);
    }
    expect([r.groupState, r.groupMembers]).toEqual(['Stable', 2]);
    expect(r.committed).toEqual(counts.map((n, p) => [p, n]));
    expect(r.endOffsets).toEqual(counts.map((n, p) => [p, n]));
  }, 60000);
});
