// Kafka Streams' WordCountDemo (org.apache.kafka.streams.examples.wordcount.WordCountDemo) without
// a JVM: lines from streams-plaintext-input are lower-cased and split on single spaces (Java's
// String.split(" ")), each word's running count goes to streams-wordcount-output as a String key
// and a Long value (8 bytes, big-endian), one update per word as the demo (record cache 0) emits.
//
// Like the demo it is the consumer group `streams-wordcount` (application.id), and its counts
// survive a restart: every update is also written to the changelog topic Streams would keep for
// the demo's store, streams-wordcount-counts-store-changelog (compacted), which is read back at
// start; input offsets are committed (every 30 s, commit.interval.ms, and at shutdown) only after
// the updates they caused are acknowledged (at-least-once, the demo's guarantee). Unlike Streams
// there is no repartition topic: one process counts every word.
import { parseBootstrap } from '../../cli/bootstrap';
import { Admin } from '../../client/admin';
import { Producer, producerSettings } from '../../client/producer';
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP, listOffsets, tpKey } from '../../client/offsets';
import { RecordCursor, RecordWalk } from '../../client/consumer/records';
import { ErrorCode } from '../../protocol/errors';
import { consumerCluster, consumerFetcher } from '../consumer/clients';
import { consumerSettings } from '../consumer/config';
import { GroupConsumer } from '../consumer/group-consumer';

export const INPUT_TOPIC = 'streams-plaintext-input';
export const OUTPUT_TOPIC = 'streams-wordcount-output';
export const DEFAULT_APPLICATION_ID = 'streams-wordcount';
const STORE = 'counts-store';

export type LogFn = (level: 'WARN' | 'ERROR' | 'INFO', message: string, logger: string) => void;

/** Java's `line.toLowerCase().split(" ")`: trailing empty strings dropped, an empty line is one "" word. */
export function splitWords(line: string): string[] {
  if (line === '') return [''];
  const words = line.toLowerCase().split(' ');
  while (words.length > 0 && words[words.length - 1] === '') words.pop();
  return words;
}

/** Serdes.Long(): 8 bytes, big-endian. */
export function longBytes(n: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(n);
  return b;
}

export interface WordCountSettings {
  bootstrap: string;
  applicationId: string;
  commitIntervalMs: number;
}

export class WordCount {
  readonly counts = new Map<string, bigint>();
  private readonly changelog: string;
  private producer: Producer | null = null;
  private consumer: GroupConsumer | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly settings: WordCountSettings, private readonly log: LogFn) {
    this.changelog = `${settings.applicationId}-${STORE}-changelog`;
  }

  /** Creates the changelog topic when missing (compacted, as many partitions as the input). */
  private async ensureChangelog(admin: Admin): Promise<number> {
    const described = await admin.describeTopics([INPUT_TOPIC, this.changelog]);
    const input = described.find((t) => t.name === INPUT_TOPIC && t.errorCode === 0);
    const existing = described.find((t) => t.name === this.changelog && t.errorCode === 0);
    if (existing) return existing.partitions.length;
    const partitions = input ? input.partitions.length : 1;
    const result = await admin.createTopics([{
      name: this.changelog, numPartitions: partitions, replicationFactor: -1,
      configs: new Map([['cleanup.policy', 'compact'], ['message.timestamp.type', 'CreateTime']]),
    }]);
    const err = result.get(this.changelog);
    if (err && err.code !== ErrorCode.TOPIC_ALREADY_EXISTS) throw err;
    return partitions;
  }

  /** Reads the changelog from its start to its current end into `counts`. */
  private async restore(partitions: number): Promise<void> {
    const props = new Map([['bootstrap.servers', this.settings.bootstrap], ['client.id', `${this.settings.applicationId}-restore-consumer`]]);
    const settings = consumerSettings(props);
    const cluster = consumerCluster(settings, parseBootstrap(this.settings.bootstrap), this.log, '');
    const fetcher = consumerFetcher(cluster, settings, this.log, '', { autoOffsetReset: 'earliest' });
    try {
      const deadline = Date.now() + 60000;
      const queries = Array.from({ length: partitions }, (_, p) => ({ topic: this.changelog, partition: p }));
      const ends = await listOffsets(cluster, queries.map((q) => ({ ...q, timestamp: LATEST_TIMESTAMP })), { deadline });
      const starts = await listOffsets(cluster, queries.map((q) => ({ ...q, timestamp: EARLIEST_TIMESTAMP })), { deadline });
      const left = new Map<string, number>();
      for (const q of queries) {
        const key = tpKey(q.topic, q.partition);
        const end = ends.get(key)?.offset ?? 0;
        if (end > (starts.get(key)?.offset ?? 0)) left.set(key, end);
      }
      if (left.size === 0) return;
      fetcher.assign(queries.filter((q) => left.has(tpKey(q.topic, q.partition))).map((q) => ({ ...q, start: 'earliest' as const })));
      const cursor = new RecordCursor();
      const walk = new RecordWalk({ checkCrcs: false, readCommitted: false });
      const sink = {
        onRecord: (c: RecordCursor) => {
          if (c.keyLen >= 0) {
            const word = c.buf.toString('utf8', c.keyStart, c.keyStart + c.keyLen);
            if (c.valueLen === 8) this.counts.set(word, c.buf.readBigInt64BE(c.valueStart));
            else this.counts.delete(word);
          }
          const key = tpKey(c.topic, c.partition);
          if (left.has(key) && c.offset + 1 >= left.get(key)!) left.delete(key);
          return true;
        },
      };
      while (left.size > 0) {
        if (Date.now() > deadline) throw new Error(`Restoring ${this.changelog} did not finish in 60 s`);
        const chunk = await fetcher.poll(Date.now() + 500);
        if (chunk === null) continue;
        walk.reset(chunk);
        walk.run(cursor, sink, Infinity);
        fetcher.markConsumed(chunk.topic, chunk.partition, chunk.nextOffset);
        if (chunk.nextOffset >= (left.get(tpKey(chunk.topic, chunk.partition)) ?? Infinity)) left.delete(tpKey(chunk.topic, chunk.partition));
      }
    } finally {
      fetcher.close();
      cluster.close();
    }
  }

  async start(): Promise<void> {
    const { bootstrap, applicationId } = this.settings;
    const admin = new Admin({ bootstrap: parseBootstrap(bootstrap), log: this.log });
    let partitions: number;
    try {
      partitions = await this.ensureChangelog(admin);
    } finally {
      admin.close();
    }
    await this.restore(partitions);
    const clientId = `${applicationId}-StreamThread-1`;
    this.producer = new Producer({
      settings: producerSettings(new Map([['bootstrap.servers', bootstrap], ['client.id', `${clientId}-producer`], ['acks', 'all'], ['linger.ms', '100']])),
      log: this.log,
    });
    this.consumer = new GroupConsumer(new Map([
      ['bootstrap.servers', bootstrap], ['group.id', applicationId], ['client.id', `${clientId}-consumer`],
      ['enable.auto.commit', 'true'], ['auto.commit.interval.ms', String(this.settings.commitIntervalMs)], ['auto.offset.reset', 'earliest'],
    ]), [INPUT_TOPIC], this.log);
    const producer = this.producer;
    this.running = this.consumer.run(async (r) => {
      if (r.value === null) return; // flatMapValues on a null line: the demo's task would fail; nothing to count
      const sends: Promise<unknown>[] = [];
      for (const word of splitWords(r.value.toString('utf8'))) {
        const count = (this.counts.get(word) ?? 0n) + 1n;
        this.counts.set(word, count);
        const key = Buffer.from(word, 'utf8');
        const value = longBytes(count);
        sends.push(producer.send(this.changelog, key, 0, key.length, value, 0, 8, null, true) as Promise<number>);
        sends.push(producer.send(OUTPUT_TOPIC, key, 0, key.length, value, 0, 8, null, true) as Promise<number>);
      }
      await Promise.all(sends);
    });
  }

  async stop(): Promise<void> {
    this.consumer?.stop();
    await this.running?.catch(() => undefined);
    await this.consumer?.close();
    await this.producer?.close();
  }

  /** Rejects when processing fails (the stream thread dying). */
  failed(): Promise<never> {
    return (this.running ?? Promise.resolve()).then(() => new Promise<never>(() => undefined));
  }
}
