// A log dir written before the metadata store existed keeps its catalog in its own database
// (topics, partitions, topic and broker configs, client quotas, SCRAM credentials, group and
// client metrics configs, the next producer id, the cluster id). The
// first time this broker is the active controller, that catalog becomes metadata records, once
// (the log dir's meta table remembers it), as Kafka's ZooKeeper-to-KRaft migration copies
// ZooKeeper's state into the metadata log. Topics the cluster already has are left alone.
import type { Engine } from '../engine';
import type { MetadataImage } from './image';
import { ConfigResource, type MetadataRecord } from './records';

const MIGRATED = 'metadata.migrated';

/**
 * Has this log dir's catalog been brought into the store it uses now? Remembered per store: a
 * broker that later joins a cluster brings its topics into the cluster's store instead of
 * losing them as strays.
 */
export function isMigrated(engine: Engine): boolean {
  return engine.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(MIGRATED) === engine.settings.metadataStoreFile;
}

export function markMigrated(engine: Engine): void {
  engine.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(MIGRATED, engine.settings.metadataStoreFile);
}

/** The records that bring the log dir's catalog into the cluster's metadata (none when migrated). */
export function migrationRecords(engine: Engine, image: MetadataImage): MetadataRecord[] {
  const db = engine.db;
  const records: MetadataRecord[] = [];
  for (const t of engine.topics.all()) {
    if (image.topicsByName.has(t.name) || image.topicsById.has(t.id)) continue;
    records.push({ type: 'Topic', name: t.name, topicId: t.id });
    for (const p of t.partitions) {
      records.push({
        type: 'Partition', topicId: t.id, partitionId: p.partition, replicas: p.replicas, isr: p.replicas,
        removingReplicas: [], addingReplicas: [], leader: p.replicas[0] ?? -1, leaderEpoch: p.leaderEpoch, partitionEpoch: 0,
        leaderRecoveryState: 0, eligibleLeaderReplicas: [], lastKnownElr: [],
      });
    }
    for (const [name, value] of t.configs) records.push({ type: 'Config', resourceType: ConfigResource.TOPIC, resourceName: t.name, name, value });
  }
  const rows = db.prepare('SELECT scope, name, value FROM broker_configs').all() as { scope: string; name: string; value: string }[];
  for (const r of rows) {
    const current = image.configs.get(`${ConfigResource.BROKER}:${r.scope}`)?.get(r.name);
    if (current === undefined) records.push({ type: 'Config', resourceType: ConfigResource.BROKER, resourceName: r.scope, name: r.name, value: r.value });
  }
  if (image.clientQuotas.size === 0) {
    const quotas = db.prepare('SELECT entity, key, value FROM client_quotas ORDER BY rowid').all() as { entity: string; key: string; value: number }[];
    for (const q of quotas) records.push({ type: 'ClientQuota', entity: JSON.parse(q.entity), key: q.key, value: q.value });
  }
  const creds = db.prepare('SELECT user, mechanism, iterations, salt, stored_key, server_key FROM scram_credentials ORDER BY rowid').all() as {
    user: string; mechanism: number; iterations: number; salt: Buffer; stored_key: Buffer; server_key: Buffer;
  }[];
  for (const c of creds) {
    if (image.scram.get(c.user)?.has(c.mechanism)) continue;
    records.push({
      type: 'UserScramCredential', name: c.user, mechanism: c.mechanism, iterations: c.iterations,
      salt: c.salt.toString('base64'), storedKey: c.stored_key.toString('base64'), serverKey: c.server_key.toString('base64'),
    });
  }
  const resources = db.prepare('SELECT resource_type, resource_name, name, value FROM resource_configs ORDER BY rowid').all() as {
    resource_type: number; resource_name: string; name: string; value: string;
  }[];
  for (const r of resources) {
    if (image.configs.get(`${r.resource_type}:${r.resource_name}`)?.has(r.name)) continue;
    records.push({ type: 'Config', resourceType: r.resource_type, resourceName: r.resource_name, name: r.name, value: r.value });
  }
  const nextPid = Number(db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get('next.producer.id') ?? 0);
  if (nextPid > image.nextProducerId) {
    records.push({ type: 'ProducerIds', brokerId: engine.settings.nodeId, brokerEpoch: -1, nextProducerId: nextPid });
  }
  return records;
}
