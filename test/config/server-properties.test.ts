import { describe, expect, it } from 'vitest';
import {
  buildStaticConfig,
  builtinServerProperties,
  defaultLogDirs,
  KAFKA_KRAFT_SERVER_PROPERTIES,
  validateStaticConfig,
} from '../../src/config/server-properties';
import { ConfigValidationError } from '../../src/config/types';

describe('built-in server.properties (DESIGN §3)', () => {
  const p = builtinServerProperties({ logDirs: '/data/kafka' });

  it('is the stock KRaft file with our listener, log.dirs and rebalance delay', () => {
    expect([...p.keys()]).toEqual([...KAFKA_KRAFT_SERVER_PROPERTIES.map(([k]) => k), 'group.initial.rebalance.delay.ms']);
    expect(KAFKA_KRAFT_SERVER_PROPERTIES).toHaveLength(24); // Kafka 4.4's stock file
    expect(p.get('node.id')).toBe('1');
    expect(p.get('process.roles')).toBe('broker,controller');
    expect(p.get('listeners')).toBe('PLAINTEXT://localhost:9092');
    expect(p.get('advertised.listeners')).toBe('PLAINTEXT://localhost:9092');
    expect(p.get('log.dirs')).toBe('/data/kafka');
    expect(p.get('log.segment.bytes')).toBe('1073741824');
    expect(p.get('log.retention.hours')).toBe('168');
    expect(p.get('log.retention.check.interval.ms')).toBe('300000');
    expect(p.get('offsets.topic.replication.factor')).toBe('1');
    expect(p.get('transaction.state.log.min.isr')).toBe('1');
    expect(p.get('group.initial.rebalance.delay.ms')).toBe('0');
  });

  it('settings the stock file leaves to code defaults stay code defaults', () => {
    for (const k of ['message.max.bytes', 'default.replication.factor', 'auto.create.topics.enable', 'delete.topic.enable', 'offsets.topic.num.partitions'])
      expect(p.has(k), k).toBe(false);
  });

  it('validates', () => {
    expect(() => validateStaticConfig(p)).not.toThrow();
    expect(validateStaticConfig(p).get('log.segment.bytes')).toBe(1073741824);
  });
});

describe('buildStaticConfig', () => {
  it('built-ins + overrides (later wins)', () => {
    const s = buildStaticConfig({
      logDirs: '/d',
      overrides: [
        ['listeners', 'PLAINTEXT://127.0.0.1:19092'],
        ['log.dirs', '/tmp/a'],
        ['log.dirs', '/tmp/b'],
      ],
    });
    expect(s.get('listeners')).toBe('PLAINTEXT://127.0.0.1:19092');
    expect(s.get('log.dirs')).toBe('/tmp/b');
    expect(s.get('node.id')).toBe('1');
  });

  it('a user file replaces the built-ins entirely', () => {
    const s = buildStaticConfig({ file: new Map([['num.partitions', '3']]), overrides: new Map([['node.id', '2']]) });
    expect([...s.entries()]).toEqual([
      ['num.partitions', '3'],
      ['node.id', '2'],
      ['broker.id', '2'],
    ]);
  });

  it('node.id and broker.id stand for each other (KafkaConfig.populateSynonyms)', () => {
    expect(buildStaticConfig({ logDirs: '/d' }).get('broker.id')).toBe('1');
    expect(buildStaticConfig({ file: new Map([['broker.id', '0']]) }).get('node.id')).toBe('0');
    const both = buildStaticConfig({ file: new Map([['broker.id', '0'], ['node.id', '5']]) });
    expect(both.get('broker.id')).toBe('0');
    expect(both.get('node.id')).toBe('5');
  });
});

describe('validateStaticConfig messages', () => {
  function msg(props: [string, string][]): string {
    try {
      validateStaticConfig(new Map(props));
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigValidationError);
      return (e as Error).message;
    }
    throw new Error('did not throw');
  }
  it('Kafka texts', () => {
    expect(msg([['num.partitions', '0']])).toBe('Invalid value 0 for configuration num.partitions: Value must be at least 1');
    expect(msg([['num.partitions', 'two']])).toBe('Invalid value two for configuration num.partitions: Not a number of type INT');
    expect(msg([['auto.create.topics.enable', 'yes']])).toBe(
      'Invalid value yes for configuration auto.create.topics.enable: Expected value to be either true or false',
    );
    expect(msg([['log.cleanup.policy', 'compact,remove']])).toBe(
      'Invalid value remove for configuration log.cleanup.policy: String must be one of: compact, delete',
    );
    expect(msg([['log.segment.bytes', '1']])).toBe('Invalid value 1 for configuration log.segment.bytes: Value must be at least 1048576');
    expect(msg([['log.message.timestamp.type', 'Now']])).toBe(
      'Invalid value Now for configuration log.message.timestamp.type: String must be one of: CreateTime, LogAppendTime',
    );
  });
  it('unknown keys are accepted', () => {
    expect(() => validateStaticConfig(new Map([['some.plugin.setting', 'x']]))).not.toThrow();
  });
});

describe('defaultLogDirs', () => {
  it('per-user data directory', () => {
    expect(defaultLogDirs({}, 'linux', '/home/u')).toBe('/home/u/.local/share/kafka-local/kraft-combined-logs');
    expect(defaultLogDirs({ XDG_DATA_HOME: '/xdg' }, 'linux', '/home/u')).toBe('/xdg/kafka-local/kraft-combined-logs');
    expect(defaultLogDirs({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/kafka-local/kraft-combined-logs');
  });
});
