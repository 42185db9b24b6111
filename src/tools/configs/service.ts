// kafka-configs with --bootstrap-server: ConfigCommand.describeConfig / alterConfig of Kafka 4.4,
// against our client. Every failure is thrown; kafka-configs.ts prints it the
// ConfigCommand way.

import { JavaException } from '../../cli/errors';
import type { OptionSet } from '../../cli/options';
import { Admin, ConfigResourceType, type ConfigEntry } from '../../client/admin';
import { javaHashMapOrder } from '../../util/java-hash';
import { configSourceFromId, CONFIG_SOURCE_ID, type ConfigSource } from '../../config/wire-ids';
import { ErrorCode, KafkaError } from '../../protocol/errors';
import { topicNameError } from '../../protocol/topic-name';
import { BROKER_LOGGERS, BROKERS, CLIENT_METRICS, CLIENTS, GROUPS, IPS, TOPICS, USERS, entityNames, entityTypes, type Era } from './options';
import { parseConfigsToBeAdded, parseConfigsToBeDeleted } from './parse';
import { QuotaAdmin } from '../../client/quota-admin';
import { listConfigResources, listGroupIds } from '../../client/config-resources';
import {
  alterQuotaConfigs, alterUserScramCredentialConfigs, describeClientQuotaAndUserScramCredentialConfigs, describeQuotaConfigs,
} from './quotas';

export const RESOURCE_CLIENT_METRICS = 16;
export const RESOURCE_GROUP = 32;

// API keys the engine does not offer; the Java client fails on them with these names.
export const DESCRIBE_CLIENT_QUOTAS: [number, string] = [48, 'DESCRIBE_CLIENT_QUOTAS'];
export const ALTER_CLIENT_QUOTAS: [number, string] = [49, 'ALTER_CLIENT_QUOTAS'];
export const ALTER_USER_SCRAM_CREDENTIALS: [number, string] = [51, 'ALTER_USER_SCRAM_CREDENTIALS'];

/** ConfigCommand's AlterConfigsOptions.timeoutMs. */
const ALTER_TIMEOUT_MS = 30000;

/** QuotaConfigs.isClientOrUserQuotaConfig. */
const CLIENT_QUOTA_CONFIGS = new Set(['producer_byte_rate', 'consumer_byte_rate', 'request_percentage', 'controller_mutation_rate']);
const SCRAM_MECHANISMS = new Set(['SCRAM-SHA-256', 'SCRAM-SHA-512']);
const IP_QUOTA_CONFIGS = new Set(['connection_creation_rate']);

export function illegalArgument(message: string): JavaException {
  return new JavaException('java.lang.IllegalArgumentException', message);
}

export function invalidConfiguration(message: string): JavaException {
  return new JavaException('org.apache.kafka.common.errors.InvalidConfigurationException', message);
}

/** A java.util.HashSet of names joined with commas, as ConfigCommand 4.4 lists them in messages. */
function javaSetText(names: Iterable<string>): string {
  return javaHashMapOrder([...new Set(names)]).join(',');
}

/** `  name=value sensitive=false synonyms={SOURCE:name=value, ...}`, as describeResourceConfig prints an entry. */
export function formatEntry(e: ConfigEntry): string {
  const synonyms = e.synonyms.map((s) => `${configSourceFromId(s.source)}:${s.name}=${s.value}`).join(', ');
  return `  ${e.name}=${e.value} sensitive=${e.isSensitive} synonyms={${synonyms}}`;
}

function resourceOf(entityType: string): { type: number; dynamicSource: ConfigSource | undefined } {
  switch (entityType) {
    case TOPICS: return { type: ConfigResourceType.TOPIC, dynamicSource: 'DYNAMIC_TOPIC_CONFIG' };
    case BROKERS: return { type: ConfigResourceType.BROKER, dynamicSource: undefined };
    case BROKER_LOGGERS: return { type: ConfigResourceType.BROKER_LOGGER, dynamicSource: undefined };
    case CLIENT_METRICS: return { type: RESOURCE_CLIENT_METRICS, dynamicSource: 'DYNAMIC_CLIENT_METRICS_CONFIG' };
    case GROUPS: return { type: RESOURCE_GROUP, dynamicSource: 'DYNAMIC_GROUP_CONFIG' };
    default: throw illegalArgument(`Invalid entity type: ${entityType}`);
  }
}

/**
 * ConfigCommand waits `describeConfigs(...).all.get(30, TimeUnit.SECONDS)`: after 30 s (e.g. no
 * broker reachable) it fails with a bare java.util.concurrent.TimeoutException.
 */
async function within30s<T>(p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new JavaException('java.util.concurrent.TimeoutException')), 30000);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export class ConfigService {
  private readonly quotas: QuotaAdmin;

  constructor(
    private readonly admin: Admin,
    private readonly opts: OptionSet,
    private readonly out: (s: string) => void,
    private readonly era: Era = 'kafka4',
  ) {
    this.quotas = new QuotaAdmin(admin);
  }

  /** Entries of one described resource: only its dynamic source's unless describeAll, sorted by name. */
  private static filterAndSort(entries: readonly ConfigEntry[], dynamicSource: ConfigSource | undefined): ConfigEntry[] {
    const wanted = dynamicSource === undefined ? undefined : CONFIG_SOURCE_ID[dynamicSource];
    return entries
      .filter((e) => wanted === undefined || e.source === wanted)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** The source of the entity's own dynamic configs (undefined: every entry is shown). */
  private static dynamicSourceOf(entityType: string, entityName: string): ConfigSource | undefined {
    if (entityType === BROKERS) return entityName === '' ? 'DYNAMIC_DEFAULT_BROKER_CONFIG' : 'DYNAMIC_BROKER_CONFIG';
    return resourceOf(entityType).dynamicSource;
  }

  // ------------------------------------------------------------------------------------------
  // describe

  async describe(): Promise<void> {
    const types = entityTypes(this.opts, this.era);
    const names = entityNames(this.opts, this.era);
    const describeAll = this.opts.has('all');
    switch (types[0]) {
      case TOPICS: case BROKERS: case BROKER_LOGGERS: case CLIENT_METRICS: case GROUPS:
        return this.describeResourceConfig(types[0], names[0], describeAll);
      case USERS: case CLIENTS:
        return describeClientQuotaAndUserScramCredentialConfigs(this.quotas, types, names, this.out);
      case IPS:
        return describeQuotaConfigs(this.quotas, types, names, this.out);
      default:
        throw illegalArgument(`Invalid entity type: ${types[0]}`);
    }
  }

  /**
   * ConfigCommand.describeResourceConfig (4.4): a named entity that does not exist is reported
   * (unless --all); then one DescribeConfigs for every entity, each printed under its header.
   */
  private async describeResourceConfig(entityType: string, entityName: string | undefined, describeAll: boolean): Promise<void> {
    const singular = entityType.slice(0, -1);
    if (entityType === TOPICS && entityName !== undefined) {
      // Topic.validate before anything: InvalidTopicException is reported by its message alone.
      const err = topicNameError(entityName);
      if (err) throw new JavaException('org.apache.kafka.common.errors.InvalidTopicException', err);
    }
    if (!describeAll && entityName !== undefined) {
      let exists = true;
      if (entityType === TOPICS) exists = (await this.admin.listTopics()).some((t) => t.name === entityName);
      else if (entityType === BROKERS || entityType === BROKER_LOGGERS) {
        exists = entityName === '' || (await this.admin.brokerIds()).some((id) => String(id) === entityName);
      } else if (entityType === CLIENT_METRICS) {
        exists = (await listConfigResources(this.admin, RESOURCE_CLIENT_METRICS)).includes(entityName);
      } else if (entityType === GROUPS) {
        exists = (await listGroupIds(this.admin)).includes(entityName) || (await this.groupConfigResources()).includes(entityName);
      }
      if (!exists) {
        this.out(`The ${singular} '${entityName}' doesn't exist and doesn't have dynamic config.`);
        return;
      }
    }
    let entities: string[];
    if (entityName !== undefined) entities = [entityName];
    else if (entityType === TOPICS) {
      // Kafka walks listTopics().names(): the key set of a HashMap filled in metadata order.
      entities = javaHashMapOrder((await this.admin.listTopics()).map((t) => t.name));
    } else if (entityType === BROKERS || entityType === BROKER_LOGGERS) {
      entities = [...(await this.admin.brokerIds()).map(String), ''];
    } else if (entityType === CLIENT_METRICS) {
      entities = [...new Set(await listConfigResources(this.admin, RESOURCE_CLIENT_METRICS))];
    } else {
      // The groups there are, then those that only have configs.
      entities = [...new Set([...await listGroupIds(this.admin), ...await this.groupConfigResources()])];
    }
    if (entities.length === 0) return;
    const res = resourceOf(entityType);
    const results = within30s(this.admin.describeConfigs(res.type, entities, true));
    results.catch(() => undefined);
    for (const entity of entities) {
      if (entity === '') this.out(`Default configs for ${entityType} in the cluster are:`);
      else this.out(`${describeAll ? 'All' : 'Dynamic'} configs for ${singular} ${entity} are:`);
      const result = (await results).get(entity);
      if (result instanceof KafkaError) throw result;
      const source = describeAll ? undefined : ConfigService.dynamicSourceOf(entityType, entity);
      for (const e of ConfigService.filterAndSort(result ?? [], source)) this.out(formatEntry(e));
    }
  }

  /** ConfigCommand.listGroupConfigResources: none when the broker cannot list them. */
  private async groupConfigResources(): Promise<string[]> {
    try {
      return await listConfigResources(this.admin, RESOURCE_GROUP);
    } catch (e) {
      if (e instanceof KafkaError && e.code === ErrorCode.UNSUPPORTED_VERSION) return [];
      throw e;
    }
  }

  // ------------------------------------------------------------------------------------------
  // alter

  async alter(): Promise<void> {
    const types = entityTypes(this.opts, this.era);
    const names = entityNames(this.opts, this.era);
    if (types.length !== names.length) throw illegalArgument('An entity name must be specified for every entity type');
    const type = types[0];
    const name = names[0];
    const added = parseConfigsToBeAdded(this.opts, this.era, (s) => this.out(s.replace(/\n$/, '')));
    const deleted = parseConfigsToBeDeleted(this.opts);

    switch (type) {
      case TOPICS: case CLIENT_METRICS: case BROKERS: case GROUPS: {
        if (type === BROKERS && name !== '' && !/^[+-]?\d+$/.test(name)) {
          throw illegalArgument(`The entity name for ${type} must be a valid integer broker id, found: ${name}`);
        }
        // Kafka 4.4 sends SET for every added config (a HashMap's order) and DELETE for every
        // deleted one, unchecked: deleting a config that is not set succeeds.
        const ops = [
          ...javaHashMapOrder(added.keys()).map((k) => ({ name: k, op: 0, value: added.get(k) as string })),
          ...deleted.map((k) => ({ name: k, op: 1, value: null })),
        ];
        try {
          await this.admin.incrementalAlterConfigs(resourceOf(type).type, name, ops, false, ALTER_TIMEOUT_MS);
        } catch (e) {
          if (e instanceof KafkaError && e.code === ErrorCode.UNSUPPORTED_VERSION) {
            throw new JavaException('org.apache.kafka.common.errors.UnsupportedVersionException',
              'The INCREMENTAL_ALTER_CONFIGS API is not supported by the cluster. The API is supported starting from version 2.3.0. You may want to use an older version of this tool to interact with your cluster, or upgrade your brokers to version 2.3.0 or newer to avoid this error.');
          }
          throw e;
        }
        break;
      }
      case BROKER_LOGGERS: {
        const valid = new Set((await this.resourceConfig(type, name)).map((e) => e.name));
        const invalid = [...deleted.filter((k) => !valid.has(k)), ...[...added.keys()].filter((k) => !valid.has(k))];
        if (invalid.length > 0) throw invalidConfiguration(`Invalid broker logger(s): ${invalid.join(',')}`);
        await this.admin.incrementalAlterConfigs(ConfigResourceType.BROKER_LOGGER, name, [
          ...[...added].map(([k, v]) => ({ name: k, op: 0, value: v })),
          ...deleted.map((k) => ({ name: k, op: 1, value: '' })),
        ]);
        break;
      }
      case USERS: case CLIENTS:
        await this.alterUserOrClient(types, names, added, deleted);
        break;
      case IPS: {
        const unknown = [...added.keys(), ...deleted].filter((k) => !IP_QUOTA_CONFIGS.has(k));
        if (unknown.length > 0) {
          throw illegalArgument(`Only connection quota configs can be added for '${IPS}' using --bootstrap-server. Unexpected config names: ${javaHashMapOrder(unknown).join(', ')}`);
        }
        await alterQuotaConfigs(this.quotas, types, names, added, deleted);
        break;
      }
      default:
        throw illegalArgument(`Unsupported entity type: ${type}`);
    }
    if (name !== '') this.out(`Completed updating config for ${type.slice(0, -1)} ${name}.`);
    else this.out(`Completed updating default config for ${type} in the cluster.`);
  }

  /** One resource's entries (with synonyms), as ConfigCommand.getResourceConfig reads them. */
  private async resourceConfig(entityType: string, entityName: string): Promise<readonly ConfigEntry[]> {
    const result = (await within30s(this.admin.describeConfigs(resourceOf(entityType).type, [entityName], true))).get(entityName);
    if (result instanceof KafkaError) throw result;
    return result ?? [];
  }

  /** The checks ConfigCommand makes before altering quotas or SCRAM credentials; then the broker's answer. */
  private async alterUserOrClient(types: string[], names: string[], added: Map<string, string>, deleted: string[]): Promise<void> {
    const addKeys = [...added.keys()];
    const hasQuotaToAdd = addKeys.some((k) => CLIENT_QUOTA_CONFIGS.has(k));
    const scramToAdd = addKeys.filter((k) => SCRAM_MECHANISMS.has(k));
    const unknownToAdd = addKeys.filter((k) => !SCRAM_MECHANISMS.has(k) && !CLIENT_QUOTA_CONFIGS.has(k));
    const hasQuotaToDelete = deleted.some((k) => CLIENT_QUOTA_CONFIGS.has(k));
    const scramToDelete = deleted.filter((k) => SCRAM_MECHANISMS.has(k));
    const unknownToDelete = deleted.filter((k) => !SCRAM_MECHANISMS.has(k) && !CLIENT_QUOTA_CONFIGS.has(k));
    if (types[0] === CLIENTS || types.length === 2) {
      if (unknownToAdd.length > 0 || scramToAdd.length > 0) {
        throw illegalArgument(`Only quota configs can be added for '${CLIENTS}' using --bootstrap-server. Unexpected config names: ${javaSetText([...unknownToAdd, ...scramToAdd])}`);
      }
      if (unknownToDelete.length > 0 || scramToDelete.length > 0) {
        throw illegalArgument(`Only quota configs can be deleted for '${CLIENTS}' using --bootstrap-server. Unexpected config names: ${javaSetText([...unknownToDelete, ...scramToDelete])}`);
      }
    } else {
      if (unknownToAdd.length > 0) {
        throw illegalArgument(`Only quota and SCRAM credential configs can be added for '${USERS}' using --bootstrap-server. Unexpected config names: ${javaSetText(unknownToAdd)}`);
      }
      if (unknownToDelete.length > 0) {
        throw illegalArgument(`Only quota and SCRAM credential configs can be deleted for '${USERS}' using --bootstrap-server. Unexpected config names: ${javaSetText(unknownToDelete)}`);
      }
      if (scramToAdd.length > 0 || scramToDelete.length > 0) {
        if (names.some((n) => n === '')) {
          throw illegalArgument('The use of --entity-default or --user-defaults is not allowed with User SCRAM Credentials using --bootstrap-server.');
        }
        if (hasQuotaToAdd || hasQuotaToDelete) {
          throw illegalArgument(`Cannot alter both quota and SCRAM credential configs simultaneously for '${USERS}' using --bootstrap-server.`);
        }
      }
    }
    if (hasQuotaToAdd || hasQuotaToDelete) await alterQuotaConfigs(this.quotas, types, names, added, deleted);
    else await alterUserScramCredentialConfigs(this.quotas, names[0], added, deleted);
  }
}
