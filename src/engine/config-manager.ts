// The engine's view of configs: static server properties, dynamic broker configs (per broker
// and cluster default, persisted), and topic overrides. Validation and the source/synonym rules
// come from the shared registry in src/config, so tools and engine agree.
import type { Engine } from './engine';
import type { TopicRecord } from './storage/topic-store';
import { ErrorCode, KafkaError } from '../protocol/errors';
import { topicConfigDef, validateTopicConfigs } from '../config/topic-configs';
import { ConfigValidationError, type ConfigValue } from '../config/types';
import { validateDynamicBrokerConfigs } from '../config/broker-configs';
import { ConfigResource, type MetadataRecord } from './metadata/records';
import { configKey } from './metadata/image';
import { BrokerConfigView, describeTopicConfigs, describeBrokerConfigs, effectiveTopicConfigs, type DescribedConfig } from '../config/resolve';

const MIN_ISR = 'min.insync.replicas';

/** Config records that turn `current` into `next` (removals first, then values set or changed). */
export function configDiff(resourceType: number, resourceName: string, current: ReadonlyMap<string, string>, next: ReadonlyMap<string, string>): MetadataRecord[] {
  const out: MetadataRecord[] = [];
  for (const k of current.keys()) if (!next.has(k)) out.push({ type: 'Config', resourceType, resourceName, name: k, value: null });
  for (const [k, v] of next) if (current.get(k) !== v) out.push({ type: 'Config', resourceType, resourceName, name: k, value: v });
  return out;
}

const EMPTY: ReadonlyMap<string, string> = new Map();

export class ConfigManager {
  private effectiveCache = new Map<number, Map<string, ConfigValue>>();

  constructor(private readonly engine: Engine) {}

  /** Dynamic broker configs live in the cluster's metadata: the cluster default ('') and per broker id. */
  private brokerLevel(scope: string): ReadonlyMap<string, string> {
    return this.engine.loader.image.configs.get(configKey(ConfigResource.BROKER, scope)) ?? EMPTY;
  }

  private get dynamicDefault(): ReadonlyMap<string, string> {
    return this.brokerLevel('');
  }

  private get dynamicBroker(): ReadonlyMap<string, string> {
    return this.brokerLevel(String(this.engine.settings.nodeId));
  }

  /**
   * Kafka 4.x clusters run with eligible leader replicas (ELR) enabled, and the controller then
   * holds min.insync.replicas as a cluster-level dynamic config (from the static value when the
   * cluster was formatted): every topic's min.insync.replicas shows the source
   * DYNAMIC_DEFAULT_BROKER_CONFIG, so kafka-topics --describe lists it among Configs. The records
   * the controller writes when the cluster's metadata lacks it.
   */
  clusterMinIsrRecords(): MetadataRecord[] {
    if (this.dynamicDefault.has(MIN_ISR)) return [];
    const value = this.engine.settings.props.get(MIN_ISR)?.trim() || '1';
    return [{ type: 'Config', resourceType: ConfigResource.BROKER, resourceName: '', name: MIN_ISR, value }];
  }

  private viewCache: BrokerConfigView | undefined;

  /** The broker's config layers (rebuilt when a dynamic config changes). */
  view(): BrokerConfigView {
    this.viewCache ??= new BrokerConfigView({
      static: this.engine.settings.props, dynamicDefault: this.dynamicDefault, dynamicBroker: this.dynamicBroker,
    });
    return this.viewCache;
  }

  /** Validate topic overrides for CreateTopics; returns the overrides to store. */
  validateTopicConfigs(configs: ReadonlyMap<string, string | null>): Map<string, string> {
    const out = new Map<string, string>();
    for (const [k, v] of configs) {
      if (v === null) throw KafkaError.from(ErrorCode.INVALID_REQUEST, `Null value not supported for topic configs: ${k}`);
      out.set(k, v);
    }
    try {
      validateTopicConfigs(out, { brokerLogConfig: this.view().logConfigMap() });
    } catch (e) {
      if (e instanceof ConfigValidationError) throw KafkaError.from(e.errorCode, e.message);
      throw e;
    }
    return out;
  }

  /** Effective typed values of every topic config for a topic (cached until configs change). */
  effective(topic: TopicRecord): Map<string, ConfigValue> {
    let m = this.effectiveCache.get(topic.tk);
    if (!m) {
      m = effectiveTopicConfigs(topic.configs, this.view());
      this.effectiveCache.set(topic.tk, m);
    }
    return m;
  }

  topicInt(topic: TopicRecord, name: string): number {
    const v = this.effective(topic).get(name);
    return typeof v === 'bigint' ? Number(v) : Number(v);
  }

  topicValue(topic: TopicRecord, name: string): ConfigValue | undefined {
    return this.effective(topic).get(name);
  }

  /** Effective broker config value (dynamic per-broker > cluster default > static > default). */
  brokerValue(name: string): ConfigValue {
    return this.view().value(name);
  }

  brokerInt(name: string): number {
    return Number(this.brokerValue(name));
  }

  private listeners = new Set<() => void>();

  /** Called after any dynamic broker or topic config change (e.g. to re-arm a timer). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  protected changed(): void {
    for (const l of [...this.listeners]) l();
  }

  forgetTopic(tk: number): void {
    this.effectiveCache.delete(tk);
  }

  invalidate(): void {
    this.effectiveCache.clear();
    this.viewCache = undefined;
    this.changed();
  }

  /** The dynamic broker configs of one level: the cluster default, or this broker's own. */
  dynamicBrokerConfigs(clusterDefault: boolean, nodeId = this.engine.settings.nodeId): ReadonlyMap<string, string> {
    return this.brokerLevel(clusterDefault ? '' : String(nodeId));
  }

  /**
   * Replace the dynamic broker configs of one level with `next` (what AlterConfigs and, after
   * applying its operations, IncrementalAlterConfigs ask for). Checked as Kafka's
   * DynamicBrokerConfig.validateConfigs does (INVALID_REQUEST with its message); persisted in
   * broker_configs (scope '' = cluster default, else the node id); takes effect at once.
   */
  alterBrokerConfigs(clusterDefault: boolean, next: ReadonlyMap<string, string>, validateOnly: boolean, nodeId = this.engine.settings.nodeId): void {
    if (clusterDefault && !next.has(MIN_ISR)) {
      throw KafkaError.from(ErrorCode.INVALID_CONFIG, `Cluster-level ${MIN_ISR} cannot be removed while ELR is enabled.`);
    }
    try {
      validateDynamicBrokerConfigs(next, !clusterDefault);
    } catch (e) {
      if (e instanceof ConfigValidationError) throw KafkaError.from(e.errorCode, e.message);
      throw e;
    }
    if (validateOnly) return;
    // The controller records the change; the publisher invalidates the views on every broker.
    const scope = clusterDefault ? '' : String(nodeId);
    this.engine.controller.write(() => ({ records: configDiff(ConfigResource.BROKER, scope, this.brokerLevel(scope), next), result: undefined }));
  }

  /**
   * Replace a topic's config overrides with `next`: validated as the KRaft controller does
   * (LogConfig.validate against the broker's log config; INVALID_CONFIG with Kafka's message),
   * then persisted; takes effect at once.
   */
  alterTopicConfigs(topic: TopicRecord, next: ReadonlyMap<string, string>, validateOnly: boolean): void {
    try {
      validateTopicConfigs(next, { brokerLogConfig: this.view().logConfigMap() });
    } catch (e) {
      if (e instanceof ConfigValidationError) throw KafkaError.from(e.errorCode, e.message);
      throw e;
    }
    if (validateOnly) return;
    this.engine.controller.write(() => ({ records: configDiff(ConfigResource.TOPIC, topic.name, this.engine.loader.image.topicConfigs(topic.name), next), result: undefined }));
  }

  describeTopic(topic: TopicRecord, keys: string[] | null): DescribedConfig[] {
    return this.describeTopicOverrides(topic.configs, keys);
  }

  /** The configs a topic with these overrides has (also before it exists: CreateTopics v5+). */
  describeTopicOverrides(overrides: ReadonlyMap<string, string>, keys: string[] | null): DescribedConfig[] {
    return describeTopicConfigs(overrides, this.view(), { configNames: keys });
  }

  describeBroker(keys: string[] | null, clusterDefault = false): DescribedConfig[] {
    return describeBrokerConfigs(this.view(), { configNames: keys, perBroker: !clusterDefault });
  }

  isTopicConfig(name: string): boolean {
    return topicConfigDef(name) !== undefined;
  }
}
