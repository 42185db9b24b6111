// The __consumer_offsets record codec (Kafka 3.9's OffsetCommitKey/Value, GroupMetadataKey/Value)
// and the group → partition mapping (Utils.abs(String.hashCode) % partitions).
import { describe, it, expect } from 'vitest';
import {
  offsetsPartitionFor, encodeOffsetCommitKey, encodeOffsetCommitValue, encodeGroupMetadataKey, encodeGroupMetadataValue,
  decodeOffsetsTopicKey, decodeOffsetCommitValue, decodeGroupMetadataValue,
} from '../../src/engine/coordinator/offsets-records';

function i16(v: number): Buffer { const b = Buffer.alloc(2); b.writeInt16BE(v); return b; }
function i32(v: number): Buffer { const b = Buffer.alloc(4); b.writeInt32BE(v); return b; }
function i64(v: number): Buffer { const b = Buffer.alloc(8); b.writeBigInt64BE(BigInt(v)); return b; }
function str(s: string): Buffer { return Buffer.concat([i16(Buffer.byteLength(s)), Buffer.from(s)]); }

describe('group → __consumer_offsets partition', () => {
  it('is the non-negative Java String.hashCode modulo the partition count', () => {
    expect(offsetsPartitionFor('test', 50)).toBe(3556498 % 50);
    // "polygenelubricants".hashCode() == Integer.MIN_VALUE: Utils.abs maps it to 0.
    expect(offsetsPartitionFor('polygenelubricants', 50)).toBe(0);
    // Negative hash codes: Math.abs, not a sign-bit mask (values printed by Java 17 for
    // Math.abs(s.hashCode()) % 50; "my-app".hashCode() == -1061206400).
    expect(offsetsPartitionFor('my-app', 50)).toBe(0);
    expect(offsetsPartitionFor('group-1', 50)).toBe(49);
    expect(offsetsPartitionFor('orders-consumers', 50)).toBe(39);
    // A negative hash code ("console-consumer-1".hashCode() < 0 or not, the result is in range).
    for (const g of ['a', 'console-consumer-1', 'g-ü', 'x'.repeat(100)]) {
      const p = offsetsPartitionFor(g, 50);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(50);
    }
    expect(offsetsPartitionFor('test', 1)).toBe(0);
  });
});

describe('__consumer_offsets records', () => {
  it('OffsetCommitKey v1 and OffsetCommitValue v3 have Kafka\'s byte layout', () => {
    expect(encodeOffsetCommitKey({ group: 'g', topic: 't', partition: 3 })).toEqual(Buffer.concat([i16(1), str('g'), str('t'), i32(3)]));
    const v = encodeOffsetCommitValue({ offset: 42, leaderEpoch: -1, metadata: 'm', commitTimestamp: 1700000000000, expireTimestamp: -1 });
    expect(v).toEqual(Buffer.concat([i16(3), i64(42), i32(-1), str('m'), i64(1700000000000)]));
    expect(decodeOffsetCommitValue(v)).toMatchObject({ version: 3, offset: 42, leaderEpoch: -1, metadata: 'm', commitTimestamp: 1700000000000 });
    const v1 = encodeOffsetCommitValue({ offset: 1, leaderEpoch: 5, metadata: '', commitTimestamp: 10, expireTimestamp: 20 }, 1);
    expect(v1).toEqual(Buffer.concat([i16(1), i64(1), str(''), i64(10), i64(20)]));
    expect(decodeOffsetsTopicKey(encodeOffsetCommitKey({ group: 'g', topic: 't', partition: 3 }))).toEqual({ type: 'offset', version: 1, group: 'g', topic: 't', partition: 3 });
  });

  it('GroupMetadataKey v2 and GroupMetadataValue v3 round-trip', () => {
    expect(encodeGroupMetadataKey('grp')).toEqual(Buffer.concat([i16(2), str('grp')]));
    expect(decodeOffsetsTopicKey(encodeGroupMetadataKey('grp'))).toEqual({ type: 'group', version: 2, group: 'grp' });
    const value = {
      protocolType: 'consumer', generation: 3, protocol: 'range', leader: 'm1', currentStateTimestamp: 99,
      members: [{ memberId: 'm1', groupInstanceId: 'i1', clientId: 'c', clientHost: '/127.0.0.1', rebalanceTimeout: 300000, sessionTimeout: 45000, subscription: Buffer.from([1]), assignment: Buffer.from([2, 3]) }],
    };
    const enc = encodeGroupMetadataValue(value);
    expect(enc.subarray(0, 2)).toEqual(i16(3));
    expect(decodeGroupMetadataValue(enc)).toEqual({ version: 3, ...value });
    const empty = encodeGroupMetadataValue({ protocolType: '', generation: 0, protocol: null, leader: null, currentStateTimestamp: -1, members: [] });
    expect(empty).toEqual(Buffer.concat([i16(3), str(''), i32(0), i16(-1), i16(-1), i64(-1), i32(0)]));
  });
});
