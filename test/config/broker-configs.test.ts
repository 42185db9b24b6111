import { describe, expect, it } from 'vitest';
import {
  ALL_DYNAMIC_CONFIGS,
  BROKER_CONFIGS,
  brokerConfigDef,
  brokerConfigSynonyms,
  brokerConfigType,
  isReadOnlyBrokerConfig,
  parseBrokerConfigs,
  PER_BROKER_CONFIGS,
  validateDynamicBrokerConfigs,
} from '../../src/config/broker-configs';
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

const dflt = (n: string) => brokerConfigDef(n)?.default;

describe('broker config definitions (Kafka 4.4)', () => {
  it('code defaults of spec §13.1 / DESIGN §3, as 4.4 defines them', () => {
    expect(dflt('num.partitions')).toBe('1');
    expect(dflt('default.replication.factor')).toBe('1');
    expect(dflt('auto.create.topics.enable')).toBe('true');
    expect(dflt('delete.topic.enable')).toBe('true');
    expect(dflt('offsets.topic.num.partitions')).toBe('50');
    expect(dflt('offsets.topic.replication.factor')).toBe('3');
    expect(dflt('offsets.topic.segment.bytes')).toBe('104857600');
    expect(dflt('offsets.retention.minutes')).toBe('10080');
    expect(dflt('transaction.state.log.replication.factor')).toBe('3');
    expect(dflt('transaction.state.log.min.isr')).toBe('2');
    expect(dflt('group.initial.rebalance.delay.ms')).toBe('3000');
    expect(dflt('group.min.session.timeout.ms')).toBe('6000');
    expect(dflt('group.max.session.timeout.ms')).toBe('1800000');
    expect(dflt('log.retention.hours')).toBe('168');
    expect(dflt('log.retention.ms')).toBeNull();
    expect(dflt('log.segment.bytes')).toBe('1073741824');
    expect(dflt('log.retention.check.interval.ms')).toBe('300000');
    expect(dflt('message.max.bytes')).toBe('1048588');
    expect(dflt('socket.request.max.bytes')).toBe('104857600');
    expect(dflt('listeners')).toBe('PLAINTEXT://:9092');
    expect(dflt('node.id')).toBeNull(); // required in 4.4 (no default)
    expect(dflt('broker.id')).toBe('-1');
    expect(dflt('log.dir')).toBe('/tmp/kafka-logs');
    expect(dflt('log.dirs')).toBeNull();
    expect(dflt('process.roles')).toBeNull();
    expect(dflt('controller.quorum.voters')).toBe('');
    expect(dflt('num.network.threads')).toBe('3');
    expect(dflt('num.io.threads')).toBe('8');
    expect(dflt('num.recovery.threads.per.data.dir')).toBe('2');
    expect(dflt('log.message.timestamp.after.max.ms')).toBe('3600000');
    expect(dflt('max.decompressed.message.bytes')).toBe('2147483639');
    // gone in Kafka 4: ZooKeeper-era and message-format configs
    expect(brokerConfigDef('inter.broker.protocol.version')).toBeUndefined();
    expect(brokerConfigDef('log.message.format.version')).toBeUndefined();
    expect(brokerConfigDef('log.message.timestamp.difference.max.ms')).toBeUndefined();
  });

  it('names are unique', () => {
    expect(new Set(BROKER_CONFIGS.map((d) => d.name)).size).toBe(BROKER_CONFIGS.length);
  });

  it('dynamic update modes (DynamicBrokerConfig)', () => {
    expect(brokerConfigDef('log.retention.ms')?.dynamic).toBe('cluster-wide');
    expect(brokerConfigDef('log.retention.hours')?.readOnly).toBe(true);
    expect(brokerConfigDef('log.segment.bytes')?.dynamic).toBe('cluster-wide');
    expect(brokerConfigDef('log.dirs')?.readOnly).toBe(true);
    expect(brokerConfigDef('listeners')?.dynamic).toBe('per-broker');
    expect(brokerConfigDef('advertised.listeners')?.readOnly).toBe(true);
    expect(brokerConfigDef('num.network.threads')?.dynamic).toBe('cluster-wide');
    expect(brokerConfigDef('message.max.bytes')?.dynamic).toBe('cluster-wide');
    expect(brokerConfigDef('log.remote.copy.lag.ms')?.dynamic).toBe('cluster-wide');
    expect(brokerConfigDef('cordoned.log.dirs')?.dynamic).toBe('per-broker');
    expect(brokerConfigDef('group.initial.rebalance.delay.ms')?.readOnly).toBe(true);
    expect(isReadOnlyBrokerConfig('ssl.keystore.location')).toBe(false);
    expect(PER_BROKER_CONFIGS.has('listeners')).toBe(true);
    expect(PER_BROKER_CONFIGS.has('max.connections')).toBe(false);
    // the registry agrees with AllDynamicConfigs
    for (const d of BROKER_CONFIGS) if (!d.internal) expect(!!d.dynamic, d.name).toBe(ALL_DYNAMIC_CONFIGS.has(d.name));
  });

  it('synonyms and types', () => {
    expect(brokerConfigSynonyms('log.retention.hours')).toEqual(['log.retention.ms', 'log.retention.minutes', 'log.retention.hours']);
    expect(brokerConfigSynonyms('log.roll.ms')).toEqual(['log.roll.ms', 'log.roll.hours']);
    expect(brokerConfigSynonyms('log.flush.interval.ms')).toEqual(['log.flush.interval.ms', 'log.flush.scheduler.interval.ms']);
    expect(brokerConfigSynonyms('log.flush.scheduler.interval.ms')).toEqual(['log.flush.scheduler.interval.ms']);
    expect(brokerConfigSynonyms('listener.name.internal.max.connections')).toEqual(['listener.name.internal.max.connections', 'max.connections']);
    expect(brokerConfigSynonyms('listener.name.sasl_ssl.plain.sasl.jaas.config')).toEqual([
      'listener.name.sasl_ssl.plain.sasl.jaas.config',
      'sasl.jaas.config',
    ]);
    expect(brokerConfigType('listener.name.internal.max.connections')).toBe('int');
    expect(brokerConfigType('nope')).toBeNull();
  });
});

describe('validateDynamicBrokerConfigs', () => {
  it('refuses read-only configs', () => {
    const e = err(() => validateDynamicBrokerConfigs(new Map([['log.dirs', '/x']]), true));
    expect(e.message).toBe('Cannot update these configs dynamically: [log.dirs]');
    expect(e.kind).toBe('InvalidRequestException');
    expect(e.errorCode).toBe(42);
    expect(err(() => validateDynamicBrokerConfigs(new Map([['log.retention.hours', '1'], ['num.partitions', '3']]), false)).message).toBe(
      'Cannot update these configs dynamically: [log.retention.hours, num.partitions]',
    );
  });

  it('checks values', () => {
    expect(err(() => validateDynamicBrokerConfigs(new Map([['num.io.threads', 'abc']]), true)).message).toBe(
      'Invalid value abc for configuration num.io.threads: Not a number of type INT',
    );
    expect(err(() => validateDynamicBrokerConfigs(new Map([['log.cleanup.policy', 'x']]), false)).message).toBe(
      'Invalid value x for configuration log.cleanup.policy: String must be one of: compact, delete',
    );
  });

  it('per-broker only configs and security configs', () => {
    expect(err(() => validateDynamicBrokerConfigs(new Map([['listeners', 'PLAINTEXT://:9092']]), false)).message).toBe(
      'Cannot update these configs at default cluster level, broker id must be specified: [listeners]',
    );
    expect(err(() => validateDynamicBrokerConfigs(new Map([['ssl.keystore.location', '/k']]), true)).message).toBe(
      'These security configs can be dynamically updated only per-listener using the listener prefix: [ssl.keystore.location]',
    );
  });

  it('accepts dynamic and custom configs', () => {
    const v = validateDynamicBrokerConfigs(new Map([['log.retention.ms', '1000'], ['my.custom', 'x']]), false);
    expect(v.get('log.retention.ms')).toBe(1000n);
    expect(() => validateDynamicBrokerConfigs(new Map([['listeners', 'PLAINTEXT://:9093']]), true)).not.toThrow();
  });
});

describe('parseBrokerConfigs (startup validation)', () => {
  it('first invalid config in definition order', () => {
    expect(
      err(() =>
        parseBrokerConfigs(
          new Map([
            ['num.partitions', '0'],
            ['node.id', 'x'],
          ]),
        ),
      ).message,
    ).toBe('Invalid value x for configuration node.id: Not a number of type INT');
    expect(err(() => parseBrokerConfigs(new Map([['controller.quorum.voters', 'localhost:9093']]))).message).toBe(
      'Invalid configuration value for controller.quorum.voters. Each entry should be in the form `{id}@{host}:{port}`.',
    );
    expect(err(() => parseBrokerConfigs(new Map([['process.roles', 'broker,zk']]))).message).toBe(
      'Invalid value zk for configuration process.roles: String must be one of: broker, controller',
    );
  });
});
