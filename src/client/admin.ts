// Admin calls the tools need, shaped like the Java AdminClient's results. Each call has a
// deadline (default.api.timeout.ms) and goes to the right broker (any broker for metadata-ish
// calls, the controller-facing calls to any broker too, as KRaft brokers forward them).
import { Cluster, ClusterOptions } from './cluster';
import { ApiKey } from '../protocol/apis';
import { ErrorCode, KafkaError, TimeoutError } from '../protocol/errors';
import { CONFIG_SOURCE_ID } from '../config/wire-ids';

export interface AdminOptions extends Omit<ClusterOptions, 'logPrefix' | 'clientId'> {
  clientId?: string;
  defaultApiTimeoutMs?: number;
  requestTimeoutMs?: number;
}

export interface PartitionInfo {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
  /** Eligible leader replicas (KIP-966): only from DescribeTopicPartitions. */
  elr?: number[];
  lastKnownElr?: number[];
}

export interface TopicDescription {
  name: string;
  topicId: string | null;
  internal: boolean;
  partitions: PartitionInfo[];
  errorCode: number;
}

/** A TopicDescription that may share its partition list with other topics: read only. */
export interface DescribedTopic extends Omit<TopicDescription, 'partitions'> {
  partitions: readonly PartitionInfo[];
}

export interface NewTopic {
  name: string;
  numPartitions: number; // -1 = broker default
  replicationFactor: number; // -1 = broker default
  assignments?: number[][];
  configs?: Map<string, string>;
}

export interface ConfigEntry {
  name: string;
  value: string | null;
  readOnly: boolean;
  source: number;
  isSensitive: boolean;
  isDefault: boolean;
  synonyms: { name: string; value: string | null; source: number }[];
}

export const ConfigResourceType = { TOPIC: 2, BROKER: 4, BROKER_LOGGER: 8 } as const;

/** DescribeConfigs config sources by name (the wire ids of src/config/wire-ids.ts). */
export const ConfigSource = CONFIG_SOURCE_ID;

let adminClientCounter = 0;

export class Admin {
  readonly cluster: Cluster;
  private readonly apiTimeout: number;

  constructor(opts: AdminOptions) {
    const clientId = opts.clientId ?? `adminclient-${++adminClientCounter}`;
    this.cluster = new Cluster({ ...opts, clientId, logPrefix: `[AdminClient clientId=${clientId}] ` });
    this.apiTimeout = opts.defaultApiTimeoutMs ?? 60000;
  }

  private deadline(): number {
    return Date.now() + this.apiTimeout;
  }

  /** Send to any broker; retries once on a dropped connection. `shareRepeats`: see Connection.send. */
  private async call<T = any>(apiKey: number, body: unknown, callName: string, shareRepeats = false): Promise<T> {
    const deadline = this.deadline();
    for (let attempt = 0; ; attempt++) {
      const conn = await this.cluster.anyConnection(deadline, callName);
      try {
        return await conn.send<T>(apiKey, body, undefined, shareRepeats);
      } catch (e) {
        if (e instanceof KafkaError || attempt >= 2 || Date.now() >= deadline) throw e;
      }
    }
  }

  /** All topic names with their internal flag. */
  async listTopics(): Promise<{ name: string; internal: boolean }[]> {
    const md = await this.cluster.metadata(null, this.deadline(), 'listTopics', false, true);
    return md.topics.filter((t: any) => t.errorCode === 0).map((t: any) => ({ name: t.name, internal: t.isInternal }));
  }

  async describeTopics(names: string[]): Promise<TopicDescription[]> {
    if (names.length === 0) return [];
    const md = await this.cluster.metadata(names, this.deadline(), 'describeTopics');
    return md.topics.map((t: any) => ({
      name: t.name,
      topicId: t.topicId ?? null,
      internal: t.isInternal,
      errorCode: t.errorCode,
      partitions: [...t.partitions]
        .sort((a: any, b: any) => a.partitionIndex - b.partitionIndex)
        .map((p: any) => ({ partition: p.partitionIndex, leader: p.leaderId, replicas: p.replicaNodes, isr: p.isrNodes })),
    }));
  }

  /**
   * describeTopics as Kafka 4.x's admin client does it for names: DescribeTopicPartitions page by
   * page (`limit` partitions a response), which carries each partition's eligible leader replicas;
   * through Metadata (no ELR) where the broker does not offer that API. Read only: topics whose
   * partitions look alike (one broker: every topic of N partitions) may share one list.
   */
  async describeTopicsPaged(names: string[], limit = 2000): Promise<DescribedTopic[]> {
    if (names.length === 0) return [];
    const conn = await this.cluster.anyConnection(this.deadline(), 'describeTopics');
    if (!conn.supports(ApiKey.DescribeTopicPartitions)) return this.describeTopics(names);
    const out: DescribedTopic[] = [];
    const shared = new Map<unknown[], readonly PartitionInfo[]>();
    let cursor: { topicName: string; partitionIndex: number } | null = null;
    const topics = [...names].sort().map((name) => ({ name }));
    let from = 0;
    do {
      // As Kafka's client, each request names the topics not described yet, from the cursor's on.
      if (cursor !== null) {
        const at = cursor.topicName;
        while (from < topics.length && topics[from].name < at) from++;
      }
      const pending = from === 0 ? topics : topics.slice(from);
      const resp: any = await this.call(ApiKey.DescribeTopicPartitions, { topics: pending, responsePartitionLimit: limit, cursor }, 'describeTopics', true);
      for (const t of resp.topics) {
        let partitions = shared.get(t.partitions);
        if (partitions === undefined) {
          partitions = t.partitions.map((p: any): PartitionInfo => ({
            partition: p.partitionIndex, leader: p.leaderId, replicas: p.replicaNodes, isr: p.isrNodes,
            elr: p.eligibleLeaderReplicas ?? [], lastKnownElr: p.lastKnownElr ?? [],
          }));
          shared.set(t.partitions, partitions!);
        }
        // A topic cut by the partition limit goes on in the next response.
        const last = out[out.length - 1];
        if (last !== undefined && last.name === t.name) last.partitions = [...last.partitions, ...partitions!];
        else out.push({ name: t.name, topicId: t.topicId ?? null, internal: t.isInternal, errorCode: t.errorCode, partitions: partitions! });
      }
      cursor = resp.nextCursor;
    } while (cursor !== null);
    for (const d of out) {
      if (d.partitions.some((p, i) => i > 0 && d.partitions[i - 1].partition > p.partition)) {
        d.partitions = [...d.partitions].sort((a, b) => a.partition - b.partition);
      }
    }
    return out;
  }

  /** Create topics; per-topic result: undefined on success, else the KafkaError. */
  async createTopics(topics: NewTopic[], validateOnly = false): Promise<Map<string, KafkaError | undefined>> {
    const body = {
      topics: topics.map((t) => ({
        name: t.name,
        numPartitions: t.assignments?.length ? -1 : t.numPartitions,
        replicationFactor: t.assignments?.length ? -1 : t.replicationFactor,
        assignments: (t.assignments ?? []).map((brokerIds, partitionIndex) => ({ partitionIndex, brokerIds })),
        configs: [...(t.configs ?? new Map())].map(([name, value]) => ({ name, value })),
      })),
      timeoutMs: this.apiTimeout,
      validateOnly,
    };
    const resp: any = await this.call(ApiKey.CreateTopics, body, 'createTopics');
    return new Map(resp.topics.map((t: any) => [t.name, t.errorCode === 0 ? undefined : KafkaError.from(t.errorCode, t.errorMessage ?? undefined)]));
  }

  async deleteTopics(names: string[]): Promise<Map<string, KafkaError | undefined>> {
    const resp: any = await this.call(ApiKey.DeleteTopics, { topicNames: names, timeoutMs: this.apiTimeout }, 'deleteTopics');
    return new Map(resp.responses.map((t: any) => [t.name, t.errorCode === 0 ? undefined : KafkaError.from(t.errorCode, t.errorMessage ?? undefined)]));
  }

  async createPartitions(updates: { name: string; count: number; assignments?: number[][] }[]): Promise<Map<string, KafkaError | undefined>> {
    const body = {
      topics: updates.map((u) => ({
        name: u.name, count: u.count,
        assignments: u.assignments && u.assignments.length ? u.assignments.map((brokerIds) => ({ brokerIds })) : null,
      })),
      timeoutMs: this.apiTimeout,
      validateOnly: false,
    };
    const resp: any = await this.call(ApiKey.CreatePartitions, body, 'createPartitions');
    return new Map(resp.results.map((r: any) => [r.name, r.errorCode === 0 ? undefined : KafkaError.from(r.errorCode, r.errorMessage ?? undefined)]));
  }

  /**
   * The node a config resource's requests go to, as the Java client picks it: a broker (or broker
   * logger) resource named by an id goes to that broker, waiting for metadata to name it until
   * the deadline (`Timed out waiting for a node assignment`); everything else to any broker.
   */
  private async resourceConnection(resourceType: number, resourceName: string, deadline: number, callName: string) {
    const byId = (resourceType === ConfigResourceType.BROKER || resourceType === ConfigResourceType.BROKER_LOGGER) && resourceName !== '';
    if (!byId) return this.cluster.anyConnection(deadline, callName);
    const nodeId = Number(resourceName);
    for (let backoff = 50; ; backoff = Math.min(1000, backoff * 2)) {
      await this.cluster.metadata([], deadline, callName);
      if (this.cluster.brokers.has(nodeId)) return this.cluster.connectionTo(nodeId);
      if (Date.now() + backoff >= deadline) throw new TimeoutError(`Timed out waiting for a node assignment. Call: ${callName}`);
      await new Promise((r) => setTimeout(r, backoff));
    }
  }

  /**
   * DescribeConfigs for resources of one type: each resource's entries or its error. Resources with
   * the same entries (topics without overrides) may share one list: read only.
   */
  async describeConfigs(resourceType: number, names: string[], includeSynonyms = false): Promise<Map<string, readonly ConfigEntry[] | KafkaError>> {
    const deadline = this.deadline();
    // One request per target node (broker resources go to their broker), as the Java client does.
    const groups = new Map<string, string[]>();
    for (const n of names) {
      const key = (resourceType === ConfigResourceType.BROKER || resourceType === ConfigResourceType.BROKER_LOGGER) && n !== '' ? n : '';
      const group = groups.get(key);
      if (group === undefined) groups.set(key, [n]);
      else group.push(n);
    }
    const results = (await Promise.all([...groups].map(async ([target, group]) => {
      const conn = await this.resourceConnection(resourceType, target, deadline, 'describeConfigs');
      // Read only: resources with the same entries (topics without overrides) share one decoded list.
      const resp: any = await conn.send(ApiKey.DescribeConfigs, {
        resources: group.map((resourceName) => ({ resourceType, resourceName, configurationKeys: null })),
        includeSynonyms,
        includeDocumentation: false,
      }, undefined, true);
      return resp.results as any[];
    }))).flat();
    const out = new Map<string, readonly ConfigEntry[] | KafkaError>();
    const shared = new Map<unknown[], readonly ConfigEntry[]>();
    for (const r of results) {
      if (r.errorCode !== 0) {
        out.set(r.resourceName, KafkaError.from(r.errorCode, r.errorMessage ?? undefined));
        continue;
      }
      let entries = shared.get(r.configs);
      if (entries === undefined) {
        entries = r.configs.map((c: any): ConfigEntry => ({
          name: c.name, value: c.value, readOnly: c.readOnly, isSensitive: c.isSensitive,
          source: c.configSource === -1 ? (c.isDefault ? ConfigSource.DEFAULT_CONFIG : ConfigSource.DYNAMIC_TOPIC_CONFIG) : c.configSource,
          isDefault: c.configSource === ConfigSource.DEFAULT_CONFIG || (c.configSource === -1 && c.isDefault),
          synonyms: c.synonyms ?? [],
        }));
        shared.set(r.configs, entries!);
      }
      out.set(r.resourceName, entries!);
    }
    return out;
  }

  /**
   * Change one topic's config overrides: the `set` entries are set, the `remove` names deleted
   * (a name in both is deleted). Uses IncrementalAlterConfigs when the broker supports it, else the
   * legacy AlterConfigs with the complete resulting set of overrides, computed from `current` (the
   * topic's present overrides). Throws the broker's KafkaError.
   */
  async alterTopicConfigs(topic: string, set: ReadonlyMap<string, string>, remove: readonly string[], current: ReadonlyMap<string, string>): Promise<void> {
    const conn = await this.cluster.anyConnection(this.deadline(), 'incrementalAlterConfigs');
    let resp: any;
    if (conn.supports(ApiKey.IncrementalAlterConfigs)) {
      const configs = [
        ...[...set].filter(([name]) => !remove.includes(name)).map(([name, value]) => ({ name, configOperation: 0, value })),
        ...[...new Set(remove)].map((name) => ({ name, configOperation: 1, value: null })),
      ];
      resp = await this.call(ApiKey.IncrementalAlterConfigs, {
        resources: [{ resourceType: ConfigResourceType.TOPIC, resourceName: topic, configs }],
        validateOnly: false,
      }, 'incrementalAlterConfigs');
    } else {
      const all = new Map(current);
      for (const [k, v] of set) all.set(k, v);
      for (const k of remove) all.delete(k);
      resp = await this.call(ApiKey.AlterConfigs, {
        resources: [{ resourceType: ConfigResourceType.TOPIC, resourceName: topic, configs: [...all].map(([name, value]) => ({ name, value })) }],
        validateOnly: false,
      }, 'alterConfigs');
    }
    for (const r of resp.responses) {
      if (r.errorCode !== 0) throw KafkaError.from(r.errorCode, r.errorMessage ?? undefined);
    }
  }

  /** Node ids of the cluster's brokers (describeCluster), sorted. */
  async brokerIds(): Promise<number[]> {
    await this.cluster.metadata([], this.deadline(), 'describeCluster');
    return [...this.cluster.brokers.keys()].sort((a, b) => a - b);
  }

  /**
   * Fail as the Java client does when the broker does not offer an API:
   * `UnsupportedVersionException: The node does not support <API_NAME>`.
   */
  async requireApi(apiKey: number, javaApiName: string, callName: string): Promise<void> {
    const conn = await this.cluster.anyConnection(this.deadline(), callName);
    if (!conn.supports(apiKey)) throw KafkaError.from(ErrorCode.UNSUPPORTED_VERSION, `The node does not support ${javaApiName}`);
  }

  /**
   * IncrementalAlterConfigs for one resource (op: 0 SET, 1 DELETE, 2 APPEND, 3 SUBTRACT), sent
   * where the Java client sends it (see resourceConnection); `timeoutMs` is the call's timeout
   * (default.api.timeout.ms unless given). Throws the broker's error.
   */
  async incrementalAlterConfigs(
    resourceType: number, resourceName: string, ops: readonly { name: string; op: number; value: string | null }[], validateOnly = false,
    timeoutMs?: number,
  ): Promise<void> {
    await this.requireApi(ApiKey.IncrementalAlterConfigs, 'INCREMENTAL_ALTER_CONFIGS', 'incrementalAlterConfigs');
    const deadline = Date.now() + (timeoutMs ?? this.apiTimeout);
    const conn = await this.resourceConnection(resourceType, resourceName, deadline, 'incrementalAlterConfigs');
    const resp: any = await conn.send(ApiKey.IncrementalAlterConfigs, {
      resources: [{ resourceType, resourceName, configs: ops.map((o) => ({ name: o.name, configOperation: o.op, value: o.value })) }],
      validateOnly,
    });
    for (const r of resp.responses) if (r.errorCode !== 0) throw KafkaError.from(r.errorCode, r.errorMessage ?? undefined);
  }

  /** Legacy AlterConfigs for one resource: `configs` becomes its complete set of dynamic configs. */
  async alterConfigs(resourceType: number, resourceName: string, configs: ReadonlyMap<string, string | null>, validateOnly = false): Promise<void> {
    await this.requireApi(ApiKey.AlterConfigs, 'ALTER_CONFIGS', 'alterConfigs');
    const resp: any = await this.call(ApiKey.AlterConfigs, {
      resources: [{ resourceType, resourceName, configs: [...configs].map(([name, value]) => ({ name, value })) }],
      validateOnly,
    }, 'alterConfigs');
    for (const r of resp.responses) if (r.errorCode !== 0) throw KafkaError.from(r.errorCode, r.errorMessage ?? undefined);
  }

  close(): void {
    this.cluster.close();
  }
}

export { TimeoutError, ErrorCode };
