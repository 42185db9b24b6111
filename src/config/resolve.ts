// How a Kafka broker (3.9, kafka.server.ConfigHelper / DynamicBrokerConfig / KafkaConfig) resolves
// and describes configs:
// * a broker config's value comes from, in order: dynamic per-broker, dynamic cluster-default,
//   static (server.properties, explicitly set keys only), the code default;
// * a topic config's value: the topic override, else the broker's effective log config
//   (KafkaConfig.extractLogConfigMap, with log.retention.minutes/hours etc. converted to ms),
//   else the LogConfig default;
// * DescribeConfigs source/synonyms: for topic config c with first broker synonym b, the synonym
//   list is the topic override (DYNAMIC_TOPIC_CONFIG) then, for every layer (dynamic per-broker,
//   dynamic default, static, default) and every name of brokerConfigSynonyms(b), the layer's
//   value; then leading entries are dropped until the first one named exactly b. Source = first
//   remaining entry's source, or DEFAULT_CONFIG.

import {
  ALL_DYNAMIC_CONFIGS,
  BROKER_CONFIGS,
  brokerConfigDef,
  brokerConfigSynonyms,
  brokerConfigType,
  isSensitiveBrokerConfig,
} from './broker-configs';
import { javaHashMapOrderBy } from '../util/java-hash';
import { TOPIC_CONFIGS, TOPIC_CONFIG_NAMES, topicConfigDef } from './topic-configs';
import { defaultValue, formatConfigValue, parseConfigValue, type ConfigType, type ConfigValue } from './types';

export { CONFIG_SOURCE_ID, CONFIG_TYPE_ID, configSourceFromId, type ConfigSource } from './wire-ids';
import { type ConfigSource } from './wire-ids';

/** The broker's config layers, each holding raw strings of explicitly set keys. */
export interface BrokerConfigLayers {
  /** Dynamic per-broker configs (DYNAMIC_BROKER_CONFIG). */
  readonly dynamicBroker?: ReadonlyMap<string, string>;
  /** Dynamic cluster-wide defaults (DYNAMIC_DEFAULT_BROKER_CONFIG). */
  readonly dynamicDefault?: ReadonlyMap<string, string>;
  /** server.properties + --override (STATIC_BROKER_CONFIG): only keys explicitly set. */
  readonly static?: ReadonlyMap<string, string>;
}

export interface ConfigSynonym {
  readonly name: string;
  readonly value: string | null;
  readonly source: ConfigSource;
}

/** One DescribeConfigs result entry. */
export interface DescribedConfig {
  readonly name: string;
  readonly value: string | null;
  readonly source: ConfigSource;
  /** source === DEFAULT_CONFIG (ConfigEntry.isDefault()). */
  readonly isDefault: boolean;
  readonly readOnly: boolean;
  readonly sensitive: boolean;
  /** Empty unless synonyms were asked for. */
  readonly synonyms: readonly ConfigSynonym[];
  /** Config type; null = UNKNOWN. */
  readonly type: ConfigType | null;
}

const EMPTY: ReadonlyMap<string, string> = new Map();

/** Precomputed effective broker values for a set of layers (make a new one when a layer changes). */
export class BrokerConfigView {
  readonly dynamicBroker: ReadonlyMap<string, string>;
  readonly dynamicDefault: ReadonlyMap<string, string>;
  readonly static: ReadonlyMap<string, string>;
  private readonly cache = new Map<string, ConfigValue>();
  private logMap: Map<string, ConfigValue> | undefined;

  constructor(layers: BrokerConfigLayers = {}) {
    this.dynamicBroker = layers.dynamicBroker ?? EMPTY;
    this.dynamicDefault = layers.dynamicDefault ?? EMPTY;
    this.static = layers.static ?? EMPTY;
  }

  /** The raw string in effect for `name` (highest layer that sets it), if any. */
  raw(name: string): { value: string; source: ConfigSource } | undefined {
    if (this.dynamicBroker.has(name)) return { value: this.dynamicBroker.get(name) as string, source: 'DYNAMIC_BROKER_CONFIG' };
    if (this.dynamicDefault.has(name)) return { value: this.dynamicDefault.get(name) as string, source: 'DYNAMIC_DEFAULT_BROKER_CONFIG' };
    if (this.static.has(name)) return { value: this.static.get(name) as string, source: 'STATIC_BROKER_CONFIG' };
    return undefined;
  }

  /**
   * Typed effective value of a known broker config (a layer value that does not parse is
   * skipped, as Kafka drops invalid dynamic configs). Throws for names not defined.
   */
  value(name: string): ConfigValue {
    if (this.cache.has(name)) return this.cache.get(name) as ConfigValue;
    const def = brokerConfigDef(name);
    if (!def) throw new Error(`unknown broker config ${name}`);
    let v: ConfigValue | undefined;
    for (const layer of [this.dynamicBroker, this.dynamicDefault, this.static]) {
      const raw = layer.get(name);
      if (raw === undefined) continue;
      try {
        v = parseConfigValue(def, raw);
        break;
      } catch {
        // try the next layer
      }
    }
    if (v === undefined) v = defaultValue(def);
    this.cache.set(name, v);
    return v;
  }

  /** KafkaConfig.extractLogConfigMap: the broker's topic-config defaults, keyed by topic config name. */
  logConfigMap(): ReadonlyMap<string, ConfigValue> {
    if (this.logMap) return this.logMap;
    const v = (n: string) => this.value(n);
    const long = (n: string) => this.value(n) as bigint | null;
    const int = (n: string) => this.value(n) as number | null;
    const m = new Map<string, ConfigValue>();
    m.set('segment.bytes', v('log.segment.bytes'));
    m.set('segment.ms', long('log.roll.ms') ?? 3600000n * BigInt(int('log.roll.hours') as number));
    m.set('segment.jitter.ms', long('log.roll.jitter.ms') ?? 3600000n * BigInt(int('log.roll.jitter.hours') as number));
    m.set('segment.index.bytes', v('log.index.size.max.bytes'));
    m.set('flush.messages', v('log.flush.interval.messages'));
    m.set('flush.ms', long('log.flush.interval.ms') ?? v('log.flush.scheduler.interval.ms'));
    m.set('retention.bytes', v('log.retention.bytes'));
    m.set('retention.ms', this.logRetentionTimeMillis());
    m.set('max.message.bytes', v('message.max.bytes'));
    m.set('index.interval.bytes', v('log.index.interval.bytes'));
    m.set('delete.retention.ms', v('log.cleaner.delete.retention.ms'));
    m.set('min.compaction.lag.ms', v('log.cleaner.min.compaction.lag.ms'));
    m.set('max.compaction.lag.ms', v('log.cleaner.max.compaction.lag.ms'));
    m.set('file.delete.delay.ms', v('log.segment.delete.delay.ms'));
    m.set('min.cleanable.dirty.ratio', v('log.cleaner.min.cleanable.ratio'));
    m.set('cleanup.policy', v('log.cleanup.policy'));
    m.set('min.insync.replicas', v('min.insync.replicas'));
    m.set('compression.type', v('compression.type'));
    m.set('compression.gzip.level', v('compression.gzip.level'));
    m.set('compression.lz4.level', v('compression.lz4.level'));
    m.set('compression.zstd.level', v('compression.zstd.level'));
    m.set('unclean.leader.election.enable', v('unclean.leader.election.enable'));
    m.set('preallocate', v('log.preallocate'));
    m.set('message.timestamp.type', v('log.message.timestamp.type'));
    m.set('message.timestamp.before.max.ms', v('log.message.timestamp.before.max.ms'));
    m.set('message.timestamp.after.max.ms', v('log.message.timestamp.after.max.ms'));
    m.set('max.decompressed.message.bytes', v('max.decompressed.message.bytes'));
    m.set('local.retention.ms', v('log.local.retention.ms'));
    m.set('local.retention.bytes', v('log.local.retention.bytes'));
    m.set('remote.copy.lag.ms', v('log.remote.copy.lag.ms'));
    m.set('remote.copy.lag.bytes', v('log.remote.copy.lag.bytes'));
    this.logMap = m;
    return m;
  }

  /** KafkaConfig.logRetentionTimeMillis: log.retention.ms, else minutes, else hours; negative -> -1. */
  private logRetentionTimeMillis(): bigint {
    const ms = this.value('log.retention.ms') as bigint | null;
    const minutes = this.value('log.retention.minutes') as number | null;
    const millis = ms ?? (minutes !== null ? 60000n * BigInt(minutes) : 3600000n * BigInt(this.value('log.retention.hours') as number));
    return millis < 0n ? -1n : millis;
  }

  /**
   * ConfigHelper.configSynonyms: every layer's value of every synonym name, then drop leading
   * entries until the first named `name`. Layer "default" = the non-null code defaults.
   */
  synonyms(name: string, synonymNames: readonly string[], sensitive: boolean): ConfigSynonym[] {
    const all: ConfigSynonym[] = [];
    const add = (layer: ReadonlyMap<string, string>, source: ConfigSource) => {
      for (const s of synonymNames) {
        const value = layer.get(s);
        if (value !== undefined) all.push({ name: s, value: sensitive ? null : value, source });
      }
    };
    add(this.dynamicBroker, 'DYNAMIC_BROKER_CONFIG');
    add(this.dynamicDefault, 'DYNAMIC_DEFAULT_BROKER_CONFIG');
    add(this.static, 'STATIC_BROKER_CONFIG');
    for (const s of synonymNames) {
      const d = brokerConfigDef(s)?.default;
      if (d !== undefined && d !== null) all.push({ name: s, value: sensitive ? null : d, source: 'DEFAULT_CONFIG' });
    }
    const first = all.findIndex((e) => e.name === name);
    return first < 0 ? [] : all.slice(first);
  }
}

function viewOf(layers: BrokerConfigLayers | BrokerConfigView): BrokerConfigView {
  return layers instanceof BrokerConfigView ? layers : new BrokerConfigView(layers);
}

export interface DescribeOptions {
  /** DescribeConfigs includeSynonyms (default true). Source is computed either way. */
  includeSynonyms?: boolean;
  /** DescribeConfigs configurationKeys: only these names (null/empty = all); unknown ones are omitted. */
  configNames?: readonly string[] | null;
}

function wanted(opts: DescribeOptions): (name: string) => boolean {
  const keys = opts.configNames;
  if (!keys || keys.length === 0) return () => true;
  const set = new Set(keys);
  return (n) => set.has(n);
}

/** Typed value of a topic override, or undefined when absent or not parsable. */
function parseOverride(name: string, overrides: ReadonlyMap<string, string>): ConfigValue | undefined {
  const raw = overrides.get(name);
  const def = topicConfigDef(name);
  if (raw === undefined || !def) return undefined;
  try {
    return parseConfigValue(def, raw);
  } catch {
    return undefined;
  }
}

/**
 * DescribeConfigs for a TOPIC resource: every topic config (LogConfig order; internal ones only when set) with value, source,
 * synonyms, exactly as ConfigHelper.createTopicConfigEntry builds them.
 */
export function describeTopicConfigs(
  topicOverrides: ReadonlyMap<string, string>,
  layers: BrokerConfigLayers | BrokerConfigView,
  opts: DescribeOptions = {},
): DescribedConfig[] {
  const view = viewOf(layers);
  const logMap = view.logConfigMap();
  const include = wanted(opts);
  const out: DescribedConfig[] = [];
  for (const def of TOPIC_CONFIGS) {
    if (!include(def.name)) continue;
    // Internal configs (internal.segment.bytes) are described only when the topic sets them.
    if (def.internal && !topicOverrides.has(def.name)) continue;
    const override = parseOverride(def.name, topicOverrides);
    const typed = override !== undefined ? override : logMap.has(def.name) ? (logMap.get(def.name) as ConfigValue) : defaultValue(def);
    const value = override === undefined && topicOverrides.has(def.name) ? (topicOverrides.get(def.name) as string) : formatConfigValue(typed, def.type);
    const serverSynonym = def.synonyms[0]?.name;
    const list = serverSynonym ? view.synonyms(serverSynonym, brokerConfigSynonyms(serverSynonym), false) : [];
    if (topicOverrides.has(def.name)) list.unshift({ name: def.name, value, source: 'DYNAMIC_TOPIC_CONFIG' });
    const source: ConfigSource = list.length === 0 ? 'DEFAULT_CONFIG' : list[0].source;
    out.push({
      name: def.name,
      value,
      source,
      isDefault: source === 'DEFAULT_CONFIG',
      readOnly: false,
      sensitive: false,
      synonyms: opts.includeSynonyms === false ? [] : list,
      type: def.type,
    });
  }
  return out;
}

export interface DescribeBrokerOptions extends DescribeOptions {
  /**
   * true (default): the broker's own resource (name = its node id): every config with its
   * effective value. false: the cluster-default resource (empty name): only the dynamic
   * cluster-default configs, synonyms restricted to DYNAMIC_DEFAULT_BROKER_CONFIG.
   */
  perBroker?: boolean;
}

/** DescribeConfigs for a BROKER resource, as ConfigHelper.createBrokerConfigEntry builds it. */
export function describeBrokerConfigs(layers: BrokerConfigLayers | BrokerConfigView, opts: DescribeBrokerOptions = {}): DescribedConfig[] {
  const view = viewOf(layers);
  const perBroker = opts.perBroker !== false;
  const include = wanted(opts);
  const names: string[] = [];
  if (perBroker) {
    const seen = new Set<string>();
    for (const def of BROKER_CONFIGS) {
      if (!def.internal) {
        names.push(def.name);
        seen.add(def.name);
      }
    }
    for (const layer of [view.static, view.dynamicDefault, view.dynamicBroker]) {
      for (const k of layer.keys()) {
        if (!seen.has(k)) {
          names.push(k);
          seen.add(k);
        }
      }
    }
  } else {
    names.push(...view.dynamicDefault.keys());
  }
  const out: DescribedConfig[] = [];
  for (const name of names) {
    if (!include(name)) continue;
    const sensitive = isSensitiveBrokerConfig(name);
    const type = brokerConfigType(name);
    const def = brokerConfigDef(name);
    let value: string | null;
    if (sensitive) value = null;
    else if (perBroker && def && !def.internal) {
      const typed = view.value(name);
      value = typeof typed === 'string' ? typed : formatConfigValue(typed, def.type);
    } else {
      value = (perBroker ? view.raw(name)?.value : view.dynamicDefault.get(name)) ?? null;
    }
    let list = view.synonyms(name, brokerConfigSynonyms(name), sensitive);
    if (!perBroker) list = list.filter((s) => s.source === 'DYNAMIC_DEFAULT_BROKER_CONFIG');
    const source: ConfigSource = list.length === 0 ? 'DEFAULT_CONFIG' : list[0].source;
    out.push({
      name,
      value,
      source,
      isDefault: source === 'DEFAULT_CONFIG',
      readOnly: !ALL_DYNAMIC_CONFIGS.has(name),
      sensitive,
      synonyms: opts.includeSynonyms === false ? [] : list,
      type,
    });
  }
  return out;
}

/** Typed effective value of a broker config. */
export function effectiveBrokerConfig(name: string, layers: BrokerConfigLayers | BrokerConfigView): ConfigValue {
  return viewOf(layers).value(name);
}

/** KafkaConfig.extractLogConfigMap for these layers (pass to validateTopicConfigs server-side). */
export function brokerLogConfigMap(layers: BrokerConfigLayers | BrokerConfigView): ReadonlyMap<string, ConfigValue> {
  return viewOf(layers).logConfigMap();
}

/** Typed effective value of one topic config. Throws for names that are not topic configs. */
export function effectiveTopicConfig(
  name: string,
  topicOverrides: ReadonlyMap<string, string>,
  layers: BrokerConfigLayers | BrokerConfigView,
): ConfigValue {
  const def = topicConfigDef(name);
  if (!def) throw new Error(`unknown topic config ${name}`);
  const override = parseOverride(name, topicOverrides);
  if (override !== undefined) return override;
  const logMap = viewOf(layers).logConfigMap();
  return logMap.has(name) ? (logMap.get(name) as ConfigValue) : defaultValue(def);
}

/** Typed effective values of all topic configs (LogConfig order). */
export function effectiveTopicConfigs(
  topicOverrides: ReadonlyMap<string, string>,
  layers: BrokerConfigLayers | BrokerConfigView,
): Map<string, ConfigValue> {
  const view = viewOf(layers);
  return new Map(TOPIC_CONFIG_NAMES.map((n) => [n, effectiveTopicConfig(n, topicOverrides, view)]));
}

/** A topic's effective log settings in engine-friendly form (longs as numbers; Long.MAX ~ 9.22e18). */
export interface LogConfig {
  segmentBytes: number;
  segmentMs: number;
  segmentJitterMs: number;
  segmentIndexBytes: number;
  flushMessages: number;
  flushMs: number;
  retentionBytes: number;
  retentionMs: number;
  maxMessageBytes: number;
  indexIntervalBytes: number;
  deleteRetentionMs: number;
  minCompactionLagMs: number;
  maxCompactionLagMs: number;
  fileDeleteDelayMs: number;
  minCleanableDirtyRatio: number;
  cleanupPolicy: string[];
  /** cleanup.policy contains compact (case-insensitive, as LogConfig.compact). */
  compact: boolean;
  /** cleanup.policy contains delete. */
  delete: boolean;
  uncleanLeaderElectionEnable: boolean;
  minInsyncReplicas: number;
  compressionType: string;
  compressionGzipLevel: number;
  compressionLz4Level: number;
  compressionZstdLevel: number;
  preallocate: boolean;
  messageTimestampType: 'CreateTime' | 'LogAppendTime';
  messageTimestampBeforeMaxMs: number;
  messageTimestampAfterMaxMs: number;
  remoteStorageEnable: boolean;
  /** local.retention.ms with -2 resolved to retention.ms (LogConfig.localRetentionMs()). */
  localRetentionMs: number;
  /** local.retention.bytes with -2 resolved to retention.bytes. */
  localRetentionBytes: number;
}

/** The effective LogConfig of a topic. */
export function effectiveLogConfig(topicOverrides: ReadonlyMap<string, string>, layers: BrokerConfigLayers | BrokerConfigView): LogConfig {
  const v = effectiveTopicConfigs(topicOverrides, layers);
  const n = (k: string) => Number(v.get(k) as number | bigint);
  const b = (k: string) => v.get(k) as boolean;
  const cleanupPolicy = [...(v.get('cleanup.policy') as readonly string[])];
  const lower = cleanupPolicy.map((p) => p.toLowerCase());
  const before = v.get('message.timestamp.before.max.ms') as bigint;
  const after = v.get('message.timestamp.after.max.ms') as bigint;
  const retentionMs = n('retention.ms');
  const retentionBytes = n('retention.bytes');
  const localMs = v.get('local.retention.ms') as bigint;
  const localBytes = v.get('local.retention.bytes') as bigint;
  return {
    // LogConfig.segmentSize(): internal.segment.bytes when set (it may be below segment.bytes' minimum).
    segmentBytes: v.get('internal.segment.bytes') !== null ? n('internal.segment.bytes') : n('segment.bytes'),
    segmentMs: n('segment.ms'),
    segmentJitterMs: n('segment.jitter.ms'),
    segmentIndexBytes: n('segment.index.bytes'),
    flushMessages: n('flush.messages'),
    flushMs: n('flush.ms'),
    retentionBytes,
    retentionMs,
    maxMessageBytes: n('max.message.bytes'),
    indexIntervalBytes: n('index.interval.bytes'),
    deleteRetentionMs: n('delete.retention.ms'),
    minCompactionLagMs: n('min.compaction.lag.ms'),
    maxCompactionLagMs: n('max.compaction.lag.ms'),
    fileDeleteDelayMs: n('file.delete.delay.ms'),
    minCleanableDirtyRatio: n('min.cleanable.dirty.ratio'),
    cleanupPolicy,
    compact: lower.includes('compact'),
    delete: lower.includes('delete'),
    uncleanLeaderElectionEnable: b('unclean.leader.election.enable'),
    minInsyncReplicas: n('min.insync.replicas'),
    compressionType: v.get('compression.type') as string,
    compressionGzipLevel: n('compression.gzip.level'),
    compressionLz4Level: n('compression.lz4.level'),
    compressionZstdLevel: n('compression.zstd.level'),
    preallocate: b('preallocate'),
    messageTimestampType: v.get('message.timestamp.type') as 'CreateTime' | 'LogAppendTime',
    messageTimestampBeforeMaxMs: Number(before),
    messageTimestampAfterMaxMs: Number(after),
    remoteStorageEnable: b('remote.storage.enable'),
    localRetentionMs: localMs === -2n ? retentionMs : Number(localMs),
    localRetentionBytes: localBytes === -2n ? retentionBytes : Number(localBytes),
  };
}

/** Minimal shape of a config entry as a client sees it. */
export interface ConfigEntryLike {
  readonly name: string;
  readonly value: string | null;
  readonly source?: ConfigSource;
  readonly isDefault?: boolean;
}

const TOPIC_INDEX = new Map(TOPIC_CONFIG_NAMES.map((n, i) => [n, i]));

/**
 * The iteration order of Kafka's client-side `Config` (a java.util.HashMap of entry name -> entry)
 * for a topic's entries. Entries are put in LogConfig definition order (the order this engine
 * answers in; unknown names after, in their given order), which yields spec §13.4's order.
 */
export function topicConfigEntriesInJavaOrder<T extends { readonly name: string }>(entries: readonly T[]): T[] {
  // The order depends on the names alone, and a describe of many topics sends the same names for
  // each: computed once per name list (it was a third of kafka-topics --describe's time for 1,000 topics).
  const key = entries.map((e) => e.name).join('\0');
  let order = JAVA_ORDER_CACHE.get(key);
  if (order === undefined) {
    const byLogConfig = entries
      .map((e, i) => ({ i, k: TOPIC_INDEX.get(e.name) ?? TOPIC_CONFIG_NAMES.length }))
      .sort((a, b) => a.k - b.k || a.i - b.i)
      .map((x) => x.i);
    order = javaHashMapOrderBy(byLogConfig, (i) => entries[i].name);
    if (JAVA_ORDER_CACHE.size >= 64) JAVA_ORDER_CACHE.clear();
    JAVA_ORDER_CACHE.set(key, order);
  }
  return order.map((i) => entries[i]);
}

/** Entry positions in Java order, by the entries' names joined with NUL. */
const JAVA_ORDER_CACHE = new Map<string, number[]>();

/**
 * The text after `Configs: ` on kafka-topics --describe's topic line: `name=value` of every entry
 * whose source is not DEFAULT_CONFIG, comma-joined, in Java HashMap order. Pass ALL entries
 * DescribeConfigs returned for the topic (defaults included): the HashMap's size decides the order.
 */
export function topicConfigsForDescribeLine(entries: readonly ConfigEntryLike[]): string {
  return topicConfigEntriesInJavaOrder(entries)
    .filter((e) => !(e.isDefault ?? e.source === 'DEFAULT_CONFIG'))
    .map((e) => `${e.name}=${e.value === null ? 'null' : e.value}`)
    .join(',');
}
