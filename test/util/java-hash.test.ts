import { describe, expect, it } from 'vitest';
import {
  javaHashMapCapacity,
  javaHashMapOrder,
  javaHashMapOrderBy,
  javaHashSpread,
  javaStringHashCode,
} from '../../src/util/java-hash';
import { TOPIC_CONFIGS } from '../../src/config/topic-configs';
import { topicConfigEntriesInJavaOrder } from '../../src/config/resolve';
import { LISTENER_SECURITY_PROTOCOL_MAP_DEFAULT } from '../../src/config/broker-configs';

// The 37 topic configs of 4.4 put into a java.util.HashMap in LogConfig definition order (the order
// a broker answers DescribeConfigs in), computed with JDK 17 (spec/cli.md §13.4 gave 3.9's 36).
const SPEC_ORDER =
  'compression.type, errors.deadletterqueue.group.enable, remote.copy.lag.bytes, remote.log.delete.on.disable, leader.replication.throttled.replicas, remote.storage.enable, min.insync.replicas, segment.jitter.ms, remote.log.copy.disable, local.retention.ms, cleanup.policy, flush.ms, follower.replication.throttled.replicas, compression.lz4.level, segment.bytes, retention.ms, compression.gzip.level, remote.copy.lag.ms, flush.messages, compression.zstd.level, max.compaction.lag.ms, file.delete.delay.ms, max.message.bytes, min.compaction.lag.ms, message.timestamp.type, local.retention.bytes, preallocate, index.interval.bytes, min.cleanable.dirty.ratio, unclean.leader.election.enable, retention.bytes, delete.retention.ms, message.timestamp.after.max.ms, max.decompressed.message.bytes, message.timestamp.before.max.ms, segment.ms, segment.index.bytes'.split(
    ', ',
  );
const DESCRIBED = TOPIC_CONFIGS.filter((d) => !d.internal).map((d) => d.name);

describe('String.hashCode and HashMap.hash', () => {
  it('matches Java', () => {
    expect(javaStringHashCode('')).toBe(0);
    expect(javaStringHashCode('a')).toBe(97);
    expect(javaStringHashCode('hello')).toBe(99162322);
    expect(javaStringHashCode('polygenelubricants')).toBe(-2147483648);
    expect(javaStringHashCode('segment.bytes')).toBe(javaStringHashCode('segment.bytes'));
    expect(javaHashSpread(0x12345678)).toBe(0x12345678 ^ 0x1234);
    expect(javaHashSpread(-1)).toBe(-1 ^ 0xffff);
  });
});

describe('table capacity', () => {
  it('HashMap doubles when size > 0.75 * capacity', () => {
    expect(javaHashMapCapacity(0)).toBe(16);
    expect(javaHashMapCapacity(12)).toBe(16);
    expect(javaHashMapCapacity(13)).toBe(32);
    expect(javaHashMapCapacity(24)).toBe(32);
    expect(javaHashMapCapacity(25)).toBe(64);
    expect(javaHashMapCapacity(36)).toBe(64);
    expect(javaHashMapCapacity(49)).toBe(128);
  });
  it('ConcurrentHashMap (java.util.Properties) doubles when size >= 0.75 * capacity', () => {
    expect(javaHashMapCapacity(11, { concurrent: true })).toBe(16);
    expect(javaHashMapCapacity(12, { concurrent: true })).toBe(32);
  });
});

describe('iteration order', () => {
  it('the 37 described topic configs put in LogConfig order give the JDK order', () => {
    expect(DESCRIBED).toHaveLength(37);
    expect(javaHashMapOrder(DESCRIBED)).toEqual(SPEC_ORDER);
  });

  it('the client-side Config order does not depend on the order entries arrive in', () => {
    const shuffled = [...DESCRIBED].reverse().map((name) => ({ name }));
    expect(topicConfigEntriesInJavaOrder(shuffled).map((e) => e.name)).toEqual(SPEC_ORDER);
  });

  it('a re-put key keeps its slot, with the latest item', () => {
    const out = javaHashMapOrderBy(
      [
        ['a', 1],
        ['b', 2],
        ['a', 3],
      ] as const,
      (x) => x[0],
    );
    expect(out).toEqual([
      ['a', 3],
      ['b', 2],
    ]);
  });

  it('topic names: {__consumer_offsets, first_topic} iterate first_topic first (spec §2.4)', () => {
    expect(javaHashMapOrder(['__consumer_offsets', 'first_topic'])).toEqual(['first_topic', '__consumer_offsets']);
  });

  it('listener.security.protocol.map default (Collectors.toMap HashMap order)', () => {
    expect(LISTENER_SECURITY_PROTOCOL_MAP_DEFAULT).toBe('SASL_SSL:SASL_SSL,PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT');
  });
});

describe('javaTopicPartitionHashCode', () => {
  it('is TopicPartition.hashCode(): 31 * (31 + partition) + topic.hashCode()', async () => {
    const { javaTopicPartitionHashCode } = await import('../../src/util/java-hash');
    expect(javaTopicPartitionHashCode('test', 0)).toBe(961 + 3556498);
    expect(javaTopicPartitionHashCode('first_topic', 4)).toBe((31 * 35 + javaStringHashCode('first_topic')) | 0);
  });
});
