import { describe, expect, it } from 'vitest';
import {
  BrokerConfigView,
  CONFIG_SOURCE_ID,
  configSourceFromId,
  describeBrokerConfigs,
  describeTopicConfigs,
  effectiveBrokerConfig,
  effectiveLogConfig,
  effectiveTopicConfig,
  topicConfigsForDescribeLine,
  type BrokerConfigLayers,
  type DescribedConfig,
} from '../../src/config/resolve';
import { buildStaticConfig } from '../../src/config/server-properties';

const STOCK: BrokerConfigLayers = { static: buildStaticConfig({ logDirs: '/data/kafka' }) };
const overrides = (o: Record<string, string> = {}) => new Map(Object.entries(o));

function entry(list: DescribedConfig[], name: string): DescribedConfig {
  const e = list.find((x) => x.name === name);
  if (!e) throw new Error(`no ${name}`);
  return e;
}

/** kafka-configs' rendering of synonyms, to compare compactly. */
function syn(e: DescribedConfig): string {
  return e.synonyms.map((s) => `${s.source}:${s.name}=${s.value}`).join(', ');
}

describe('topic DescribeConfigs with the stock config (spec §13.3)', () => {
  const d = describeTopicConfigs(overrides(), STOCK);

  it('has the 37 topic configs of 4.4 (internal.segment.bytes only when set)', () => {
    expect(d).toHaveLength(37);
    expect(d.some((e) => e.name === 'internal.segment.bytes')).toBe(false);
    const set = describeTopicConfigs(overrides({ 'internal.segment.bytes': '1000' }), STOCK);
    expect(entry(set, 'internal.segment.bytes').source).toBe('DYNAMIC_TOPIC_CONFIG');
  });

  it('segment.bytes is STATIC_BROKER_CONFIG through log.segment.bytes', () => {
    const e = entry(d, 'segment.bytes');
    expect(e.value).toBe('1073741824');
    expect(e.source).toBe('STATIC_BROKER_CONFIG');
    expect(e.isDefault).toBe(false);
    expect(syn(e)).toBe('STATIC_BROKER_CONFIG:log.segment.bytes=1073741824, DEFAULT_CONFIG:log.segment.bytes=1073741824');
  });

  it('log.retention.hours=168 does not make retention.ms visible', () => {
    const e = entry(d, 'retention.ms');
    expect(e.value).toBe('604800000');
    expect(e.source).toBe('DEFAULT_CONFIG');
    expect(e.isDefault).toBe(true);
    expect(e.synonyms).toEqual([]);
  });

  it('min.insync.replicas falls back to the broker default', () => {
    const e = entry(d, 'min.insync.replicas');
    expect(e.source).toBe('DEFAULT_CONFIG');
    expect(syn(e)).toBe('DEFAULT_CONFIG:min.insync.replicas=1');
  });

  it('configs without a server default have no synonyms', () => {
    const e = entry(d, 'leader.replication.throttled.replicas');
    expect(e.value).toBe('');
    expect(e.synonyms).toEqual([]);
    expect(entry(d, 'flush.ms').synonyms).toEqual([]); // log.flush.interval.ms is unset everywhere
    expect(entry(d, 'segment.ms').synonyms).toEqual([]);
  });

  it('entry flags', () => {
    for (const e of d) {
      expect(e.readOnly).toBe(false);
      expect(e.sensitive).toBe(false);
    }
    expect(entry(d, 'min.cleanable.dirty.ratio').type).toBe('double');
  });

  it('a fresh topic shows only segment.bytes', () => {
    expect(topicConfigsForDescribeLine(d)).toBe('segment.bytes=1073741824');
  });
});

describe('Configs: line', () => {
  it('spec example', () => {
    const d = describeTopicConfigs(
      overrides({ 'retention.ms': '1000', 'min.insync.replicas': '2', 'cleanup.policy': 'compact' }),
      STOCK,
    );
    expect(topicConfigsForDescribeLine(d)).toBe('min.insync.replicas=2,cleanup.policy=compact,segment.bytes=1073741824,retention.ms=1000');
  });

  it('__consumer_offsets', () => {
    const d = describeTopicConfigs(
      overrides({ 'cleanup.policy': 'compact', 'compression.type': 'producer', 'segment.bytes': '104857600' }),
      STOCK,
    );
    expect(topicConfigsForDescribeLine(d)).toBe('compression.type=producer,cleanup.policy=compact,segment.bytes=104857600');
    const e = entry(d, 'segment.bytes');
    expect(syn(e)).toBe(
      'DYNAMIC_TOPIC_CONFIG:segment.bytes=104857600, STATIC_BROKER_CONFIG:log.segment.bytes=1073741824, DEFAULT_CONFIG:log.segment.bytes=1073741824',
    );
  });

  it('without static settings (pure code defaults) nothing shows', () => {
    expect(topicConfigsForDescribeLine(describeTopicConfigs(overrides(), {}))).toBe('');
  });

  it('uses isDefault when given instead of source', () => {
    expect(
      topicConfigsForDescribeLine([
        { name: 'retention.ms', value: '1', isDefault: false },
        { name: 'segment.bytes', value: '2', isDefault: true },
      ]),
    ).toBe('retention.ms=1');
  });
});

describe('synonym rule details', () => {
  it('topic override values are shown as Kafka parses them', () => {
    const d = describeTopicConfigs(
      overrides({ 'min.cleanable.dirty.ratio': '1', 'cleanup.policy': 'compact , delete', preallocate: 'TRUE', 'retention.ms': ' 007 ' }),
      STOCK,
    );
    expect(entry(d, 'min.cleanable.dirty.ratio').value).toBe('1.0');
    expect(entry(d, 'cleanup.policy').value).toBe('compact,delete');
    expect(syn(entry(d, 'cleanup.policy'))).toBe('DYNAMIC_TOPIC_CONFIG:cleanup.policy=compact,delete, DEFAULT_CONFIG:log.cleanup.policy=delete');
    expect(entry(d, 'preallocate').value).toBe('true');
    expect(entry(d, 'retention.ms').value).toBe('7');
  });

  it('log.retention.minutes/hours convert into the value but never into the source', () => {
    const hours = describeTopicConfigs(overrides(), { static: new Map([['log.retention.hours', '1']]) });
    expect(entry(hours, 'retention.ms').value).toBe('3600000');
    expect(entry(hours, 'retention.ms').source).toBe('DEFAULT_CONFIG');
    expect(entry(hours, 'retention.ms').synonyms).toEqual([]);
    const minutes = describeTopicConfigs(overrides(), { static: new Map([['log.retention.minutes', '10']]) });
    expect(entry(minutes, 'retention.ms').value).toBe('600000');
    expect(entry(minutes, 'retention.ms').source).toBe('DEFAULT_CONFIG');
    const negative = describeTopicConfigs(overrides(), { static: new Map([['log.retention.hours', '-5']]) });
    expect(entry(negative, 'retention.ms').value).toBe('-1');
    const roll = describeTopicConfigs(overrides(), { static: new Map([['log.roll.hours', '2']]) });
    expect(entry(roll, 'segment.ms').value).toBe('7200000');
    expect(entry(roll, 'segment.ms').source).toBe('DEFAULT_CONFIG');
  });

  it('once log.retention.ms is set, the whole synonym chain shows', () => {
    const d = describeTopicConfigs(overrides(), { static: new Map([['log.retention.ms', '5000'], ['log.retention.hours', '168']]) });
    const e = entry(d, 'retention.ms');
    expect(e.value).toBe('5000');
    expect(e.source).toBe('STATIC_BROKER_CONFIG');
    expect(syn(e)).toBe(
      'STATIC_BROKER_CONFIG:log.retention.ms=5000, STATIC_BROKER_CONFIG:log.retention.hours=168, DEFAULT_CONFIG:log.retention.hours=168',
    );
  });

  it('dynamic layers come first, per-broker before cluster default', () => {
    const layers: BrokerConfigLayers = {
      dynamicBroker: new Map([['min.insync.replicas', '2']]),
      dynamicDefault: new Map([
        ['min.insync.replicas', '3'],
        ['log.retention.ms', '1000'],
      ]),
      static: STOCK.static,
    };
    const d = describeTopicConfigs(overrides({ 'min.insync.replicas': '4' }), layers);
    expect(syn(entry(d, 'min.insync.replicas'))).toBe(
      'DYNAMIC_TOPIC_CONFIG:min.insync.replicas=4, DYNAMIC_BROKER_CONFIG:min.insync.replicas=2, DYNAMIC_DEFAULT_BROKER_CONFIG:min.insync.replicas=3, DEFAULT_CONFIG:min.insync.replicas=1',
    );
    const r = entry(d, 'retention.ms');
    expect(r.value).toBe('1000');
    expect(r.source).toBe('DYNAMIC_DEFAULT_BROKER_CONFIG');
    expect(syn(r)).toBe(
      'DYNAMIC_DEFAULT_BROKER_CONFIG:log.retention.ms=1000, STATIC_BROKER_CONFIG:log.retention.hours=168, DEFAULT_CONFIG:log.retention.hours=168',
    );
    const d2 = describeTopicConfigs(overrides(), layers);
    expect(entry(d2, 'min.insync.replicas').value).toBe('2');
    expect(entry(d2, 'min.insync.replicas').source).toBe('DYNAMIC_BROKER_CONFIG');
  });

  it('message.timestamp.after.max.ms defaults to one hour; difference.max.ms is gone (4.x)', () => {
    const d = describeTopicConfigs(overrides(), { static: new Map([['log.message.timestamp.difference.max.ms', '1000']]) });
    expect(entry(d, 'message.timestamp.before.max.ms').value).toBe('9223372036854775807');
    expect(entry(d, 'message.timestamp.after.max.ms').value).toBe('3600000');
    expect(syn(entry(d, 'message.timestamp.after.max.ms'))).toBe('DEFAULT_CONFIG:log.message.timestamp.after.max.ms=3600000');
    expect(d.some((e) => e.name === 'message.timestamp.difference.max.ms')).toBe(false);
  });

  it('includeSynonyms=false and configNames', () => {
    const d = describeTopicConfigs(overrides(), STOCK, { includeSynonyms: false, configNames: ['segment.bytes', 'nope'] });
    expect(d).toHaveLength(1);
    expect(d[0].source).toBe('STATIC_BROKER_CONFIG');
    expect(d[0].synonyms).toEqual([]);
  });
});

describe('broker DescribeConfigs', () => {
  const view = new BrokerConfigView({
    static: new Map([...(STOCK.static as Map<string, string>), ['custom.thing', 'x']]),
    dynamicDefault: new Map([['log.retention.ms', '1000']]),
  });
  const d = describeBrokerConfigs(view);

  it('static, default and null-valued entries', () => {
    const hours = entry(d, 'log.retention.hours');
    expect(hours.value).toBe('168');
    expect(hours.source).toBe('STATIC_BROKER_CONFIG');
    expect(hours.readOnly).toBe(true);
    expect(syn(hours)).toBe('STATIC_BROKER_CONFIG:log.retention.hours=168, DEFAULT_CONFIG:log.retention.hours=168');
    const minutes = entry(d, 'log.retention.minutes');
    expect(minutes.value).toBeNull();
    expect(minutes.source).toBe('DEFAULT_CONFIG');
    expect(minutes.synonyms).toEqual([]);
    const ms = entry(d, 'log.retention.ms');
    expect(ms.value).toBe('1000');
    expect(ms.readOnly).toBe(false);
    expect(syn(ms)).toBe(
      'DYNAMIC_DEFAULT_BROKER_CONFIG:log.retention.ms=1000, STATIC_BROKER_CONFIG:log.retention.hours=168, DEFAULT_CONFIG:log.retention.hours=168',
    );
    const rf = entry(d, 'default.replication.factor');
    expect(rf.value).toBe('1');
    expect(rf.source).toBe('DEFAULT_CONFIG');
    expect(syn(rf)).toBe('DEFAULT_CONFIG:default.replication.factor=1');
    expect(entry(d, 'log.cleaner.io.max.bytes.per.second').value).toBe('1.7976931348623157E308');
    expect(entry(d, 'group.initial.rebalance.delay.ms').value).toBe('0');
    expect(entry(d, 'group.initial.rebalance.delay.ms').source).toBe('STATIC_BROKER_CONFIG');
    expect(entry(d, 'listeners').value).toBe('PLAINTEXT://localhost:9092');
    expect(entry(d, 'listeners').readOnly).toBe(false);
    expect(entry(d, 'process.roles').value).toBe('broker,controller');
    expect(entry(d, 'broker.id').value).toBe('1');
    expect(entry(d, 'broker.id').source).toBe('STATIC_BROKER_CONFIG');
    // node.id has no default in 4.4 (as a 4.4 broker describes it)
    expect(syn(entry(d, 'node.id'))).toBe('STATIC_BROKER_CONFIG:node.id=1');
  });

  it('internal configs are not listed unless set; unknown keys are sensitive', () => {
    expect(d.find((e) => e.name === 'unstable.api.versions.enable')).toBeUndefined();
    const c = entry(d, 'custom.thing');
    expect(c.sensitive).toBe(true);
    expect(c.value).toBeNull();
    expect(c.type).toBeNull();
    expect(syn(c)).toBe('STATIC_BROKER_CONFIG:custom.thing=null');
  });

  it('cluster-default resource lists only dynamic defaults', () => {
    const dd = describeBrokerConfigs(view, { perBroker: false });
    expect(dd).toHaveLength(1);
    expect(dd[0].name).toBe('log.retention.ms');
    expect(dd[0].value).toBe('1000');
    expect(syn(dd[0])).toBe('DYNAMIC_DEFAULT_BROKER_CONFIG:log.retention.ms=1000');
  });
});

describe('effective values for the engine', () => {
  it('broker values', () => {
    expect(effectiveBrokerConfig('group.initial.rebalance.delay.ms', STOCK)).toBe(0);
    expect(effectiveBrokerConfig('offsets.topic.replication.factor', STOCK)).toBe(1);
    expect(effectiveBrokerConfig('offsets.topic.num.partitions', STOCK)).toBe(50);
    expect(effectiveBrokerConfig('group.initial.rebalance.delay.ms', {})).toBe(3000);
    expect(effectiveBrokerConfig('log.retention.ms', STOCK)).toBeNull();
  });

  it('topic values', () => {
    expect(effectiveTopicConfig('retention.ms', overrides(), { static: new Map([['log.retention.hours', '1']]) })).toBe(3600000n);
    expect(effectiveTopicConfig('retention.ms', overrides({ 'retention.ms': '5' }), STOCK)).toBe(5n);
    expect(effectiveTopicConfig('cleanup.policy', overrides({ 'cleanup.policy': 'compact,delete' }), STOCK)).toEqual(['compact', 'delete']);
    // a stored override that does not parse is ignored (Kafka never stores one)
    expect(effectiveTopicConfig('cleanup.policy', overrides({ 'cleanup.policy': 'Compact' }), STOCK)).toEqual(['delete']);
    expect(() => effectiveTopicConfig('nope', overrides(), STOCK)).toThrow();
    const lc = effectiveLogConfig(overrides({ 'cleanup.policy': 'compact', 'local.retention.ms': '-2', 'retention.ms': '1000' }), STOCK);
    expect(lc.compact).toBe(true);
    expect(lc.delete).toBe(false);
    expect(lc.segmentBytes).toBe(1073741824);
    expect(lc.retentionMs).toBe(1000);
    expect(lc.localRetentionMs).toBe(1000);
    expect(lc.localRetentionBytes).toBe(-1);
    expect(lc.maxMessageBytes).toBe(1048588);
    expect(lc.messageTimestampType).toBe('CreateTime');
    expect(lc.flushMs).toBe(9223372036854775807);
  });

  it('source ids', () => {
    expect(CONFIG_SOURCE_ID.STATIC_BROKER_CONFIG).toBe(4);
    expect(configSourceFromId(1)).toBe('DYNAMIC_TOPIC_CONFIG');
    expect(configSourceFromId(99)).toBe('UNKNOWN');
  });
});
