// Dynamic configs in the engine: AlterConfigs / IncrementalAlterConfigs change behaviour at once
// (message.max.bytes -> RecordTooLarge for kafkajs, auto.create.topics.enable -> no auto-creation)
// and survive a restart on the same log.dirs.
import * as path from 'node:path';
import { describe, it, expect, afterAll } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { ROOT, spawnEngine, tempDir, type ChildEngine } from '../helpers/engine';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { Admin, ConfigResourceType, ConfigSource } = require(path.join(ROOT, 'dist/client/admin'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));

const dir = tempDir('kl-dyncfg-');
let engine: ChildEngine | undefined;

afterAll(async () => {
  await engine?.stop();
});

function adminFor(e: ChildEngine) {
  return new Admin({ bootstrap: [{ host: '127.0.0.1', port: e.port }] });
}

async function withAdmin<T>(fn: (admin: any) => Promise<T>): Promise<T> {
  const admin = adminFor(engine!);
  try {
    return await fn(admin);
  } finally {
    admin.close();
  }
}

/** The entries of one config resource whose source is `source`, as name -> value. */
async function configsWithSource(type: number, name: string, source: number): Promise<Record<string, string | null>> {
  return withAdmin(async (admin) => {
    const res = (await admin.describeConfigs(type, [name])).get(name);
    if (!Array.isArray(res)) throw res;
    return Object.fromEntries(res.filter((e: any) => e.source === source).map((e: any) => [e.name, e.value]));
  });
}

/** Metadata v9 for one topic, allowing auto-creation: the topic's error code. */
async function metadataError(topic: string): Promise<number> {
  const conn = new BrokerConnection('127.0.0.1', engine!.port, 'meta');
  await conn.connect();
  try {
    const resp = await conn.send(ApiKey.Metadata, {
      topics: [{ name: topic, topicId: 'AAAAAAAAAAAAAAAAAAAAAA' }], allowAutoTopicCreation: true,
      includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false,
    });
    return resp.topics[0].errorCode;
  } finally {
    conn.close();
  }
}

async function topicNames(): Promise<string[]> {
  return withAdmin(async (admin) => (await admin.listTopics()).map((t: any) => t.name));
}

// A Kafka 4 cluster holds min.insync.replicas at the cluster level (ELR); the legacy
// AlterConfigs replaces the whole default set, so it must keep it.
const MIN_ISR: [string, string] = ['min.insync.replicas', '1'];

describe('dynamic configs', () => {
  it('message.max.bytes and max.message.bytes take effect without a restart (kafkajs gets RecordTooLarge)', async () => {
    engine = await spawnEngine({ dir });
    const kafka = new Kafka({ clientId: 'dyn', brokers: [engine.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 1 } });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'dyn-size', numPartitions: 1 }, { topic: 'dyn-topic-size', numPartitions: 1 }] });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    try {
      const big = 'x'.repeat(5000);
      await producer.send({ topic: 'dyn-size', messages: [{ value: big }] });
      await withAdmin((a) => a.alterConfigs(ConfigResourceType.BROKER, '', new Map([['message.max.bytes', '2000'], MIN_ISR])));
      await expect(producer.send({ topic: 'dyn-size', messages: [{ value: big }] })).rejects.toThrow(/larger than the max message size/);
      await producer.send({ topic: 'dyn-size', messages: [{ value: 'small' }] });
      // A topic override wins over the broker default, both ways.
      await withAdmin((a) => a.incrementalAlterConfigs(ConfigResourceType.TOPIC, 'dyn-topic-size', [{ name: 'max.message.bytes', op: 0, value: '100000' }]));
      await producer.send({ topic: 'dyn-topic-size', messages: [{ value: big }] });
      await withAdmin((a) => a.alterConfigs(ConfigResourceType.BROKER, '', new Map([MIN_ISR])));
      await producer.send({ topic: 'dyn-size', messages: [{ value: big }] });
      await withAdmin((a) => a.incrementalAlterConfigs(ConfigResourceType.TOPIC, 'dyn-topic-size', [{ name: 'max.message.bytes', op: 0, value: '1000' }]));
      await expect(producer.send({ topic: 'dyn-topic-size', messages: [{ value: big }] })).rejects.toThrow(/larger than the max message size/);
    } finally {
      await producer.disconnect();
    }
  });

  it('auto.create.topics.enable=false (dynamic) stops Metadata auto-creation; true again restores it', async () => {
    expect(await metadataError('dyn-auto-1')).toBe(3); // UNKNOWN_TOPIC_OR_PARTITION: being created (as KRaft answers)
    expect(await topicNames()).toContain('dyn-auto-1');
    await withAdmin((a) => a.alterConfigs(ConfigResourceType.BROKER, '', new Map([['auto.create.topics.enable', 'false'], MIN_ISR])));
    expect(await metadataError('dyn-auto-2')).toBe(3); // UNKNOWN_TOPIC_OR_PARTITION
    expect(await topicNames()).not.toContain('dyn-auto-2');
    // A per-broker value wins over the cluster default.
    await withAdmin((a) => a.alterConfigs(ConfigResourceType.BROKER, '1', new Map([['auto.create.topics.enable', 'true']])));
    expect(await metadataError('dyn-auto-3')).toBe(3); // created: UNKNOWN_TOPIC_OR_PARTITION too
    expect(await topicNames()).toContain('dyn-auto-3');
    await withAdmin((a) => a.alterConfigs(ConfigResourceType.BROKER, '1', new Map()));
    expect(await metadataError('dyn-auto-4')).toBe(3);
  });

  it('the cluster-level min.insync.replicas (ELR) is there from the start and cannot be removed', async () => {
    expect(await configsWithSource(ConfigResourceType.BROKER, '', ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG)).toMatchObject({ 'min.insync.replicas': '1' });
    const text = 'Cluster-level min.insync.replicas cannot be removed while ELR is enabled.';
    await withAdmin(async (a) => {
      await expect(a.incrementalAlterConfigs(ConfigResourceType.BROKER, '', [{ name: 'min.insync.replicas', op: 1, value: null }])).rejects.toThrow(text);
      await expect(a.alterConfigs(ConfigResourceType.BROKER, '', new Map([['log.retention.ms', '1000']]))).rejects.toThrow(text);
    });
    // every topic shows it among its non-default configs, from the cluster default
    await withAdmin((a) => a.createTopics([{ name: 'dyn-elr', numPartitions: 1, replicationFactor: 1 }]));
    const entries = await withAdmin(async (a) => (await a.describeConfigs(ConfigResourceType.TOPIC, ['dyn-elr'], true)).get('dyn-elr'));
    const mis = entries.find((e: any) => e.name === 'min.insync.replicas');
    expect(mis.source).toBe(ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG);
    expect(mis.synonyms.map((x: any) => `${x.source}:${x.name}=${x.value}`)).toEqual([
      `${ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG}:min.insync.replicas=1`, `${ConfigSource.DEFAULT_CONFIG}:min.insync.replicas=1`,
    ]);
  });

  it('validate-only changes nothing; an invalid value is refused', async () => {
    await withAdmin(async (a) => {
      await a.incrementalAlterConfigs(ConfigResourceType.TOPIC, 'dyn-size', [{ name: 'retention.ms', op: 0, value: '1234' }], true);
      await a.alterConfigs(ConfigResourceType.BROKER, '', new Map([['log.retention.ms', '1'], MIN_ISR]), true);
      await expect(a.incrementalAlterConfigs(ConfigResourceType.TOPIC, 'dyn-size', [{ name: 'retention.ms', op: 0, value: 'soon' }]))
        .rejects.toThrow('Invalid value soon for configuration retention.ms: Not a number of type LONG');
    });
    expect(await configsWithSource(ConfigResourceType.TOPIC, 'dyn-size', ConfigSource.DYNAMIC_TOPIC_CONFIG)).toEqual({});
    expect(await configsWithSource(ConfigResourceType.BROKER, '', ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG))
      .toEqual({ 'auto.create.topics.enable': 'false', 'min.insync.replicas': '1' });
  });

  it('APPEND and SUBTRACT on list configs', async () => {
    await withAdmin(async (a) => {
      await a.incrementalAlterConfigs(ConfigResourceType.TOPIC, 'dyn-size', [{ name: 'cleanup.policy', op: 2, value: 'compact' }]);
      expect(await configsWithSource(ConfigResourceType.TOPIC, 'dyn-size', ConfigSource.DYNAMIC_TOPIC_CONFIG)).toEqual({ 'cleanup.policy': 'delete,compact' });
      await a.incrementalAlterConfigs(ConfigResourceType.TOPIC, 'dyn-size', [{ name: 'cleanup.policy', op: 3, value: 'delete' }]);
      expect(await configsWithSource(ConfigResourceType.TOPIC, 'dyn-size', ConfigSource.DYNAMIC_TOPIC_CONFIG)).toEqual({ 'cleanup.policy': 'compact' });
      await expect(a.incrementalAlterConfigs(ConfigResourceType.TOPIC, 'dyn-size', [{ name: 'retention.ms', op: 2, value: '1' }]))
        .rejects.toThrow("Can't APPEND to key retention.ms because its type is not LIST.");
      await a.incrementalAlterConfigs(ConfigResourceType.TOPIC, 'dyn-size', [{ name: 'cleanup.policy', op: 1, value: null }]);
    });
  });

  it('topic and broker configs persist across a restart on the same log.dirs', async () => {
    await withAdmin(async (a) => {
      await a.incrementalAlterConfigs(ConfigResourceType.TOPIC, 'dyn-size', [{ name: 'retention.ms', op: 0, value: '86400000' }]);
      await a.alterConfigs(ConfigResourceType.BROKER, '1', new Map([['log.cleaner.threads', '2']]));
    });
    await engine!.stop();
    engine = await spawnEngine({ dir });
    expect(await configsWithSource(ConfigResourceType.TOPIC, 'dyn-size', ConfigSource.DYNAMIC_TOPIC_CONFIG)).toEqual({ 'retention.ms': '86400000' });
    expect(await configsWithSource(ConfigResourceType.BROKER, '1', ConfigSource.DYNAMIC_BROKER_CONFIG)).toEqual({ 'log.cleaner.threads': '2' });
    expect(await configsWithSource(ConfigResourceType.BROKER, '', ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG))
      .toEqual({ 'auto.create.topics.enable': 'false', 'min.insync.replicas': '1' });
    // ... and still in effect.
    expect(await metadataError('dyn-auto-5')).toBe(3);
  });
});

describe('AlterConfigs / IncrementalAlterConfigs at the protocol level (in-process engine)', () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { startEngine } = require(path.join(ROOT, 'dist/engine/lifecycle'));
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { settingsFrom } = require(path.join(ROOT, 'dist/engine/settings'));
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { buildStaticConfig } = require(path.join(ROOT, 'dist/config/server-properties'));
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { setEngineLogQuiet } = require(path.join(ROOT, 'dist/engine/server-log'));

  let running: any;
  let conn: any;

  afterAll(async () => {
    conn?.close();
    await running?.stop();
  });

  async function start(): Promise<void> {
    setEngineLogQuiet(true);
    const props = buildStaticConfig({ overrides: new Map([['listeners', 'PLAINTEXT://127.0.0.1:0'], ['advertised.listeners', ''], ['log.dirs', tempDir('kl-dyncfg-ip-')]]) });
    running = await startEngine(settingsFrom(props));
    conn = new BrokerConnection('127.0.0.1', running.bound[0].port, 'proto');
    await conn.connect();
  }

  const results = (resp: any) => resp.responses.map((r: any) => [r.resourceName, r.errorCode, r.errorMessage]);

  it('per-resource checks and Kafka\'s messages', async () => {
    await start();
    running.engine.topics.create('p-topic', [[1]], 1, new Map(), false);
    const resp = await conn.send(ApiKey.AlterConfigs, {
      validateOnly: false,
      resources: [
        { resourceType: 4, resourceName: '1', configs: [] },
        { resourceType: 4, resourceName: '1', configs: [] },
        { resourceType: 4, resourceName: '2', configs: [] },
        { resourceType: 4, resourceName: 'x', configs: [] },
        { resourceType: 2, resourceName: 'p-topic', configs: [{ name: 'a', value: null }, { name: 'b', value: null }] },
        { resourceType: 2, resourceName: 'p-topic2', configs: [{ name: 'retention.ms', value: '1' }, { name: 'retention.ms', value: '2' }] },
        { resourceType: 2, resourceName: 'p-missing', configs: [{ name: 'retention.ms', value: '1' }] },
        { resourceType: 2, resourceName: '', configs: [] },
        { resourceType: 16, resourceName: 'm', configs: [] },
        { resourceType: 64, resourceName: 'u', configs: [] },
      ],
    });
    expect(results(resp)).toEqual([
      ['1', 42, 'Each resource must appear at most once.'],
      ['1', 42, 'Each resource must appear at most once.'],
      ['2', 42, 'Unexpected broker id, expected 1, but received 2'],
      ['x', 42, 'Node id must be an integer, but it is: x'],
      ['p-topic', 42, 'Null value not supported for : a, b'],
      ['p-topic2', 42, 'Error due to duplicate config keys'],
      ['p-missing', 3, "The topic 'p-missing' does not exist."],
      ['', 42, 'Default topic resources are not allowed.'],
      ['m', 0, null],
      ['u', 42, 'Unknown resource type 64'],
    ]);
    const inc = await conn.send(ApiKey.IncrementalAlterConfigs, {
      validateOnly: false,
      resources: [
        { resourceType: 2, resourceName: 'p-topic', configs: [{ name: 'retention.ms', configOperation: 1, value: null }] },
        { resourceType: 4, resourceName: '', configs: [{ name: 'log.retention.ms', configOperation: 9, value: '1' }] },
        { resourceType: 4, resourceName: '1', configs: [{ name: 'log.retention.ms', configOperation: 2, value: '1' }] },
      ],
    });
    expect(results(inc)).toEqual([
      ['p-topic', 0, null],
      ['', 42, 'Unknown operations type 9'],
      ['1', 40, 'Config value append is not allowed for config key: log.retention.ms'],
    ]);
    const append = await conn.send(ApiKey.IncrementalAlterConfigs, {
      validateOnly: false,
      resources: [{ resourceType: 4, resourceName: '', configs: [{ name: 'log.cleanup.policy', configOperation: 2, value: 'compact' }] }],
    });
    expect(results(append)).toEqual([['', 0, null]]);
    expect(running.engine.configs.dynamicBrokerConfigs(true).get('log.cleanup.policy')).toBe('delete,compact');
  });

  it('every successful change fires ConfigManager.onChange (timers re-arm); validate-only and failures do not', async () => {
    let fired = 0;
    const off = running.engine.configs.onChange(() => { fired++; });
    try {
      const alter = (configs: any[], validateOnly = false) => conn.send(ApiKey.IncrementalAlterConfigs, {
        validateOnly, resources: [{ resourceType: 4, resourceName: '', configs }],
      });
      await alter([{ name: 'log.retention.check.interval.ms', configOperation: 0, value: '1000' }]);
      expect(fired).toBe(1);
      expect(running.engine.configs.brokerInt('log.retention.check.interval.ms')).toBe(1000);
      await alter([{ name: 'log.retention.check.interval.ms', configOperation: 0, value: '5' }], true);
      await alter([{ name: 'log.retention.check.interval.ms', configOperation: 0, value: '0' }]);
      expect(fired).toBe(1);
      expect(running.engine.configs.brokerInt('log.retention.check.interval.ms')).toBe(1000);
      await conn.send(ApiKey.IncrementalAlterConfigs, {
        validateOnly: false, resources: [{ resourceType: 2, resourceName: 'p-topic', configs: [{ name: 'retention.ms', configOperation: 0, value: '10' }] }],
      });
      expect(fired).toBe(2);
      expect(running.engine.configs.topicInt(running.engine.metadata.topic('p-topic'), 'retention.ms')).toBe(10);
    } finally {
      off();
    }
  });
});
