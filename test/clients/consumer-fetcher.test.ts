// The consumer's fetcher and ListOffsets helper against an engine: parallel partitions, positions
// (earliest / latest / explicit), OFFSET_OUT_OF_RANGE handling, prefetch limits.
import * as path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { ROOT, startInProcessEngine, waitFor, type TestEngine } from '../helpers/engine';

/* eslint-disable @typescript-eslint/no-var-requires */
const { Cluster } = require(path.join(ROOT, 'dist/client/cluster'));
const { Fetcher } = require(path.join(ROOT, 'dist/client/fetcher'));
const { listOffsets, EARLIEST_TIMESTAMP, LATEST_TIMESTAMP } = require(path.join(ROOT, 'dist/client/offsets'));
const { walkRecords, RecordCursor, ConsumerFetchError } = require(path.join(ROOT, 'dist/client/consumer/records'));
const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { Admin } = require(path.join(ROOT, 'dist/client/admin'));
const { buildBatch } = require(path.join(ROOT, 'dist/protocol/records/batch'));
/* eslint-enable @typescript-eslint/no-var-requires */

let engine: TestEngine;

beforeAll(async () => {
  engine = await startInProcessEngine();
  const admin = new Admin({ bootstrap: [{ host: '127.0.0.1', port: engine.port }] });
  await admin.createTopics([{ name: 'f3', numPartitions: 3, replicationFactor: 1 }, { name: 'f1', numPartitions: 1, replicationFactor: 1 }]);
  admin.close();
  const conn = new BrokerConnection('127.0.0.1', engine.port, 'test');
  await conn.connect();
  for (let p = 0; p < 3; p++) {
    for (let b = 0; b < 20; b++) {
      const recs = Array.from({ length: 100 }, (_, i) => ({ key: null, value: Buffer.from(`p${p}-${b * 100 + i}-${'x'.repeat(500)}`), timestamp: 1 }));
      await conn.send(0, { transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name: 'f3', partitionData: [{ index: p, records: buildBatch(recs) }] }] });
    }
  }
  await conn.send(0, { transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name: 'f1', partitionData: [{ index: 0, records: buildBatch([{ key: null, value: Buffer.from('a'), timestamp: 1 }, { key: null, value: Buffer.from('b'), timestamp: 2 }]) }] }] });
  conn.close();
});

afterAll(async () => {
  await engine?.stop();
});

function cluster(): any {
  return new Cluster({ bootstrap: [{ host: '127.0.0.1', port: engine.port }], clientId: 'test', logPrefix: '' });
}

function fetcher(c: any, extra: Record<string, unknown> = {}): any {
  return new Fetcher(c, {
    isolationLevel: 0, autoOffsetReset: 'latest', maxWaitMs: 100, minBytes: 1, maxBytes: 52428800,
    partitionMaxBytes: 65536, retryBackoffMs: 50, requestTimeoutMs: 5000, ...extra,
  });
}

async function drain(f: any, want: number, timeoutMs = 10000): Promise<Map<number, string[]>> {
  const byPartition = new Map<number, string[]>();
  let n = 0;
  const cursor = new RecordCursor();
  const deadline = Date.now() + timeoutMs;
  while (n < want) {
    const chunk = await f.poll(deadline);
    if (!chunk) break;
    walkRecords(chunk, cursor, {
      onRecord(c: any) {
        const list = byPartition.get(c.partition) ?? [];
        byPartition.set(c.partition, list);
        list.push(c.buf.toString('utf8', c.valueStart, c.valueStart + c.valueLen).split('-x')[0]);
        n++;
        return true;
      },
    }, { checkCrcs: true, readCommitted: false });
  }
  return byPartition;
}

describe('listOffsets', () => {
  it('earliest and latest of each partition', async () => {
    const c = cluster();
    try {
      const r = await listOffsets(c, [
        { topic: 'f3', partition: 0, timestamp: EARLIEST_TIMESTAMP },
        { topic: 'f3', partition: 1, timestamp: LATEST_TIMESTAMP },
        { topic: 'f1', partition: 0, timestamp: LATEST_TIMESTAMP },
      ], { deadline: Date.now() + 5000 });
      expect(r.get('f3:0').offset).toBe(0);
      expect(r.get('f3:1').offset).toBe(2000);
      expect(r.get('f1:0').offset).toBe(2);
    } finally {
      c.close();
    }
  });
});

describe('Fetcher', () => {
  it('reads all partitions of a leader, each in order and complete', async () => {
    const c = cluster();
    const f = fetcher(c);
    try {
      f.assign([0, 1, 2].map((p) => ({ topic: 'f3', partition: p, start: 'earliest' })));
      const got = await drain(f, 6000);
      for (let p = 0; p < 3; p++) {
        expect(got.get(p)).toEqual(Array.from({ length: 2000 }, (_, i) => `p${p}-${i}`));
      }
    } finally {
      f.close();
      c.close();
    }
  });

  it('starts at an explicit offset (records below it inside the batch are skipped by the walker)', async () => {
    const c = cluster();
    const f = fetcher(c);
    try {
      f.assign([{ topic: 'f3', partition: 1, start: 1950 }]);
      const got = await drain(f, 50);
      expect(got.get(1)).toEqual(Array.from({ length: 50 }, (_, i) => `p1-${1950 + i}`));
    } finally {
      f.close();
      c.close();
    }
  });

  it('keeps at most `prefetch` unread responses per leader', async () => {
    const c = cluster();
    const f = fetcher(c, { prefetch: 1 });
    try {
      // Parked: the leader's loop waits for poll() to free a slot (it sends no Fetch meanwhile).
      const parked = () => [...f.loops.values()].every((l: any) => l.unread === 1 && l.wake !== null);
      f.assign([{ topic: 'f3', partition: 2, start: 'earliest' }]);
      await waitFor(() => f.queue.length === 1 && parked(), 10000, 'first response queued, loop parked');
      expect(f.queue.length).toBe(1);
      const first = await f.poll(Date.now() + 1000);
      expect(first.fetchOffset).toBe(0);
      // Taking it freed the slot: the next response comes, and the loop parks again at one.
      await waitFor(() => f.queue.length > 0 && f.queue[0].data.fetchOffset > 0 && parked(), 10000, 'second response queued, loop parked');
      expect(f.queue.length).toBe(1);
    } finally {
      f.close();
      c.close();
    }
  });

  it('OFFSET_OUT_OF_RANGE: reset to the end with latest, an error from poll with none', async () => {
    const c = cluster();
    const f = fetcher(c, { autoOffsetReset: 'latest' });
    try {
      f.assign([{ topic: 'f1', partition: 0, start: 99 }]);
      expect(await f.poll(Date.now() + 700)).toBeNull();
      expect(f.parts.get('f1:0').position).toBe(2);
    } finally {
      f.close();
    }
    const g = fetcher(c, { autoOffsetReset: 'none' });
    try {
      g.assign([{ topic: 'f1', partition: 0, start: 99 }]);
      let err: any;
      try {
        await g.poll(Date.now() + 5000);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConsumerFetchError);
      expect(err.javaClass).toBe('org.apache.kafka.clients.consumer.OffsetOutOfRangeException');
      expect(err.message).toMatch(/^Fetch position FetchPosition\{offset=99, offsetEpoch=Optional\.empty, currentLeader=LeaderAndEpoch\{leader=Optional\[127\.0\.0\.1:\d+ \(id: 1 rack: null isFenced: false\)\], epoch=\d+\}\} is out of range for partition f1-0$/);
    } finally {
      g.close();
      c.close();
    }
  });

  it('a partition that does not exist: nothing, until the deadline', async () => {
    const c = cluster();
    const f = fetcher(c);
    try {
      f.assign([{ topic: 'f1', partition: 7, start: 'earliest' }]);
      const t0 = Date.now();
      expect(await f.poll(Date.now() + 400)).toBeNull();
      expect(Date.now() - t0).toBeGreaterThanOrEqual(390);
    } finally {
      f.close();
      c.close();
    }
  });
});
