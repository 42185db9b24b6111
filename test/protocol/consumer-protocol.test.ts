import { describe, it, expect } from 'vitest';
import {
  encodeSubscription, decodeSubscription, encodeAssignment, decodeAssignment, decodeSubscriptionTopics,
} from '../../src/protocol/consumer-protocol';

// Hand-built bytes in the layout of Kafka's ConsumerProtocolSubscription/Assignment JSON specs.
function i16(v: number): Buffer { const b = Buffer.alloc(2); b.writeInt16BE(v); return b; }
function i32(v: number): Buffer { const b = Buffer.alloc(4); b.writeInt32BE(v); return b; }
function str(s: string): Buffer { return Buffer.concat([i16(Buffer.byteLength(s)), Buffer.from(s)]); }
function bytes(b: Buffer | null): Buffer { return b === null ? i32(-1) : Buffer.concat([i32(b.length), b]); }

describe('consumer protocol subscription', () => {
  it('v0 is version, topics, user data (what kafkajs sends)', () => {
    const expected = Buffer.concat([i16(0), i32(2), str('a'), str('bb'), bytes(Buffer.from([1, 2]))]);
    expect(encodeSubscription({ topics: ['a', 'bb'], userData: Buffer.from([1, 2]) }, 0)).toEqual(expected);
    const d = decodeSubscription(expected);
    expect(d.version).toBe(0);
    expect(d.topics).toEqual(['a', 'bb']);
    expect(d.userData).toEqual(Buffer.from([1, 2]));
    expect(d.ownedPartitions).toEqual([]);
    expect(d.generationId).toBe(-1);
    expect(d.rackId).toBeNull();
  });

  it('v3 carries owned partitions, generation and rack', () => {
    const expected = Buffer.concat([
      i16(3), i32(1), str('t'), bytes(null),
      i32(1), str('t'), i32(2), i32(0), i32(2),
      i32(7), str('r1'),
    ]);
    const enc = encodeSubscription({ topics: ['t'], ownedPartitions: [{ topic: 't', partitions: [0, 2] }], generationId: 7, rackId: 'r1' }, 3);
    expect(enc).toEqual(expected);
    expect(decodeSubscription(enc)).toEqual({
      version: 3, topics: ['t'], userData: null, ownedPartitions: [{ topic: 't', partitions: [0, 2] }], generationId: 7, rackId: 'r1',
    });
  });

  it('defaults to version 3 and round-trips every version', () => {
    expect(decodeSubscription(encodeSubscription({ topics: ['x'] })).version).toBe(3);
    for (const v of [0, 1, 2, 3]) {
      const d = decodeSubscription(encodeSubscription({ topics: ['x', 'y'], generationId: 4, ownedPartitions: [{ topic: 'x', partitions: [1] }] }, v));
      expect(d.version).toBe(v);
      expect(d.topics).toEqual(['x', 'y']);
      expect(d.ownedPartitions).toEqual(v >= 1 ? [{ topic: 'x', partitions: [1] }] : []);
      expect(d.generationId).toBe(v >= 2 ? 4 : -1);
    }
  });

  it('reads a newer version as version 3 (fields are only ever appended)', () => {
    const v3 = encodeSubscription({ topics: ['t'], rackId: 'r' }, 3);
    const v5 = Buffer.concat([i16(5), v3.subarray(2), Buffer.from([9, 9, 9])]);
    const d = decodeSubscription(v5);
    expect(d.version).toBe(5);
    expect(d.topics).toEqual(['t']);
    expect(d.rackId).toBe('r');
  });

  it('decodeSubscriptionTopics reads only the v0 prefix (what the coordinator needs)', () => {
    const v3 = encodeSubscription({ topics: ['a', 'b'], ownedPartitions: [{ topic: 'a', partitions: [0] }] }, 3);
    expect(decodeSubscriptionTopics(v3)).toEqual(['a', 'b']);
    expect(decodeSubscriptionTopics(v3.subarray(0, v3.length - 3))).toEqual(['a', 'b']);
  });

  it('rejects bad versions and truncated input', () => {
    expect(() => encodeSubscription({ topics: [] }, 4)).toThrow(RangeError);
    expect(() => decodeSubscription(Buffer.concat([i16(-1)]))).toThrow();
    expect(() => decodeSubscription(Buffer.concat([i16(0), i32(3), str('a')]))).toThrow();
  });
});

describe('consumer protocol assignment', () => {
  it('v0 layout: version, [topic, [partition]], user data', () => {
    const expected = Buffer.concat([i16(0), i32(1), str('t'), i32(3), i32(0), i32(1), i32(2), bytes(null)]);
    const enc = encodeAssignment({ partitions: [{ topic: 't', partitions: [0, 1, 2] }] }, 0);
    expect(enc).toEqual(expected);
    expect(decodeAssignment(enc)).toEqual({ version: 0, partitions: [{ topic: 't', partitions: [0, 1, 2] }], userData: null });
  });

  it('round-trips user data at every version', () => {
    for (const v of [0, 1, 2, 3]) {
      const d = decodeAssignment(encodeAssignment({ partitions: [{ topic: 'a', partitions: [5] }, { topic: 'b', partitions: [] }], userData: Buffer.from('u') }, v));
      expect(d).toEqual({ version: v, partitions: [{ topic: 'a', partitions: [5] }, { topic: 'b', partitions: [] }], userData: Buffer.from('u') });
    }
  });

  it('an empty buffer is an empty assignment', () => {
    expect(decodeAssignment(Buffer.alloc(0))).toEqual({ version: 0, partitions: [], userData: null });
  });
});
