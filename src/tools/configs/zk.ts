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
import { ALTER_CLIENT_QUOTAS, ALTER_USER_SCRAM_CREDENTIALS, illegalArgument, invalidConfiguration } from './service';

/** Broker configs 2.8 lets ConfigCommand write through ZooKeeper while brokers run. */
const UPDATABLE_WHILE_RUNNING = new Set([
  'leader.replication.throttled.rate', 'follower.replication.throttled.rate', 'replica.alter.log.dirs.io.max.bytes.per.second',
]);

const MIN_ISR = 'min.insync.replicas';

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
  constructor(private readonly admin: Admin, private readonly opts: OptionSet, private readonly out: (s: string) => void) {}

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
    const configs = await this.fetchEntityConfig(entity);
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
      // Quotas and SCRAM credentials: the broker has no API to store them.
      const scram = [...added.keys()].some((k) => k.startsWith('SCRAM-'));
      await this.admin.requireApi(...(scram ? ALTER_USER_SCRAM_CREDENTIALS : ALTER_CLIENT_QUOTAS), scram ? 'alterUserScramCredentials' : 'alterClientQuotas');
    }
    this.out(`Completed updating config for entity: ${entities.map(entityText).join(', ')}.`);
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
    if (root.type === USERS || root.type === CLIENTS || root.type === IPS) {
      // No entity has quotas or credentials here: a named one shows none, "all" lists nothing.
      if (entities.every((e) => e.name !== undefined)) this.out(`Configs for ${entities.map(entityText).join(', ')} are `);
      return;
    }
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
