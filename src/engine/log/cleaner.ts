// The log cleaner: retention every log.retention.check.interval.ms (Kafka's LogManager
// "kafka-log-retention" task) and compaction every log.cleaner.backoff.ms (the cleaner thread's
// sleep when it found nothing to do), both re-armed when a dynamic config changes. Timers are
// unref'd so they never keep the process alive. Work is synchronous SQLite between requests.
//
// Kafka schedules the retention task with an initial delay, log.initial.task.delay.ms (30 s),
// then every interval: with the stock 5-minute interval the first check runs 30 s after start,
// not 5 minutes. Here the first check runs after the smaller of the two, so a lowered interval
// (--override log.retention.check.interval.ms=1000) is not held back by the 30 s.
import type { Engine } from '../engine';
import { applyRetention, cleanupPolicy } from './retention';
import { Compactor } from './compaction';
import { engineLog } from '../server-log';

const LOGGER = 'kafka.log.LogCleaner';
/** setInterval's largest delay; a longer one would fire at once. */
const MAX_DELAY = 2147483647;

export class LogCleaner {
  readonly compactor: Compactor;
  private retentionTimer: NodeJS.Timeout | undefined;
  /** The first retention check after start (log.initial.task.delay.ms). */
  private retentionKickoff: NodeJS.Timeout | undefined;
  private compactionTimer: NodeJS.Timeout | undefined;
  private retentionEvery = -1;
  private compactionEvery = -1;
  private offChange: (() => void) | undefined;
  private closed = false;

  constructor(readonly engine: Engine) {
    this.compactor = new Compactor(engine);
  }

  start(): void {
    this.arm();
    const initialDelay = Math.max(0, this.engine.configs.brokerInt('log.initial.task.delay.ms'));
    if (initialDelay < this.retentionEvery) {
      this.retentionKickoff = setTimeout(() => {
        this.retentionKickoff = undefined;
        // Kafka's fixed-rate schedule: initial delay, then every interval from there.
        this.arm(true);
        this.guard(() => this.runRetention());
      }, initialDelay);
      this.retentionKickoff.unref();
    }
    this.offChange = this.engine.configs.onChange(() => this.arm());
  }

  /** (Re)arm the timers when their interval changed (the retention timer also when restart is set). */
  private arm(restartRetention = false): void {
    if (this.closed) return;
    const retention = this.engine.configs.brokerInt('log.retention.check.interval.ms');
    if (retention !== this.retentionEvery || restartRetention) {
      if (!restartRetention && this.retentionEvery >= 0) {
        // A dynamic change of the interval replaces the pending first check too.
        clearTimeout(this.retentionKickoff);
        this.retentionKickoff = undefined;
      }
      clearInterval(this.retentionTimer);
      this.retentionEvery = retention;
      this.retentionTimer = setInterval(() => this.guard(() => this.runRetention()), Math.min(MAX_DELAY, Math.max(1, retention)));
      this.retentionTimer.unref();
    }
    const enabled = this.engine.configs.brokerValue('log.cleaner.enable') !== false;
    const compaction = enabled ? Math.max(1, this.engine.configs.brokerInt('log.cleaner.backoff.ms')) : 0;
    if (compaction !== this.compactionEvery) {
      clearInterval(this.compactionTimer);
      this.compactionTimer = undefined;
      this.compactionEvery = compaction;
      if (compaction > 0) {
        this.compactionTimer = setInterval(() => this.guard(() => this.runCompaction()), Math.min(MAX_DELAY, compaction));
        this.compactionTimer.unref();
      }
    }
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      // Kafka logs cleaner failures and goes on; the next tick retries.
      engineLog('ERROR', `Log cleaner pass failed: ${(e as Error).message}`, LOGGER);
    }
  }

  /** Delete batches past retention.ms / retention.bytes in every `delete` topic's local replicas. */
  runRetention(now = Date.now()): void {
    const engine = this.engine;
    for (const topic of engine.metadata.allTopics()) {
      if (!cleanupPolicy(engine, topic).delete) continue;
      for (const p of topic.partitions) {
        const log = p && engine.replicaManager.localLog(topic.name, p.partition);
        if (log) applyRetention(engine, log, now);
      }
    }
  }

  /** Compact every `compact` topic's partitions that are due. */
  runCompaction(now = Date.now(), force = false): void {
    const engine = this.engine;
    for (const topic of engine.metadata.allTopics()) {
      if (!cleanupPolicy(engine, topic).compact) continue;
      for (const p of topic.partitions) {
        const log = p && engine.replicaManager.localLog(topic.name, p.partition);
        if (log) this.compactor.compact(log.topic, log.p, now, force);
      }
    }
  }

  close(): void {
    this.closed = true;
    clearInterval(this.retentionTimer);
    clearTimeout(this.retentionKickoff);
    clearInterval(this.compactionTimer);
    this.offChange?.();
  }
}
