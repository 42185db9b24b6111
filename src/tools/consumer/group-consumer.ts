// A subscribed group consumer for applications built on our client (Connect's sink task, the
// WordCount demo): settings as ConsumerConfig reads them, records handed one at a time, offsets
// committed the consumer's way (auto-commit on an interval, and at close) only for records the
// application has already handled.
import { parseBootstrap } from '../../cli/bootstrap';
import type { LogFn } from '../../client/cluster';
import { assignorsFor } from '../../client/consumer/assignors';
import { RecordCursor, RecordWalk } from '../../client/consumer/records';
import type { FetchedPartition } from '../../client/fetcher';
import { consumerCluster, consumerFetcher, consumerGroupMember } from './clients';
import { consumerSettings } from './config';

export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
}

export class GroupConsumer {
  private readonly settings;
  private readonly cluster;
  private readonly fetcher;
  private readonly member;
  private stopped = false;

  constructor(props: ReadonlyMap<string, string>, topics: string[], log: LogFn) {
    this.settings = consumerSettings(props);
    const logPrefix = `[Consumer clientId=${this.settings.clientId}, groupId=${this.settings.groupId}] `;
    this.cluster = consumerCluster(this.settings, parseBootstrap(props.get('bootstrap.servers')!), log, logPrefix);
    this.fetcher = consumerFetcher(this.cluster, this.settings, log, logPrefix);
    this.member = consumerGroupMember(this.cluster, this.fetcher, this.settings, {
      assignors: assignorsFor(this.settings.assignmentStrategy), topics,
    }, log, logPrefix);
  }

  assignment(): { topic: string; partition: number }[] {
    return this.member.assignment();
  }

  /**
   * Hands each record to `handle` until stop(); a record counts as consumed (and may be committed)
   * once `handle` has returned (or its promise resolved).
   */
  async run(handle: (r: ConsumedRecord) => void | Promise<void>): Promise<void> {
    const cursor = new RecordCursor();
    const walk = new RecordWalk({ checkCrcs: false, readCommitted: this.settings.readCommitted });
    const batch: ConsumedRecord[] = [];
    const sink = {
      onRecord: (c: RecordCursor) => {
        batch.push({
          topic: c.topic, partition: c.partition, offset: c.offset, timestamp: c.timestamp,
          key: c.keyLen < 0 ? null : Buffer.from(c.buf.subarray(c.keyStart, c.keyStart + c.keyLen)),
          value: c.valueLen < 0 ? null : Buffer.from(c.buf.subarray(c.valueStart, c.valueStart + c.valueLen)),
        });
        return true;
      },
    };
    while (!this.stopped) {
      this.member.poll();
      let chunk: FetchedPartition | null = await this.fetcher.poll(Date.now() + 500);
      if (chunk === null || this.stopped) continue;
      walk.reset(chunk);
      batch.length = 0;
      walk.run(cursor, sink, Infinity);
      for (const r of batch) {
        await handle(r);
        this.fetcher.markConsumed(r.topic, r.partition, r.offset + 1, cursor.leaderEpoch);
      }
      this.fetcher.markConsumed(chunk.topic, chunk.partition, chunk.nextOffset);
      chunk = null;
    }
  }

  stop(): void {
    this.stopped = true;
    this.fetcher.wakeup();
  }

  /** Commits what was handled (auto-commit), leaves the group, closes the connections. */
  async close(): Promise<void> {
    this.stop();
    try {
      await this.member.close(this.settings.requestTimeoutMs).catch(() => undefined);
    } finally {
      this.fetcher.close();
      this.cluster.close();
    }
  }
}
