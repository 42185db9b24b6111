// The consumer's record walker (src/client/consumer/records.ts): positions instead of objects,
// fetch-offset skipping, control batches, read_committed, CRC checks, codecs, truncated tails.
import * as path from 'node:path';
import { describe, it, expect } from 'vitest';
import { ROOT } from '../helpers/engine';

/* eslint-disable @typescript-eslint/no-var-requires */
const { walkRecords, forEachHeader, RecordCursor, ConsumerFetchError } = require(path.join(ROOT, 'dist/client/consumer/records'));
const { buildBatch, setBaseOffset, ATTRIBUTES_OFFSET, CRC_OFFSET } = require(path.join(ROOT, 'dist/protocol/records/batch'));
const { crc32c } = require(path.join(ROOT, 'dist/protocol/records/crc32c'));
const { loadZstdEncoder } = require(path.join(ROOT, 'dist/protocol/records/zstd'));
/* eslint-enable @typescript-eslint/no-var-requires */

interface Seen {
  offset: number;
  key: string | null;
  value: string | null;
  ts: number;
  tsType: number;
  headers: [string, string | null][];
}

function batch(base: number, values: (string | null)[], opts: Record<string, unknown> = {}): Buffer {
  const b = buildBatch(values.map((v, i) => ({
    key: Buffer.from(`k${base + i}`), value: v === null ? null : Buffer.from(v), timestamp: 1000 + i,
    headers: i === 0 ? [{ key: 'h', value: Buffer.from('x') }, { key: 'n', value: null }] : [],
  })), opts);
  setBaseOffset(b, base);
  return b;
}

function walk(records: Buffer, fetchOffset = 0, opts: { checkCrcs?: boolean; readCommitted?: boolean; aborted?: { producerId: number; firstOffset: number }[]; stopAfter?: number } = {}): { seen: Seen[]; stopped: boolean } {
  const seen: Seen[] = [];
  const sink = {
    onRecord(c: any): boolean {
      const headers: [string, string | null][] = [];
      forEachHeader(c, (b: Buffer, ks: number, kl: number, vs: number, vl: number) => headers.push([b.toString('utf8', ks, ks + kl), vl < 0 ? null : b.toString('utf8', vs, vs + vl)]));
      seen.push({
        offset: c.offset, ts: c.timestamp, tsType: c.timestampType, headers,
        key: c.keyLen < 0 ? null : c.buf.toString('utf8', c.keyStart, c.keyStart + c.keyLen),
        value: c.valueLen < 0 ? null : c.buf.toString('utf8', c.valueStart, c.valueStart + c.valueLen),
      });
      return opts.stopAfter === undefined || seen.length < opts.stopAfter;
    },
  };
  const stopped = walkRecords(
    { topic: 't', partition: 3, records, fetchOffset, abortedTransactions: opts.aborted ?? null },
    new RecordCursor(), sink, { checkCrcs: opts.checkCrcs ?? true, readCommitted: opts.readCommitted ?? false },
  );
  return { seen, stopped };
}

/** A control batch (transaction marker): key = version 0, type (0 abort, 1 commit). */
function marker(base: number, producerId: number, commit: boolean): Buffer {
  const key = Buffer.alloc(4);
  key.writeInt16BE(0, 0);
  key.writeInt16BE(commit ? 1 : 0, 2);
  const b = buildBatch([{ key, value: Buffer.alloc(6), timestamp: 5 }], { control: true, transactional: true, producerId, producerEpoch: 0, baseSequence: -1 });
  setBaseOffset(b, base);
  return b;
}

describe('walkRecords', () => {
  it('gives every record with key, value, headers, offset and timestamp', () => {
    const { seen, stopped } = walk(Buffer.concat([batch(0, ['a', null]), batch(2, ['c'])]));
    expect(stopped).toBe(false);
    expect(seen).toEqual([
      { offset: 0, key: 'k0', value: 'a', ts: 1000, tsType: 0, headers: [['h', 'x'], ['n', null]] },
      { offset: 1, key: 'k1', value: null, ts: 1001, tsType: 0, headers: [] },
      { offset: 2, key: 'k2', value: 'c', ts: 1000, tsType: 0, headers: [['h', 'x'], ['n', null]] },
    ]);
  });

  it('skips whole batches and records inside a batch below the fetch offset', () => {
    const data = Buffer.concat([batch(0, ['a', 'b']), batch(2, ['c', 'd', 'e'])]);
    expect(walk(data, 3).seen.map((s) => s.value)).toEqual(['d', 'e']);
    expect(walk(data, 2).seen.map((s) => s.value)).toEqual(['c', 'd', 'e']);
  });

  it('stops when the sink says so', () => {
    const r = walk(batch(0, ['a', 'b', 'c']), 0, { stopAfter: 2 });
    expect(r.stopped).toBe(true);
    expect(r.seen).toHaveLength(2);
  });

  it('ignores a truncated batch at the end', () => {
    const full = Buffer.concat([batch(0, ['a']), batch(1, ['b'])]);
    expect(walk(full.subarray(0, full.length - 5)).seen.map((s) => s.value)).toEqual(['a']);
  });

  it('decodes gzip batches', () => {
    expect(walk(batch(0, ['x'.repeat(300), 'y'], { compression: 'gzip' })).seen.map((s) => s.value)).toEqual(['x'.repeat(300), 'y']);
  });

  it('never shows control batches', () => {
    const data = Buffer.concat([batch(0, ['a'], { transactional: true, producerId: 7, producerEpoch: 0, baseSequence: 0 }), marker(1, 7, true), batch(2, ['b'])]);
    expect(walk(data).seen.map((s) => s.value)).toEqual(['a', 'b']);
  });

  it('read_committed drops batches of aborted transactions (until the abort marker)', () => {
    const tx = (base: number, v: string, pid: number) => batch(base, [v], { transactional: true, producerId: pid, producerEpoch: 0, baseSequence: base });
    const data = Buffer.concat([tx(0, 'aborted-1', 7), tx(1, 'other', 8), tx(2, 'aborted-2', 7), marker(3, 7, false), marker(4, 8, true), tx(5, 'after', 7)]);
    const aborted = [{ producerId: 7, firstOffset: 0 }];
    expect(walk(data, 0, { readCommitted: true, aborted }).seen.map((s) => s.value)).toEqual(['other', 'after']);
    expect(walk(data, 0, { readCommitted: false, aborted }).seen.map((s) => s.value)).toEqual(['aborted-1', 'other', 'aborted-2', 'after']);
  });

  it('check.crcs: a corrupt batch is an error with Kafka\'s messages; without the check it is read', () => {
    const b = batch(5, ['a', 'b']);
    b[b.length - 2] ^= 0xff;
    let err: any;
    try {
      walk(b, 5);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConsumerFetchError);
    expect(err.javaClass).toBe('org.apache.kafka.common.KafkaException');
    expect(err.message).toBe('Received exception when fetching the next record from t-3. If needed, please seek past the record to continue consumption.');
    expect(err.causeText).toMatch(/^Record batch for partition t-3 at offset 5 is invalid, cause: Record is corrupt \(stored crc = \d+, computed crc = \d+\)$/);
    expect(walk(b, 5, { checkCrcs: false }).seen).toHaveLength(2);
  });

  it('zstd batches are read; a codec number no client knows fails the fetch as in Java', async () => {
    await loadZstdEncoder();
    expect(walk(batch(0, ['z1', 'z2'], { compression: 'zstd' })).seen.map((s) => s.value)).toEqual(['z1', 'z2']);
    const b = batch(0, ['a']);
    b.writeInt16BE(5, ATTRIBUTES_OFFSET);
    b.writeUInt32BE(crc32c(b, ATTRIBUTES_OFFSET), CRC_OFFSET);
    let err: any;
    try { walk(b); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(ConsumerFetchError);
    expect(err.causeText).toBe('Unknown compression type id: 5');
  });
});
