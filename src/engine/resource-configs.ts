// Dynamic configs of groups (GROUP resources) and client metrics subscriptions (CLIENT_METRICS):
// kept per resource name, validated as a KRaft controller does (GroupConfig.validate,
// ClientMetricsConfigs.validate), described with their sources and synonyms. A group's configs
// exist whether or not the group does, as in Kafka.
import type { Db } from './storage/database';
import type { BrokerConfigView, ConfigSynonym, DescribedConfig } from '../config/resolve';
import { GROUP_CONFIGS, validateGroupConfigs } from '../config/group-configs';
import { CLIENT_METRICS_CONFIGS, validateClientMetricsConfigs } from '../config/client-metrics-configs';
import { ConfigValidationError, defaultValue, formatConfigValue } from '../config/types';
import { brokerConfigSynonyms, brokerConfigType } from '../config/broker-configs';
import { ErrorCode, KafkaError } from '../protocol/errors';

export const RESOURCE_CLIENT_METRICS = 16;
export const RESOURCE_GROUP = 32;

export class ResourceConfigs {
  /** resource type -> name -> config -> value */
  private readonly store = new Map<number, Map<string, Map<string, string>>>([[RESOURCE_GROUP, new Map()], [RESOURCE_CLIENT_METRICS, new Map()]]);

  constructor(private readonly db: Db, private readonly view: () => BrokerConfigView) {
    const rows = db.prepare('SELECT resource_type, resource_name, name, value FROM resource_configs ORDER BY rowid').all() as {
      resource_type: number; resource_name: string; name: string; value: string;
    }[];
    for (const r of rows) this.of(r.resource_type, r.resource_name, true)!.set(r.name, r.value);
  }

  private of(type: number, name: string, create = false): Map<string, string> | undefined {
    const byName = this.store.get(type)!;
    let m = byName.get(name);
    if (!m && create) {
      m = new Map();
      byName.set(name, m);
    }
    return m;
  }

  static supports(type: number): boolean {
    return type === RESOURCE_GROUP || type === RESOURCE_CLIENT_METRICS;
  }

  /** The names of the resources of a type that have configs, in the order they got them. */
  names(type: number): string[] {
    return [...(this.store.get(type)?.keys() ?? [])];
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
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM resource_configs WHERE resource_type = ? AND resource_name = ?').run(type, name);
      const ins = this.db.prepare('INSERT INTO resource_configs (resource_type, resource_name, name, value) VALUES (?, ?, ?, ?)');
      for (const [k, v] of next) ins.run(type, name, k, v);
    })();
    const byName = this.store.get(type)!;
    if (next.size === 0) byName.delete(name);
    else byName.set(name, new Map(next));
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
