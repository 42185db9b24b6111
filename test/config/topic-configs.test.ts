import { describe, expect, it } from 'vitest';
import {
  CONFIGS_WITH_NO_SERVER_DEFAULTS,
  TOPIC_CONFIGS,
  TOPIC_CONFIG_NAMES,
  parseTopicConfig,
  topicConfigServerSynonym,
  validateTopicConfigs,
} from '../../src/config/topic-configs';
import { brokerLogConfigMap } from '../../src/config/resolve';
import { brokerConfigDef } from '../../src/config/broker-configs';
import { ConfigValidationError } from '../../src/config/types';

function err(f: () => unknown): ConfigValidationError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigValidationError);
    return e as ConfigValidationError;
  }
  throw new Error('did not throw');
}

describe('topic config definitions (4.4, as LogConfig.configKeys() lists them)', () => {
  it('names and defaults', () => {
    const defaults = Object.fromEntries(TOPIC_CONFIGS.map((d) => [d.name, d.default]));
    expect(defaults).toEqual({
      'cleanup.policy': 'delete',
      'compression.type': 'producer',
      'compression.gzip.level': '-1',
      'compression.lz4.level': '9',
      'compression.zstd.level': '3',
      'delete.retention.ms': '86400000',
      'file.delete.delay.ms': '60000',
      'flush.messages': '9223372036854775807',
      'flush.ms': '9223372036854775807',
      'follower.replication.throttled.replicas': '',
      'index.interval.bytes': '4096',
      'leader.replication.throttled.replicas': '',
      'local.retention.bytes': '-2',
      'local.retention.ms': '-2',
      'max.compaction.lag.ms': '9223372036854775807',
      'max.message.bytes': '1048588',
      'max.decompressed.message.bytes': '2147483639',
      'message.timestamp.type': 'CreateTime',
      'message.timestamp.before.max.ms': '9223372036854775807',
      'message.timestamp.after.max.ms': '3600000',
      'min.cleanable.dirty.ratio': '0.5',
      'min.compaction.lag.ms': '0',
      'min.insync.replicas': '1',
      preallocate: 'false',
      'remote.storage.enable': 'false',
      'remote.log.copy.disable': 'false',
      'remote.log.delete.on.disable': 'false',
      'remote.copy.lag.ms': '0',
      'remote.copy.lag.bytes': '-1',
      'errors.deadletterqueue.group.enable': 'false',
      'internal.segment.bytes': null,
      'retention.bytes': '-1',
      'retention.ms': '604800000',
      'segment.bytes': '1073741824',
      'segment.index.bytes': '10485760',
      'segment.jitter.ms': '0',
      'segment.ms': '604800000',
      'unclean.leader.election.enable': 'false',
    });
    expect(TOPIC_CONFIG_NAMES[0]).toBe('segment.bytes');
    expect(TOPIC_CONFIGS.every((d) => d.readOnly === false && d.sensitive === false)).toBe(true);
  });

  it('broker synonyms (ServerTopicConfigSynonyms)', () => {
    const syn = (n: string) => TOPIC_CONFIGS.find((d) => d.name === n)?.synonyms;
    expect(syn('retention.ms')).toEqual([
      { name: 'log.retention.ms' },
      { name: 'log.retention.minutes', converter: 'MINUTES_TO_MILLISECONDS' },
      { name: 'log.retention.hours', converter: 'HOURS_TO_MILLISECONDS' },
    ]);
    expect(syn('segment.ms')).toEqual([{ name: 'log.roll.ms' }, { name: 'log.roll.hours', converter: 'HOURS_TO_MILLISECONDS' }]);
    expect(syn('flush.ms')).toEqual([{ name: 'log.flush.interval.ms' }, { name: 'log.flush.scheduler.interval.ms' }]);
    expect(topicConfigServerSynonym('segment.bytes')).toBe('log.segment.bytes');
    expect(topicConfigServerSynonym('max.message.bytes')).toBe('message.max.bytes');
    expect(topicConfigServerSynonym('cleanup.policy')).toBe('log.cleanup.policy');
    expect(topicConfigServerSynonym('min.insync.replicas')).toBe('min.insync.replicas');
    expect(topicConfigServerSynonym('compression.type')).toBe('compression.type');
    expect(topicConfigServerSynonym('delete.retention.ms')).toBe('log.cleaner.delete.retention.ms');
    expect(topicConfigServerSynonym('file.delete.delay.ms')).toBe('log.segment.delete.delay.ms');
    expect(topicConfigServerSynonym('segment.index.bytes')).toBe('log.index.size.max.bytes');
    expect(topicConfigServerSynonym('min.cleanable.dirty.ratio')).toBe('log.cleaner.min.cleanable.ratio');
    expect(topicConfigServerSynonym('remote.storage.enable')).toBeUndefined();
    expect(CONFIGS_WITH_NO_SERVER_DEFAULTS).toEqual([
      'leader.replication.throttled.replicas',
      'follower.replication.throttled.replicas',
      'remote.storage.enable',
      'remote.log.copy.disable',
      'remote.log.delete.on.disable',
      'errors.deadletterqueue.group.enable',
    ]);
    expect(topicConfigServerSynonym('remote.copy.lag.ms')).toBe('log.remote.copy.lag.ms');
    expect(topicConfigServerSynonym('max.decompressed.message.bytes')).toBe('max.decompressed.message.bytes');
    // every synonym is a defined broker config
    for (const d of TOPIC_CONFIGS) for (const s of d.synonyms) expect(brokerConfigDef(s.name), s.name).toBeDefined();
  });
});

describe('validateTopicConfigs (LogConfig.validate)', () => {
  it('unknown names', () => {
    const e = err(() => validateTopicConfigs(new Map([['foo', '1']])));
    expect(e.message).toBe('Unknown topic config name: foo');
    expect(e.kind).toBe('InvalidConfigurationException');
    expect(e.errorCode).toBe(40);
  });

  it('parseTopicConfig', () => {
    expect(parseTopicConfig('retention.ms', '1000')).toBe(1000n);
    expect(err(() => parseTopicConfig('retention.msx', '1000')).message).toBe('Unknown topic config name: retention.msx');
    expect(err(() => parseTopicConfig('cleanup.policy', 'x')).message).toBe(
      'Invalid value x for configuration cleanup.policy: String must be one of: compact, delete',
    );
  });

  it('names are checked before values', () => {
    expect(
      err(() =>
        validateTopicConfigs([
          ['segment.bytes', 'x'],
          ['bogus', '1'],
        ]),
      ).message,
    ).toBe('Unknown topic config name: bogus');
  });

  it('values are checked in LogConfig definition order', () => {
    expect(
      err(() =>
        validateTopicConfigs([
          ['retention.ms', 'x'],
          ['segment.bytes', 'y'],
        ]),
      ).message,
    ).toBe('Invalid value y for configuration segment.bytes: Not a number of type INT');
  });

  it('compaction lag cross-check', () => {
    const e = err(() =>
      validateTopicConfigs([
        ['min.compaction.lag.ms', '10'],
        ['max.compaction.lag.ms', '5'],
      ]),
    );
    expect(e.message).toBe('conflict topic config setting min.compaction.lag.ms (10) > max.compaction.lag.ms (5)');
    expect(e.kind).toBe('InvalidConfigurationException');
  });

  it('returns all typed values', () => {
    const v = validateTopicConfigs(new Map([['retention.ms', '1000']]));
    expect(v.size).toBe(38); // the 37 configs and internal.segment.bytes
    expect(v.get('retention.ms')).toBe(1000n);
    expect(v.get('cleanup.policy')).toEqual(['delete']);
  });

  it('server side: combined with the broker log config; tiered storage refused', () => {
    const broker = brokerLogConfigMap({ static: new Map([['log.cleaner.min.compaction.lag.ms', '100']]) });
    expect(err(() => validateTopicConfigs(new Map([['max.compaction.lag.ms', '50']]), { brokerLogConfig: broker })).message).toBe(
      'conflict topic config setting min.compaction.lag.ms (100) > max.compaction.lag.ms (50)',
    );
    // client side does not see the broker value
    expect(() => validateTopicConfigs(new Map([['max.compaction.lag.ms', '50']]))).not.toThrow();
    expect(err(() => validateTopicConfigs(new Map([['remote.storage.enable', 'true']]), { brokerLogConfig: broker })).message).toBe(
      'Tiered Storage functionality is disabled in the broker. Topic cannot be configured with remote log storage.',
    );
  });
});
