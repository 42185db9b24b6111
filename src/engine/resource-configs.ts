// Dynamic configs of groups (GROUP resources) and client metrics subscriptions (CLIENT_METRICS):
// kept per resource name, validated as a KRaft controller does (GroupConfig.validate,
// ClientMetricsConfigs.validate), described with their sources and synonyms. A group's configs
// exist whether or not the group does, as in Kafka.
import type { MetadataImage } from './metadata/image';
import { configKey } from './metadata/image';
import type { MetadataRecord } from './metadata/records';
import { configDiff } from './config-manager';
import type { BrokerConfigView, ConfigSynonym, DescribedConfig } from '../config/resolve';
import { GROUP_CONFIGS, validateGroupConfigs } from '../config/group-configs';
import { CLIENT_METRICS_CONFIGS, validateClientMetricsConfigs } from '../config/client-metrics-configs';
import { ConfigValidationError, defaultValue, formatConfigValue } from '../config/types';
import { brokerConfigSynonyms, brokerConfigType } from '../config/broker-configs';
import { ErrorCode, KafkaError } from '../protocol/errors';

export const RESOURCE_CLIENT_METRICS = 16;
export const RESOURCE_GROUP = 32;

export class ResourceConfigs {
  /** The configs are metadata records (Config records of these resource types) in the image. */
  constructor(private readonly metadata: { image: MetadataImage; write(records: MetadataRecord[]): void }, private readonly view: () => BrokerConfigView) {}

  private of(type: number, name: string): ReadonlyMap<string, string> | undefined {
    return this.metadata.image.configs.get(configKey(type, name));
  }

  static supports(type: number): boolean {
    return type === RESOURCE_GROUP || type === RESOURCE_CLIENT_METRICS;
  }

  /** The names of the resources of a type that have configs, in the order they got them. */
  names(type: number): string[] {
    const prefix = `${type}:`;
    return [...this.metadata.image.configs.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  }

  current(type: number, name: string): ReadonlyMap<string, string> {
    return this.of(type, name) ?? new Map();
  }

  /** Replace a resource's configs with `next` after Kafka's checks (KafkaError on failure). */
  alter(type: number, name: string, next: ReadonlyMap<string, string>, validateOnly: boolean): void {
    if (name === '') throw KafkaError.from(ErrorCode.INVALID_REQUEST, `Default ${type === RESOURCE_GROUP ? 'group' : 'client metrics'} resources are not allowed.`);
    try {
      if (type === RESOURCE_GROUP) validateGroupConfigs(next, this.view());
      else validateClientMetricsConfigs(next);
    } catch (e) {
      if (e instanceof ConfigValidationError) throw KafkaError.from(e.errorCode, e.message);
      throw e;
    }
    if (validateOnly) return;
    const records = configDiff(type, name, this.current(type, name), next);
    if (records.length > 0) this.metadata.write(records);
  }

  /** DescribeConfigs of a group or a client metrics subscription (existing or not). */
  describe(type: number, name: string, keys: readonly string[] | null): DescribedConfig[] {
    const wanted = (n: string) => !keys || keys.length === 0 || keys.includes(n);
    const overrides = this.current(type, name);
    const out: DescribedConfig[] = [];
    if (type === RESOURCE_CLIENT_METRICS) {
      for (const def of CLIENT_METRICS_CONFIGS) {
        if (!wanted(def.name)) continue;
        const set = overrides.get(def.name);
        const synonyms: ConfigSynonym[] = set === undefined ? [] : [{ name: def.name, value: set, source: 'DYNAMIC_CLIENT_METRICS_CONFIG' }];
        out.push(entry(def.name, set ?? def.default, set === undefined ? 'DEFAULT_CONFIG' : 'DYNAMIC_CLIENT_METRICS_CONFIG', synonyms, def.type));
      }
      return out;
    }
    const view = this.view();
    for (const def of GROUP_CONFIGS) {
      if (!wanted(def.name) || (def.internal && !overrides.has(def.name))) continue;
      const broker: ConfigSynonym[] = def.brokerSynonym
        ? view.synonyms(def.brokerSynonym, brokerConfigSynonyms(def.brokerSynonym), false)
        : [{ name: def.name, value: def.default, source: 'DEFAULT_CONFIG' }];
      const set = overrides.get(def.name);
      const synonyms = set === undefined ? broker : [{ name: def.name, value: set, source: 'DYNAMIC_GROUP_CONFIG' as const }, ...broker];
      const fallback = def.brokerSynonym
        ? formatConfigValue(view.value(def.brokerSynonym), brokerConfigType(def.brokerSynonym))
        : formatConfigValue(defaultValue(def), def.type);
      out.push(entry(def.name, set ?? fallback, synonyms[0]?.source ?? 'DEFAULT_CONFIG', synonyms, def.type));
    }
    return out;
  }
}

function entry(name: string, value: string | null, source: DescribedConfig['source'], synonyms: ConfigSynonym[], type: DescribedConfig['type']): DescribedConfig {
  return { name, value, source, isDefault: source === 'DEFAULT_CONFIG', readOnly: false, sensitive: false, synonyms, type };
}
