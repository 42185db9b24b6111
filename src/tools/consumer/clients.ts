// The consumer's client objects built from its settings (ConsumerConfig's values), one way for
// every tool that consumes: kafka-console-consumer, kafka-consumer-perf-test, kafka-e2e-latency.
import { Cluster, type HostPort, type LogFn } from '../../client/cluster';
import { GroupMember } from '../../client/consumer/group-member';
import type { PartitionAssignor } from '../../client/consumer/assignors/types';
import { Fetcher } from '../../client/fetcher';
import type { ConsumerSettings } from './config';
import type { NetworkMetrics } from '../../client/metrics';
import type { ConsumerMetrics } from '../../client/consumer/metrics';

export function consumerCluster(settings: ConsumerSettings, bootstrap: HostPort[], log: LogFn, logPrefix: string, network?: NetworkMetrics): Cluster {
  return new Cluster({
    network,
    bootstrap, clientId: settings.clientId, logPrefix, log,
    reconnectBackoffMs: settings.reconnectBackoffMs, reconnectBackoffMaxMs: settings.reconnectBackoffMaxMs,
    connectTimeoutMs: settings.requestTimeoutMs,
  });
}

export function consumerFetcher(cluster: Cluster, settings: ConsumerSettings, log: LogFn, logPrefix?: string,
  overrides: { autoOffsetReset?: 'earliest' | 'latest' | 'none'; maxWaitMs?: number; metrics?: ConsumerMetrics } = {}): Fetcher {
  return new Fetcher(cluster, {
    metrics: overrides.metrics,
    isolationLevel: settings.readCommitted ? 1 : 0,
    autoOffsetReset: overrides.autoOffsetReset ?? settings.autoOffsetReset,
    maxWaitMs: overrides.maxWaitMs ?? settings.fetchMaxWaitMs,
    minBytes: settings.fetchMinBytes,
    maxBytes: settings.fetchMaxBytes,
    partitionMaxBytes: settings.maxPartitionFetchBytes,
    retryBackoffMs: settings.retryBackoffMs,
    requestTimeoutMs: settings.requestTimeoutMs,
    allowAutoCreateTopics: settings.allowAutoCreateTopics,
    log, logPrefix,
  });
}

/** A group member subscribed to `topics` or `pattern`, waking `fetcher` when the assignment changes. */
export function consumerGroupMember(cluster: Cluster, fetcher: Fetcher, settings: ConsumerSettings,
  sub: { assignors: PartitionAssignor[]; topics?: string[]; pattern?: RegExp }, log: LogFn, logPrefix: string, metrics?: ConsumerMetrics): GroupMember {
  return new GroupMember(cluster, fetcher, {
    onRoundTrip: metrics ? (api, ms) => metrics.roundTrip(api, ms) : undefined,
    groupId: settings.groupId!,
    groupInstanceId: settings.groupInstanceId,
    sessionTimeoutMs: settings.sessionTimeoutMs,
    rebalanceTimeoutMs: settings.maxPollIntervalMs,
    heartbeatIntervalMs: settings.heartbeatIntervalMs,
    retryBackoffMs: settings.retryBackoffMs,
    requestTimeoutMs: settings.requestTimeoutMs,
    metadataMaxAgeMs: settings.metadataMaxAgeMs,
    assignors: sub.assignors,
    autoCommit: settings.enableAutoCommit,
    autoCommitIntervalMs: settings.autoCommitIntervalMs,
    autoOffsetReset: settings.autoOffsetReset,
    topics: sub.topics,
    pattern: sub.pattern,
    excludeInternalTopics: settings.excludeInternalTopics,
    allowAutoCreateTopics: settings.allowAutoCreateTopics,
    wake: () => fetcher.wakeup(),
    log, logPrefix,
  });
}
