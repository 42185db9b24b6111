// kafkajs (a client we did not write) against the engine's configs APIs: the "confluent-style"
// describe (DescribeConfigs with synonyms: defaults and overrides with their sources) and the
// legacy AlterConfigs for topics and brokers.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { Kafka, logLevel, ConfigResourceTypes, ConfigSource, type Admin } from 'kafkajs';
import * as path from 'node:path';
import { ROOT, startInProcessEngine, type TestEngine } from '../helpers/engine';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { Admin: OurAdmin } = require(path.join(ROOT, 'dist/client/admin'));

/**
 * Set the cluster-wide broker defaults (kafkajs refuses the empty resource name). The legacy
 * AlterConfigs replaces the whole set: it keeps the cluster's min.insync.replicas (ELR).
 */
async function setBrokerDefaults(configs: Record<string, string>): Promise<void> {
  const a = new OurAdmin({ bootstrap: [{ host: '127.0.0.1', port: engine.port }] });
  try {
    await a.alterConfigs(4, '', new Map([...Object.entries(configs), ['min.insync.replicas', '1']]));
  } finally {
    a.close();
  }
}

let engine: TestEngine;
let admin: Admin;

beforeAll(async () => {
  engine = await startInProcessEngine();
  const kafka = new Kafka({ clientId: 'kjs-configs', brokers: [engine.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 1 } });
  admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'kc-topic', numPartitions: 1, configEntries: [{ name: 'retention.ms', value: '60000' }] }] });
});

afterAll(async () => {
  await admin?.disconnect();
  await engine?.stop();
});

async function topicEntries(topic: string, configNames?: string[]) {
  const res = await admin.describeConfigs({
    includeSynonyms: true,
    resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, ...(configNames ? { configNames } : {}) }],
  });
  expect(res.resources[0].errorCode).toBe(0);
  return new Map(res.resources[0].configEntries.map((e) => [e.configName, e]));
}

describe('kafkajs describeConfigs / alterConfigs', () => {
  it('describes a topic: every config, overrides with their source, defaults, synonyms', async () => {
    const entries = await topicEntries('kc-topic');
    expect(entries.size).toBe(37); // Kafka 4.4's topic configs
    const retention = entries.get('retention.ms')!;
    expect(retention).toMatchObject({ configValue: '60000', isDefault: false, configSource: ConfigSource.TOPIC_CONFIG, isSensitive: false, readOnly: false });
    expect(retention.configSynonyms).toEqual([{ configName: 'retention.ms', configValue: '60000', configSource: ConfigSource.TOPIC_CONFIG }]);
    // A Kafka 4 cluster holds min.insync.replicas at the cluster level (ELR).
    expect(entries.get('min.insync.replicas')).toMatchObject({ configValue: '1', isDefault: false, configSource: ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG });
    expect(entries.get('preallocate')).toMatchObject({ configValue: 'false', isDefault: true, configSource: ConfigSource.DEFAULT_CONFIG });
    expect(entries.get('segment.bytes')).toMatchObject({ configValue: '1073741824', isDefault: false, configSource: ConfigSource.STATIC_BROKER_CONFIG });
    expect(entries.get('segment.bytes')!.configSynonyms.map((s) => s.configSource))
      .toEqual([ConfigSource.STATIC_BROKER_CONFIG, ConfigSource.DEFAULT_CONFIG]);
    const some = await topicEntries('kc-topic', ['cleanup.policy', 'retention.ms']);
    expect([...some.keys()].sort()).toEqual(['cleanup.policy', 'retention.ms']);
  });

  it('alterConfigs replaces a topic\'s overrides; validateOnly changes nothing; bad values are refused', async () => {
    await admin.alterConfigs({
      validateOnly: true,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: 'kc-topic', configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
    });
    expect((await topicEntries('kc-topic')).get('cleanup.policy')!.configValue).toBe('delete');
    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: 'kc-topic', configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
    });
    const after = await topicEntries('kc-topic');
    expect(after.get('cleanup.policy')).toMatchObject({ configValue: 'compact', configSource: ConfigSource.TOPIC_CONFIG });
    // The legacy API sets the complete override set: retention.ms is back to its default.
    expect(after.get('retention.ms')).toMatchObject({ configValue: '604800000', isDefault: true });
    await expect(admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: 'kc-topic', configEntries: [{ name: 'retention.ms', value: 'forever' }] }],
    })).rejects.toMatchObject({ type: 'INVALID_CONFIG' });
    await expect(admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: 'kc-missing', configEntries: [{ name: 'retention.ms', value: '1' }] }],
    })).rejects.toMatchObject({ type: 'UNKNOWN_TOPIC_OR_PARTITION' });
  });

  it('broker configs: dynamic per-broker and cluster-default values with their sources', async () => {
    await setBrokerDefaults({ 'log.cleaner.threads': '2' });
    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configEntries: [{ name: 'log.cleaner.threads', value: '3' }] }],
    });
    const res = await admin.describeConfigs({
      includeSynonyms: true,
      resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configNames: ['log.cleaner.threads', 'num.partitions'] }],
    });
    const byName = new Map(res.resources[0].configEntries.map((e) => [e.configName, e]));
    expect(byName.get('log.cleaner.threads')).toMatchObject({ configValue: '3', configSource: ConfigSource.DYNAMIC_BROKER_CONFIG, readOnly: false });
    expect(byName.get('log.cleaner.threads')!.configSynonyms.map((s) => [s.configSource, s.configValue])).toEqual([
      [ConfigSource.DYNAMIC_BROKER_CONFIG, '3'], [ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG, '2'], [ConfigSource.DEFAULT_CONFIG, '1'],
    ]);
    expect(byName.get('num.partitions')).toMatchObject({ configValue: '1', configSource: ConfigSource.STATIC_BROKER_CONFIG, readOnly: true });
    await expect(admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configEntries: [{ name: 'num.partitions', value: '3' }] }],
    })).rejects.toMatchObject({ type: 'INVALID_REQUEST' });
    await setBrokerDefaults({});
    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configEntries: [] }],
    });
    const reset = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configNames: ['log.cleaner.threads'] }],
    });
    expect(reset.resources[0].configEntries[0]).toMatchObject({ configValue: '1', isDefault: true });
  });
});
