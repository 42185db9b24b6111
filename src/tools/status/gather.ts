// One status snapshot through the Kafka protocol (our client), with few requests whatever the
// number of topics: one Metadata for every topic (filtered here), one DescribeCluster (fenced
// brokers, where offered), one DescribeConfigs for all the chosen topics, one DescribeLogDirs per
// live broker, ListOffsets earliest and latest once per leader, ListGroups per broker, then per
// coordinator one describe of its groups and their OffsetFetches. What cannot be read (a broker
// gone, a leaderless partition) becomes a null or a warning, never a wait.
import type { Admin } from '../../client/admin';
import { ConfigResourceType, ConfigSource } from '../../client/admin';
import type { TopicPartitions } from '../../client/cluster';
import type { CommittedOffset, ConsumerGroupDescription, GroupAdmin } from '../../client/group-admin';
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP, listOffsetsOnce, tpKey, type OffsetQuery } from '../../client/offsets';
import type { ReplicaAdmin } from '../../client/replica-admin';
import { ApiKey } from '../../protocol/apis';
import { KafkaError } from '../../protocol/errors';
import { ZERO_UUID } from '../../protocol/uuid';
import { byDeadline } from '../../util/by-deadline';
import {
  REBALANCING_STATES, STATUS_VERSION, type BrokerStatus, type GroupStatus, type GroupTopicStatus, type PartitionStatus,
  type StatusDocument, type TopicStatus,
} from './model';

export interface GatherOptions {
  /** Topics whose whole name matches; null: every non-internal topic. */
  topic: RegExp | null;
  /** Groups whose whole id matches; null: every consumer group. */
  group: RegExp | null;
  timeoutMs: number;
  /**
   * For a caller that gathers again and again (kafka-local ui): topic configs, replica sizes and
   * the fenced brokers change rarely (the last never without the live brokers changing too), so
   * they are asked at most every `everyMs` and reused in between (their warnings are not repeated).
   */
  cache?: GatherCache;
  /**
   * With `cache`: the topics whose offsets are asked on every gather (kafka-local ui: the ones its
   * pages draw open); the other partitions' offsets, unless a group committed there, are reused
   * for up to `cache.everyMs`.
   */
  hotTopics?: ReadonlySet<string>;
  /**
   * With hotTopics: the caller's own read of the log start and end (high watermark) of their
   * partitions, by `topic:partition` (kafka-local ui: a Fetch where its tails end answers both);
   * partitions it leaves out are asked with ListOffsets.
   */
  hotOffsets?: (parts: { topic: string; partition: number; leader: number }[], deadline: number) => Promise<Map<string, { start: number; end: number }>>;
}

export interface GatherCache {
  everyMs: number;
  configs?: { at: number; names: string; value: Map<string, { minIsr: number | null; overrides: Record<string, string | null> }> };
  sizes?: { at: number; brokers: string; value: Map<string, number> };
  /** A fenced broker leaves Metadata's live brokers, so a change there asks again at once. */
  fenced?: { at: number; brokers: string; value: { brokerId: number; host: string; port: number; rack: string | null }[] };
  offsets?: { at: number; earliest: Map<string, unknown>; latest: Map<string, unknown> };
}

export interface Clients {
  admin: Admin;
  groups: GroupAdmin;
  replicas: ReplicaAdmin;
}

interface MetadataPartition { partitionIndex: number; leaderId: number; replicaNodes: number[]; isrNodes: number[]; errorCode: number }
interface MetadataTopic { name: string; topicId?: string; isInternal: boolean; errorCode: number; partitions: MetadataPartition[] }

/**
 * `re` matching whole names only (Java's Pattern.matches, what kafka-topics --topic does): the
 * pattern anchored at both ends around a group, so `orders|orders-dlq` keeps `orders-dlq`. (The
 * length of the first match is no test: `ab|abc` matches `abc` by its first two letters.)
 */
export function wholeNameMatcher(re: RegExp): (name: string) => boolean {
  const anchored = new RegExp(`^(?:${re.source})$`, re.flags.replace(/[gy]/g, ''));
  return (name) => anchored.test(name);
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export async function gatherStatus(clients: Clients, opts: GatherOptions): Promise<StatusDocument> {
  const { admin } = clients;
  const deadline = Date.now() + opts.timeoutMs;
  const md = await byDeadline(admin.cluster.metadata(null, deadline, 'status'), deadline, 'metadata');
  const warnings: string[] = [];
  const allTopics = (md.topics as MetadataTopic[]).filter((t) => t.errorCode === 0);
  const topicMatches = opts.topic ? wholeNameMatcher(opts.topic) : null;
  const chosen = allTopics
    .filter((t) => (topicMatches ? topicMatches(t.name) : !t.isInternal))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const liveBrokers: { nodeId: number; host: string; port: number; rack: string | null }[] = md.brokers;

  const cache = opts.cache;
  const now = Date.now();
  const names = chosen.map((t) => t.name);
  const brokerIds = liveBrokers.map((b) => b.nodeId);
  const fresh = <T extends { at: number }>(c: T | undefined, same: (c: T) => boolean): T | undefined =>
    c && cache && now - c.at < cache.everyMs && same(c) ? c : undefined;
  const cachedConfigs = fresh(cache?.configs, (c) => c.names === names.join('\0'));
  const cachedSizes = fresh(cache?.sizes, (c) => c.brokers === brokerIds.join(','));
  const cachedFenced = fresh(cache?.fenced, (c) => c.brokers === brokerIds.join(','));
  const leaders = new Map<string, TopicPartitions>(allTopics.map((t) => [t.name, {
    errorCode: t.errorCode, isInternal: t.isInternal,
    partitions: t.partitions.map((p) => ({ partition: p.partitionIndex, leader: p.leaderId, leaderEpoch: -1, errorCode: p.errorCode })),
  }]));
  // The caller's read of the hot topics' offsets goes with the requests below, not after them.
  const hot = opts.hotTopics;
  const none = new Map<string, { start: number; end: number }>();
  const reading = hot && opts.hotOffsets
    ? opts.hotOffsets(chosen.filter((t) => hot.has(t.name)).flatMap((t) => t.partitions.map((p) => ({ topic: t.name, partition: p.partitionIndex, leader: p.leaderId }))), deadline)
      .catch(() => none)
    : Promise.resolve(none);
  const [controller, fenced, configs, sizes, groups] = await Promise.all([
    activeController(clients.replicas, md.controllerId, deadline),
    cachedFenced?.value ?? byDeadline(fencedBrokers(admin, deadline), deadline, 'describeCluster').catch(() => []),
    cachedConfigs?.value ?? topicConfigs(admin, names, deadline, warnings),
    cachedSizes?.value ?? replicaSizes(clients.replicas, brokerIds, deadline, warnings),
    // The Metadata just read named the brokers, when the group admin shares the admin's cluster.
    describeGroups(clients.groups, opts, deadline, warnings, clients.groups.cluster === admin.cluster),
  ]);
  if (cache && !cachedConfigs) cache.configs = { at: now, names: names.join('\0'), value: configs };
  if (cache && !cachedSizes) cache.sizes = { at: now, brokers: brokerIds.join(','), value: sizes };
  if (cache && !cachedFenced) cache.fenced = { at: now, brokers: brokerIds.join(','), value: fenced };

  // End offsets for the chosen topics' partitions and for every partition a group committed.
  const wanted = new Map<string, { topic: string; partition: number }>();
  for (const t of chosen) for (const p of t.partitions) wanted.set(tpKey(t.name, p.partitionIndex), { topic: t.name, partition: p.partitionIndex });
  const committed = new Set<string>();
  for (const g of groups.values()) {
    for (const o of g.offsets ?? []) {
      if (!leaders.has(o.topic)) continue;
      wanted.set(tpKey(o.topic, o.partition), { topic: o.topic, partition: o.partition });
      committed.add(tpKey(o.topic, o.partition));
    }
  }
  // With a cache and hot topics, the other partitions (none of them committed by a group) are
  // asked only every cache.everyMs; what was read for them before stands in between.
  const cachedOffsets = cache && opts.hotTopics && cache.offsets && now - cache.offsets.at < cache.everyMs ? cache.offsets : undefined;
  // Their own timeout: a stalled broker may have used up the first one (ListGroups, log dirs).
  const offsetOpts = { deadline: Math.max(deadline, Date.now() + opts.timeoutMs), callName: 'status' };
  const read = await reading;
  const asked = [...wanted]
    .filter(([key, p]) => !read.has(key) && (!cachedOffsets || hot!.has(p.topic) || committed.has(key) || !cachedOffsets.latest.has(key)))
    .map(([, p]) => p);
  const ask = (timestamp: number): OffsetQuery[] => asked.map((p) => ({ ...p, timestamp }));
  let [earliest, latest] = await Promise.all([
    listOffsetsOnce(admin.cluster, ask(EARLIEST_TIMESTAMP), leaders, offsetOpts),
    listOffsetsOnce(admin.cluster, ask(LATEST_TIMESTAMP), leaders, offsetOpts),
  ]) as Map<string, unknown>[];
  for (const [key, o] of read) {
    earliest.set(key, { offset: o.start });
    latest.set(key, { offset: o.end });
  }
  if (cachedOffsets) {
    earliest = new Map([...cachedOffsets.earliest, ...earliest]);
    latest = new Map([...cachedOffsets.latest, ...latest]);
    cache!.offsets = { at: cachedOffsets.at, earliest, latest };
  } else if (cache && opts.hotTopics) {
    cache.offsets = { at: now, earliest, latest };
  }
  const offsetOf = (m: Map<string, unknown>, topic: string, partition: number): number | null => {
    const a = m.get(tpKey(topic, partition));
    return a && !(a instanceof KafkaError) ? (a as { offset: number }).offset : null;
  };

  const topics: TopicStatus[] = chosen.map((t) => {
    const conf = configs.get(t.name);
    const minIsr = conf?.minIsr ?? null;
    const partitions: PartitionStatus[] = [...t.partitions].sort((a, b) => a.partitionIndex - b.partitionIndex).map((p) => {
      const leader = p.leaderId >= 0 ? p.leaderId : null;
      const start = offsetOf(earliest, t.name, p.partitionIndex);
      const end = offsetOf(latest, t.name, p.partitionIndex);
      const bySize = (b: number) => sizes.get(`${t.name}:${p.partitionIndex}:${b}`);
      const size = (leader !== null ? bySize(leader) : undefined) ?? maxOf(p.replicaNodes.map(bySize));
      return {
        partition: p.partitionIndex, leader, replicas: p.replicaNodes, isr: p.isrNodes,
        logStartOffset: start, logEndOffset: end, records: start !== null && end !== null ? Math.max(0, end - start) : null,
        sizeBytes: size ?? null,
        underReplicated: p.isrNodes.length < p.replicaNodes.length,
        underMinIsr: minIsr !== null && p.isrNodes.length < minIsr,
        leaderless: leader === null,
      };
    });
    return {
      name: t.name, topicId: t.topicId && t.topicId !== ZERO_UUID ? t.topicId : null, internal: t.isInternal,
      partitionCount: partitions.length,
      replicationFactor: Math.max(0, ...partitions.map((p) => p.replicas.length)),
      minInsyncReplicas: minIsr,
      configs: conf?.overrides ?? {},
      records: sumOrNull(partitions.map((p) => p.records)),
      sizeBytes: sumOrNull(partitions.map((p) => p.sizeBytes)),
      underReplicatedPartitions: partitions.filter((p) => p.underReplicated).length,
      underMinIsrPartitions: partitions.filter((p) => p.underMinIsr).length,
      leaderlessPartitions: partitions.filter((p) => p.leaderless).length,
      partitions,
    };
  });

  return {
    version: STATUS_VERSION,
    cluster: {
      clusterId: md.clusterId ?? null,
      controller,
      brokers: brokers(liveBrokers, fenced, allTopics),
    },
    topics,
    groups: [...groups.values()].map((g) => groupStatus(g, (topic, partition) => offsetOf(latest, topic, partition))),
    warnings,
  };
}

/**
 * The active controller: the metadata quorum's leader (DescribeQuorum, forwarded by a broker).
 * A KRaft broker's Metadata and DescribeCluster name a random live broker as "controller" (clients
 * cannot reach the controllers), which changed at every poll against Kafka; Metadata's id stands
 * in where DescribeQuorum is not served (ZooKeeper-era brokers).
 */
async function activeController(replicas: ReplicaAdmin, metadataController: number, deadline: number): Promise<number | null> {
  try {
    const leader = (await byDeadline(replicas.describeMetadataQuorum(), deadline, 'describeQuorum')).leaderId;
    if (leader >= 0) return leader;
  } catch {
    // not served, or no answer in time: Metadata's id
  }
  return metadataController >= 0 ? metadataController : null;
}

const maxOf = (xs: (number | undefined)[]): number | undefined => {
  const known = xs.filter((x): x is number => x !== undefined);
  return known.length > 0 ? Math.max(...known) : undefined;
};

const sumOrNull = (xs: (number | null)[]): number | null => {
  const known = xs.filter((x): x is number => x !== null);
  return known.length > 0 ? known.reduce((a, b) => a + b, 0) : null;
};

/**
 * Live brokers from Metadata, fenced ones from DescribeCluster v2 (Kafka 4.x), and any broker
 * named only as a replica: the cluster lists neither dead nor fenced brokers among its live ones.
 */
function brokers(
  live: { nodeId: number; host: string; port: number; rack: string | null }[],
  fenced: { brokerId: number; host: string; port: number; rack: string | null }[],
  topics: MetadataTopic[],
): BrokerStatus[] {
  const out = new Map<number, BrokerStatus>();
  for (const b of live) out.set(b.nodeId, { id: b.nodeId, host: b.host, port: b.port, rack: b.rack ?? null, alive: true, partitionsLed: 0 });
  for (const b of fenced) {
    if (!out.has(b.brokerId)) out.set(b.brokerId, { id: b.brokerId, host: b.host, port: b.port, rack: b.rack ?? null, alive: false, partitionsLed: 0 });
  }
  for (const t of topics) {
    for (const p of t.partitions) {
      for (const r of p.replicaNodes) if (!out.has(r)) out.set(r, { id: r, host: null, port: null, rack: null, alive: false, partitionsLed: 0 });
      const leader = out.get(p.leaderId);
      if (leader) leader.partitionsLed++;
    }
  }
  return [...out.values()].sort((a, b) => a.id - b.id);
}

/** The fenced brokers, from a broker that offers DescribeCluster v2 (else none known). */
async function fencedBrokers(admin: Admin, deadline: number): Promise<{ brokerId: number; host: string; port: number; rack: string | null }[]> {
  const conn = await admin.cluster.anyConnection(deadline, 'describeCluster');
  if ((conn.versionFor(ApiKey.DescribeCluster) ?? -1) < 2) return [];
  const resp: any = await conn.send(ApiKey.DescribeCluster, { includeClusterAuthorizedOperations: false, endpointType: 1, includeFencedBrokers: true });
  if (resp.errorCode !== 0) return [];
  return resp.brokers.filter((b: any) => b.isFenced);
}

/**
 * Each topic's min.insync.replicas and its own overrides (source DYNAMIC_TOPIC_CONFIG): what the
 * brokers set (static or dynamic broker defaults) applies to every topic alike and says nothing of it.
 */
async function topicConfigs(admin: Admin, names: string[], deadline: number, warnings: string[]): Promise<Map<string, { minIsr: number | null; overrides: Record<string, string | null> }>> {
  const out = new Map<string, { minIsr: number | null; overrides: Record<string, string | null> }>();
  if (names.length === 0) return out;
  let described;
  try {
    described = await byDeadline(admin.describeConfigs(ConfigResourceType.TOPIC, names), deadline, 'describeConfigs');
  } catch (e) {
    warnings.push(`topic configs could not be read: ${message(e)}`);
    return out;
  }
  for (const [name, entries] of described) {
    if (entries instanceof KafkaError) {
      warnings.push(`configs of topic ${name} could not be read: ${entries.message}`);
      continue;
    }
    const overrides: Record<string, string | null> = {};
    let minIsr: number | null = null;
    for (const e of [...entries].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name === 'min.insync.replicas' && e.value !== null) minIsr = Number(e.value);
      if (e.source === ConfigSource.DYNAMIC_TOPIC_CONFIG) overrides[e.name] = e.isSensitive ? null : e.value;
    }
    out.set(name, { minIsr, overrides });
  }
  return out;
}

/** Replica sizes by `topic:partition:broker` from each live broker's DescribeLogDirs. */
async function replicaSizes(replicas: ReplicaAdmin, brokerIds: number[], deadline: number, warnings: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  let described;
  try {
    described = await byDeadline(replicas.describeLogDirs(brokerIds), deadline, 'describeLogDirs');
  } catch (e) {
    warnings.push(`log dirs could not be read: ${message(e)}`);
    return out;
  }
  for (const [broker, dirs] of [...described].sort((a, b) => a[0] - b[0])) {
    if (dirs instanceof KafkaError) {
      warnings.push(`log dirs of broker ${broker} could not be read: ${dirs.message}`);
      continue;
    }
    for (const d of dirs) for (const r of d.replicas) if (!r.isFuture) out.set(`${r.topic}:${r.partition}:${broker}`, r.size);
  }
  return out;
}

interface GroupFacts {
  groupId: string;
  description?: ConsumerGroupDescription;
  offsets?: CommittedOffset[];
  error?: string;
}

async function describeGroups(groups: GroupAdmin, opts: GatherOptions, deadline: number, warnings: string[], brokersKnown: boolean): Promise<Map<string, GroupFacts>> {
  const out = new Map<string, GroupFacts>();
  let ids: string[];
  const groupMatches = opts.group ? wholeNameMatcher(opts.group) : null;
  try {
    ids = (await byDeadline(groups.listConsumerGroups(Math.max(1, deadline - Date.now()), { brokersKnown }), deadline, 'listGroups'))
      .map((l) => l.groupId)
      .filter((id) => (groupMatches ? groupMatches(id) : true))
      .sort();
  } catch (e) {
    warnings.push(`consumer groups could not be listed: ${message(e)}`);
    return out;
  }
  if (ids.length === 0) return out;
  let described;
  try {
    described = await byDeadline(groups.describeGroupsWithOffsets(ids, Math.max(1, deadline - Date.now())), deadline, 'describeGroups');
  } catch (e) {
    warnings.push(`consumer groups could not be described: ${message(e)}`);
    described = new Map();
  }
  for (const id of ids) {
    const r = described.get(id);
    if (r?.ok) out.set(id, { groupId: id, description: r.value.description, offsets: r.value.offsets });
    else out.set(id, { groupId: id, error: r ? message(r.error) : 'not described' });
  }
  return out;
}

function groupStatus(g: GroupFacts, endOffset: (topic: string, partition: number) => number | null): GroupStatus {
  const d = g.description;
  if (!d) {
    return {
      groupId: g.groupId, state: 'Unknown', type: 'Unknown', assignor: '', coordinator: null, members: [], topics: [],
      totalLag: null, rebalancing: false, empty: false, error: g.error ?? null,
    };
  }
  const byTopic = new Map<string, GroupTopicStatus>();
  for (const o of g.offsets ?? []) {
    let t = byTopic.get(o.topic);
    if (!t) byTopic.set(o.topic, (t = { topic: o.topic, partitions: [], lag: null }));
    const end = endOffset(o.topic, o.partition);
    const lag = o.offset !== null && end !== null ? Math.max(0, end - o.offset) : null;
    t.partitions.push({ partition: o.partition, committedOffset: o.offset, logEndOffset: end, lag });
  }
  const topics = [...byTopic.values()].sort((a, b) => (a.topic < b.topic ? -1 : 1));
  for (const t of topics) {
    t.partitions.sort((a, b) => a.partition - b.partition);
    t.lag = sumOrNull(t.partitions.map((p) => p.lag));
  }
  const members = d.members.map((m) => {
    const owned = new Map<string, number[]>();
    for (const tp of m.assignment) owned.set(tp.topic, [...(owned.get(tp.topic) ?? []), tp.partition]);
    return {
      memberId: m.consumerId, clientId: m.clientId, host: m.host, groupInstanceId: m.groupInstanceId,
      assignment: [...owned].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([topic, ps]) => ({ topic, partitions: ps.sort((a, b) => a - b) })),
    };
  }).sort((a, b) => (a.memberId < b.memberId ? -1 : 1));
  return {
    groupId: g.groupId, state: d.state, type: d.type, assignor: d.partitionAssignor, coordinator: d.coordinator.nodeId,
    members, topics, totalLag: sumOrNull(topics.map((t) => t.lag)),
    rebalancing: REBALANCING_STATES.has(d.state), empty: d.state === 'Empty', error: null,
  };
}
