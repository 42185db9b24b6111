// The metadata store in use with one broker: the catalog lives as metadata records in
// <log.dirs>/cluster-metadata.db, written by the broker's own controller and replayed into its
// image; a log dir from before the store existed is migrated into it once.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, startInProcessEngine, tempDir } from '../helpers/engine';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { MetadataStore } = require(path.join(ROOT, 'dist/engine/metadata/store'));

async function connect(port: number) {
  const c = new BrokerConnection('127.0.0.1', port, 'store-test');
  await c.connect();
  return c;
}

function records(dir: string): any[] {
  const store = new MetadataStore(path.join(dir, 'cluster-metadata.db'), { readonly: true });
  try {
    return store.readAfter(0, 100000).map((e: any) => e.record);
  } finally {
    store.close();
  }
}

const createTopic = (c: any, name: string, configs: { name: string; value: string }[] = []) =>
  c.request(ApiKey.CreateTopics, 7, { topics: [{ name, numPartitions: 2, replicationFactor: 1, assignments: [], configs }], timeoutMs: 10000, validateOnly: false });

async function topicIds(c: any): Promise<Map<string, string>> {
  const r = await c.request(ApiKey.Metadata, 12, { topics: null, allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
  return new Map(r.topics.map((t: any) => [t.name, t.topicId]));
}

async function topicConfig(c: any, topic: string, name: string): Promise<string | undefined> {
  const r = await c.request(ApiKey.DescribeConfigs, 3, { resources: [{ resourceType: 2, resourceName: topic, configurationKeys: [name] }], includeSynonyms: false, includeDocumentation: false });
  return r.results[0].configs.find((x: any) => x.name === name)?.value;
}

describe('the metadata store with one broker', () => {
  it('topics, partitions, configs and deletions are records appended by the broker\'s controller', async () => {
    const e = await startInProcessEngine();
    const c = await connect(e.port);
    try {
      expect((await createTopic(c, 'rec-a', [{ name: 'retention.ms', value: '60000' }])).topics[0].errorCode).toBe(0);
      const alter = await c.request(ApiKey.IncrementalAlterConfigs, 0, { validateOnly: false, resources: [
        { resourceType: 2, resourceName: 'rec-a', configs: [{ name: 'retention.ms', configOperation: 0, value: '120000' }] },
      ] });
      expect(alter.responses[0].errorCode).toBe(0);
      expect(await topicConfig(c, 'rec-a', 'retention.ms')).toBe('120000');
      expect((await c.request(ApiKey.DeleteTopics, 3, { topicNames: ['rec-a'], timeoutMs: 10000 })).responses[0].errorCode).toBe(0);
      const log = records(e.dir);
      const types = log.map((r) => r.type);
      expect(types.slice(0, 1)).toEqual(['RegisterBroker']);
      expect(types).toContain('ClusterId');
      const topic = log.find((r) => r.type === 'Topic' && r.name === 'rec-a');
      expect(log.filter((r) => r.type === 'Partition' && r.topicId === topic.topicId).map((r) => [r.partitionId, r.leader, r.isr])).toEqual([[0, 1, [1]], [1, 1, [1]]]);
      expect(log.filter((r) => r.type === 'Config' && r.resourceName === 'rec-a').map((r) => r.value)).toEqual(['60000', '120000']);
      expect(log.find((r) => r.type === 'Config' && r.resourceType === 4 && r.name === 'min.insync.replicas')).toMatchObject({ resourceName: '', value: '1' });
      expect(log.at(-1)).toEqual({ type: 'RemoveTopic', topicId: topic.topicId });
      expect((await topicIds(c)).has('rec-a')).toBe(false);
    } finally {
      c.close();
      await e.stop();
    }
  });

  it('a log dir from before the store keeps its topics, ids, configs and producer ids (migrated once)', async () => {
    const dir = tempDir('kl-migrate-');
    let e = await startInProcessEngine({ 'log.dirs': dir });
    let c = await connect(e.port);
    let ids: Map<string, string>;
    let pid: number;
    try {
      await createTopic(c, 'old-a', [{ name: 'retention.ms', value: '5000' }]);
      await createTopic(c, 'old-b');
      ids = await topicIds(c);
      pid = Number((await c.request(ApiKey.InitProducerId, 1, { transactionalId: null, transactionTimeoutMs: 1000 })).producerId);
    } finally {
      c.close();
      await e.stop();
    }
    // What an older kafka-local left: the catalog only in kafka-local.db, no metadata store.
    for (const f of fs.readdirSync(dir)) if (f.startsWith('cluster-metadata.db')) fs.rmSync(path.join(dir, f));
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const Database = require('better-sqlite3');
    const db = new Database(path.join(dir, 'kafka-local.db'));
    db.prepare("DELETE FROM meta WHERE key = 'metadata.migrated'").run();
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('next.producer.id', ?)").run(String(pid + 5000));
    db.close();

    e = await startInProcessEngine({ 'log.dirs': dir });
    c = await connect(e.port);
    try {
      const after = await topicIds(c);
      expect(after.get('old-a')).toBe(ids.get('old-a'));
      expect(after.get('old-b')).toBe(ids.get('old-b'));
      expect(await topicConfig(c, 'old-a', 'retention.ms')).toBe('5000');
      const next = Number((await c.request(ApiKey.InitProducerId, 1, { transactionalId: null, transactionTimeoutMs: 1000 })).producerId);
      expect(next).toBeGreaterThanOrEqual(pid + 5000);
      const log = records(dir);
      expect(log.filter((r) => r.type === 'Topic').map((r) => r.name).sort()).toEqual(['old-a', 'old-b']);
    } finally {
      c.close();
      await e.stop();
    }
    // Migrated once: a restart appends no second copy.
    e = await startInProcessEngine({ 'log.dirs': dir });
    await e.stop();
    expect(records(dir).filter((r) => r.type === 'Topic').length).toBe(2);
  });
});

describe('which cluster a broker joins', () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { clusterAddressOf, metadataStoreFile, dataRoot } = require(path.join(ROOT, 'dist/engine/metadata/cluster-location'));
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { buildStaticConfig } = require(path.join(ROOT, 'dist/config/server-properties'));
  const env = { KAFKA_LOCAL_HOME: '/data' };

  it('the built-in server.properties (its single-node quorum) is a one-broker cluster, stored in its log dir', () => {
    const props = buildStaticConfig({ overrides: new Map([['log.dirs', '/logs/a']]) });
    expect(props.get('controller.quorum.bootstrap.servers')).toBe('localhost:9093');
    expect(clusterAddressOf(props)).toBeNull();
    expect(metadataStoreFile(null, '/logs/a', env)).toBe('/logs/a/cluster-metadata.db');
  });

  it('zookeeper.connect, controller.quorum.voters or a given controller.quorum.bootstrap.servers name a shared store under the data root', () => {
    const zk = clusterAddressOf(new Map([['zookeeper.connect', 'localhost:2181']]));
    expect(zk).toEqual({ kind: 'zookeeper', address: 'localhost:2181', name: 'localhost_2181' });
    expect(metadataStoreFile(zk, '/logs/a', env)).toBe('/data/clusters/localhost_2181/cluster-metadata.db');
    expect(clusterAddressOf(new Map([['zookeeper.connect', 'localhost:2181/kafka']])).name).toBe('localhost_2181~kafka');
    expect(clusterAddressOf(new Map([['controller.quorum.voters', '1@localhost:9093,2@localhost:9095']])).name).toBe('localhost_9093+localhost_9095');
    expect(clusterAddressOf(new Map([['controller.quorum.bootstrap.servers', 'localhost:9093,localhost:9095']])).kind).toBe('quorum');
    expect(dataRoot({ XDG_DATA_HOME: '/x' }, 'linux', '/home/u')).toBe('/x/kafka-local');
  });
});
