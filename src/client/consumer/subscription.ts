// Topic subscriptions without a consumer group: every partition of the subscribed topics (a
// list, or the topics whose whole name matches a pattern) is assigned to this consumer directly.
// Metadata is refreshed every metadata.max.age.ms, as the Java consumer does, so partitions and
// (for a pattern) topics created later are picked up; new partitions start at auto.offset.reset.
//
// Metadata problems are logged as the Java NetworkClient logs them and retried with backoff:
//   [Consumer clientId=..., groupId=...] The metadata response from the cluster reported a
//   recoverable issue with correlation id N : {t=LEADER_NOT_AVAILABLE} (org.apache.kafka.clients.NetworkClient)
// An invalid topic name or a topic authorization failure is fatal (reported through the fetcher).
import type { Cluster, LogFn } from '../cluster';
import { ConnectionError } from '../connection';
import type { Fetcher } from '../fetcher';
import { errorInfo, ErrorCode, KafkaError, TimeoutError } from '../../protocol/errors';
import { ConsumerFetchError } from './records';

export interface SubscriptionOptions {
  /** Subscribe to these topics... */
  topics?: string[];
  /** ...or to every topic whose whole name matches. */
  pattern?: RegExp;
  excludeInternalTopics: boolean;
  allowAutoCreateTopics: boolean;
  metadataMaxAgeMs: number;
  retryBackoffMs: number;
  requestTimeoutMs: number;
  /**
   * Where partitions without a committed offset start (auto.offset.reset); 'none' fails with
   * NoOffsetForPartitionException once the partitions are known.
   */
  start: 'earliest' | 'latest' | 'none';
  log?: LogFn;
  logPrefix?: string;
}

export class Subscription {
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private running = false;

  constructor(private readonly cluster: Cluster, private readonly fetcher: Fetcher, private readonly opts: SubscriptionOptions) {}

  start(): void {
    this.refresh(0);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(ms: number, backoff: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refresh(backoff);
    }, ms);
  }

  private refresh(backoff: number): void {
    if (this.closed || this.running) return;
    this.running = true;
    this.refreshOnce()
      .then((ok) => {
        this.running = false;
        if (ok) {
          this.schedule(this.opts.metadataMaxAgeMs, 0);
        } else {
          const next = backoff === 0 ? this.opts.retryBackoffMs : Math.min(backoff * 2, 1000);
          this.schedule(next, next);
        }
      })
      .catch((e) => {
        this.running = false;
        this.fetcher.reportError(e);
      });
  }

  /** One metadata round; false when it should be retried soon. */
  private async refreshOnce(): Promise<boolean> {
    const { topics, pattern } = this.opts;
    let md: any;
    try {
      this.fetcher.requestCount++;
      md = await this.cluster.metadata(
        pattern ? null : topics!,
        Date.now() + this.opts.requestTimeoutMs,
        'fetchMetadata',
        !pattern && this.opts.allowAutoCreateTopics,
      );
    } catch (e) {
      if (this.closed) return true;
      if (e instanceof TimeoutError || e instanceof ConnectionError || (e instanceof KafkaError && e.retriable)) return false;
      throw e;
    }
    if (this.closed) return true;
    const errors: string[] = [];
    const invalid: string[] = [];
    const unauthorized: string[] = [];
    const assign: { topic: string; partition: number; start: 'earliest' | 'latest' | 'none'; leader: number; leaderEpoch: number }[] = [];
    for (const t of md.topics) {
      if (pattern) {
        if (t.name === null || !pattern.test(t.name)) continue;
        if (t.isInternal && this.opts.excludeInternalTopics) continue;
      }
      if (t.errorCode !== ErrorCode.NONE) {
        if (t.errorCode === ErrorCode.INVALID_TOPIC_EXCEPTION) invalid.push(t.name);
        else if (t.errorCode === ErrorCode.TOPIC_AUTHORIZATION_FAILED) unauthorized.push(t.name);
        else errors.push(`${t.name}=${errorInfo(t.errorCode).name}`);
        continue;
      }
      for (const p of t.partitions) {
        assign.push({ topic: t.name, partition: p.partitionIndex, start: this.opts.start, leader: p.errorCode === 0 ? p.leaderId : -1, leaderEpoch: p.leaderEpoch ?? -1 });
      }
    }
    if (invalid.length > 0) throw new ConsumerFetchError(`Invalid topics: [${invalid.join(', ')}]`, 'org.apache.kafka.common.errors.InvalidTopicException');
    if (unauthorized.length > 0) throw new ConsumerFetchError(`Not authorized to access topics: [${unauthorized.join(', ')}]`, 'org.apache.kafka.common.errors.TopicAuthorizationException');
    assign.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
    if (assign.length > 0 && this.opts.start === 'none') {
      const known = new Set(this.fetcher.assigned());
      const fresh = assign.filter((a) => !known.has(`${a.topic}:${a.partition}`));
      if (fresh.length > 0) {
        throw new ConsumerFetchError(
          `Undefined offset with no reset policy for partitions: [${fresh.map((a) => `${a.topic}-${a.partition}`).join(', ')}]`,
          'org.apache.kafka.clients.consumer.NoOffsetForPartitionException',
        );
      }
    }
    if (assign.length > 0) this.fetcher.assign(assign as { topic: string; partition: number; start: 'earliest' | 'latest'; leader: number; leaderEpoch: number }[]);
    if (errors.length > 0) {
      this.opts.log?.(
        'WARN',
        `${this.opts.logPrefix ?? ''}The metadata response from the cluster reported a recoverable issue with correlation id ${this.fetcher.requestCount} : {${errors.join(', ')}}`,
        'org.apache.kafka.clients.NetworkClient',
      );
      return false;
    }
    return true;
  }
}
