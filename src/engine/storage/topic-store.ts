// Topics, their partitions and config overrides, cached in memory and persisted in SQLite.
import type { Db } from './database';
import { randomUuid } from '../../protocol/uuid';

export interface PartitionRecord {
  /** The topic's id: the key of this partition in the cluster's metadata image. */
  topicId: string;
  partition: number;
  logStartOffset: number;
  highWatermark: number;
  leaderEpoch: number;
  replicas: number[];
}

export interface TopicRecord {
  tk: number;
  id: string;
  name: string;
  replicationFactor: number;
  internal: boolean;
  partitions: PartitionRecord[];
  configs: Map<string, string>;
}

export class TopicStore {
  private byName = new Map<string, TopicRecord>();
  private byId = new Map<string, TopicRecord>();
  private byKey = new Map<number, TopicRecord>();

  private insTopic;
  private insPartition;
  private insConfig;
  private delConfigs;
  private delTopic;
  private delBatches;
  private delPartitions;

  constructor(private readonly db: Db) {
    this.insTopic = db.prepare(
      'INSERT INTO topics (id, name, replication_factor, internal, created_ms) VALUES (?, ?, ?, ?, ?)',
    );
    this.insPartition = db.prepare(
      'INSERT INTO partitions (tk, partition, log_start_offset, high_watermark, leader_epoch, replicas) VALUES (?, ?, 0, 0, 0, ?)',
    );
    this.insConfig = db.prepare('INSERT OR REPLACE INTO topic_configs (tk, name, value) VALUES (?, ?, ?)');
    this.delConfigs = db.prepare('DELETE FROM topic_configs WHERE tk = ?');
    this.delTopic = db.prepare('DELETE FROM topics WHERE tk = ?');
    this.delBatches = db.prepare('DELETE FROM batches WHERE tk = ?');
    this.delPartitions = db.prepare('DELETE FROM partitions WHERE tk = ?');
    this.load();
  }

  /** Drop the cache and read everything again (after a failed transaction). */
  reload(): void {
    this.byName.clear();
    this.byId.clear();
    this.byKey.clear();
    this.load();
  }

  private load(): void {
    const topics = this.db.prepare('SELECT tk, id, name, replication_factor, internal FROM topics').all() as any[];
    for (const t of topics) {
      const rec: TopicRecord = {
        tk: t.tk, id: t.id, name: t.name, replicationFactor: t.replication_factor,
        internal: t.internal === 1, partitions: [], configs: new Map(),
      };
      this.index(rec);
    }
    for (const p of this.db.prepare('SELECT * FROM partitions ORDER BY tk, partition').all() as any[]) {
      // By index: a replica's partitions may arrive in any order, so the array can have holes.
      const rec = this.byKey.get(p.tk);
      if (rec) rec.partitions[p.partition] = ({
        topicId: rec.id, partition: p.partition, logStartOffset: p.log_start_offset, highWatermark: p.high_watermark,
        leaderEpoch: p.leader_epoch, replicas: JSON.parse(p.replicas),
      });
    }
    for (const c of this.db.prepare('SELECT tk, name, value FROM topic_configs').all() as any[]) {
      this.byKey.get(c.tk)?.configs.set(c.name, c.value);
    }
  }

  private index(rec: TopicRecord): void {
    this.byName.set(rec.name, rec);
    this.byId.set(rec.id, rec);
    this.byKey.set(rec.tk, rec);
  }

  get(name: string): TopicRecord | undefined {
    return this.byName.get(name);
  }

  getById(id: string): TopicRecord | undefined {
    return this.byId.get(id);
  }

  all(): TopicRecord[] {
    return [...this.byName.values()];
  }

  /** Create a topic (with the id the cluster's metadata gave it). */
  create(name: string, assignment: number[][], replicationFactor: number, configs: Map<string, string>, internal: boolean, id: string = randomUuid()): TopicRecord {
    return this.db.transaction(() => {
      const info = this.insTopic.run(id, name, replicationFactor, internal ? 1 : 0, Date.now());
      const tk = Number(info.lastInsertRowid);
      const rec: TopicRecord = { tk, id, name, replicationFactor, internal, partitions: [], configs: new Map(configs) };
      assignment.forEach((replicas, p) => {
        this.insPartition.run(tk, p, JSON.stringify(replicas));
        rec.partitions.push({ topicId: id, partition: p, logStartOffset: 0, highWatermark: 0, leaderEpoch: 0, replicas });
      });
      for (const [k, v] of configs) this.insConfig.run(tk, k, v);
      this.index(rec);
      return rec;
    }).immediate();
  }

  /**
   * Local storage for a replica the cluster metadata gives this broker: the topic row (under the
   * cluster's topic id; a local topic of the same name but another id is an older, deleted one)
   * and the partition row, created when missing.
   */
  ensureReplica(id: string, name: string, partition: number, replicas: number[], internal: boolean): { topic: TopicRecord; p: PartitionRecord } {
    let rec = this.byId.get(id);
    if (!rec) {
      const stale = this.byName.get(name);
      if (stale) this.delete(stale);
      const info = this.insTopic.run(id, name, replicas.length, internal ? 1 : 0, Date.now());
      rec = { tk: Number(info.lastInsertRowid), id, name, replicationFactor: replicas.length, internal, partitions: [], configs: new Map() };
      this.index(rec);
    }
    let p = rec.partitions[partition];
    if (!p) {
      this.insPartition.run(rec.tk, partition, JSON.stringify(replicas));
      p = { topicId: rec.id, partition, logStartOffset: 0, highWatermark: 0, leaderEpoch: 0, replicas };
      rec.partitions[partition] = p;
    }
    return { topic: rec, p };
  }

  addPartitions(rec: TopicRecord, assignment: number[][]): void {
    this.db.transaction(() => {
      for (const replicas of assignment) {
        const p = rec.partitions.length;
        this.insPartition.run(rec.tk, p, JSON.stringify(replicas));
        rec.partitions.push({ topicId: rec.id, partition: p, logStartOffset: 0, highWatermark: 0, leaderEpoch: 0, replicas });
      }
    }).immediate();
  }

  setConfigs(rec: TopicRecord, configs: Map<string, string>): void {
    this.db.transaction(() => {
      this.delConfigs.run(rec.tk);
      for (const [k, v] of configs) this.insConfig.run(rec.tk, k, v);
    }).immediate();
    rec.configs = new Map(configs);
  }

  private updLogStart?: ReturnType<Db['prepare']>; // prepared on first use

  /**
   * Persist a new log start offset (retention, DeleteRecords). It only moves forward; call inside
   * the transaction that deletes the batches below it.
   */
  setLogStartOffset(rec: TopicRecord, p: PartitionRecord, offset: number): void {
    if (offset <= p.logStartOffset) return;
    this.updLogStart ??= this.db.prepare('UPDATE partitions SET log_start_offset = ? WHERE tk = ? AND partition = ?');
    this.updLogStart.run([offset, rec.tk, p.partition]);
    p.logStartOffset = offset;
  }

  delete(rec: TopicRecord): void {
    this.db.transaction(() => {
      this.delBatches.run(rec.tk);
      this.delPartitions.run(rec.tk);
      this.delConfigs.run(rec.tk);
      this.delTopic.run(rec.tk);
    }).immediate();
    this.byName.delete(rec.name);
    this.byId.delete(rec.id);
    this.byKey.delete(rec.tk);
  }
}
