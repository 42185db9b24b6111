// kafka-configs with the seed-era --zookeeper: Kafka 2.8's alterConfigWithZk / describeConfigWithZk,
// which read and wrote the entity's dynamic configs in ZooKeeper. Here the broker on the
// ZooKeeper host holds them: the same reads and writes go through DescribeConfigs / AlterConfigs,
// with 2.8's client-side checks (LogConfig.validate, "broker is running") and texts.

import { JavaException } from '../../cli/errors';
import type { OptionSet } from '../../cli/options';
import { Admin, ConfigResourceType } from '../../client/admin';
import { javaHashMapOrder } from '../../util/java-hash';
import { TOPIC_CONFIGS_REMOVED_IN_4, validateTopicConfigs } from '../../config/topic-configs';
import { ConfigValidationError } from '../../config/types';
import { CONFIG_SOURCE_ID } from '../../config/wire-ids';
import { ErrorCode, KafkaError } from '../../protocol/errors';
import { topicNameError } from '../../protocol/topic-name';
import { BROKERS, CLIENTS, IPS, TOPICS, USERS, entityNames, entityTypes } from './options';
import { parseConfigsToBeAdded, parseConfigsToBeDeleted } from './parse';
import { illegalArgument, invalidConfiguration } from './service';
import { MatchType, QuotaAdmin, SCRAM_MECHANISMS, type QuotaEntry } from '../../client/quota-admin';
import { javaDoubleToString, parseType, type ConfigType } from '../../config/types';
import { parseJavaDouble } from '../../util/java-lang';

/** Broker configs 2.8 lets ConfigCommand write through ZooKeeper while brokers run. */
const UPDATABLE_WHILE_RUNNING = new Set([
  'leader.replication.throttled.rate', 'follower.replication.throttled.rate', 'replica.alter.log.dirs.io.max.bytes.per.second',
]);

const MIN_ISR = 'min.insync.replicas';

/** kafka-configs entity types -> client quota entity types. */
const QUOTA_TYPE: Record<string, string> = { [USERS]: 'user', [CLIENTS]: 'client-id', [IPS]: 'ip' };
/** 2.8's DynamicConfig.Client / User (and Ip) definitions: name -> type. */
const CLIENT_QUOTA_TYPES = new Map<string, ConfigType>([
  ['producer_byte_rate', 'long'], ['consumer_byte_rate', 'long'], ['request_percentage', 'double'], ['controller_mutation_rate', 'double'],
]);
const IP_QUOTA_TYPES = new Map<string, ConfigType>([['connection_creation_rate', 'int']]);

/** A quota as ZooKeeper stored it: the number as given (whole numbers without a fraction). */
function quotaText(v: number): string {
  return Number.isInteger(v) ? String(v) : javaDoubleToString(v);
}

interface Entity {
  type: string;
  /** undefined = every entity of the type; '' = the default entity. */
  name: string | undefined;
}

/** ConfigCommand.Entity.toString (2.8). */
function entityText(e: Entity): string {
  const typeName = e.type === USERS ? 'user-principal' : e.type === CLIENTS ? 'client-id' : e.type === TOPICS ? 'topic' : e.type;
  if (e.name === undefined) return e.type;
  if (e.name === '') return `default ${typeName}`;
  return `${typeName} '${e.name}'`;
}

export class ZkConfigService {
  private readonly quotas: QuotaAdmin;

  constructor(private readonly admin: Admin, private readonly opts: OptionSet, private readonly out: (s: string) => void) {
    this.quotas = new QuotaAdmin(admin);
  }

  /** ConfigCommand.parseEntity (2.8): the root entity and, for users with clients, the child. */
  private entities(): Entity[] {
    const types = entityTypes(this.opts, 'zk28');
    const names = entityNames(this.opts, 'zk28');
    if (types[0] === USERS || types[0] === CLIENTS) {
      if (this.opts.has('alter') && names.length !== types.length) {
        throw illegalArgument('--entity-name or --entity-default must be specified with each --entity-type for --alter');
      }
      const reverse = types.length === 2 && types[0] === CLIENTS;
      const t = reverse ? [...types].reverse() : types;
      const n = reverse && names.length === 2 ? [...names].reverse() : names;
      return t.map((type, i) => ({ type, name: n[i] }));
    }
    return [{ type: types[0], name: names[0] }];
  }

  /** The entity's dynamic configs as ZooKeeper held them (what the broker reports as dynamic). */
  private async fetchEntityConfig(e: Entity): Promise<Map<string, string | null>> {
    if (e.type === TOPICS) {
      const r = (await this.admin.describeConfigs(ConfigResourceType.TOPIC, [e.name!])).get(e.name!);
      if (r instanceof KafkaError) {
        if (r.code === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION || r.code === ErrorCode.INVALID_TOPIC_EXCEPTION) return new Map();
        throw r;
      }
      return new Map((r ?? []).filter((c) => c.source === CONFIG_SOURCE_ID.DYNAMIC_TOPIC_CONFIG).map((c) => [c.name, c.value]));
    }
    if (e.type === BROKERS) {
      // A broker id that is not running: nothing stored for it.
      if (e.name !== '' && !(await this.admin.brokerIds()).includes(Number(e.name))) return new Map();
      const r = (await this.admin.describeConfigs(ConfigResourceType.BROKER, [e.name!])).get(e.name!);
      if (r instanceof KafkaError) throw r;
      const source = e.name === '' ? CONFIG_SOURCE_ID.DYNAMIC_DEFAULT_BROKER_CONFIG : CONFIG_SOURCE_ID.DYNAMIC_BROKER_CONFIG;
      return new Map((r ?? []).filter((c) => c.source === source).map((c) => [c.name, c.value]));
    }
    // users, clients, ips: client quotas and SCRAM credentials, which this broker never has.
    return new Map();
  }

  async alter(): Promise<void> {
    const added = parseConfigsToBeAdded(this.opts, 'zk28', (s) => this.out(s.replace(/\n$/, '')));
    const deleted = parseConfigsToBeDeleted(this.opts);
    const entities = this.entities();
    const entity = entities[0];
    const name = entity.name!;
    if (entity.type === BROKERS) {
      const dynamic = [...added.keys()].filter((k) => !UPDATABLE_WHILE_RUNNING.has(k));
      if (dynamic.length > 0) {
        const errorMessage = `--bootstrap-server option must be specified to update broker configs Set(${dynamic.join(', ')}).`;
        const info = 'Broker configuration updates using ZooKeeper are supported for bootstrapping before brokers are started to enable encrypted password configs to be stored in ZooKeeper.';
        // The broker behind this address is running (it answers), so 2.8 refuses.
        throw illegalArgument(name === ''
          ? `requirement failed: ${errorMessage} for default cluster if any broker is running. ${info}`
          : `requirement failed: ${errorMessage} when broker ${name} is running. ${info}`);
      }
    }
    const quota = entity.type === USERS || entity.type === CLIENTS || entity.type === IPS;
    const configs = quota ? await this.fetchQuotaConfig(entities) : await this.fetchEntityConfig(entity);
    const invalid = deleted.filter((k) => !configs.has(k));
    if (invalid.length > 0) throw invalidConfiguration(`Invalid config(s): ${invalid.join(',')}`);
    for (const [k, v] of added) configs.set(k, v);
    for (const k of deleted) configs.delete(k);

    if (entity.type === TOPICS) {
      // AdminZkClient.validateTopicConfig: the name, the topic's existence, LogConfig.validate.
      const nameError = topicNameError(name, 'zk28');
      if (nameError) throw new JavaException('org.apache.kafka.common.errors.InvalidTopicException', nameError);
      const exists = (await this.admin.listTopics()).some((t) => t.name === name);
      if (!exists) throw new JavaException('org.apache.kafka.common.errors.UnknownTopicOrPartitionException', `Topic '${name}' does not exist.`);
      try {
        // 2.8 still knew the topic configs Kafka 4 removed: the (4.x) broker is the one to refuse them.
        validateTopicConfigs(new Map([...configs].filter(([k]) => !TOPIC_CONFIGS_REMOVED_IN_4.has(k)).map(([k, v]) => [k, v ?? ''])));
      } catch (e) {
        if (e instanceof ConfigValidationError) throw new JavaException(e.javaClass, e.message);
        throw e;
      }
      await this.admin.alterConfigs(ConfigResourceType.TOPIC, name, configs);
    } else if (entity.type === BROKERS) {
      await this.admin.alterConfigs(ConfigResourceType.BROKER, name, configs);
    } else {
      await this.alterQuotas(entities, configs, added, deleted);
    }
    this.out(`Completed updating config for entity: ${entities.map(entityText).join(', ')}.`);
  }

  /**
   * The quota configs ZooKeeper held for an entity chain (user, or user and client, or client, or
   * ip): the broker's client quotas of exactly that entity, as 2.8 printed them (properties).
   */
  private async fetchQuotaConfig(chain: Entity[]): Promise<Map<string, string | null>> {
    const entries = await this.quotas.describeClientQuotas(chain.map((e) => (e.name === ''
      ? { entityType: QUOTA_TYPE[e.type], matchType: MatchType.DEFAULT, match: null }
      : { entityType: QUOTA_TYPE[e.type], matchType: MatchType.EXACT, match: e.name ?? null })), true);
    return new Map((entries[0]?.values ?? []).map(([k, v]) => [k, quotaText(v)]));
  }

  /** 2.8's DynamicConfig.Client/User/Ip.validate, then the changes written as client quotas. */
  private async alterQuotas(chain: Entity[], next: Map<string, string | null>, added: ReadonlyMap<string, string>, deleted: readonly string[]): Promise<void> {
    const root = chain[0].type;
    const scram = [...added.keys(), ...deleted].filter((k) => k.startsWith('SCRAM-'));
    if (root === USERS && scram.length > 0) {
      // SCRAM credentials (2.8 wrote them into the user's ZooKeeper node).
      await this.scram(chain[0].name!, added, deleted);
      return;
    }
    const defs = root === IPS ? IP_QUOTA_TYPES : CLIENT_QUOTA_TYPES;
    const unknown = [...next.keys()].filter((k) => !defs.has(k));
    if (unknown.length > 0) throw illegalArgument(`requirement failed: Unknown Dynamic Configuration: HashSet(${unknown.join(', ')}).`);
    for (const [k, v] of next) {
      try {
        parseType(k, v ?? '', defs.get(k)!);
      } catch (e) {
        if (e instanceof ConfigValidationError) throw new JavaException(e.javaClass, e.message);
        throw e;
      }
    }
    const entity: [string, string | null][] = chain.map((e) => [QUOTA_TYPE[e.type], e.name === '' ? null : e.name!]);
    await this.quotas.alterClientQuotas(entity, [
      ...[...added.keys()].map((key) => ({ key, value: Number(parseJavaDouble(added.get(key) as string)) })),
      ...deleted.map((key) => ({ key, value: null })),
    ]);
  }

  private async scram(user: string, added: ReadonlyMap<string, string>, deleted: readonly string[]): Promise<void> {
    const upsertions = [...added].map(([mechanism, value]) => {
      const m = /^(?:iterations=(\d+),)?password=(.*)$/s.exec(value);
      if (!m || !SCRAM_MECHANISMS.has(mechanism)) throw illegalArgument(`Invalid credential property ${mechanism}=${value}`);
      return { user, mechanism, iterations: m[1] ? Number(m[1]) : 4096, password: m[2] };
    });
    await this.quotas.alterUserScramCredentials(deleted.map((mechanism) => ({ user, mechanism })), upsertions);
  }

  /** 2.8's describe of users, clients and ips: one entity chain, or every entity of the type. */
  private async describeQuotas(chain: Entity[]): Promise<void> {
    const print = (c: Entity[], configs: ReadonlyMap<string, string | null>) => {
      // java.util.Properties iterates in its ConcurrentHashMap's order.
      const text = javaHashMapOrder(configs.keys(), { concurrent: true }).map((k) => `${k}=${configs.get(k)}`).join(',');
      this.out(`Configs for ${c.map(entityText).join(', ')} are ${text}`);
    };
    if (chain.every((e) => e.name !== undefined)) {
      print(chain, await this.fetchQuotaConfig(chain));
      return;
    }
    // Every entity node under the last type (its name '<default>' for the default), in the
    // order ZooKeeper keeps a node's children (a HashSet of initial capacity 8).
    const last = chain[chain.length - 1];
    const entries = await this.quotas.describeClientQuotas(chain.map((e) => (e === last
      ? { entityType: QUOTA_TYPE[e.type], matchType: MatchType.SPECIFIED, match: null }
      : e.name === '' ? { entityType: QUOTA_TYPE[e.type], matchType: MatchType.DEFAULT, match: null }
        : { entityType: QUOTA_TYPE[e.type], matchType: MatchType.EXACT, match: e.name ?? null })), true);
    const byNode = new Map<string, QuotaEntry>();
    for (const entry of entries) {
      const name = entry.entity.find(([t]) => t === QUOTA_TYPE[last.type])?.[1] ?? null;
      byNode.set(name === null ? '<default>' : name, entry);
    }
    for (const node of javaHashMapOrder(byNode.keys(), { initialCapacity: 8 })) {
      const entry = byNode.get(node)!;
      print([...chain.slice(0, -1), { type: last.type, name: node === '<default>' ? '' : node }], new Map(entry.values.map(([k, v]) => [k, quotaText(v)])));
    }
  }

  /**
   * What 2.8 would have found in ZooKeeper for the entity. A Kafka 4 cluster holds the
   * cluster-level min.insync.replicas its controller wrote when the cluster was formatted
   * (eligible leader replicas); 2.8 had no such node, so that value is left out unless someone
   * changed it since (it differs from the broker's static or default value).
   */
  private async describedConfig(e: Entity): Promise<Map<string, string | null>> {
    const configs = await this.fetchEntityConfig(e);
    if (e.type !== BROKERS || e.name !== '' || !configs.has(MIN_ISR)) return configs;
    const ids = await this.admin.brokerIds();
    if (ids.length === 0) return configs;
    const r = (await this.admin.describeConfigs(ConfigResourceType.BROKER, [String(ids[0])], true)).get(String(ids[0]));
    if (r instanceof KafkaError) throw r;
    const entry = (r ?? []).find((c) => c.name === MIN_ISR);
    const base = entry?.synonyms.find((s) => s.source === CONFIG_SOURCE_ID.STATIC_BROKER_CONFIG || s.source === CONFIG_SOURCE_ID.DEFAULT_CONFIG);
    if (base && base.value === configs.get(MIN_ISR)) configs.delete(MIN_ISR);
    return configs;
  }

  async describe(): Promise<void> {
    const entities = this.entities();
    const root = entities[0];
    if (root.type === USERS || root.type === CLIENTS || root.type === IPS) return this.describeQuotas(entities);
    let all: Entity[];
    if (root.name !== undefined) all = [root];
    else if (root.type === TOPICS) {
      // ZooKeeper keeps a znode's children in a HashSet (initial capacity 8): its order.
      all = javaHashMapOrder((await this.admin.listTopics()).map((t) => t.name), { initialCapacity: 8 }).map((n) => ({ type: TOPICS, name: n }));
    } else {
      // Brokers with a config node: those with dynamic configs, and the default (as `<default>`).
      all = [];
      for (const id of await this.admin.brokerIds()) {
        const e = { type: BROKERS, name: String(id) };
        if ((await this.fetchEntityConfig(e)).size > 0) all.push(e);
      }
      const dflt = { type: BROKERS, name: '' };
      if ((await this.describedConfig(dflt)).size > 0) all.push(dflt);
    }
    for (const e of all) {
      const configs = await this.describedConfig(e);
      // java.util.Properties iterates in its ConcurrentHashMap's order.
      const text = javaHashMapOrder(configs.keys(), { concurrent: true }).map((k) => `${k}=${configs.get(k)}`).join(',');
      this.out(`Configs for ${entityText(e)} are ${text}`);
    }
  }
}
